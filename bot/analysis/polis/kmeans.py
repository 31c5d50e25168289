"""K-means and weighted k-means on the 2-D opinion map.

Pol.is first summarises members by up to 100 "base clusters", then groups
the base-cluster centres (weighted by their size) for k = 2..5 and keeps
the k with the best silhouette (:mod:`bot.analysis.polis.scores`), computed
on the base-cluster centres.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.analysis.polis.arrays import FloatArray, IntArray


def squared_distances(points: FloatArray, centres: FloatArray) -> FloatArray:
    d = np.zeros((len(points), len(centres)))
    for dim in range(points.shape[1]):
        diff = points[:, dim, None] - centres[None, :, dim]
        diff *= diff
        d += diff
    return d


def nearest(points: FloatArray, centres: FloatArray) -> IntArray:
    """Index of the nearest centre of every point.

    Ranks ``|c|² - 2 p·c`` (the point's own norm does not change the
    order), built by one outer product per dimension: with two dimensions
    this is several times cheaper than differences, and than a matrix
    product, whose BLAS call is slow for an inner size of 2.
    """
    if len(centres) == 1 or len(points) == 0:
        return np.zeros(len(points), dtype=np.int64)
    scores = np.empty((len(points), len(centres)))
    scores[:] = np.einsum("ij,ij->i", centres, centres)
    for dim in range(points.shape[1]):
        scores += np.multiply.outer(points[:, dim], -2.0 * centres[:, dim])
    return np.asarray(np.argmin(scores, axis=1), dtype=np.int64)


def n_distinct(points: FloatArray) -> int:
    """How many distinct rows ``points`` has."""
    return len(_first_rows(points))


def _first_rows(points: FloatArray) -> IntArray:
    """Index of the first occurrence of each distinct row, in order."""
    if len(points) == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort(points.T[::-1])
    ordered = points[order]
    new = np.ones(len(points), dtype=bool)
    new[1:] = np.any(ordered[1:] != ordered[:-1], axis=1)
    # lexsort is stable: the first of each run of equal rows is its first occurrence
    return np.sort(order[new])


def first_distinct(points: FloatArray, k: int) -> FloatArray:
    """The first ``k`` distinct points in order: Pol.is's initial centres."""
    return np.asarray(points[_first_rows(points)[:k]], dtype=np.float64)


def _draw(rng: np.random.Generator, mass: FloatArray) -> int:
    """``rng.choice(len(mass), p=mass / mass.sum())``, without its checks (same draw)."""
    cdf = np.cumsum(mass)
    cdf /= cdf[-1]
    return int(np.searchsorted(cdf, rng.random(), side="right"))


def kmeans_pp(
    points: FloatArray, k: int, weights: FloatArray, rng: np.random.Generator
) -> FloatArray:
    """k-means++ seeding (weighted), deterministic for a given generator."""
    chosen = [_draw(rng, weights / weights.sum())]
    closest = squared_distances(points, points[chosen[0]][None, :])[:, 0]
    for _ in range(1, k):
        mass = closest * weights
        total = mass.sum()
        if total <= 0:
            break
        idx = _draw(rng, mass / total)
        chosen.append(idx)
        closest = np.minimum(closest, squared_distances(points, points[idx][None, :])[:, 0])
    return np.asarray(points[chosen], dtype=np.float64)


def kmeans_pp_starts(
    points: FloatArray, k: int, weights: FloatArray, rng: np.random.Generator, n: int
) -> list[FloatArray]:
    """``n`` calls of :func:`kmeans_pp` in a row, the same starts, drawn together.

    Each start draws ``k`` uniforms in turn, so all ``n * k`` are drawn at
    once and every step runs on ``(n, points)`` arrays with the same
    arithmetic, row by row. Should a start run out of mass (fewer distinct
    points than ``k``) it would draw fewer: the generator is then put back
    and the starts are drawn one by one.
    """
    if n <= 0:
        return []
    state = rng.bit_generator.state
    uniforms = rng.random((n, k))
    chosen = np.empty((n, k), dtype=np.int64)
    chosen[:, 0] = _draw_rows(
        np.broadcast_to(weights / weights.sum(), (n, len(weights))), uniforms[:, 0]
    )
    closest = _squared_to(points, points[chosen[:, 0]])
    for j in range(1, k):
        mass = closest * weights[None, :]
        total = mass.sum(axis=1)
        if (total <= 0).any():
            rng.bit_generator.state = state
            return [kmeans_pp(points, k, weights, rng) for _ in range(n)]
        chosen[:, j] = _draw_rows(mass / total[:, None], uniforms[:, j])
        closest = np.minimum(closest, _squared_to(points, points[chosen[:, j]]))
    return [np.asarray(points[row], dtype=np.float64) for row in chosen]


def _draw_rows(mass: FloatArray, uniforms: FloatArray) -> IntArray:
    """:func:`_draw` of each row of ``mass`` with its uniform (a sorted cdf's count <= u)."""
    cdf = np.cumsum(mass, axis=1)
    cdf /= cdf[:, -1:]
    return np.asarray((cdf <= uniforms[:, None]).sum(axis=1), dtype=np.int64)


def _squared_to(points: FloatArray, centres: FloatArray) -> FloatArray:
    """Squared distance ``(centres, points)`` summed as :func:`squared_distances` sums it."""
    d = np.zeros((len(centres), len(points)))
    for dim in range(points.shape[1]):
        diff = points[None, :, dim] - centres[:, None, dim]
        diff *= diff
        d += diff
    return d


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
    With no point at all, every cluster is empty: no label, the centres
    are returned unchanged (there is nothing to move them).

    Returns labels ``0..k'-1`` (``k' <= k``) and the centres.
    """
    if len(points) == 0 or len(centres) == 0:
        return np.zeros(len(points), dtype=np.int64), centres
    w = np.ones(len(points)) if weights is None else weights
    tol = tol * max(float(np.abs(points).max(initial=0.0)), 1e-12)
    for _ in range(max_iter):
        labels = nearest(points, centres)
        k = len(centres)
        mass = np.bincount(labels, weights=w, minlength=k)
        used = np.bincount(labels, minlength=k) > 0
        if not used.all():
            remap = np.cumsum(used) - 1
            labels, mass, k = remap[labels], mass[used], int(used.sum())
        new = np.empty((k, points.shape[1]))
        for dim in range(points.shape[1]):
            new[:, dim] = np.bincount(labels, weights=w * points[:, dim], minlength=k) / mass
        moved = len(new) != len(centres) or float(np.max(np.abs(new - centres))) > tol
        centres = new
        if not moved:
            break
    return nearest(points, centres), centres


def inertia(
    points: FloatArray, labels: IntArray, centres: FloatArray, weights: FloatArray
) -> float:
    return float((((points - centres[labels]) ** 2).sum(axis=1) * weights).sum())


def _lloyd_together(
    points: FloatArray,
    starts: FloatArray,
    weights: FloatArray,
    *,
    max_iter: int = 100,
    tol: float = 1e-6,
) -> tuple[list[tuple[IntArray, FloatArray] | None], FloatArray]:
    """:func:`lloyd` from every start of ``starts`` ``(s, k, d)`` at once, in 3-D arrays.

    A start whose clusters all stay non-empty gives what :func:`lloyd`
    gives; one that empties a cluster gives ``None`` (run it alone, where
    the empty cluster is dropped). Also returns each result's inertia.
    """
    tol = tol * max(float(np.abs(points).max(initial=0.0)), 1e-12)
    centres = starts.copy()
    k = starts.shape[1]
    running = np.ones(len(starts), dtype=bool)
    emptied = np.zeros(len(starts), dtype=bool)
    ks = np.arange(k)

    def assign(c: FloatArray) -> IntArray:
        scores = np.einsum("skd,skd->sk", c, c)[:, None, :] - 2.0 * np.einsum(
            "nd,skd->snk", points, c
        )
        return np.asarray(np.argmin(scores, axis=2), dtype=np.int64)

    for _ in range(max_iter):
        live = np.flatnonzero(running)
        if not len(live):
            break
        onehot = (assign(centres[live])[:, :, None] == ks).astype(np.float64)
        onehot *= weights[None, :, None]
        mass = onehot.sum(axis=1)
        empty = (mass <= 0).any(axis=1)
        emptied[live[empty]] = True
        mass[mass <= 0] = 1.0
        new = np.einsum("snk,nd->skd", onehot, points) / mass[:, :, None]
        moved = np.abs(new - centres[live]).max(axis=(1, 2)) > tol
        centres[live] = new
        running[live[~moved | empty]] = False
    labels = assign(centres)
    diffs = points[None, :, :] - np.take_along_axis(centres, labels[:, :, None], axis=1)
    scores = ((diffs**2).sum(axis=2) * weights[None, :]).sum(axis=1)
    out: list[tuple[IntArray, FloatArray] | None] = [
        None if emptied[i] else (labels[i], centres[i]) for i in range(len(starts))
    ]
    return out, scores


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where one start of weighted k-means ended."""

    labels: IntArray
    centres: FloatArray
    inertia: float


def kmeans_outcomes(
    points: FloatArray,
    k: int,
    weights: FloatArray,
    rng: np.random.Generator,
    *,
    n_init: int = 8,
    max_iter: int = 100,
) -> list[Outcome]:
    """Weighted k-means from Pol.is's start (first), then ``n_init`` k-means++ starts.

    The starts run together (one set of array operations per iteration for
    all of them); a start that empties a cluster runs alone, where the empty
    cluster is dropped. Outcomes with fewer than ``min(k, distinct points)``
    groups are left out, except Pol.is's start, which is always first.
    """
    starts = [first_distinct(points, k)]
    starts += kmeans_pp_starts(points, k, weights, rng, n_init)
    wanted = min(k, n_distinct(points))
    full = [i for i, s in enumerate(starts) if len(s) == k]
    together: dict[int, tuple[tuple[IntArray, FloatArray] | None, float]] = {}
    if full:
        stacked = np.stack([starts[i] for i in full])
        results, scores = _lloyd_together(points, stacked, weights, max_iter=max_iter)
        together = {i: (r, float(sc)) for i, r, sc in zip(full, results, scores, strict=True)}
    out: list[Outcome] = []
    for i, start in enumerate(starts):
        result, score = together.get(i, (None, 0.0))
        if result is None:
            result = lloyd(points, start, weights, max_iter=max_iter)
            score = inertia(points, result[0], result[1], weights)
        if i == 0 or len(result[1]) >= wanted:
            out.append(Outcome(result[0], result[1], score))
    return out


def best_kmeans(outcomes: list[Outcome]) -> Outcome:
    """The outcome of lowest inertia (the first of equals)."""
    return min(outcomes, key=lambda o: o.inertia)


def modal_kmeans(outcomes: list[Outcome]) -> Outcome:
    """The split that most starts end in; among equally frequent splits, the lowest inertia.

    Two outcomes are the same split when they put the same points together,
    whatever the numbering of their groups.
    """
    counts: dict[bytes, int] = {}
    first: dict[bytes, Outcome] = {}
    for outcome in outcomes:
        key = canonical_labels(outcome.labels).tobytes()
        counts[key] = counts.get(key, 0) + 1
        if key not in first or outcome.inertia < first[key].inertia:
            first[key] = outcome
    top = max(counts.values())
    tied = [first[key] for key, n in counts.items() if n == top]
    return min(tied, key=lambda o: o.inertia)


def canonical_labels(labels: IntArray) -> IntArray:
    """``labels`` renumbered by first appearance (0, then the next new label 1, ...)."""
    if not labels.size:
        return labels
    # in plain Python: on the few dozen labels of a split, np.unique's sorts cost 3 times more
    seen = labels.tolist()
    rank = {label: i for i, label in enumerate(dict.fromkeys(seen))}
    return np.array([rank[label] for label in seen], dtype=np.int64)


SAMPLE_ABOVE = 4000
"""Lloyd over more points than this first converges on a sample of them."""
FULL_PASSES = 4
"""Passes over every point after the sample has converged."""


def sampled_lloyd(
    points: FloatArray, centres: FloatArray, *, max_iter: int = 100, tol: float = 1e-4
) -> tuple[IntArray, FloatArray]:
    """Unweighted Lloyd from ``centres``; on many points, converged on a sample first.

    Above :data:`SAMPLE_ABOVE` points Lloyd first runs on an evenly strided
    sample of about half that many, then at most :data:`FULL_PASSES` passes
    settle every point: base clusters only summarise the map, and each full
    pass costs ``n * k`` distances.
    """
    if len(points) > SAMPLE_ABOVE:
        step = len(points) // (SAMPLE_ABOVE // 2)
        _, centres = lloyd(points[::step], centres, max_iter=max_iter, tol=tol)
        max_iter = min(max_iter, FULL_PASSES)
    return lloyd(points, centres, max_iter=max_iter, tol=tol)


def base_clusters(
    points: FloatArray, k: int = 100, *, max_iter: int = 100
) -> tuple[IntArray, FloatArray]:
    """Pol.is's base clusters: k-means from the first ``k`` distinct points."""
    if len(points) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, points.shape[1]))
    return sampled_lloyd(points, first_distinct(points, k), max_iter=max_iter, tol=1e-4)


def max_k_for(n_base: int, max_k: int = 5) -> int:
    """Pol.is tries k up to ``min(5, 2 + n_base // 12)``."""
    return min(max_k, 2 + n_base // 12)
