"""A question may have up to 20 options: its stance chart grew a bar wider for each, a
3,740 × 462 strip for 20 (8:1), which Discord shows some 400 pixels wide, its labels
then a pixel or two high. Past five options the bars
lie down, one under the other, in a chart about as tall as wide."""

from __future__ import annotations

import struct

import pytest

from bot.analysis.summary import StanceCounts
from bot.charts.stance_bars import stance_chart_figure, stance_chart_png

COLUMNS = 5
"""Options that stand side by side (:data:`bot.charts.stance_bars.COLUMNS`)."""


def _counts(n: int) -> StanceCounts:
    options = [f"Option numéro {i} assez longue pour deux lignes" for i in range(1, n + 1)]
    declared = {o: i % 5 for i, o in enumerate(options)}
    inferred = {o: i % 3 for i, o in enumerate(options)}
    return StanceCounts(declared, inferred, {o: declared[o] + inferred[o] for o in options})


def _size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.mark.parametrize("n", [COLUMNS + 1, 12, 20])
def test_many_options_lie_down_in_a_chart_about_as_tall_as_wide(n: int) -> None:
    width, height = _size(stance_chart_png(_counts(n), "Votre film préféré ?", "fr"))
    assert 0.5 <= width / height <= 2.0, (width, height)
    assert width <= 1200
    axes = stance_chart_figure(_counts(n), "Votre film préféré ?", "fr").axes[0]
    shown = [label.get_text().replace("\n", " ") for label in axes.get_yticklabels()]
    assert len(shown) == n and shown[0].startswith("Option numéro 1 ")  # the first on top
    assert axes.get_ylim()[0] > axes.get_ylim()[1]
    assert axes.get_xlabel() == "Membres"


@pytest.mark.parametrize("n", [2, COLUMNS])
def test_a_few_options_stand_side_by_side(n: int) -> None:
    width, height = _size(stance_chart_png(_counts(n), "Q ?", "en"))
    assert width / height <= 2.5, (width, height)
    axes = stance_chart_figure(_counts(n), "Q ?", "en").axes[0]
    assert len(axes.get_xticklabels()) == n and axes.get_ylabel() == "Members"
