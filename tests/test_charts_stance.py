"""The stance bar chart is a valid PNG for ordinary, long and empty inputs."""

from __future__ import annotations

import struct

import pytest

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


def test_long_labels_and_all_zero_counts() -> None:
    options = {
        "Un simple outil au service des artistes humains, rien de plus": 0,
        "Un co-créateur à part entière": 0,
        "Aucun rôle": 0,
    }
    png = stance_chart_png(StanceCounts(options, {}, options), "Q " * 80, "fr")
    _size(png)


def test_empty_counts() -> None:
    _size(stance_chart_png(StanceCounts({}, {}, {}), "", "en"))
