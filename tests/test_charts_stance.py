"""The stance bar chart is a valid PNG for ordinary, long and empty inputs."""

from __future__ import annotations

import io
import struct
from typing import Any

import numpy as np
import pytest
from matplotlib.image import imread

from bot.analysis.summary import StanceCounts
from bot.charts.stance_bars import stance_chart_png


def _size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.mark.parametrize("language", ["fr", "en"])
def test_chart_is_a_png(language: str) -> None:
    counts = StanceCounts(
        declared={"Oui": 4, "Non": 2, "Nuancé": 1}, inferred={"Oui": 3, "Non": 5}, combined={}
    )
    width, height = _size(stance_chart_png(counts, "Faut-il taxer les robots ?", language))
    assert width > 300 and height > 200


def _pixels(png: bytes) -> Any:
    _size(png)
    return imread(io.BytesIO(png), format="png")


def test_the_bars_follow_the_counts() -> None:
    def chart(oui: int, non: int) -> Any:
        declared = {"Oui": oui, "Non": non}
        return _pixels(stance_chart_png(StanceCounts(declared, {}, declared), "Q ?", "fr"))

    assert not np.array_equal(chart(4, 1), chart(1, 4))
    assert np.array_equal(chart(4, 1), chart(4, 1))  # the same counts draw the same chart


def test_long_labels_and_all_zero_counts() -> None:
    options = {
        "Un simple outil au service des artistes humains, rien de plus": 0,
        "Un co-créateur à part entière": 0,
        "Aucun rôle": 0,
    }
    zero = _pixels(stance_chart_png(StanceCounts(options, {}, options), "Q " * 80, "fr"))
    some_counts = {**options, "Aucun rôle": 3}
    some = _pixels(stance_chart_png(StanceCounts(some_counts, {}, some_counts), "Q " * 80, "fr"))
    assert zero.std() > 0.01  # labels and axes are drawn
    assert not np.array_equal(zero, some)


def test_empty_counts() -> None:
    assert _pixels(stance_chart_png(StanceCounts({}, {}, {}), "", "en")).std() > 0.01


def test_an_empty_chart_of_a_closed_discussion_does_not_say_yet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bot.charts.stance_bars as bars

    said: list[str] = []
    real_t = bars.t

    def recording(key: str, lang: str, **args: Any) -> str:
        said.append(real_t(key, lang, **args))
        return said[-1]

    monkeypatch.setattr(bars, "t", recording)
    zero = StanceCounts({"Oui": 0, "Non": 0}, {}, {"Oui": 0, "Non": 0})
    open_png = bars.stance_chart_png(zero, "Q ?", "en")
    assert "No stance yet" in said
    said.clear()
    closed_png = bars.stance_chart_png(zero, "Q ?", "en", closed=True)
    assert "No stance yet" not in said and "No stance, declared or inferred" in said
    assert not np.array_equal(_pixels(open_png), _pixels(closed_png))


def test_dollars_in_the_question_and_options_are_dollars_not_tex(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Text between two "$" went to matplotlib's TeX parser: "Would you pay $5 a month,
    or $10?" was drawn as "5amonth,or10" in italics (and "50%" between them failed)."""
    from matplotlib import mathtext

    read_as_tex: list[str] = []
    real_parse = mathtext.MathTextParser.parse

    def parse(self: Any, s: str, *args: Any, **kwargs: Any) -> Any:
        read_as_tex.append(s)
        return real_parse(self, s, *args, **kwargs)

    monkeypatch.setattr(mathtext.MathTextParser, "parse", parse)
    options = {"Under $5": 2, "$5 to $10": 1}
    png = stance_chart_png(
        StanceCounts(options, {}, options), "Would you pay $5 a month, or $10 for 4K?", "en"
    )
    assert _pixels(png).std() > 0.01
    assert read_as_tex == []
