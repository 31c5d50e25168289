"""The clearest, most distinct arguments given for each option.

Quotes come only from replies whose stance is declared or inferred with a
confidence of at least :data:`QUOTE_MIN_CONFIDENCE` (chosen on the X-Stance
benchmark so that at least 85% of quotes sit under their author's real side).
Replies that other members agreed with come first; near-duplicates are
dropped by comparing word sets among a bounded number of candidates only.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.analysis._text import content_tokens, cut_quote, readable, stem, unspoiled
from bot.analysis.model import Discussion
from bot.analysis.stance import ReplyStance
from bot.analysis.themes.quotes import spread_by_meaning

QUOTE_MIN_CONFIDENCE = 0.85
MAX_QUOTES = 5
QUOTE_CHARS = 300
_CANDIDATES = 60
_NEAR_DUPLICATE = 0.5
_MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class Argument:
    reply_id: str
    quote: str
    score: float


def _agreement(discussion: Discussion) -> dict[str, float]:
    """Net agreement per reply from the votes of members other than its author."""
    authors = {r.id: r.author_id for r in discussion.replies}
    net: dict[str, float] = defaultdict(float)
    for v in discussion.votes:
        author = authors.get(v.reply_id)
        if author is None or author == v.user_id:
            continue
        net[v.reply_id] += 1.0 if v.value > 0 else (-0.5 if v.value < 0 else 0.0)
    return net


def _votes(net: float) -> float:
    """Agreement first: a log bonus for net agreement, a penalty for net disagreement."""
    return math.log1p(max(net, 0.0)) * 2.0 + min(net, 0.0) * 0.5


def _clarity(n_words: int, n_chars: int) -> float:
    """Prefer replies of a sentence or two: long enough to argue, short enough to quote."""
    fit = min(n_words, 25) / 25.0
    too_long = max(0, n_chars - 2 * QUOTE_CHARS) / (4 * QUOTE_CHARS)
    return fit - min(too_long, 0.5)


def select_arguments(
    discussion: Discussion,
    stances: Sequence[ReplyStance],
    *,
    min_confidence: float = QUOTE_MIN_CONFIDENCE,
    limit: int = MAX_QUOTES,
    vectors: Mapping[str, npt.NDArray[np.floating[Any]]] | None = None,
    theme_of: Mapping[str, str] | None = None,
) -> dict[str, list[Argument]]:
    """Up to ``limit`` quotes per option (every option is a key, possibly empty).

    With the replies' ``vectors``, quotes that say the same thing in other
    words count once too, and each option's quotes come from different
    themes (``theme_of``) first (:func:`bot.analysis.themes.spread_by_meaning`).
    """
    replies = {r.id: r for r in discussion.replies}
    net = _agreement(discussion)
    pools: dict[str, list[tuple[float, str]]] = {o: [] for o in discussion.options}
    for s in stances:
        reply = replies.get(s.reply_id)
        if s.option is None or s.option not in pools or reply is None:
            continue
        if s.confidence < min_confidence:
            continue
        # a cheap first score (words approximated by spaces); exact words only for candidates
        n_words = min(reply.text.count(" ") + 1, 200) // 2
        agreed = net.get(s.reply_id)
        votes = 0.0 if agreed is None else _votes(agreed)
        score = votes + _clarity(n_words, len(reply.text)) + s.confidence
        pools[s.option].append((score, s.reply_id))
    out: dict[str, list[Argument]] = {}
    for option, pool in pools.items():
        pool.sort(key=lambda t: (-t[0], t[1]))
        chosen: list[Argument] = []
        seen: list[frozenset[str]] = []
        for score, reply_id in pool[:_CANDIDATES]:
            words = content_tokens(replies[reply_id].text)
            if len(words) < _MIN_WORDS:
                continue
            stems = frozenset(stem(w) for w in words)
            # Jaccard: |shared| / |union|, the union counted, not built (|a| + |b| - |shared|)
            n = len(stems)
            if any(
                (shared := len(stems & o)) / (n + len(o) - shared) >= _NEAR_DUPLICATE for o in seen
            ):
                continue
            quote = cut_quote(replies[reply_id].text, QUOTE_CHARS)
            if not readable(unspoiled(quote)):  # all spoiler: quoted as a mask alone, « ▒▒▒ »
                continue
            seen.append(stems)
            chosen.append(Argument(reply_id, quote, round(score, 4)))
            if vectors is None and len(chosen) >= limit:
                break
        if vectors is not None:
            by_id = {a.reply_id: a for a in chosen}
            kept = spread_by_meaning(list(by_id), vectors, theme_of or {}, limit)
            chosen = [by_id[reply_id] for reply_id in kept]
        out[option] = chosen
    return out
