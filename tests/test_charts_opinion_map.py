"""The opinion map renders a PNG with no member names."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from matplotlib.image import imread

from bot.analysis._polis_synthetic import planted_discussion
from bot.analysis.groups import analyze_groups
from bot.charts.opinion_map import group_letter, opinion_map_png

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_map_of_real_groups_is_a_png() -> None:
    result = analyze_groups(planted_discussion(n_groups=3, n_users=150, seed=1).discussion)
    png = opinion_map_png(result["projection"], result["groups"], "fr")
    assert png.startswith(PNG_MAGIC)
    image = imread(io.BytesIO(png), format="png")
    assert image.shape[0] > 200 and image.shape[1] > 200
    assert image.std() > 0.01, "not a blank image"


def _pixels(png: bytes) -> Any:
    assert png.startswith(PNG_MAGIC)
    return imread(io.BytesIO(png), format="png")


def test_map_handles_empty_and_ungrouped() -> None:
    empty = _pixels(opinion_map_png({}, [], "en"))
    projection: dict[str, tuple[float, float] | list[float]] = {
        "a": (0.0, 1.0),
        "b": [1.0, 0.0],
        "c": (2.0, 2.0),
    }
    groups = [{"id": 0, "members": ["a", "b"]}]
    drawn = _pixels(opinion_map_png(projection, groups, "en"))
    assert drawn.shape == empty.shape and drawn.std() > 0.01
    # Each member is a point: a map without the ungrouped member "c" is not the same
    # picture, nor one where "b" leaves the group (a grey point instead of a coloured one).
    without_c = {k: v for k, v in projection.items() if k != "c"}
    assert not np.array_equal(drawn, _pixels(opinion_map_png(without_c, groups, "en")))
    only_a = [{"id": 0, "members": ["a"]}]
    assert not np.array_equal(drawn, _pixels(opinion_map_png(projection, only_a, "en")))


def test_group_letters() -> None:
    assert [group_letter(i) for i in (0, 1, 25, 26)] == ["A", "B", "Z", "AA"]
