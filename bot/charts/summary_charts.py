"""The charts of one discussion's summary."""

from __future__ import annotations

import logging
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


@dataclass(frozen=True, slots=True)
class SummaryCharts:
    stances: bytes | None = None
    """Declared and inferred members per option (PNG, light: what Discord gets)."""
    opinion_map: bytes | None = None
    """The members' points, coloured by opinion group (PNG); only for stable groups."""
    dark: SummaryCharts | None = None
    """The same charts in the dark theme, for the web room's visitors whose system is
    dark (drawn only for it: Discord gets the light ones, opaque, legible in either of
    its themes)."""

    def files(self) -> dict[str, bytes]:
        """The charts by the file name they are attached under."""
        named = {STANCES_FILE: self.stances, MAP_FILE: self.opinion_map}
        return {name: data for name, data in named.items() if data is not None}

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


def _draw(summary: DiscussionSummary, lang: str, theme: ChartTheme) -> SummaryCharts:
    from bot.charts.opinion_map import opinion_map_png
    from bot.charts.stance_bars import stance_chart_png

    stances = opinion_map = None
    try:
        stances = stance_chart_png(
            summary.stances, summary.question, lang, closed=summary.closed, theme=theme
        )
    except Exception:
        log.exception("%s stance chart for discussion %s failed", theme.name, summary.id)
    if summary.groups and summary.stable and summary.projection:
        try:
            members = [g.members for g in summary.groups]
            opinion_map = opinion_map_png(summary.projection, members, lang, theme=theme)
        except Exception:
            log.exception("%s opinion map for discussion %s failed", theme.name, summary.id)
    return SummaryCharts(stances=stances, opinion_map=opinion_map)
