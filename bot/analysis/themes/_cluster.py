"""Grouping reply vectors into themes, and checking the grouping by resampling.

1. The vectors are centred (what every reply of a discussion shares says
   nothing about its theme) and projected on their main directions (the
   eigenvectors of their covariance), which keeps k-means cheap.
2. Each reply is smoothed over its nearest neighbours by meaning (a few
   steps of a random walk on the k-nearest-neighbour graph): a reply moves
   towards what the replies like it say, so a short or oddly worded reply
   joins its theme instead of pulling a centre away.
3. k-means (k-means++ starts, the best of several) for each k from 2 to 6.
4. Stability, as the opinion groups check theirs: the whole of steps 2-3 is
   re-run on random 80 % subsamples; each re-run's themes are matched one to
   one with the reference's, and a reply keeps its theme when its match is
   the same. A k's stability is the share of replies that keep their theme;
   a reply's consistency is how often it kept it.

The largest k whose stability reaches :attr:`ThemeParams.k_stability` is
kept; a reply whose consistency is below :attr:`ThemeParams.keep` belongs to
no theme (it sits between two), and no k reaching the bar means "no clear
themes yet".
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

MIN_K = 2
MAX_K = 6


@dataclass(frozen=True, slots=True)
class ThemeParams:
    """The constants of the grouping (chosen on half of the evaluation questions, see bench)."""

    knn: int = 10
    """Neighbours of each reply in the smoothing graph."""
    steps: int = 2
    """Random-walk steps of the smoothing."""
    k_stability: float = 0.8
    """A number of themes is kept when this share of replies keeps its theme under resampling."""
    keep: float = 0.7
    """A reply that keeps its theme in fewer resampled runs than this belongs to none."""
    rounds: int = 8
    """Resampled re-runs of the stability check."""
    subsample: float = 0.8
    restarts: int = 6
    """k-means++ starts, the best (least inertia) kept."""
    dims: int = 32
    """Main directions kept for k-means (the neighbours are found on every direction)."""


@dataclass(frozen=True, slots=True)
class Grouping:
    """The chosen themes of the fitted replies (``-1``: no theme), or none."""

    labels: IntArray
    k: int
    stability: float
    """Share of replies that kept their theme under resampling, for the chosen k."""
    consistency: FloatArray
    """Per reply, the share of resampled runs in which it kept its theme."""
    by_k: dict[int, float]
    """Stability of every k tried."""


def unit_rows(x: FloatArray) -> FloatArray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.asarray(x / np.maximum(norms, 1e-12), dtype=np.float64)


def centred(vectors: FloatArray) -> FloatArray:
    """Rows minus their mean, made unit again."""
    return unit_rows(vectors - vectors.mean(axis=0))


def main_directions(points: FloatArray, dims: int) -> FloatArray:
    """``points`` projected on their ``dims`` main directions (all of them if fewer)."""
    if points.shape[1] <= dims:
        return points
    _, vecs = np.linalg.eigh(points.T @ points)
    return np.asarray(points @ vecs[:, ::-1][:, :dims], dtype=np.float64)


def _neighbour_walk(points: FloatArray, knn: int) -> FloatArray:
    """Row-stochastic transitions over each reply, its ``knn`` nearest and those it is nearest to."""
    n = len(points)
    unit = unit_rows(points)
    sims = unit @ unit.T
    np.fill_diagonal(sims, -np.inf)
    k = min(knn, n - 1)
    near = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    rows = np.repeat(np.arange(n), k)
    weights = np.zeros((n, n))
    weights[rows, near.ravel()] = np.maximum(sims[rows, near.ravel()], 0.0)
    weights = np.maximum(weights, weights.T)
    weights[np.arange(n), np.arange(n)] = 1.0
    return np.asarray(weights / weights.sum(axis=1, keepdims=True), dtype=np.float64)


def smooth(points: FloatArray, reduced: FloatArray, params: ThemeParams) -> FloatArray:
    """Each row of ``reduced`` averaged over its neighbours in ``points``, ``params.steps`` times."""
    if len(points) < 3:
        return unit_rows(reduced)
    walk = _neighbour_walk(points, params.knn)
    out = reduced
    for _ in range(params.steps):
        out = walk @ out
    return unit_rows(out)


def _sq_dists(points: FloatArray, centres: FloatArray) -> FloatArray:
    sq: FloatArray = (
        np.einsum("ij,ij->i", points, points)[:, None]
        - 2.0 * points @ centres.T
        + np.einsum("ij,ij->i", centres, centres)[None, :]
    )
    return np.maximum(sq, 0.0)


def _seed(points: FloatArray, k: int, rng: np.random.Generator) -> FloatArray:
    """k-means++ starting centres."""
    first = int(rng.integers(len(points)))
    chosen = [first]
    closest = _sq_dists(points, points[[first]])[:, 0]
    for _ in range(1, k):
        total = float(closest.sum())
        if total <= 0.0:
            break
        cdf = np.cumsum(closest) / total
        idx = min(int(np.searchsorted(cdf, rng.random(), side="right")), len(points) - 1)
        chosen.append(idx)
        closest = np.minimum(closest, _sq_dists(points, points[[idx]])[:, 0])
    return np.asarray(points[chosen], dtype=np.float64)


def _lloyd(points: FloatArray, centres: FloatArray, max_iter: int = 50) -> tuple[IntArray, float]:
    labels = np.zeros(len(points), dtype=np.int64)
    k = len(centres)
    for it in range(max_iter):
        dists = _sq_dists(points, centres)
        new = np.asarray(dists.argmin(axis=1), dtype=np.int64)
        if it and np.array_equal(new, labels):
            break
        labels = new
        onehot = np.zeros((k, len(points)))
        onehot[labels, np.arange(len(points))] = 1.0
        counts = onehot.sum(axis=1)
        sums = onehot @ points
        filled = counts > 0
        centres = centres.copy()
        centres[filled] = sums[filled] / counts[filled, None]
    inertia = float(dists[np.arange(len(points)), labels].sum())
    return labels, inertia


def kmeans(points: FloatArray, k: int, rng: np.random.Generator, restarts: int) -> IntArray:
    """Labels ``0..k-1`` (some possibly empty) of the best of ``restarts`` k-means++ runs."""
    best: tuple[float, IntArray] | None = None
    for _ in range(max(restarts, 1)):
        labels, inertia = _lloyd(points, _seed(points, k, rng))
        if best is None or inertia < best[0]:
            best = (inertia, labels)
    assert best is not None
    return best[1]


def _matched(reference: IntArray, again: IntArray, k: int) -> IntArray:
    """``again`` relabelled by the one-to-one matching that agrees most with ``reference``."""
    table = np.zeros((k, k), dtype=np.int64)
    np.add.at(table, (again, reference), 1)
    best_perm: tuple[int, ...] = tuple(range(k))
    best = -1
    for perm in permutations(range(k)):
        agree = int(table[np.arange(k), perm].sum())
        if agree > best:
            best, best_perm = agree, perm
    return np.asarray(best_perm, dtype=np.int64)[again]


def _fit_all_k(
    points: FloatArray,
    reduced: FloatArray,
    ks: range,
    params: ThemeParams,
    rng: np.random.Generator,
) -> dict[int, IntArray]:
    smoothed = smooth(points, reduced, params)
    return {k: kmeans(smoothed, k, rng, params.restarts) for k in ks}


def group(
    vectors: FloatArray, params: ThemeParams, rng: np.random.Generator, max_k: int = MAX_K
) -> Grouping | None:
    """The themes of ``vectors`` (one row per reply), or ``None`` when none is stable."""
    n = len(vectors)
    ks = range(MIN_K, min(max_k, MAX_K) + 1)
    if n < 2 * MIN_K or len(ks) == 0:
        return None
    points = centred(np.asarray(vectors, dtype=np.float64))
    reduced = main_directions(points, params.dims)
    reference = _fit_all_k(points, reduced, ks, params, rng)
    kept = {k: np.zeros(n) for k in ks}
    seen = np.zeros(n)
    n_sub = max(2 * MIN_K, round(params.subsample * n))
    for _ in range(params.rounds):
        idx = np.sort(rng.choice(n, size=n_sub, replace=False))
        again = _fit_all_k(points[idx], reduced[idx], ks, params, rng)
        seen[idx] += 1
        for k in ks:
            same = _matched(reference[k][idx], again[k], k) == reference[k][idx]
            kept[k][idx] += same
    consistency = {k: kept[k] / np.maximum(seen, 1) for k in ks}
    by_k = {k: float(kept[k].sum() / max(seen.sum(), 1)) for k in ks}
    passing = [k for k in ks if by_k[k] >= params.k_stability]
    if not passing:
        return None
    k = max(passing)
    labels = reference[k].copy()
    labels[consistency[k] < params.keep] = -1
    return Grouping(labels, k, by_k[k], consistency[k], by_k)
