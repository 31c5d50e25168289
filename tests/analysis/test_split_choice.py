"""The split of the base clusters: among near-equal k-means optima, the best separated.

``split_tolerance`` keeps the outcome of best silhouette among those whose
inertia is within that share of the lowest; ``0`` keeps the lowest inertia.
"""

from __future__ import annotations

import numpy as np
import pytest

from bot.analysis.polis.clustering import _best_separated, _without_small_groups
from bot.analysis.polis.kmeans import Outcome
from bot.analysis.polis.scores import silhouette

POINTS = np.array([[0.0, 0.0], [0.1, 0.0], [1.0, 0.0], [1.1, 0.0], [5.0, 0.0]])
SPLIT_OFF_OUTLIER = np.array([0, 0, 0, 0, 1])
SPLIT_IN_THE_MIDDLE = np.array([0, 0, 1, 1, 1])


def _outcome(labels: np.ndarray, inertia: float) -> Outcome:
    return Outcome(labels, np.zeros((2, 2)), inertia)


def test_zero_tolerance_keeps_the_lowest_inertia() -> None:
    outcomes = [_outcome(SPLIT_IN_THE_MIDDLE, 10.0), _outcome(SPLIT_OFF_OUTLIER, 10.05)]
    assert _best_separated(outcomes, POINTS, 0.0) is outcomes[0]


def test_a_better_separated_optimum_within_the_tolerance_wins() -> None:
    assert silhouette(POINTS, SPLIT_OFF_OUTLIER) > silhouette(POINTS, SPLIT_IN_THE_MIDDLE)
    outcomes = [_outcome(SPLIT_IN_THE_MIDDLE, 10.0), _outcome(SPLIT_OFF_OUTLIER, 10.05)]
    assert _best_separated(outcomes, POINTS, 0.01) is outcomes[1]


def test_an_optimum_beyond_the_tolerance_is_not_considered() -> None:
    outcomes = [_outcome(SPLIT_IN_THE_MIDDLE, 10.0), _outcome(SPLIT_OFF_OUTLIER, 10.2)]
    assert _best_separated(outcomes, POINTS, 0.01) is outcomes[0]


def test_weights_of_one_are_the_unweighted_silhouette() -> None:
    for labels in (SPLIT_OFF_OUTLIER, SPLIT_IN_THE_MIDDLE):
        plain = silhouette(POINTS, labels)
        assert silhouette(POINTS, labels, np.ones(len(POINTS))) == plain


def test_weighted_silhouette_counts_members() -> None:
    """Equal weights change nothing; a point standing for many members weighs as many."""
    for labels in (SPLIT_OFF_OUTLIER, SPLIT_IN_THE_MIDDLE):
        plain = silhouette(POINTS, labels)
        assert silhouette(POINTS, labels, np.full(len(POINTS), 3.0)) == pytest.approx(plain)
    heavy_middle = np.array([1.0, 1.0, 50.0, 50.0, 1.0])
    assert silhouette(POINTS, SPLIT_IN_THE_MIDDLE, heavy_middle) != pytest.approx(
        silhouette(POINTS, SPLIT_IN_THE_MIDDLE)
    )


def test_splits_with_a_tiny_group_are_set_aside_while_another_exists() -> None:
    weights = np.array([30.0, 30.0, 20.0, 19.0, 1.0])
    tiny, sizable = _outcome(SPLIT_OFF_OUTLIER, 1.0), _outcome(SPLIT_IN_THE_MIDDLE, 2.0)
    assert _without_small_groups([tiny, sizable], weights, 2, 0.02) == [sizable]
    assert _without_small_groups([tiny, sizable], weights, 2, 0.0) == [tiny, sizable]
    assert _without_small_groups([tiny], weights, 2, 0.02) == [tiny]


def test_an_emptied_group_counts_as_tiny() -> None:
    weights = np.ones(len(POINTS))
    one_group = _outcome(np.zeros(len(POINTS), dtype=np.int64), 1.0)
    two = _outcome(SPLIT_IN_THE_MIDDLE, 2.0)
    assert _without_small_groups([one_group, two], weights, 2, 0.02) == [two]
