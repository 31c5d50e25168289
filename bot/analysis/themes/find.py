"""The themes of a discussion: named groups of replies with their stance mix and quotes.

Pure: replies, their vectors (computed elsewhere, see
:mod:`bot.analysis.embeddings`) and their stances in, a
:class:`~bot.analysis.themes.result.ThemesResult` out. Replies too short to
carry a theme (a greeting, "+1", a question back such as "et vous ?") take
no part. Above :data:`FIT_MAX` replies the themes are found on a seeded
sample and every other reply joins the theme whose centre is nearest, so
the cost stays flat past that size.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from bot.analysis._blas import one_blas_thread
from bot.analysis._text import cut_quote
from bot.analysis.model import Discussion
from bot.analysis.stance import ReplyStance
from bot.analysis.themes import _cluster
from bot.analysis.themes._cluster import ThemeParams
from bot.analysis.themes._label import label_words
from bot.analysis.themes._words import ReplyWords, reply_words
from bot.analysis.themes.quotes import typical
from bot.analysis.themes.result import Theme, ThemeQuote, ThemesResult

MIN_REPLIES = 12
"""Below this many replies able to take part, no theme is looked for."""
MIN_SIZE = 3
"""A theme has at least this many replies (and at least :data:`MIN_SHARE` of them)."""
MIN_SHARE = 0.04
MIN_WORDS = 3
"""Content words a reply needs to take part (fewer: a greeting, "+1", "et vous ?")."""
FIT_MAX = 800
"""Themes are found on at most this many replies (a seeded sample), the rest assigned."""
QUOTE_CHARS = 200
DEFAULT_PARAMS = ThemeParams()
QUOTES = 2


def _seed(discussion_id: str, seed: int) -> int:
    return zlib.crc32(discussion_id.encode("utf-8")) ^ seed


def _taking_part(
    discussion: Discussion, vectors: Mapping[str, npt.NDArray[np.floating]]
) -> tuple[list[str], list[ReplyWords], int]:
    ids, words, missing = [], [], 0
    for reply in discussion.replies:
        if reply.id not in vectors:
            missing += 1
            continue
        rw = reply_words(reply.text)
        if len(rw.stems) < MIN_WORDS:
            continue
        ids.append(reply.id)
        words.append(rw)
    return ids, words, missing


def _labels_for_all(
    matrix: npt.NDArray[np.float64], rng: np.random.Generator, params: ThemeParams, max_k: int
) -> tuple[npt.NDArray[np.int64], _cluster.Grouping] | None:
    """Themes of a sample of at most :data:`FIT_MAX` rows; the other rows join the nearest centre."""
    n = len(matrix)
    fit = np.arange(n) if n <= FIT_MAX else np.sort(rng.choice(n, size=FIT_MAX, replace=False))
    grouping = _cluster.group(matrix[fit], params, rng, max_k)
    if grouping is None:
        return None
    labels = np.full(n, -1, dtype=np.int64)
    labels[fit] = grouping.labels
    if n > len(fit):
        centred = _cluster.unit_rows(matrix - matrix[fit].mean(axis=0))
        rest = np.setdiff1d(np.arange(n), fit)
        centres = np.stack(
            [centred[fit][grouping.labels == t].mean(axis=0) for t in range(grouping.k)]
        )
        labels[rest] = np.argmax(centred[rest] @ centres.T, axis=1)
    return labels, grouping


def find_themes(
    discussion: Discussion,
    vectors: Mapping[str, npt.NDArray[np.floating]],
    stances: Sequence[ReplyStance] = (),
    *,
    params: ThemeParams = DEFAULT_PARAMS,
    seed: int = 0,
) -> ThemesResult:
    """2 to 6 themes of ``discussion`` when its replies hold stable ones, else why not."""
    with one_blas_thread():
        return _find(discussion, vectors, stances, params, seed)


def _find(
    discussion: Discussion,
    vectors: Mapping[str, npt.NDArray[np.floating]],
    stances: Sequence[ReplyStance],
    params: ThemeParams,
    seed: int,
) -> ThemesResult:
    ids, words, missing = _taking_part(discussion, vectors)
    n = len(ids)
    if n < MIN_REPLIES:
        return ThemesResult("too_few", considered=n, missing_vectors=missing)
    matrix = np.stack([np.asarray(vectors[i], dtype=np.float64) for i in ids])
    rng = np.random.default_rng(_seed(discussion.id, seed))
    min_size = max(MIN_SIZE, round(MIN_SHARE * n))
    found = _labels_for_all(matrix, rng, params, max_k=n // min_size)
    if found is None:
        return ThemesResult("unclear", considered=n, missing_vectors=missing)
    labels, grouping = found
    sizes = np.bincount(labels[labels >= 0], minlength=grouping.k)
    kept = [t for t in np.argsort(-sizes, kind="stable") if sizes[t] >= min_size]
    if len(kept) < _cluster.MIN_K:
        return ThemesResult(
            "unclear",
            considered=n,
            stability=grouping.stability,
            by_k=grouping.by_k,
            missing_vectors=missing,
        )
    themes = _describe(discussion, ids, words, matrix, labels, grouping, kept, stances)
    in_theme = {rid for t in themes for rid in t.reply_ids}
    return ThemesResult(
        "themes",
        themes=tuple(themes),
        considered=n,
        unthemed=tuple(i for i in ids if i not in in_theme),
        stability=grouping.stability,
        by_k=grouping.by_k,
        missing_vectors=missing,
    )


def _describe(
    discussion: Discussion,
    ids: list[str],
    words: list[ReplyWords],
    matrix: npt.NDArray[np.float64],
    labels: npt.NDArray[np.int64],
    grouping: _cluster.Grouping,
    kept: list[int],
    stances: Sequence[ReplyStance],
) -> list[Theme]:
    texts = {r.id: r.text for r in discussion.replies}
    stance_of = {s.reply_id: s for s in stances if s.option is not None}
    total = Counter(s for w in words for s in w.stems)
    question = reply_words(discussion.question).stems
    centred = _cluster.unit_rows(matrix - matrix.mean(axis=0))
    consistency = np.ones(len(ids))
    if len(ids) <= FIT_MAX:
        consistency = grouping.consistency
    themes = []
    for number, t in enumerate(kept, start=1):
        rows = np.flatnonzero(labels == t)
        members = [ids[i] for i in rows]
        name = label_words([words[i] for i in rows], total, len(ids), question)
        quoted = typical(members, centred[rows], [len(words[i].stems) for i in rows], QUOTES)
        declared: Counter[str] = Counter()
        mix: Counter[str] = Counter()
        for rid in members:
            s = stance_of.get(rid)
            if s is not None and s.option is not None:
                mix[s.option] += 1
                declared[s.option] += s.source == "declared"
        themes.append(
            Theme(
                id=f"t{number}",
                label=", ".join(name),
                words=name,
                reply_ids=tuple(members),
                stances={o: mix[o] for o in discussion.options if mix[o]} | dict(mix),
                declared={o: declared[o] for o in mix if declared[o]},
                quotes=tuple(ThemeQuote(q, cut_quote(texts[q], QUOTE_CHARS)) for q in quoted),
                stability=float(consistency[rows].mean()),
            )
        )
    return themes
