"""k-means++ starts drawn together are the starts drawn one by one, and leave the
generator where the one-by-one draws leave it (the groups depend on both)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.polis.kmeans import canonical_labels, kmeans_pp, kmeans_pp_starts


@st.composite
def _problems(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, int, int, int]:
    n_points = draw(st.integers(1, 40))
    distinct = draw(st.integers(1, n_points))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(distinct, 2))
    points = base[rng.integers(0, distinct, n_points)]  # repeated points: some starts run dry
    weights = rng.integers(1, 20, n_points).astype(np.float64)
    return points, weights, draw(st.integers(1, 6)), draw(st.integers(0, 8)), seed


@settings(max_examples=200, deadline=None)
@given(_problems())
def test_starts_drawn_together_equal_starts_drawn_one_by_one(
    problem: tuple[np.ndarray, np.ndarray, int, int, int],
) -> None:
    points, weights, k, n, seed = problem
    one_by_one, together = np.random.default_rng(seed + 1), np.random.default_rng(seed + 1)
    expected = [kmeans_pp(points, k, weights, one_by_one) for _ in range(n)]
    got = kmeans_pp_starts(points, k, weights, together, n)
    assert len(got) == len(expected)
    for a, b in zip(got, expected, strict=True):
        assert np.array_equal(a, b)
    assert one_by_one.random() == together.random()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=60))
def test_canonical_labels_number_the_groups_by_first_appearance(labels: list[int]) -> None:
    """As np.unique's sorts numbered them before (the first group seen is 0, the next 1...)."""
    array = np.array(labels, dtype=np.int64)
    got = canonical_labels(array)
    if not labels:
        assert got.size == 0
        return
    _, first, inverse = np.unique(array, return_index=True, return_inverse=True)
    want = np.argsort(np.argsort(first))[inverse]
    assert got.dtype == np.int64 and np.array_equal(got, want)
