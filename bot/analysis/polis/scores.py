"""Scores of a clustering: silhouette (Pol.is's choice of k), adjusted Rand index, Jaccard."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from bot.analysis.polis.arrays import FloatArray, IntArray
from bot.analysis.polis.kmeans import squared_distances


def silhouette(points: FloatArray, labels: IntArray, weights: FloatArray | None = None) -> float:
    """Mean silhouette over points; a point alone in its cluster scores 0.

    Unweighted by default (Pol.is's, on base-cluster centres). With ``weights``
    (members per base cluster), each point stands for that many members: its
    distances to a cluster are averaged over the cluster's members (its own
    excluded from its own cluster), and the mean is weighted.
    """
    n = len(points)
    k = int(labels.max()) + 1 if n else 0
    if n < 2 or k < 2:
        return 0.0
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    dist = np.sqrt(squared_distances(points, points))
    np.fill_diagonal(dist, 0.0)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), labels] = w
    sums = dist @ onehot
    sizes = onehot.sum(axis=0)
    own_size = sizes[labels] - w
    own = np.divide(sums[np.arange(n), labels], own_size, out=np.zeros(n), where=own_size > 0)
    other = sums / np.where(sizes > 0, sizes, 1)[None, :]
    other[np.arange(n), labels] = np.inf
    other[:, sizes == 0] = np.inf
    nearest = other.min(axis=1)
    denom = np.maximum(own, nearest)
    s = np.divide(nearest - own, denom, out=np.zeros(n), where=denom > 0)
    s[own_size <= 0] = 0.0
    return float((s * w).sum() / w.sum())


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
