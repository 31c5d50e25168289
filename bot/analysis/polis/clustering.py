"""Members into opinion groups: the map, base clusters, the split and the choice of k.

Pol.is projects every member on two principal axes, summarises the
participants' points by up to 100 "base clusters" (k-means from the first
distinct points, in order of each member's first vote), then splits the
base-cluster centres, weighted by size, for k = 2..5 and keeps the k with
the best silhouette (computed on the base-cluster centres).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.analysis.polis import kmeans
from bot.analysis.polis.arrays import BoolArray, FloatArray, IntArray
from bot.analysis.polis.matrix import VoteMatrix
from bot.analysis.polis.pca import project_users, sparse_pca
from bot.analysis.polis.scores import silhouette
from bot.analysis.polis.settings import DEFAULT, PolisSettings


@dataclass(frozen=True, slots=True)
class OpinionMap:
    """Every member's point, and the base clusters of the participants' points."""

    points: FloatArray
    """``(n_users, 2)``: Pol.is's sparsity-aware projection of every member."""
    active: BoolArray
    """The participants (those who shape the groups)."""
    comps: FloatArray
    base_labels: IntArray
    """Base cluster of each participant, in member order."""
    base_centres: FloatArray
    base_weights: FloatArray
    """Participants per base cluster."""


@dataclass(frozen=True, slots=True)
class Clustering:
    """The map and its groups: one label per participant, 0 the largest group."""

    map: OpinionMap
    labels: IntArray
    group_of_base: IntArray
    """Group of each base cluster (same numbering as ``labels``)."""
    silhouettes: dict[int, float]

    @property
    def k(self) -> int:
        return int(self.labels.max()) + 1 if self.labels.size else 0

    @property
    def points(self) -> FloatArray:
        """The participants' points, in member order."""
        return np.asarray(self.map.points[self.map.active], dtype=np.float64)


def opinion_map(
    matrix: VoteMatrix,
    active: BoolArray,
    *,
    rng: np.random.Generator,
    settings: PolisSettings = DEFAULT,
    start_comps: FloatArray | None = None,
    start_centres: FloatArray | None = None,
) -> OpinionMap:
    """PCA of every member's votes, then base clusters of the ``active`` members' points.

    ``start_comps`` and ``start_centres`` warm-start the PCA and the base
    clusters, as Pol.is does from one update to the next.
    """
    pca = sparse_pca(matrix, seed=int(rng.integers(2**31)), start=start_comps)
    points = project_users(matrix, pca)
    mine = points[active]
    if start_centres is not None and len(start_centres):
        labels, centres = kmeans.sampled_lloyd(mine, start_centres, max_iter=20, tol=1e-3)
    else:
        labels, centres = kmeans.base_clusters(mine, settings.base_k)
    weights = np.bincount(labels, minlength=len(centres)).astype(np.float64)
    return OpinionMap(points, active, pca.comps, labels, centres, weights)


def split_base(
    opinion: OpinionMap, k: int, rng: np.random.Generator, settings: PolisSettings = DEFAULT
) -> IntArray:
    """Group of each base cluster for ``k`` groups, by the settings' partition rule."""
    centres, weights = opinion.base_centres, opinion.base_weights
    if settings.partition == "polis":
        start = kmeans.first_distinct(centres, k)
        labels, _ = kmeans.lloyd(centres, start, weights, max_iter=settings.group_iterations)
        return labels
    outcomes = kmeans.kmeans_outcomes(
        centres, k, weights, rng, n_init=settings.starts, max_iter=settings.group_iterations
    )
    if settings.partition == "best":
        sizable = _without_small_groups(outcomes, weights, k, settings.min_group_share)
        weights_for_silhouette = weights if settings.split_by_members else None
        near = _best_separated(sizable, centres, settings.split_tolerance, weights_for_silhouette)
        return near.labels
    return kmeans.modal_kmeans(outcomes).labels


def _without_small_groups(
    outcomes: list[kmeans.Outcome], weights: FloatArray, k: int, min_share: float
) -> list[kmeans.Outcome]:
    """The outcomes whose ``k`` groups each hold at least ``min_share`` of the members;
    all of them when none does (or ``min_share`` is 0)."""
    if min_share <= 0:
        return outcomes
    total = float(weights.sum())
    sizable = [
        o
        for o in outcomes
        if np.bincount(o.labels, weights=weights, minlength=k).min() >= min_share * total
    ]
    return sizable or outcomes


def _best_separated(
    outcomes: list[kmeans.Outcome],
    centres: FloatArray,
    tolerance: float,
    weights: FloatArray | None = None,
) -> kmeans.Outcome:
    """The outcome of best silhouette among those within ``tolerance`` of the lowest inertia.

    With ``tolerance`` 0 this is the lowest inertia (the first of equals). K-means optima
    whose inertia differ by a few per cent are equally plausible ends of Pol.is's
    warm-started updates; of those, the one whose groups are best separated is the one
    Pol.is's own criterion (the silhouette, which picks k) prefers. ``weights``: the
    silhouette counts members (see :func:`~.scores.silhouette`).
    """
    lowest = kmeans.best_kmeans(outcomes)
    if tolerance <= 0:
        return lowest
    bound = lowest.inertia * (1.0 + tolerance)
    best, best_score = lowest, -np.inf
    seen: set[bytes] = set()
    for outcome in outcomes:
        if outcome.inertia > bound:
            continue
        key = kmeans.canonical_labels(outcome.labels).tobytes()
        if key in seen:
            continue
        seen.add(key)
        score = silhouette(centres, outcome.labels, weights)
        if score > best_score:
            best, best_score = outcome, score
    return best


def group_members(
    opinion: OpinionMap,
    *,
    rng: np.random.Generator,
    settings: PolisSettings = DEFAULT,
    k: int | None = None,
) -> Clustering:
    """The groups of the map: ``k`` of them, or the k of best silhouette (with its margin)."""
    centres = opinion.base_centres
    silhouettes: dict[int, float] = {}
    splits: dict[int, IntArray] = {}
    if k is None:
        for candidate in range(2, kmeans.max_k_for(len(centres), settings.max_k) + 1):
            if len(centres) < candidate:
                continue
            splits[candidate] = split_base(opinion, candidate, rng, settings)
            silhouettes[candidate] = silhouette(centres, splits[candidate])
        k = _best_k(silhouettes, settings.k_margin)
    elif len(centres) >= k:
        splits[k] = split_base(opinion, k, rng, settings)
    if k is None or k not in splits:
        empty = np.zeros(int(opinion.active.sum()), dtype=np.int64)
        return Clustering(opinion, empty, np.zeros(len(centres), dtype=np.int64), silhouettes)
    group_of_base = _by_size(splits[k], opinion.base_weights)
    return Clustering(opinion, group_of_base[opinion.base_labels], group_of_base, silhouettes)


def _best_k(silhouettes: dict[int, float], margin: float) -> int | None:
    """The k of best silhouette; a larger k must beat the best smaller one by ``margin``.

    The margin stands in for Pol.is's k smoother, which only moves to a new
    k once it has been the best for four updates in a row: a larger k that
    only just wins would not have held.
    """
    best: tuple[float, int] | None = None
    for k in sorted(silhouettes):
        if best is None or silhouettes[k] > best[0] + margin:
            best = (silhouettes[k], k)
    return None if best is None else best[1]


def _by_size(group_of_base: IntArray, weights: FloatArray) -> IntArray:
    """Groups renumbered so that 0 is the largest (by members); ties by first base cluster."""
    ids, first = np.unique(group_of_base, return_index=True)
    sizes = np.bincount(group_of_base, weights=weights, minlength=int(ids.max()) + 1)
    order = sorted(range(len(ids)), key=lambda i: (-sizes[ids[i]], first[i]))
    remap = np.empty(int(ids.max()) + 1, dtype=np.int64)
    for new, old in enumerate(order):
        remap[ids[old]] = new
    return np.asarray(remap[group_of_base], dtype=np.int64)


def cluster_members(
    matrix: VoteMatrix,
    active: BoolArray,
    *,
    rng: np.random.Generator,
    settings: PolisSettings = DEFAULT,
    k: int | None = None,
    start_comps: FloatArray | None = None,
    start_centres: FloatArray | None = None,
) -> Clustering:
    """Groups of the ``active`` members: the map, its base clusters, the split."""
    opinion = opinion_map(
        matrix,
        active,
        rng=rng,
        settings=settings,
        start_comps=start_comps,
        start_centres=start_centres,
    )
    return group_members(opinion, rng=rng, settings=settings, k=k)


def place_others(clustering: Clustering, placeable: BoolArray) -> IntArray:
    """Group of every ``placeable`` member outside the participants: their nearest base cluster's.

    ``-1`` for everyone else (participants included: their group is in ``labels``).
    """
    opinion = clustering.map
    out = np.full(len(opinion.points), -1, dtype=np.int64)
    chosen = np.flatnonzero(placeable & ~opinion.active)
    if not len(chosen) or not len(opinion.base_centres) or clustering.k < 2:
        return out
    nearest = kmeans.nearest(opinion.points[chosen], opinion.base_centres)
    out[chosen] = clustering.group_of_base[nearest]
    return out
