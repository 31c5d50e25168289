"""The summary's charts in their two themes: light (Discord, the web room's light theme)
and dark (the web room's dark theme). Each opaque on its own background, every word on it
legible (4.5:1), inferred bars hatched; Discord gets the light ones only."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.image import imread
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from bot.analysis.model import Discussion, Reply
from bot.analysis.polis.result import GroupsResult, OpinionGroup
from bot.analysis.summarize import with_groups
from bot.analysis.summary import DiscussionSummary, StanceCounts
from bot.charts.opinion_map import opinion_map_figure, opinion_map_png
from bot.charts.stance_bars import stance_chart_figure, stance_chart_png
from bot.charts.summary_charts import draw_summary_charts
from bot.charts.theme import DARK, LIGHT, THEMES, ChartTheme, contrast

COUNTS = StanceCounts(
    declared={"Oui": 4, "Non": 2, "Nuancé": 1}, inferred={"Oui": 3, "Non": 5}, combined={}
)
EMPTY = StanceCounts({"Oui": 0, "Non": 0}, {}, {"Oui": 0, "Non": 0})
PROJECTION = {str(n): (float(n % 5), float(n % 3) - 1.0) for n in range(12)}
GROUPS = [[str(n) for n in range(0, 5)], [str(n) for n in range(5, 10)]]  # 10, 11: no group

CHARTS: dict[str, Callable[[ChartTheme], bytes]] = {
    "stances": lambda theme: stance_chart_png(COUNTS, "Faut-il ?", "fr", theme=theme),
    "no stance": lambda theme: stance_chart_png(EMPTY, "Q ?", "en", closed=True, theme=theme),
    "map": lambda theme: opinion_map_png(PROJECTION, GROUPS, "fr", you="3", theme=theme),
}
FIGURES: dict[str, Callable[[ChartTheme], Figure]] = {
    "stances": lambda theme: stance_chart_figure(COUNTS, "Faut-il ?", "fr", theme=theme),
    "no stance": lambda theme: stance_chart_figure(EMPTY, "Q ?", "en", theme=theme),
    "map": lambda theme: opinion_map_figure(PROJECTION, GROUPS, "en", you="3", theme=theme),
}


def _pixels(png: bytes) -> Any:
    return imread(io.BytesIO(png), format="png")


@pytest.mark.parametrize("theme", THEMES, ids=lambda theme: theme.name)
@pytest.mark.parametrize("chart", list(CHARTS))
def test_each_chart_is_opaque_on_its_themes_background(chart: str, theme: ChartTheme) -> None:
    """No transparent pixel, whatever is behind it (Discord's light or dark theme, the web
    room's card), and its background the theme's: white, or the dark room's cards."""
    pixels = _pixels(CHARTS[chart](theme))
    assert pixels.shape[2] == 3 or np.all(pixels[:, :, 3] == 1.0)
    corner = tuple(float(c) for c in pixels[0, 0, :3])
    assert corner == pytest.approx(to_rgb(theme.paper), abs=1 / 255)
    assert pixels[:, :, :3].std() > 0.01, "something is drawn on it"


@pytest.mark.parametrize("theme", THEMES, ids=lambda theme: theme.name)
@pytest.mark.parametrize("chart", list(FIGURES))
def test_every_word_on_a_chart_reads_on_its_background(chart: str, theme: ChartTheme) -> None:
    """Titles, ticks, counts, legends, the note of an empty chart and « You »: 4.5:1 on the
    chart's background (a group's letter sits on its own box: the opinion map's tests).
    The light chart's « no stance » note was grey, 3.9:1."""
    figure = FIGURES[chart](theme)
    low = {
        text.get_text(): round(ratio, 2)
        for text in figure.findobj(Text)
        if isinstance(text, Text)
        and text.get_visible()
        and text.get_text().strip()
        and text.get_bbox_patch() is None
        and (ratio := contrast(to_rgb(text.get_color()), theme.paper)) < 4.5
    }
    assert low == {}


@pytest.mark.parametrize("theme", THEMES, ids=lambda theme: theme.name)
def test_inferred_bars_are_hatched_and_declared_ones_solid(theme: ChartTheme) -> None:
    """Two blues each 3:1 on the background are not 3:1 from each other: the inferred
    bars are told from the declared ones by their stripes, in the legend too."""
    (ax,) = stance_chart_figure(COUNTS, "Q ?", "en", theme=theme).axes
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    declared = [b for b in bars if to_rgb(b.get_facecolor()) == to_rgb(theme.declared)]
    inferred = [b for b in bars if to_rgb(b.get_facecolor()) == to_rgb(theme.inferred)]
    assert len(declared) == len(inferred) == 3
    assert all(not b.get_hatch() for b in declared)
    assert all(b.get_hatch() for b in inferred)
    legend = ax.get_legend()
    assert legend is not None
    keys = {t.get_text(): h for t, h in zip(legend.get_texts(), legend.legend_handles, strict=True)}
    assert keys["Inferred from replies"].get_hatch()  # type: ignore[union-attr]
    assert not keys["Declared"].get_hatch()  # type: ignore[union-attr]


def _summary() -> DiscussionSummary:
    base = DiscussionSummary(
        id="1",
        question="Faut-il ?",
        options=("Oui", "Non"),
        language="fr",
        participant_count=12,
        reply_count=2,
        stances=COUNTS,
        reply_stances=(),
        arguments={},
        keywords=(),
    )
    polis = GroupsResult(
        groups=tuple(OpinionGroup(n, tuple(g), (), 1.0) for n, g in enumerate(GROUPS)),
        stable=True,
        projection=dict(PROJECTION),
    )
    replies = (Reply("11", "a", "Oui"), Reply("12", "b", "Non"))
    return with_groups(base, polis, Discussion("1", "Faut-il ?", ("Oui", "Non"), replies=replies))


def test_the_web_room_gets_dark_charts_and_discord_the_light_ones() -> None:
    """Discord's attachments are the light charts, opaque (legible in its dark theme, its
    default, as in its light one); the web room serves the dark ones beside them."""
    summary = _summary()
    light = draw_summary_charts(summary)
    both = draw_summary_charts(summary, dark=True)
    assert light.dark is None and set(light.files()) == {"stances.png", "map.png"}
    assert both.files() == light.files(), "what Discord gets does not change"
    web = both.web_files()
    assert set(web) == {"stances.png", "map.png", "stances-dark.png", "map-dark.png"}
    for name in ("stances", "map"):
        dark = _pixels(web[f"{name}-dark.png"])[0, 0, :3]
        assert tuple(float(c) for c in dark) == pytest.approx(to_rgb(DARK.paper), abs=1 / 255)
        shown = _pixels(web[f"{name}.png"])[0, 0, :3]
        assert tuple(float(c) for c in shown) == pytest.approx(to_rgb(LIGHT.paper), abs=1 / 255)


def test_a_summary_without_groups_has_no_dark_map() -> None:
    summary = replace(_summary(), polis=None, groups=())
    assert set(draw_summary_charts(summary, dark=True).web_files()) == {
        "stances.png",
        "stances-dark.png",
    }
