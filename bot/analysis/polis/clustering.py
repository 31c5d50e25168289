"""Members into opinion groups: the map, base clusters, the choice of k.

Pol.is projects every member on two principal axes, summarises the map by
up to 100 "base clusters" (k-means from the first distinct points), then
groups the base-cluster centres, weighted by size, for k = 2..5 and keeps
the k with the best silhouette.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.analysis.polis import kmeans
from bot.analysis.polis.arrays import BoolArray, FloatArray, IntArray
from bot.analysis.polis.matrix import VoteMatrix
from bot.analysis.polis.pca import project_users, sparse_pca
from bot.analysis.polis.scores import silhouette

BASE_K = 100
MAX_K = 5
K_MARGIN = 0.01
"""Silhouette a larger k needs over a smaller one to win."""


@dataclass(frozen=True, slots=True)
class Clustering:
    """Group label per participant (``-1``: none) and the 2-D map."""

    labels: IntArray
    points: FloatArray
    silhouettes: dict[int, float]
    comps: FloatArray
    base_centres: FloatArray


def cluster_members(
    matrix: VoteMatrix,
    active: BoolArray,
    *,
    rng: np.random.Generator,
    k: int | None = None,
    start_comps: FloatArray | None = None,
    start_centres: FloatArray | None = None,
) -> Clustering:
    """Groups of the ``active`` members: PCA, base clusters, best-silhouette k.

    ``start_comps`` and ``start_centres`` warm-start the PCA and the base
    clusters, as Pol.is does from one update to the next.
    """
    pca = sparse_pca(matrix, seed=int(rng.integers(2**31)), start=start_comps)
    points = project_users(matrix, pca)[active]
    if start_centres is not None and len(start_centres):
        base_labels, centres = kmeans.sampled_lloyd(points, start_centres, max_iter=20, tol=1e-3)
    else:
        base_labels, centres = kmeans.base_clusters(points, BASE_K)
    weights = np.bincount(base_labels, minlength=len(centres)).astype(np.float64)
    silhouettes: dict[int, float] = {}
    if k is None:
        k = _best_k(centres, weights, silhouettes)
    labels = np.zeros(len(points), dtype=np.int64)
    if k is not None and len(centres) >= k:
        group_of_base, _ = kmeans.best_kmeans(centres, k, weights, rng)
        labels = _relabel_by_size(group_of_base[base_labels])
    return Clustering(labels, points, silhouettes, pca.comps, centres)


def _best_k(centres: FloatArray, weights: FloatArray, silhouettes: dict[int, float]) -> int | None:
    """The k Pol.is would choose; fills ``silhouettes`` with each k's score.

    Each k is scored on Pol.is's own start (the first k distinct centres),
    as Pol.is scores it: several starts can find a better optimum for one k
    than Pol.is does and so choose another k than Pol.is would.
    """
    best: tuple[float, int] | None = None
    for k in range(2, kmeans.max_k_for(len(centres), MAX_K) + 1):
        if len(centres) < k:
            continue
        polis_start, _ = kmeans.lloyd(centres, kmeans.first_distinct(centres, k), weights)
        score = silhouette(centres, polis_start)
        silhouettes[k] = score
        # A larger k must beat a smaller one clearly: a stand-in for Pol.is's
        # hysteresis, which only moves k when the new best persists.
        if best is None or score > best[0] + K_MARGIN:
            best = (score, k)
    return None if best is None else best[1]


def _relabel_by_size(labels: IntArray) -> IntArray:
    """Group 0 is the largest; ties by first member."""
    ids, first, sizes = np.unique(labels, return_index=True, return_counts=True)
    order = sorted(range(len(ids)), key=lambda i: (-sizes[i], first[i]))
    remap = np.empty(int(ids.max()) + 1, dtype=np.int64)
    for new, old in enumerate(order):
        remap[ids[old]] = new
    return np.asarray(remap[labels], dtype=np.int64)
