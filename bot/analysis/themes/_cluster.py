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

The largest k whose stability reaches :attr:`ThemeParams.k_stability`, and
comes within :attr:`ThemeParams.k_margin` of the most stable k's, is kept; a reply whose consistency is below :attr:`ThemeParams.keep` belongs to
no theme (it sits between two), and no k reaching the bar means "no clear
themes yet".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

MIN_K = 2
MAX_K = 6


@dataclass(frozen=True, slots=True)
class ThemeParams:
    """The constants of the grouping.

    ``knn``, ``steps``, ``k_stability`` and ``keep`` were chosen by ``bench/themes.py`` on
    the even X-Stance questions (the odd ones chose the same); the others are costs.
    """

    knn: int = 20
    """Neighbours of each reply in the smoothing graph."""
    steps: int = 4
    """Random-walk steps of the smoothing."""
    k_stability: float = 0.8
    """A number of themes is kept when this share of replies keeps its theme under resampling."""
    k_margin: float = 0.1
    """A number of themes is kept only if its stability is this close to the best number's."""
    keep: float = 0.6
    """A reply that keeps its theme in fewer resampled runs than this belongs to none."""
    rounds: int = 6
    """Resampled re-runs of the stability check."""
    subsample: float = 0.8
    restarts: int = 4
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
    n, d = points.shape
    if d <= dims:
        return points
    if n < d:  # the same projections from the smaller (n x n) Gram matrix
        values, vecs = np.linalg.eigh(points @ points.T)
        top = vecs[:, ::-1][:, :dims] * np.sqrt(np.maximum(values[::-1][:dims], 0.0))
        return np.asarray(top, dtype=np.float64)
    _, vecs = np.linalg.eigh(points.T @ points)
    return np.asarray(points @ vecs[:, ::-1][:, :dims], dtype=np.float64)


def _neighbour_walk(sims: FloatArray, knn: int) -> FloatArray:
    """Row-stochastic transitions over each reply, its ``knn`` nearest and those it is nearest to.

    ``sims`` holds the cosines of every pair of replies (it is not changed).
    """
    n = len(sims)
    k = min(knn, n - 1)
    others = sims.copy()
    np.fill_diagonal(others, -np.inf)
    near = np.argpartition(-others, k - 1, axis=1)[:, :k]
    rows = np.repeat(np.arange(n), k)
    weights = np.zeros((n, n))
    weights[rows, near.ravel()] = np.maximum(others[rows, near.ravel()], 0.0)
    weights = np.maximum(weights, weights.T)
    weights[np.arange(n), np.arange(n)] = 1.0
    return np.asarray(weights / weights.sum(axis=1, keepdims=True), dtype=np.float64)


def smooth(sims: FloatArray, reduced: FloatArray, params: ThemeParams) -> FloatArray:
    """Each row of ``reduced`` averaged over its neighbours by ``sims``, ``params.steps`` times."""
    if len(sims) < 3:
        return unit_rows(reduced)
    walk = _neighbour_walk(sims, params.knn)
    out = reduced
    for _ in range(params.steps):
        out = walk @ out
    return unit_rows(out)


def _seeds(points: FloatArray, k: int, rng: np.random.Generator, starts: int) -> FloatArray:
    """``starts`` sets of k-means++ starting centres at once, ``(starts, k, d)``."""
    n = len(points)
    norms = np.einsum("ij,ij->i", points, points)
    chosen = [rng.integers(n, size=starts)]

    def dists_to(idx: IntArray) -> FloatArray:
        cross = points[idx] @ points.T
        return np.asarray(np.maximum(norms[idx, None] - 2.0 * cross + norms[None, :], 0.0))

    closest = dists_to(chosen[0])
    for _ in range(1, k):
        cdf = np.cumsum(closest, axis=1)
        total = np.maximum(cdf[:, -1:], 1e-12)
        draw = rng.random(starts)[:, None] * total
        idx = np.minimum((cdf <= draw).sum(axis=1), n - 1)
        chosen.append(idx)
        closest = np.minimum(closest, dists_to(idx))
    return np.asarray(points[np.stack(chosen, axis=1)], dtype=np.float64)


def kmeans_by_k(
    points: FloatArray, ks: range, rng: np.random.Generator, restarts: int, max_iter: int = 30
) -> dict[int, IntArray]:
    """For each k of ``ks``, the labels ``0..k-1`` of the best of ``restarts`` k-means++ runs.

    Every run of every k goes together, in 3-D arrays (one matrix product per
    step for all): the starts of a k are the first k centres of a k-means++
    draw of ``max(ks)``, itself a k-means++ draw; a smaller k's unused centres
    are masked out.
    """
    n, d = points.shape
    top = max(ks)
    seeds = _seeds(points, top, rng, max(restarts, 1))
    starts = len(seeds)
    runs = len(ks) * starts
    centres = np.tile(seeds, (len(ks), 1, 1))
    unused = np.zeros((runs, top), dtype=bool)
    for i, k in enumerate(ks):
        unused[i * starts : (i + 1) * starts, k:] = True
    slots = np.arange(top)
    labels = np.full((runs, n), -1, dtype=np.int64)
    for _ in range(max_iter):
        cross = (centres.reshape(runs * top, d) @ points.T).reshape(runs, top, n)
        dists = np.einsum("skd,skd->sk", centres, centres)[:, :, None] - 2.0 * cross
        dists[unused] = np.inf
        new = np.asarray(dists.argmin(axis=1), dtype=np.int64)
        if np.array_equal(new, labels):
            break
        labels = new
        onehot = (labels[:, None, :] == slots[None, :, None]).astype(np.float64)
        counts = onehot.sum(axis=2)
        sums = onehot @ points
        filled = counts > 0
        centres = np.where(filled[:, :, None], sums / np.maximum(counts, 1.0)[:, :, None], centres)
    inertia = np.take_along_axis(dists, labels[:, None, :], axis=1)[:, 0, :].sum(axis=1)
    best = {}
    for i, k in enumerate(ks):
        block = inertia[i * starts : (i + 1) * starts]
        best[k] = np.asarray(labels[i * starts + int(np.argmin(block))], dtype=np.int64)
    return best


def kmeans(points: FloatArray, k: int, rng: np.random.Generator, restarts: int) -> IntArray:
    """Labels ``0..k-1`` (some possibly empty) of the best of ``restarts`` k-means++ runs."""
    return kmeans_by_k(points, range(k, k + 1), rng, restarts)[k]


def _matched(reference: IntArray, again: IntArray, k: int) -> IntArray:
    """``again`` relabelled one to one onto ``reference``, the largest overlaps first."""
    table = np.bincount(again * k + reference, minlength=k * k).reshape(k, k).astype(np.float64)
    mapping = np.arange(k)
    for _ in range(k):
        row, col = np.unravel_index(int(np.argmax(table)), table.shape)
        mapping[row] = col
        table[row, :] = -1.0
        table[:, col] = -1.0
    return np.asarray(mapping[again], dtype=np.int64)


def _fit_all_k(
    sims: FloatArray,
    reduced: FloatArray,
    ks: range,
    params: ThemeParams,
    rng: np.random.Generator,
) -> dict[int, IntArray]:
    return kmeans_by_k(smooth(sims, reduced, params), ks, rng, params.restarts)


def _resampled(
    vectors: FloatArray, ks: range, params: ThemeParams, rng: np.random.Generator, rounds: int
) -> tuple[dict[int, IntArray], dict[int, FloatArray], dict[int, float]]:
    """Reference labels per k, each reply's consistency per k, and each k's stability."""
    n = len(vectors)
    points = centred(np.asarray(vectors, dtype=np.float64))
    reduced = main_directions(points, params.dims)
    sims = points @ points.T
    reference = _fit_all_k(sims, reduced, ks, params, rng)
    kept = {k: np.zeros(n) for k in ks}
    seen = np.zeros(n)
    n_sub = max(2 * MIN_K, round(params.subsample * n))
    for _ in range(rounds):
        idx = np.sort(rng.choice(n, size=n_sub, replace=False))
        again = _fit_all_k(sims[np.ix_(idx, idx)], reduced[idx], ks, params, rng)
        seen[idx] += 1
        for k in ks:
            kept[k][idx] += _matched(reference[k][idx], again[k], k) == reference[k][idx]
    consistency = {k: kept[k] / np.maximum(seen, 1) for k in ks}
    by_k = {k: float(kept[k].sum() / max(seen.sum(), 1)) for k in ks}
    return reference, consistency, by_k


def group(
    vectors: FloatArray, params: ThemeParams, rng: np.random.Generator, max_k: int = MAX_K
) -> Grouping | None:
    """The themes of ``vectors`` (one row per reply), or ``None`` when none is stable."""
    n = len(vectors)
    ks = range(MIN_K, min(max_k, MAX_K) + 1)
    if n < 2 * MIN_K or len(ks) == 0:
        return None
    reference, consistency, by_k = _resampled(vectors, ks, params, rng, params.rounds)
    best = max(by_k.values())
    passing = [k for k in ks if by_k[k] >= max(params.k_stability, best - params.k_margin)]
    if not passing:
        return None
    k = max(passing)
    labels = reference[k].copy()
    labels[consistency[k] < params.keep] = -1
    return Grouping(labels, k, by_k[k], consistency[k], by_k)
