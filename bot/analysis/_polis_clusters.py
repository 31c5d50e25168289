"""K-means, weighted k-means and silhouettes on the 2-D opinion map.

Pol.is first summarises members by up to 100 "base clusters", then groups
the base-cluster centres (weighted by their size) for k = 2..5 and keeps
the k with the best silhouette, computed on the base-cluster centres.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from bot.analysis._polis_matrix import FloatArray, IntArray


def _sq_dists(points: FloatArray, centres: FloatArray) -> FloatArray:
    d = np.zeros((len(points), len(centres)))
    for dim in range(points.shape[1]):
        diff = points[:, dim, None] - centres[None, :, dim]
        diff *= diff
        d += diff
    return d


def first_distinct(points: FloatArray, k: int) -> FloatArray:
    """The first ``k`` distinct points in order: Pol.is's initial centres."""
    _, first = np.unique(points, axis=0, return_index=True)
    return np.asarray(points[np.sort(first)[:k]], dtype=np.float64)


def kmeans_pp(
    points: FloatArray, k: int, weights: FloatArray, rng: np.random.Generator
) -> FloatArray:
    """k-means++ seeding (weighted), deterministic for a given generator."""
    p = weights / weights.sum()
    centres = [points[rng.choice(len(points), p=p)]]
    closest = _sq_dists(points, np.asarray(centres))[:, 0]
    for _ in range(1, k):
        mass = closest * weights
        total = mass.sum()
        if total <= 0:
            break
        idx = rng.choice(len(points), p=mass / total)
        centres.append(points[idx])
        closest = np.minimum(closest, _sq_dists(points, points[idx][None, :])[:, 0])
    return np.asarray(centres, dtype=np.float64)


def lloyd(
    points: FloatArray,
    centres: FloatArray,
    weights: FloatArray | None = None,
    *,
    max_iter: int = 100,
    tol: float = 1e-6,
) -> tuple[IntArray, FloatArray]:
    """Weighted Lloyd iterations; empty clusters are dropped (as Pol.is does).

    Stops when no centre moves more than ``tol`` times the data's extent.

    Returns labels ``0..k'-1`` (``k' <= k``) and the centres.
    """
    w = np.ones(len(points)) if weights is None else weights
    tol = tol * max(float(np.abs(points).max(initial=0.0)), 1e-12)
    labels = np.zeros(len(points), dtype=np.int64)
    for _ in range(max_iter):
        labels = np.argmin(_sq_dists(points, centres), axis=1).astype(np.int64)
        used, labels = np.unique(labels, return_inverse=True)
        k = len(used)
        mass = np.bincount(labels, weights=w, minlength=k)
        new = np.empty((k, points.shape[1]))
        for dim in range(points.shape[1]):
            new[:, dim] = np.bincount(labels, weights=w * points[:, dim], minlength=k) / mass
        moved = len(new) != len(centres) or float(np.max(np.abs(new - centres))) > tol
        centres = new
        if not moved:
            break
    labels = np.argmin(_sq_dists(points, centres), axis=1).astype(np.int64)
    return labels.astype(np.int64), centres


def inertia(
    points: FloatArray, labels: IntArray, centres: FloatArray, weights: FloatArray
) -> float:
    return float((((points - centres[labels]) ** 2).sum(axis=1) * weights).sum())


def best_kmeans(
    points: FloatArray,
    k: int,
    weights: FloatArray,
    rng: np.random.Generator,
    *,
    n_init: int = 8,
) -> tuple[IntArray, FloatArray]:
    """Weighted k-means from Pol.is's start plus a few k-means++ starts; lowest inertia wins.

    Pol.is warm-starts every update from the previous clustering, which
    over a conversation's life settles in a good optimum; several starts
    stand in for that history.
    """
    starts = [first_distinct(points, k)]
    starts += [kmeans_pp(points, k, weights, rng) for _ in range(n_init)]
    best: tuple[IntArray, FloatArray] | None = None
    best_score = np.inf
    for start in starts:
        labels, centres = lloyd(points, start, weights)
        if len(centres) < min(k, len(np.unique(points, axis=0))):
            continue
        score = inertia(points, labels, centres, weights)
        if score < best_score - 1e-12:
            best, best_score = (labels, centres), score
    if best is None:
        return lloyd(points, starts[0], weights)
    return best


def base_clusters(
    points: FloatArray, k: int = 100, *, max_iter: int = 100
) -> tuple[IntArray, FloatArray]:
    """Pol.is's base clusters: k-means from the first ``k`` distinct points."""
    if len(points) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, points.shape[1]))
    return lloyd(points, first_distinct(points, k), max_iter=max_iter, tol=1e-4)


def silhouette(points: FloatArray, labels: IntArray) -> float:
    """Mean silhouette over points, unweighted; a point alone in its cluster scores 0."""
    n = len(points)
    k = int(labels.max()) + 1 if n else 0
    if n < 2 or k < 2:
        return 0.0
    dist = np.sqrt(_sq_dists(points, points))
    np.fill_diagonal(dist, 0.0)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), labels] = 1.0
    sums = dist @ onehot
    sizes = onehot.sum(axis=0)
    own_size = sizes[labels] - 1
    own = np.divide(sums[np.arange(n), labels], own_size, out=np.zeros(n), where=own_size > 0)
    other = sums / np.where(sizes > 0, sizes, 1)[None, :]
    other[np.arange(n), labels] = np.inf
    other[:, sizes == 0] = np.inf
    nearest = other.min(axis=1)
    denom = np.maximum(own, nearest)
    s = np.divide(nearest - own, denom, out=np.zeros(n), where=denom > 0)
    s[own_size == 0] = 0.0
    return float(s.mean())


def max_k_for(n_base: int, max_k: int = 5) -> int:
    """Pol.is tries k up to ``min(5, 2 + n_base // 12)``."""
    return min(max_k, 2 + n_base // 12)


def adjusted_rand_index(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    """Adjusted Rand index of two labelings of the same items (1 = identical)."""
    x = np.unique(np.asarray(a), return_inverse=True)[1]
    y = np.unique(np.asarray(b), return_inverse=True)[1]
    n = len(x)
    if n < 2:
        return 1.0
    table = np.zeros((int(x.max()) + 1, int(y.max()) + 1))
    np.add.at(table, (x, y), 1.0)

    def pairs(v: FloatArray) -> float:
        return float((v * (v - 1) / 2).sum())

    index = pairs(table.ravel())
    rows, cols = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = rows * cols / (n * (n - 1) / 2)
    maximum = (rows + cols) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)
