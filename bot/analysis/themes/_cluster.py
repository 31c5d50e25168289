"""Grouping reply vectors into themes, and checking the grouping by resampling.

1. The vectors are centred (what every reply of a discussion shares says
   nothing about its theme) and projected on their main directions (the
   eigenvectors of their covariance), which keeps k-means cheap.
2. Each reply is smoothed over its nearest neighbours by meaning (a few
   steps of a random walk on the k-nearest-neighbour graph): a reply moves
   towards what the replies like it say, so a short or oddly worded reply
   joins its theme instead of pulling a centre away.
3. k-means (k-means++ starts, the best of several) for each k from 2 to 6:
   the reference themes.
4. Stability, as the opinion groups check theirs: step 2 is re-run on
   random 80 % subsamples, then k-means from two starts, the reference's
   themes on those replies and one fresh k-means++ start, the better kept;
   each re-run's themes are matched one to one with the reference's, and a
   reply keeps its theme when its match is the same. A k's stability is
   the share of replies that keep their theme; a reply's consistency is how
   often it kept it. Starting from the reference asks whether its themes
   hold when a fifth of the replies go rather than which of k-means' many
   nearly as good groupings a fresh start lands on (that made the check, and
   the number of themes it chose, a draw); the fresh start keeps a split
   that only the reference's start holds from looking stable.

The largest k whose stability reaches :attr:`ThemeParams.k_stability`, and
comes within :attr:`ThemeParams.k_margin` of the most stable k's, is kept; a
reply whose consistency is below :attr:`ThemeParams.keep` belongs to no
theme (it sits between two), and no k reaching the bar means "no clear
themes yet".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

MIN_K = 2
MAX_K = 6


@dataclass(frozen=True, slots=True)
class ThemeParams:
    """The constants of the grouping.

    ``knn``, ``steps``, ``k_stability`` and ``keep`` were chosen by ``bench/themes.py`` on
    the even X-Stance questions; ``k_margin`` on the team's English sample (see
    bench/README.md); the others are costs.
    """

    knn: int = 20
    """Neighbours of each reply in the smoothing graph."""
    steps: int = 4
    """Random-walk steps of the smoothing."""
    k_stability: float = 0.5
    """A number of themes is kept when this share of replies keeps its theme under resampling."""
    k_margin: float = 0.1
    """A number of themes is kept only if its stability is this close to the best number's."""
    keep: float = 0.6
    """A reply that keeps its theme in fewer resampled runs than this belongs to none."""
    rounds: int = 6
    """Resampled re-runs of the stability check."""
    subsample: float = 0.8
    fresh: int = 1
    """k-means++ starts of each resampled fit besides the reference's themes (the best kept):
    without them every number of themes looks stable (a split the reference made holds)."""
    restarts: int = 8
    """k-means++ starts of the reference fit, the best (least inertia) kept (each resampled
    fit has one start: the reference's themes)."""
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
    """Each row (along the last axis) made unit."""
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return np.asarray(x / np.maximum(norms, 1e-12), dtype=np.float64)


def centred(vectors: FloatArray) -> FloatArray:
    """Rows minus their mean, made unit again."""
    return unit_rows(vectors - vectors.mean(axis=0))


def main_directions(points: FloatArray, dims: int, gram: FloatArray | None = None) -> FloatArray:
    """``points`` projected on their ``dims`` main directions (all of them if fewer);
    ``gram``: ``points @ points.T`` when the caller has it already."""
    n, d = points.shape
    if d <= dims:
        return points
    if n < d:  # the same projections from the smaller (n x n) Gram matrix
        values, vecs = np.linalg.eigh(points @ points.T if gram is None else gram)
        top = vecs[:, ::-1][:, :dims] * np.sqrt(np.maximum(values[::-1][:dims], 0.0))
        return np.asarray(top, dtype=np.float64)
    _, vecs = np.linalg.eigh(points.T @ points)
    return np.asarray(points @ vecs[:, ::-1][:, :dims], dtype=np.float64)


def _neighbour_walk(sims: FloatArray, knn: int) -> FloatArray:
    """Row-stochastic transitions over each reply, its ``knn`` nearest and those it is nearest to.

    ``sims`` holds the cosines of every pair of replies (it is not changed),
    ``(n, n)``, or ``(sets, n, n)`` for several sets of as many replies (each
    walk is the one of its set alone: every step is row by row or set by set).
    """
    n = sims.shape[-1]
    k = min(knn, n - 1)
    batch = sims.reshape(-1, n, n)
    sets = np.arange(len(batch))[:, None]
    diagonal = np.arange(n)
    others = batch.copy()
    others[:, diagonal, diagonal] = -np.inf
    near = np.argpartition(-others, k - 1, axis=2)[:, :, :k].reshape(len(batch), n * k)
    rows = np.repeat(diagonal, k)
    weights = np.zeros(batch.shape)
    weights[sets, rows, near] = np.maximum(others[sets, rows, near], 0.0)
    weights = np.maximum(weights, weights.transpose(0, 2, 1))
    weights[:, diagonal, diagonal] = 1.0
    walk = weights / weights.sum(axis=2, keepdims=True)
    return np.asarray(walk.reshape(sims.shape), dtype=np.float64)


def smooth(sims: FloatArray, reduced: FloatArray, params: ThemeParams) -> FloatArray:
    """Each row of ``reduced`` averaged over its neighbours by ``sims``, ``params.steps`` times.

    Several sets of as many replies at once: ``sims`` ``(sets, n, n)``,
    ``reduced`` ``(sets, n, d)``, each set smoothed as it would be alone.
    """
    if sims.shape[-1] < 3:
        return unit_rows(reduced)
    walk = _neighbour_walk(sims, params.knn)
    out = reduced
    for _ in range(params.steps):
        out = walk @ out
    return unit_rows(out)


Draws = tuple[IntArray, FloatArray]
"""The random numbers of ``starts`` k-means++ draws: their first centres, then one uniform per
further centre and start ``(centres - 1, starts)``."""


def _draws(rng: np.random.Generator, n: int, starts: int, top: int) -> Draws:
    return rng.integers(n, size=starts), np.stack([rng.random(starts) for _ in range(1, top)])


def _seeds(points: FloatArray, valid: BoolArray, sizes: IntArray, draws: list[Draws]) -> FloatArray:
    """k-means++ starting centres of each set of ``points`` (padded, see :func:`kmeans_fits`)
    from its ``draws``, ``(sets, starts, centres, d)``."""
    norms = np.einsum("fnd,fnd->fn", points, points)
    across = points.transpose(0, 2, 1)
    sets = np.arange(len(points))[:, None]

    def dists_to(idx: IntArray) -> FloatArray:
        cross = points[sets, idx] @ across
        d = np.take_along_axis(norms, idx, axis=1)[:, :, None] - 2.0 * cross + norms[:, None, :]
        return np.asarray(np.where(valid, np.maximum(d, 0.0), 0.0))

    chosen = [np.stack([first for first, _ in draws])]
    uniforms = np.stack([u for _, u in draws])  # (sets, centres - 1, starts)
    closest = dists_to(chosen[0])
    for step in range(uniforms.shape[1]):
        cdf = np.cumsum(closest, axis=2)
        draw = uniforms[:, step, :, None] * np.maximum(cdf[:, :, -1:], 1e-12)
        idx = np.minimum((cdf <= draw).sum(axis=2), sizes[:, None] - 1)
        chosen.append(idx)
        closest = np.minimum(closest, dists_to(idx))
    return np.asarray(points[sets[:, :, None], np.stack(chosen, axis=2)], dtype=np.float64)


def kmeans_by_k(
    points: FloatArray, ks: range, rng: np.random.Generator, restarts: int, max_iter: int = 30
) -> dict[int, IntArray]:
    """For each k of ``ks``, the labels ``0..k-1`` of the best of ``restarts`` k-means++ runs."""
    draws = _draws(rng, len(points), max(restarts, 1), max(ks))
    return kmeans_fits([points], [draws], ks, max_iter)[0]


def kmeans_fits(
    point_sets: list[FloatArray], draws: list[Draws], ks: range, max_iter: int = 30
) -> list[dict[int, IntArray]]:
    """k-means of several sets of points at once: for each set and each k of ``ks``, the
    labels ``0..k-1`` of its best (least inertia) start.

    ``draws[f]`` holds the random numbers of set ``f``'s starts, k-means++
    draws of ``max(ks)`` centres: the starts of a smaller k are their first
    k centres. See :func:`_lloyd` for how the runs go together.
    """
    starts = len(draws[0][0])
    runs = len(ks) * starts
    sizes = np.array([len(p) for p in point_sets])
    points, valid = _padded(point_sets, max(sizes), point_sets[0].shape[1])
    seeds = _seeds(points, valid, sizes, draws)  # (fits, starts, top, d)
    return _lloyd(points, valid, sizes, seeds[:, np.arange(runs) % starts], ks, starts, max_iter)


def kmeans_from(
    point_sets: list[FloatArray],
    initial: list[dict[int, FloatArray]],
    ks: range,
    draws: list[Draws] | None = None,
    max_iter: int = 30,
) -> list[dict[int, IntArray]]:
    """k-means of several sets of points at once, for each set and k the best (least inertia)
    of a run from the given centres (``initial[f][k]``: set ``f``'s ``k`` starting centres)
    and of the k-means++ starts drawn by ``draws[f]`` (none without ``draws``)."""
    sizes = np.array([len(p) for p in point_sets])
    d = point_sets[0].shape[1]
    points, valid = _padded(point_sets, max(sizes), d)
    drawn = 0 if draws is None else len(draws[0][0])
    starts = 1 + drawn
    start = np.zeros((len(point_sets), len(ks) * starts, max(ks), d))
    if draws is not None:
        seeds = _seeds(points, valid, sizes, draws)  # (fits, drawn, top, d)
        for i in range(len(ks)):
            start[:, i * starts + 1 : (i + 1) * starts] = seeds
    for f, by_k in enumerate(initial):
        for i, k in enumerate(ks):
            start[f, i * starts, :k] = by_k[k]
    return _lloyd(points, valid, sizes, start, ks, starts, max_iter)


def _lloyd(
    points: FloatArray,
    valid: BoolArray,
    sizes: IntArray,
    start: FloatArray,
    ks: range,
    starts: int,
    max_iter: int,
) -> list[dict[int, IntArray]]:
    """Lloyd's steps for every run of every k of every (padded) set together, from ``start``
    ``(sets, runs, max(ks), d)`` (run ``i * starts + s`` is start ``s`` of the ``i``-th k).

    One matrix product per step for all (on a hundred replies the cost is
    the number of numpy calls more than the arithmetic): the sets are padded
    to the largest with rows that count nowhere, and the centres are stored
    slot by slot, each slot holding only the runs whose k uses it. A set
    leaves the batch once all its runs have converged, as it would alone:
    the labels are those of separate fits.
    """
    fits, n = len(points), points.shape[1]
    top, runs = max(ks), len(ks) * starts
    # -2 x the points, so that one product gives -2 c.p (a power of two: the same bits)
    across = np.ascontiguousarray(points.transpose(0, 2, 1)) * -2.0
    # slot j holds the runs from first[j] on (their k is above j), at rows offset[j]...
    first = [starts * next(i for i, k in enumerate(ks) if k > j) for j in range(top)]
    offset = np.concatenate([[0], np.cumsum([runs - lo for lo in first])])
    centres = np.concatenate([start[:, lo:, j] for j, lo in enumerate(first)], axis=1)
    labels = np.full((fits, runs, n), -1, dtype=np.int8)
    near = np.zeros((fits, runs, n))
    # the sets still moving (ids into the above), and their points, centres and labels
    ids, pts, acr, outside = np.arange(fits), points, across, ~valid
    now = np.full((fits, runs, n), -1, dtype=np.int8)
    onehot = np.empty((fits, int(offset[-1]), n))
    for _ in range(max_iter):
        dists = centres @ acr
        dists += np.einsum("fcd,fcd->fc", centres, centres)[:, :, None]
        # slots 0 and 1 hold every run (k >= 2): the nearer of the two, then the others
        zero, one = dists[:, : offset[1]], dists[:, offset[1] : offset[2]]
        close = np.minimum(zero, one)
        new = np.less(one, zero).view(np.int8)
        for j in range(2, top):
            lo, slot, best = first[j], dists[:, offset[j] : offset[j + 1]], close[:, first[j] :]
            np.putmask(new[:, lo:], slot < best, j)
            np.minimum(best, slot, out=best)
        np.copyto(new, -1, where=outside)
        moved = (new != now).any(axis=(1, 2))
        if not moved.all():
            labels[ids[~moved]], near[ids[~moved]] = now[~moved], close[~moved]
            ids, pts, acr, outside = ids[moved], pts[moved], acr[moved], outside[moved]
            centres, new, close, onehot = centres[moved], new[moved], close[moved], onehot[moved]
            if not len(ids):
                break
        now = new
        for j, lo in enumerate(first):
            np.equal(now[:, lo:], j, out=onehot[:, offset[j] : offset[j + 1]])
        counts = onehot.sum(axis=2)[:, :, None]
        # an empty slot keeps its centre (centres is this function's own array)
        np.divide(onehot @ pts, counts, out=centres, where=counts > 0)
    else:
        labels[ids], near[ids] = now, close
    return _best_runs(labels, np.where(valid, near, 0.0).sum(axis=2), sizes, ks, starts)


def _padded(point_sets: list[FloatArray], n: int, d: int) -> tuple[FloatArray, BoolArray]:
    """The sets stacked ``(fits, n, d)``, zero rows after each set's own, and which rows are."""
    points = np.zeros((len(point_sets), n, d))
    valid = np.zeros((len(point_sets), 1, n), dtype=bool)
    for f, p in enumerate(point_sets):
        points[f, : len(p)] = p
        valid[f, 0, : len(p)] = True
    return points, valid


def _best_runs(
    labels: npt.NDArray[np.int8], inertia: FloatArray, sizes: IntArray, ks: range, starts: int
) -> list[dict[int, IntArray]]:
    """For each set and each k, the labels of its run of least inertia."""
    out = []
    for f in range(len(labels)):
        best_k = {}
        for i, k in enumerate(ks):
            block = inertia[f, i * starts : (i + 1) * starts]
            row = labels[f, i * starts + int(np.argmin(block)), : sizes[f]]
            best_k[k] = np.asarray(row, dtype=np.int64)
        out.append(best_k)
    return out


def kmeans(points: FloatArray, k: int, rng: np.random.Generator, restarts: int) -> IntArray:
    """Labels ``0..k-1`` (some possibly empty) of the best of ``restarts`` k-means++ runs."""
    return kmeans_by_k(points, range(k, k + 1), rng, restarts)[k]


def _matched(reference: IntArray, again: IntArray, k: int) -> IntArray:
    """``again`` relabelled one to one onto ``reference``, the largest overlaps first (ties:
    the lowest ``again`` label, then the lowest reference label)."""
    table = np.bincount(again * k + reference, minlength=k * k).tolist()
    mapping, rows, cols = list(range(k)), set(), set()
    for cell in sorted(range(k * k), key=lambda c: -table[c]):
        row, col = divmod(cell, k)
        if row not in rows and col not in cols:
            mapping[row] = col
            rows.add(row)
            cols.add(col)
    return np.asarray(mapping, dtype=np.int64)[again]


def _centres(points: FloatArray, labels: IntArray, k: int, fallback: FloatArray) -> FloatArray:
    """The mean of each of the ``k`` labels' points (``fallback``'s row for a label with none);
    of several sets at once with ``points`` ``(sets, n, d)`` and ``labels`` ``(sets, n)``."""
    onehot = (labels[..., None, :] == np.arange(k)[:, None]).astype(np.float64)
    counts = onehot.sum(axis=-1)[..., None]
    return np.asarray(np.where(counts > 0, (onehot @ points) / np.maximum(counts, 1.0), fallback))


def _resampled(
    vectors: FloatArray, ks: range, params: ThemeParams, rng: np.random.Generator, rounds: int
) -> tuple[dict[int, IntArray], dict[int, FloatArray], dict[int, float]]:
    """Reference labels per k, each reply's consistency per k, and each k's stability.

    The reference fit is the best of ``params.restarts`` k-means++ starts.
    Each resampled fit is the better of a start from the reference's themes
    on its own replies (their centres there) and ``params.fresh`` k-means++
    starts (see the module's step 4): with fresh starts only, on X-Stance,
    the number of themes chosen changed from one re-run of the whole
    analysis to the next; with the reference's start only, every k looked
    stable.
    """
    n = len(vectors)
    points = centred(np.asarray(vectors, dtype=np.float64))
    sims = points @ points.T
    reduced = main_directions(points, params.dims, sims)
    whole = smooth(sims, reduced, params)
    draws = _draws(rng, n, max(params.restarts, 1), max(ks))
    reference = kmeans_fits([whole], [draws], ks)[0]
    home = {k: _centres(whole, reference[k], k, np.zeros((k, whole.shape[1]))) for k in ks}
    n_sub = max(2 * MIN_K, round(params.subsample * n))
    subsamples, fresh = [], []
    for _ in range(rounds):  # the random numbers in the order of one round after the other
        subsamples.append(np.sort(rng.choice(n, size=n_sub, replace=False)))
        fresh.append(_draws(rng, n_sub, params.fresh, max(ks)))
    taken = np.array(subsamples).reshape(rounds, n_sub)
    smoothed = smooth(sims[taken[:, :, None], taken[:, None, :]], reduced[taken], params)
    sets = list(smoothed)
    at_k = {k: _centres(smoothed, reference[k][taken], k, home[k]) for k in ks}
    starts = [{k: at_k[k][r] for k in ks} for r in range(rounds)]
    again = kmeans_from(sets, starts, ks, fresh if params.fresh else None) if rounds else []
    kept = {k: np.zeros(n) for k in ks}
    seen = np.zeros(n)
    for idx, labels in zip(subsamples, again, strict=True):
        seen[idx] += 1
        for k in ks:
            kept[k][idx] += _matched(reference[k][idx], labels[k], k) == reference[k][idx]
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
