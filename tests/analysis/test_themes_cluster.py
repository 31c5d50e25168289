"""The grouping's fast paths give what the plain algorithms give.

The themes run the k-means of the reference fit and of every resampled fit
in one batch (sets padded to the largest, centres stored slot by slot, sets
leaving once converged), match labels by a greedy in plain Python and cache
each word's stem. Each is checked here against the plain version written
the obvious way.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.themes import _cluster, _words
from bot.analysis.themes._cluster import _draws, _matched, kmeans_fits


def plain_kmeans(
    points: np.ndarray, draws: tuple[np.ndarray, np.ndarray], ks: range, max_iter: int = 30
) -> dict[int, np.ndarray]:
    """k-means++ from the same random numbers, then Lloyd's steps, one run at a time."""
    n = len(points)
    first, uniforms = draws
    starts = []
    for s in range(len(first)):
        chosen = [int(first[s])]
        closest = ((points - points[chosen[0]]) ** 2).sum(axis=1)
        for step in range(len(uniforms)):
            cdf = np.cumsum(closest)
            draw = uniforms[step, s] * max(cdf[-1], 1e-12)
            chosen.append(min(int((cdf <= draw).sum()), n - 1))
            closest = np.minimum(closest, ((points - points[chosen[-1]]) ** 2).sum(axis=1))
        starts.append(points[chosen])
    best = {}
    for k in ks:
        runs = []
        for seeds in starts:
            centres = seeds[:k].copy()
            labels = np.full(n, -1)
            for _ in range(max_iter):
                dists = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
                new = dists.argmin(axis=1)
                if (new == labels).all():
                    break
                labels = new
                for c in range(k):
                    if (labels == c).any():
                        centres[c] = points[labels == c].mean(axis=0)
            runs.append((float(dists[np.arange(n), labels].sum()), labels))
        best[k] = min(runs, key=lambda r: r[0])[1]
    return best


def blobs(rng: np.random.Generator, n: int, centres: int, spread: float) -> np.ndarray:
    means = rng.standard_normal((centres, 8)) * 3
    return means[rng.integers(centres, size=n)] + rng.standard_normal((n, 8)) * spread


@pytest.mark.parametrize("spread", [0.3, 3.0])
def test_batched_kmeans_gives_each_set_its_own_labels(spread: float) -> None:
    rng = np.random.default_rng(5)
    ks = range(2, 7)
    sets = [blobs(rng, n, 4, spread) for n in (60, 48, 48, 35, 12)]
    draws = [_draws(rng, len(s), 4, max(ks)) for s in sets]
    together = kmeans_fits(sets, draws, ks)
    for points, drawn, got in zip(sets, draws, together, strict=True):
        want = plain_kmeans(points, drawn, ks)
        for k in ks:
            assert np.array_equal(got[k], want[k]), (len(points), k)


def greedy_matching(reference: np.ndarray, again: np.ndarray, k: int) -> np.ndarray:
    """Largest overlap first, ties to the first cell in row-major order, as numpy's argmax."""
    table = np.zeros((k, k))
    np.add.at(table, (again, reference), 1.0)
    mapping = np.arange(k)
    for _ in range(k):
        row, col = np.unravel_index(int(np.argmax(table)), table.shape)
        mapping[row] = col
        table[row, :] = -1.0
        table[:, col] = -1.0
    return mapping[again]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(2, 6).flatmap(
        lambda k: st.tuples(
            st.just(k),
            st.lists(st.tuples(st.integers(0, k - 1), st.integers(0, k - 1)), min_size=1),
        )
    )
)
def test_matching_takes_the_largest_overlaps_first(case: tuple[int, list[tuple[int, int]]]) -> None:
    k, pairs = case
    reference = np.array([r for r, _ in pairs])
    again = np.array([a for _, a in pairs])
    assert np.array_equal(_matched(reference, again, k), greedy_matching(reference, again, k))


def test_cached_words_are_the_words(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        "Les retraites et la retraite : l'âge légal doit baisser",
        "The jobs and the job market will change, honestly",
        "Retraites, retraites, RETRAITES !",
        "Peut-être que les impôts sur les robots financeront les retraites",
        "La génération qui vient paiera, et la generation suivante aussi",
        "The next generation will pay for it, and the generation after it",
    ]
    cold = []
    for text in texts:
        _words._WORDS.clear()
        _words._STEMS[False].clear()
        _words._STEMS[True].clear()
        cold.append(_words.reply_words(text))
    assert [_words.reply_words(t) for t in texts * 2] == cold * 2
    monkeypatch.setattr(_words, "MAX_CACHED", 3)  # forgets as it goes
    assert [_words.reply_words(t) for t in texts * 2] == cold * 2
    assert {s for w in cold[:1] for s in w.stems} == {"retrait", "age", "legal", "baiss"}
    assert cold[1].english and not cold[0].english
    assert "gener" in cold[4].stems and "generat" in cold[5].stems  # one word, two languages


def test_resampling_batches_every_fit_together() -> None:
    """One batch of 1 + rounds sets: the reference and each 80 % subsample."""
    rng = np.random.default_rng(2)
    points = blobs(rng, 50, 3, 0.5)
    calls = []
    real = _cluster.kmeans_fits

    def spy(sets, draws, ks, max_iter=30):  # type: ignore[no-untyped-def]
        calls.append([len(s) for s in sets])
        return real(sets, draws, ks, max_iter)

    params = _cluster.ThemeParams()
    try:
        _cluster.kmeans_fits = spy
        grouping = _cluster.group(points, params, np.random.default_rng(0))
    finally:
        _cluster.kmeans_fits = real
    assert calls == [[50] + [40] * params.rounds]
    assert grouping is not None and grouping.by_k[3] == 1.0  # three blobs: every re-run agrees
