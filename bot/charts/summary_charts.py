"""The charts of one discussion's summary."""

from __future__ import annotations

import logging
import struct
from dataclasses import dataclass

from bot.analysis.summary import DiscussionSummary
from bot.charts.theme import DARK, LIGHT, ChartTheme

log = logging.getLogger(__name__)

STANCES_FILE = "stances.png"
MAP_FILE = "map.png"
DARK_SUFFIX = "-dark"
"""A dark chart's file name: ``stances-dark.png``, ``map-dark.png`` (the web room's)."""


def dark_file(name: str) -> str:
    """The file name of ``name``'s dark variant."""
    stem, dot, extension = name.rpartition(".")
    return f"{stem}{DARK_SUFFIX}{dot}{extension}"


def light_file(name: str) -> str | None:
    """The light chart whose dark variant is named ``name`` (``stances-dark.png`` ->
    ``stances.png``); ``None`` for a name that is no dark variant's."""
    stem, dot, extension = name.rpartition(".")
    if not stem.endswith(DARK_SUFFIX):
        return None
    return f"{stem.removesuffix(DARK_SUFFIX)}{dot}{extension}"


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, as its header (IHDR, the first chunk) gives them."""
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


@dataclass(frozen=True, slots=True)
class SummaryCharts:
    stances: bytes | None = None
    """Declared and inferred members per option (PNG, light: what Discord gets)."""
    opinion_map: bytes | None = None
    """The members' points, coloured by opinion group (PNG); only for stable groups."""
    dark: SummaryCharts | None = None
    """The same charts in the dark theme, when drawn with them (Discord gets the light
    ones, opaque, legible in either of its themes; the web room draws each dark one only
    when a visitor whose system is dark asks for it: :func:`draw_dark_chart`)."""

    def files(self) -> dict[str, bytes]:
        """The charts by the file name they are attached under."""
        named = {STANCES_FILE: self.stances, MAP_FILE: self.opinion_map}
        return {name: data for name, data in named.items() if data is not None}

    def size(self, name: str) -> tuple[int, int] | None:
        """The width and height of the chart attached as ``name`` (its dark variant is
        drawn as large), for a page to keep its shape: a chart lying down (past five
        options) is taller than wide."""
        data = self.files().get(name)
        return png_size(data) if data is not None else None

    def web_files(self) -> dict[str, bytes]:
        """The charts the web room serves: :meth:`files`, and their dark variants under
        :func:`dark_file`'s names."""
        dark = self.dark.files() if self.dark is not None else {}
        return self.files() | {dark_file(name): data for name, data in dark.items()}


def draw_summary_charts(
    summary: DiscussionSummary, language: str | None = None, *, dark: bool = False
) -> SummaryCharts:
    """The summary's charts in ``language`` (default: the discussion's), the language of
    the text they are shown beside, with their ``dark`` variants too when asked; one that
    fails is logged and left out (slow: run off the loop)."""
    light = _draw(summary, language or summary.language, LIGHT)
    if not dark:
        return light
    shaded = _draw(summary, language or summary.language, DARK)
    return SummaryCharts(light.stances, light.opinion_map, dark=shaded)


def draw_dark_chart(
    summary: DiscussionSummary, name: str, language: str | None = None
) -> bytes | None:
    """The dark variant of the summary's chart ``name`` (``stances.png``, ``map.png``), in
    ``language`` (default: the discussion's): the web room draws it the first time a
    visitor whose system is dark asks for it. ``None`` when the summary has no such chart
    or it failed (logged; slow: run off the loop)."""
    draw = {STANCES_FILE: _stances, MAP_FILE: _map}.get(name)
    return draw(summary, language or summary.language, DARK) if draw else None


def _draw(summary: DiscussionSummary, lang: str, theme: ChartTheme) -> SummaryCharts:
    return SummaryCharts(
        stances=_stances(summary, lang, theme), opinion_map=_map(summary, lang, theme)
    )


def _stances(summary: DiscussionSummary, lang: str, theme: ChartTheme) -> bytes | None:
    from bot.charts.stance_bars import stance_chart_png

    try:
        return stance_chart_png(
            summary.stances, summary.question, lang, closed=summary.closed, theme=theme
        )
    except Exception:
        log.exception("%s stance chart for discussion %s failed", theme.name, summary.id)
        return None


def _map(summary: DiscussionSummary, lang: str, theme: ChartTheme) -> bytes | None:
    from bot.charts.opinion_map import opinion_map_png

    if not (summary.groups and summary.stable and summary.projection):
        return None
    try:
        members = [g.members for g in summary.groups]
        return opinion_map_png(summary.projection, members, lang, theme=theme)
    except Exception:
        log.exception("%s opinion map for discussion %s failed", theme.name, summary.id)
        return None
