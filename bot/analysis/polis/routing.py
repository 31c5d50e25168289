"""Which reply the voting card shows next, the way Pol.is orders its comments.

Pol.is gives each comment a priority from its agree count ``A``, pass
count ``P``, votes ``S`` and "extremity" ``E`` (how far a lone vote on it
lands from the centre of the opinion map)::

    importance = (1 - (P + 1) / (S + 2)) * (E + 1) * (A + 1) / (S + 2)
    priority   = (importance * (1 + 8 * 2 ** (-S / 5))) ** 2

The second factor lets new replies bubble up (a reply with no vote is
worth up to 9x more); passes make a reply less interesting; replies that
separate the opinion groups (high extremity) come sooner. A reply that
describes its author (Pol.is's "meta" comment, :mod:`.profile`) gets
Pol.is's fixed meta priority ``7 ** 2`` instead, and is left out of the
extremities' PCA as the groups leave it out of the map. The next reply
is drawn at random with probability proportional to its priority, from a
generator seeded by ``seed`` and the voter, so a card is reproducible.

Cheap enough for every click: the votes are read once into arrays (a
list comprehension per field and C-level dictionary look-ups, see
:func:`~bot.analysis.polis.matrix.latest_vote_arrays`) and counted with
``bincount``; the extremities (a small sparse PCA) are cached per
discussion and only recomputed once the vote count has grown by a tenth,
warm-started from the previous axes.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from bot.analysis.model import Discussion
from bot.analysis.polis.arrays import FloatArray, IntArray
from bot.analysis.polis.matrix import build_vote_matrix, latest_vote_arrays
from bot.analysis.polis.pca import reply_extremity, sparse_pca
from bot.analysis.polis.profile import describes_author, profile_replies, without
from bot.analysis.polis.settings import DEFAULT

META_PRIORITY = 7.0
"""Pol.is's ``meta-priority``: a meta comment's priority is its square, whatever its votes."""

_CACHE_SIZE = 256
_extremity_cache: OrderedDict[str, tuple[int, dict[str, float], tuple[str, ...], FloatArray]] = (
    OrderedDict()
)
_cache_lock = threading.Lock()
"""Cards are chosen in worker threads: the cache is read and written under this lock (an
entry evicted by one thread between another's read and its ``move_to_end`` raised)."""


def reply_priority(agrees: int, passes: int, seen: int, extremity: float) -> float:
    """Pol.is's comment priority (see the module docstring)."""
    p = (passes + 1) / (seen + 2)
    a = (agrees + 1) / (seen + 2)
    importance = (1 - p) * (extremity + 1) * a
    return float((importance * (1 + 8 * 2 ** (-seen / 5))) ** 2)


def _priorities(
    agrees: FloatArray, passes: FloatArray, seen: FloatArray, extremity: FloatArray
) -> FloatArray:
    """:func:`reply_priority` over arrays."""
    p = (passes + 1) / (seen + 2)
    a = (agrees + 1) / (seen + 2)
    importance = (1 - p) * (extremity + 1) * a
    return np.asarray((importance * (1 + 8 * 2 ** (-seen / 5))) ** 2, dtype=np.float64)


def next_reply_for(
    voter_id: str,
    discussion: Discussion,
    *,
    seed: int = 0,
    exclude_user_ids: frozenset[str] = frozenset(),
    again: frozenset[str] = frozenset(),
) -> str | None:
    """The reply to show ``voter_id`` next, or ``None`` when nothing is left.

    Never the voter's own reply, never one they already voted on, never a
    reply by a member in ``exclude_user_ids`` (members who opted out). Replies
    in ``again`` (she voted on them, then their text changed) are shown again,
    before any other: her vote was about an earlier text, and until she votes
    again it is counted for the new one. They are drawn among themselves by the
    same priorities.
    """
    counts = _counts(discussion, voter_id)
    done = counts.done
    open_to_her = [
        r.id
        for r in discussion.replies
        if r.author_id != voter_id and r.author_id not in exclude_user_ids
    ]
    candidates = [r for r in open_to_her if r in again and r in done] or [
        r for r in open_to_her if r not in done
    ]
    candidates = list(dict.fromkeys(candidates))
    if not candidates:
        return None
    n_cols = len(counts.replies)
    seen, agrees, passes = counts.seen, counts.agrees, counts.passes
    extremity = _extremities(discussion, counts.n_votes)
    index = {r: i for i, r in enumerate(counts.replies)}
    cols = np.fromiter((index.get(r, -1) for r in candidates), dtype=np.int64)
    known = cols >= 0
    picked = np.where(known, cols, 0)
    zero = np.zeros(len(candidates))
    weights = _priorities(
        np.where(known, agrees[picked], zero) if n_cols else zero,
        np.where(known, passes[picked], zero) if n_cols else zero,
        np.where(known, seen[picked], zero) if n_cols else zero,
        np.fromiter((extremity.get(r, 0.0) for r in candidates), dtype=np.float64),
    )
    if DEFAULT.profile_statements:
        texts = {r.id: r.text for r in discussion.replies}
        meta = np.fromiter((describes_author(texts[r]) for r in candidates), dtype=bool)
        weights = np.where(meta, META_PRIORITY**2, weights)
    rng = np.random.default_rng(_seed_for(seed, discussion.id, voter_id, len(done)))
    total = float(weights.sum())
    if total <= 0 or not np.isfinite(total):
        return candidates[int(rng.integers(len(candidates)))]
    return candidates[int(rng.choice(len(candidates), p=weights / total))]


def _seed_for(seed: int, discussion_id: str, voter_id: str, n_done: int) -> int:
    digest = hashlib.blake2b(
        f"{seed}:{discussion_id}:{voter_id}:{n_done}".encode(), digest_size=8
    ).digest()
    return int.from_bytes(digest, "big")


@dataclass(frozen=True, slots=True)
class _Counts:
    """Latest-vote counts per reply (``replies`` order) and the replies the voter voted on."""

    replies: tuple[str, ...]
    seen: FloatArray
    agrees: FloatArray
    passes: FloatArray
    done: set[str]
    n_votes: int


def _counts(discussion: Discussion, voter_id: str) -> _Counts:
    """Latest-vote counts per reply, from :func:`latest_vote_arrays` (C-level passes)."""
    latest = latest_vote_arrays(discussion)
    voter = latest.users.index(voter_id) if voter_id in latest.users else -1
    done = {latest.replies[c] for c in latest.cols[latest.rows == voter].tolist()}
    return _tally(latest.replies, latest.cols, latest.values, done)


def _tally(replies: tuple[str, ...], cols: IntArray, values: FloatArray, done: set[str]) -> _Counts:
    n = len(replies)
    return _Counts(
        replies=replies,
        seen=np.bincount(cols, minlength=n).astype(np.float64),
        agrees=np.bincount(cols[values > 0], minlength=n).astype(np.float64),
        passes=np.bincount(cols[values == 0], minlength=n).astype(np.float64),
        done=done,
        n_votes=len(cols),
    )


def _extremities(discussion: Discussion, n_votes: int) -> dict[str, float]:
    """Extremity per reply, cached until the discussion has 10 % more votes."""
    key = discussion.id
    with _cache_lock:
        cached = _extremity_cache.get(key)
        if cached is not None and n_votes <= cached[0] * 1.1 + 5 and n_votes >= cached[0]:
            _extremity_cache.move_to_end(key)
            return cached[1]
    if DEFAULT.profile_statements:
        discussion = without(discussion, profile_replies(discussion))
    matrix = build_vote_matrix(discussion)
    start: FloatArray | None = None
    if matrix.n_replies == 0 or len(matrix.values) == 0:
        values: dict[str, float] = {}
        comps = np.zeros((2, 0))
    else:
        if cached is not None:
            # Warm start: the previous axes, reply by reply (new replies start at 0).
            old = {r: j for j, r in enumerate(cached[2])}
            at = np.fromiter((old.get(r, -1) for r in matrix.replies), dtype=np.int64)
            if cached[3].shape[1] and (at >= 0).any():
                start = np.where(at >= 0, cached[3][:, np.maximum(at, 0)], 0.0)
        pca = sparse_pca(matrix, max_iter=50, tol=1e-6, start=start)
        comps = pca.comps
        values = dict(zip(matrix.replies, reply_extremity(pca).tolist(), strict=True))
    with _cache_lock:
        _extremity_cache[key] = (n_votes, values, matrix.replies, comps)
        _extremity_cache.move_to_end(key)
        while len(_extremity_cache) > _CACHE_SIZE:
            _extremity_cache.popitem(last=False)
    return values
