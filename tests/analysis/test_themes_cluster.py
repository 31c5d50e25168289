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

from bot.analysis import _text
from bot.analysis.themes import _cluster, _words
from bot.analysis.themes._cluster import _draws, _matched, kmeans_fits, kmeans_from


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
            labels, inertia = lloyd_with_inertia(points, seeds[:k], max_iter)
            runs.append((inertia, labels))
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
        _words._CHUNKS.clear()
        _words._STEMS[False].clear()
        _words._STEMS[True].clear()
        cold.append(_words.reply_words(text))
    assert [_words.reply_words(t) for t in texts * 2] == cold * 2
    monkeypatch.setattr(_words, "MAX_CACHED", 3)  # forgets as it goes
    assert [_words.reply_words(t) for t in texts * 2] == cold * 2
    assert {s for w in cold[:1] for s in w.stems} == {"retrait", "age", "legal", "baiss"}
    assert cold[1].english and not cold[0].english
    assert "gener" in cold[4].stems and "generat" in cold[5].stems  # one word, two languages


def test_resampling_fits_the_reference_then_every_subsample_together() -> None:
    """One batch for the reference, then one of the rounds' 80 % subsamples."""
    rng = np.random.default_rng(2)
    points = blobs(rng, 50, 3, 0.5)
    calls: list[tuple[str, list[int]]] = []
    real_fits, real_from = _cluster.kmeans_fits, _cluster.kmeans_from

    def spy_fits(sets, draws, ks, max_iter=30):  # type: ignore[no-untyped-def]
        calls.append(("fits", [len(s) for s in sets]))
        return real_fits(sets, draws, ks, max_iter)

    def spy_from(sets, initial, ks, draws=None, max_iter=30):  # type: ignore[no-untyped-def]
        calls.append(("from", [len(s) for s in sets]))
        return real_from(sets, initial, ks, draws, max_iter)

    params = _cluster.ThemeParams()
    try:
        _cluster.kmeans_fits, _cluster.kmeans_from = spy_fits, spy_from
        grouping = _cluster.group(points, params, np.random.default_rng(0))
    finally:
        _cluster.kmeans_fits, _cluster.kmeans_from = real_fits, real_from
    assert calls == [("fits", [50]), ("from", [40] * params.rounds)]
    assert grouping is not None and grouping.by_k[3] == 1.0  # three blobs: every re-run agrees


def plain_lloyd(points: np.ndarray, centres: np.ndarray, max_iter: int = 30) -> np.ndarray:
    return lloyd_with_inertia(points, centres, max_iter)[0]


def lloyd_with_inertia(
    points: np.ndarray, centres: np.ndarray, max_iter: int = 30
) -> tuple[np.ndarray, float]:
    """Lloyd's steps from ``centres``, one run: the labels and their inertia."""
    centres = centres.copy()
    labels = np.full(len(points), -1)
    for _ in range(max_iter):
        dists = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        new = dists.argmin(axis=1)
        if (new == labels).all():
            break
        labels = new
        for c in range(len(centres)):
            if (labels == c).any():
                centres[c] = points[labels == c].mean(axis=0)
    return labels, float(dists[np.arange(len(points)), labels].sum())


def test_fits_from_given_centres_are_lloyd_from_them() -> None:
    rng = np.random.default_rng(9)
    ks = range(2, 6)
    sets = [blobs(rng, n, 4, 1.5) for n in (40, 33, 12)]
    initial = [{k: s[rng.choice(len(s), size=k, replace=False)] for k in ks} for s in sets]
    got = kmeans_from(sets, initial, ks)
    for points, start, labels in zip(sets, initial, got, strict=True):
        for k in ks:
            assert np.array_equal(labels[k], plain_lloyd(points, start[k])), (len(points), k)


def test_fits_from_given_centres_keep_a_better_fresh_start() -> None:
    """A bad given start (two centres far from every reply) loses to k-means++ starts."""
    rng = np.random.default_rng(4)
    points = blobs(rng, 60, 3, 0.2)
    ks = range(3, 4)
    middle = points.mean(axis=0)
    bad = {3: np.stack([middle, middle + 100.0, middle - 100.0])}
    alone = kmeans_from([points], [bad], ks)[0][3]
    draws = [_draws(rng, len(points), 6, 3)]
    best = kmeans_from([points], [bad], ks, draws)[0][3]

    def inertia(labels: np.ndarray) -> float:
        return sum(
            float(((points[labels == t] - points[labels == t].mean(axis=0)) ** 2).sum())
            for t in set(labels.tolist())
        )

    fresh = plain_kmeans(points, draws[0], ks)[3]
    assert inertia(best) <= min(inertia(alone), inertia(fresh)) + 1e-9
    assert inertia(best) < inertia(alone)  # the bad start alone stays stuck


def test_the_same_replies_give_the_same_themes_whatever_the_seed() -> None:
    """Well separated themes: the reference's twelve starts find them from any seed (the
    groups of a reply or two that an over-split k leaves are dropped later, by size)."""
    rng = np.random.default_rng(3)
    points = blobs(rng, 90, 4, 0.6)
    themes = []
    for seed in range(5):
        grouping = _cluster.group(points, _cluster.ThemeParams(), np.random.default_rng(seed))
        assert grouping is not None
        rows = [set(np.flatnonzero(grouping.labels == t).tolist()) for t in range(grouping.k)]
        themes.append([r for r in rows if len(r) >= 5])
    for found in themes:
        assert len(found) == 4
        for theme in found:  # each theme of one seed is (nearly) a theme of the first seed
            assert max(len(theme & other) for other in themes[0]) >= 0.9 * len(theme)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    sizes=st.lists(st.integers(2, 70), min_size=1, max_size=5),
    spread=st.sampled_from([0.2, 1.0, 4.0]),
)
def test_batched_kmeans_is_one_set_at_a_time(seed: int, sizes: list[int], spread: float) -> None:
    """Sets of any sizes (the smaller padded) fitted together give each set the labels it
    gets alone and those of the plain k-means, one run at a time, whose best run is the
    one of least inertia: the same labels, hence the same inertia."""
    rng = np.random.default_rng(seed)
    ks = range(2, 7)
    sets = [blobs(rng, n, 3, spread) for n in sizes]
    draws = [_draws(rng, len(s), 3, max(ks)) for s in sets]
    together = kmeans_fits(sets, draws, ks)
    for points, drawn, got in zip(sets, draws, together, strict=True):
        want = plain_kmeans(points, drawn, ks)
        alone = kmeans_fits([points], [drawn], ks)[0]
        for k in ks:
            assert np.array_equal(got[k], want[k]), (len(points), k)
            assert np.array_equal(got[k], alone[k]), (len(points), k)


def test_subsamples_smoothed_together_are_each_smoothed_alone() -> None:
    """The resampled rounds' smoothing runs on the six subsamples at once: each comes out
    bit for bit as it would alone."""
    rng = np.random.default_rng(11)
    params = _cluster.ThemeParams()
    vectors = _cluster.centred(rng.standard_normal((90, 48)))
    sims = vectors @ vectors.T
    reduced = _cluster.main_directions(vectors, 16)
    taken = np.stack([np.sort(rng.choice(90, size=72, replace=False)) for _ in range(6)])
    together = _cluster.smooth(sims[taken[:, :, None], taken[:, None, :]], reduced[taken], params)
    for idx, got in zip(taken, together, strict=True):
        assert np.array_equal(got, _cluster.smooth(sims[np.ix_(idx, idx)], reduced[idx], params))


def test_centres_of_several_sets_are_each_sets_centres() -> None:
    rng = np.random.default_rng(12)
    points = rng.standard_normal((6, 40, 8))
    labels = rng.integers(0, 3, size=(6, 40))  # k = 4: the last label is empty everywhere
    fallback = rng.standard_normal((4, 8))
    together = _cluster._centres(points, labels, 4, fallback)
    for p, lab, got in zip(points, labels, together, strict=True):
        assert np.array_equal(got, _cluster._centres(p, lab, 4, fallback))
    assert np.array_equal(together[:, 3], np.broadcast_to(fallback[3], (6, 8)))


def words_of_whole_text(text: str, english_by_default: bool = False) -> _words.ReplyWords:
    """The words as read before 6 Dec: each regular expression over the whole text."""
    plain = _words.joined_negations(
        _words._MENTION.sub(" ", _words.unspoiled(text[: _words.MAX_CHARS]).replace("’", "'"))
    )
    found = list(_words._WORD.finditer(plain))
    written = [m.group().lower() for m in found]
    read = [_words._learn(w) for w in written]
    short = [_words._learn(w.lower()) for w in _words._SHORT.findall(plain)]
    en = sum(r[0] for r in read) + sum(r[0] for r in short)
    fr = sum(r[1] for r in read) + sum(r[1] for r in short)
    english = en > fr or (en == fr and english_by_default)
    forms = [
        (_words._stem(w, english), w if _words._opens_sentence(plain, m.start()) else m.group())
        for m, w, r in zip(found, written, read, strict=True)
        if r[2]
    ]
    return _words.ReplyWords(frozenset(s for s, _ in forms), tuple(forms), english)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "l'État",
                "c'est",
                "Peut-être",
                "don't",
                "I",
                "il",
                "a",
                "à",
                "-",
                "--",
                "12",
                "ab3cd",
                "Retraites",
                "jobs",
                "the",
                "||caché||",
                "<@123>",
                "!",
                ".",
                "…",
                "\n",
                "\t",
                "\u00a0",
                "ß",
                "İ",
                "ǅ",
                "«",
                "»",
                "_",
                "e-mail",
                "x",
            ]
        ),
        max_size=25,
    ).map(lambda parts: "".join(parts) if len(parts) % 2 else " ".join(parts)),
    st.booleans(),
)
def test_words_read_chunk_by_chunk_are_the_words_of_the_whole_text(
    text: str, english_by_default: bool
) -> None:
    """Each chunk between two spaces is read once and cached: the words, their case and
    where they stand (a sentence's first word) are those of the whole text read at once."""
    got = _words.reply_words(text, english_by_default=english_by_default)
    assert got == words_of_whole_text(text, english_by_default)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Les",
                "retraites",
                "c'est",
                "l'État",
                "don't",
                "42",
                "4000ans",
                "a",
                "et",
                "vous",
                "<@123>",
                "https://x.y",
                "Été",
                "ÉTÉ",
                "-",
                "\n",
                "!",
                "lol",
                "the",
                "  ",
                "ß",
            ]
        ),
        max_size=25,
    ).map(lambda parts: "".join(parts) if len(parts) % 2 else " ".join(parts))
)
def test_content_tokens_are_the_content_words_of_the_tokens(text: str) -> None:
    """The themes and the arguments read a reply's content words chunk by chunk (each chunk
    filtered once): they are those of its tokens filtered at once."""
    assert _text.content_tokens(text) == _text.content_words(_text.tokens(text))
