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
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.analysis._blas import one_blas_thread
from bot.analysis._text import content_tokens, cut_quote, readable, unspoiled
from bot.analysis.model import Discussion
from bot.analysis.stance import ReplyStance
from bot.analysis.themes import _cluster
from bot.analysis.themes._cluster import ThemeParams
from bot.analysis.themes._label import label_words
from bot.analysis.themes._words import option_stems, reply_words
from bot.analysis.themes.quotes import NEAR_DUPLICATE, typical
from bot.analysis.themes.result import Theme, ThemeQuote, ThemesResult

MIN_REPLIES = 12
"""Below this many replies able to take part, no theme is looked for."""
MIN_SIZE = 3
"""A theme has at least this many replies (and at least :data:`MIN_SHARE` of them)."""
MIN_SHARE = 0.04
MIN_WORDS = 3
"""Content words a reply needs to take part (fewer: a greeting, "+1", "et vous ?")."""
FIT_MAX = 600
"""Themes are found on at most this many replies (a seeded sample), the rest assigned."""
QUOTE_CHARS = 200
DEFAULT_PARAMS = ThemeParams()
QUOTES = 2


def _seed(discussion_id: str, seed: int) -> int:
    return zlib.crc32(discussion_id.encode("utf-8")) ^ seed


def _taking_part(
    discussion: Discussion, vectors: Mapping[str, npt.NDArray[np.floating]]
) -> tuple[list[str], list[int], int]:
    """Ids of the replies that take part, their number of distinct content words, and how
    many replies have no vector yet."""
    ids, n_words, missing = [], [], 0
    for reply in discussion.replies:
        if reply.id not in vectors:
            missing += 1
            continue
        words = len(set(content_tokens(reply.text)))
        if words >= MIN_WORDS:
            ids.append(reply.id)
            n_words.append(words)
    return ids, n_words, missing


def _quotable(text: str) -> bool:
    """Whether a reply's quote shows something once its spoilers are masked."""
    return "||" not in text or readable(unspoiled(cut_quote(text, QUOTE_CHARS)))


@dataclass(frozen=True, slots=True)
class _Fit:
    unit: npt.NDArray[np.float32]
    """Every reply's vector, centred on the sample's mean and made unit."""
    fit: npt.NDArray[np.int64]
    """Rows the themes were found on (all of them up to :data:`FIT_MAX`)."""
    labels: npt.NDArray[np.int64]
    """Every row's theme, ``-1`` for none."""
    grouping: _cluster.Grouping


def _fit(
    matrix: npt.NDArray[np.float32], rng: np.random.Generator, params: ThemeParams, max_k: int
) -> _Fit | None:
    """Themes of a sample of at most :data:`FIT_MAX` rows; the other rows join the nearest centre."""
    n = len(matrix)
    fit = np.arange(n) if n <= FIT_MAX else np.sort(rng.choice(n, size=FIT_MAX, replace=False))
    grouping = _cluster.group(matrix[fit].astype(np.float64), params, rng, max_k)
    if grouping is None:
        return None
    unit = matrix - matrix[fit].mean(axis=0)
    unit /= np.maximum(np.sqrt(np.einsum("ij,ij->i", unit, unit)), 1e-12)[:, None]
    labels = np.full(n, -1, dtype=np.int64)
    labels[fit] = grouping.labels
    if n > len(fit):
        rest = np.setdiff1d(np.arange(n), fit)
        centres = np.stack(
            [unit[fit][grouping.labels == t].mean(axis=0) for t in range(grouping.k)]
        )
        labels[rest] = np.argmax(unit[rest] @ centres.T, axis=1)
    return _Fit(unit, fit, labels, grouping)


def _merge_alike(labels: npt.NDArray[np.int64], matrix: npt.NDArray[np.float32], k: int) -> None:
    """Merge, in place, themes whose centres are as close as two replies saying the same thing.

    Such a split is one of wording, not of subject (twenty ways to say "too
    expensive" still make one theme). Centres are the mean of the raw
    vectors, not centred ones: closeness of meaning, not of what is left
    once the discussion's common ground is removed.
    """
    present = [t for t in range(k) if (labels == t).any()]
    centres = np.stack([matrix[labels == t].mean(axis=0) for t in present]).astype(np.float64)
    centres = _cluster.unit_rows(centres)
    close = centres @ centres.T
    root = list(range(len(present)))
    for a in range(len(present)):
        for b in range(a + 1, len(present)):
            if close[a, b] >= NEAR_DUPLICATE:
                root[b] = root[a]
    for i, t in enumerate(present):
        labels[labels == t] = present[root[i]]


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
    ids, n_words, missing = _taking_part(discussion, vectors)
    n = len(ids)
    if n < MIN_REPLIES:
        return ThemesResult("too_few", considered=n, missing_vectors=missing)
    matrix = np.stack([np.asarray(vectors[i], dtype=np.float32) for i in ids])
    rng = np.random.default_rng(_seed(discussion.id, seed))
    min_size = max(MIN_SIZE, round(MIN_SHARE * n))
    fitted = _fit(matrix, rng, params, max_k=n // min_size)
    if fitted is None:
        return ThemesResult("unclear", considered=n, missing_vectors=missing)
    grouping = fitted.grouping
    _merge_alike(fitted.labels, matrix, grouping.k)
    sizes = np.bincount(fitted.labels[fitted.labels >= 0], minlength=grouping.k)
    kept = [int(t) for t in np.argsort(-sizes, kind="stable") if sizes[t] >= min_size]
    enough = len(kept) >= _cluster.MIN_K
    themes = _describe(discussion, ids, n_words, fitted, kept, stances) if enough else []
    if len(themes) < _cluster.MIN_K:  # too few large themes, or too few worth describing
        return ThemesResult(
            "unclear",
            considered=n,
            stability=grouping.stability,
            by_k=grouping.by_k,
            missing_vectors=missing,
        )
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


def _stance_mix(
    members: Sequence[str], stance_of: Mapping[str, ReplyStance], options: Sequence[str]
) -> tuple[dict[str, int], dict[str, int]]:
    """Replies per option (declared or inferred), and those declared, options in their order."""
    mix: Counter[str] = Counter()
    declared: Counter[str] = Counter()
    for rid in members:
        s = stance_of.get(rid)
        if s is not None and s.option is not None:
            mix[s.option] += 1
            declared[s.option] += s.source == "declared"
    order = [o for o in options if mix[o]] + sorted(o for o in mix if o not in options)
    return {o: mix[o] for o in order}, {o: declared[o] for o in order if declared[o]}


def _describe(
    discussion: Discussion,
    ids: list[str],
    n_words: list[int],
    fitted: _Fit,
    kept: list[int],
    stances: Sequence[ReplyStance],
) -> list[Theme]:
    texts = {r.id: r.text for r in discussion.replies}
    stance_of = {s.reply_id: s for s in stances}
    english = discussion.language == "en"
    words = {int(i): reply_words(texts[ids[i]], english_by_default=english) for i in fitted.fit}
    total = Counter(s for w in words.values() for s in w.stems)
    question = reply_words(discussion.question, english_by_default=english).stems
    options = option_stems(discussion.options)
    in_fit = np.zeros(len(ids), dtype=bool)
    in_fit[fitted.fit] = True
    consistency = np.zeros(len(ids))
    consistency[fitted.fit] = fitted.grouping.consistency
    themes: list[Theme] = []
    for t in kept:
        rows = np.flatnonzero(fitted.labels == t)
        sampled = rows[in_fit[rows]]
        members = [ids[i] for i in rows]
        name = label_words([words[int(i)] for i in sampled], total, len(words), question, options)
        if not name:
            continue  # no word sets these replies apart: a grouping of vectors, not a theme
        # quoted in words readers see: one all spoiler would be quoted as « ▒▒▒ » alone
        shown = np.array([_quotable(texts[ids[i]]) for i in rows], dtype=bool)
        quotable = rows[shown] if shown.any() else rows
        quoted = typical(
            [ids[i] for i in quotable],
            fitted.unit[quotable].astype(np.float64),
            [n_words[i] for i in quotable],
            QUOTES,
        )
        mix, declared = _stance_mix(members, stance_of, discussion.options)
        themes.append(
            Theme(
                id=f"t{len(themes) + 1}",
                label=", ".join(name),
                words=name,
                reply_ids=tuple(members),
                stances=mix,
                declared=declared,
                quotes=tuple(ThemeQuote(q, cut_quote(texts[q], QUOTE_CHARS)) for q in quoted),
                stability=float(consistency[sampled].mean()) if len(sampled) else 0.0,
            )
        )
    return themes
