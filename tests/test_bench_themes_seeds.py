"""bench/themes.py's --seeds: each seed moves the analysis' draws, seed 0 keeps main's."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import bench.themes as bench
from bot.analysis.themes import Theme, ThemeParams, ThemesResult


def comments(n: int) -> list[bench.Comment]:
    return [bench.Comment(str(i), f"avis numéro {i}", "t", i % 2) for i in range(n)]


@pytest.mark.parametrize("seed", [0, 1000])
def test_the_reference_and_every_re_run_take_their_seed_from_the_given_one(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    asked: list[int] = []

    def record(*args: Any, seed: int, **kwargs: Any) -> ThemesResult:
        asked.append(seed)
        return ThemesResult("unclear", considered=0)

    monkeypatch.setattr(bench, "find_themes", record)
    replies = comments(20)
    vectors = {c.id: np.ones(4) for c in replies}
    result = bench.score(replies, vectors, ThemeParams(), seed).result
    ids = tuple(c.id for c in replies)
    theme = Theme("t1", "avis", ("avis",), ids, {}, {}, (), 1.0)
    reference = ThemesResult("themes", themes=(theme,), considered=20)
    bench.stability(replies, vectors, ThemeParams(), reference, rounds=3, seed=seed)
    assert result.status == "unclear"
    assert asked == [seed, 1 ^ seed, 2 ^ seed, 3 ^ seed]  # seed 0: main's 0, 1, 2, 3


def test_a_quick_run_does_not_judge_the_10k_goal() -> None:
    """At 1,000 replies the goal (2 s for 10,000) was scaled to 0.2 s and called MISSED,
    though the themes fit at most 600 replies whatever the size."""
    assert bench._verdict_10k(1_000, 0.34).startswith("not judged at 1,000")
    assert bench._verdict_10k(10_000, 1.5).startswith("met")
    assert bench._verdict_10k(10_000, 2.5).startswith("MISSED")
