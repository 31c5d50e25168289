"""Which reply the voting card shows next, the way Pol.is orders its comments.

Pol.is gives each comment a priority from its agree count ``A``, pass
count ``P``, votes ``S`` and "extremity" ``E`` (how far a lone vote on it
lands from the centre of the opinion map)::

    importance = (1 - (P + 1) / (S + 2)) * (E + 1) * (A + 1) / (S + 2)
    priority   = (importance * (1 + 8 * 2 ** (-S / 5))) ** 2

The second factor lets new replies bubble up (a reply with no vote is
worth up to 9x more); passes make a reply less interesting; replies that
separate the opinion groups (high extremity) come sooner. The next reply
is drawn at random with probability proportional to its priority, from a
generator seeded by ``seed`` and the voter, so a card is reproducible.

Cheap enough for every click: counting votes is one pass, and the
extremities (a small sparse PCA) are cached per discussion and only
recomputed once the vote count has grown by a tenth.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

import numpy as np

from bot.analysis._polis_matrix import build_vote_matrix, latest_votes
from bot.analysis._polis_pca import reply_extremity, sparse_pca
from bot.analysis.model import Discussion

_CACHE_SIZE = 256
_extremity_cache: OrderedDict[str, tuple[int, dict[str, float]]] = OrderedDict()


def reply_priority(agrees: int, passes: int, seen: int, extremity: float) -> float:
    """Pol.is's comment priority (see the module docstring)."""
    p = (passes + 1) / (seen + 2)
    a = (agrees + 1) / (seen + 2)
    importance = (1 - p) * (extremity + 1) * a
    return float((importance * (1 + 8 * 2 ** (-seen / 5))) ** 2)


def next_reply_for(
    voter_id: str,
    discussion: Discussion,
    *,
    seed: int = 0,
    exclude_user_ids: frozenset[str] = frozenset(),
) -> str | None:
    """The reply to show ``voter_id`` next, or ``None`` when nothing is left.

    Never the voter's own reply, never one they already voted on, never a
    reply by a member in ``exclude_user_ids`` (members who opted out).
    """
    latest = latest_votes(discussion.votes)
    done = {reply for (user, reply) in latest if user == voter_id}
    candidates = [
        r.id
        for r in discussion.replies
        if r.author_id != voter_id and r.author_id not in exclude_user_ids and r.id not in done
    ]
    candidates = list(dict.fromkeys(candidates))
    if not candidates:
        return None
    agrees: dict[str, int] = {}
    passes: dict[str, int] = {}
    seen: dict[str, int] = {}
    for (_, reply), value in latest.items():
        seen[reply] = seen.get(reply, 0) + 1
        if value > 0:
            agrees[reply] = agrees.get(reply, 0) + 1
        elif value == 0:
            passes[reply] = passes.get(reply, 0) + 1
    extremity = _extremities(discussion, len(latest))
    weights = np.asarray(
        [
            reply_priority(
                agrees.get(r, 0), passes.get(r, 0), seen.get(r, 0), extremity.get(r, 0.0)
            )
            for r in candidates
        ]
    )
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


def _extremities(discussion: Discussion, n_votes: int) -> dict[str, float]:
    """Extremity per reply, cached until the discussion has 10 % more votes."""
    key = discussion.id
    cached = _extremity_cache.get(key)
    if cached is not None and n_votes <= cached[0] * 1.1 + 5 and n_votes >= cached[0]:
        _extremity_cache.move_to_end(key)
        return cached[1]
    matrix = build_vote_matrix(discussion)
    if matrix.n_replies == 0 or len(matrix.values) == 0:
        values: dict[str, float] = {}
    else:
        pca = sparse_pca(matrix, max_iter=50, tol=1e-6)
        values = dict(zip(matrix.replies, reply_extremity(pca).tolist(), strict=True))
    _extremity_cache[key] = (n_votes, values)
    _extremity_cache.move_to_end(key)
    while len(_extremity_cache) > _CACHE_SIZE:
        _extremity_cache.popitem(last=False)
    return values
