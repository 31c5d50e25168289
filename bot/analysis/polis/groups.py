"""Opinion groups from agree / disagree / pass votes, the way Pol.is finds them.

The method, step by step (Pol.is's ``math/src/polismath/math``):

1. one vote per (member, reply), the latest (:mod:`.matrix`);
2. replies that describe their authors ("I am between 20 and 25 years
   old"; Pol.is's "meta" comments, :mod:`.profile`) are zeroed: their votes
   count as participation, not as opinions; members with at least
   ``min(7, n_replies)`` votes take part (:mod:`.participation`);
3. missing votes are filled with the reply's mean vote and the matrix is
   reduced to 2 principal components (:mod:`.pca`);
4. each member's projection is scaled by ``sqrt(n_replies / n_votes)``;
5. up to 100 "base clusters" by k-means, then weighted k-means over their
   centres for k = 2..5; the k with the best silhouette wins
   (:mod:`.clustering`);
6. representative replies by two-proportion z-tests (:mod:`.repness`),
   group-informed consensus and the replies that split the groups most
   (:mod:`.consensus`).

On top of Pol.is, the groups are checked for stability (:mod:`.stability`):
a group that does not survive re-runs on subsamples of the members is
reported unstable, so the bot can say "no clear groups yet" instead of
inventing them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from bot.analysis.model import Discussion
from bot.analysis.polis import repness
from bot.analysis.polis.arrays import BoolArray
from bot.analysis.polis.clustering import Clustering, cluster_members
from bot.analysis.polis.consensus import consensus_items, divisive_items
from bot.analysis.polis.matrix import (
    VoteMatrix,
    build_vote_matrix,
    first_columns,
    with_stance_columns,
)
from bot.analysis.polis.participation import (
    MIN_PARTICIPANTS,
    MIN_VOTES,
    votes_cast,
    votes_to_participate,
)
from bot.analysis.polis.profile import describes_author
from bot.analysis.polis.result import GroupsResult, OpinionGroup, RepresentativeReply
from bot.analysis.polis.stability import (
    STABLE_JACCARD,
    bootstrap_stability,
    rounds_for,
    votes_for_stability,
)


def analyze_groups(discussion: Discussion, *, seed: int = 0) -> dict[str, Any]:
    """Opinion groups of ``discussion`` as plain JSON-ready data.

    The keys are those of :class:`~.result.GroupsJson`; ``find_groups(...).to_json()``
    gives the same data typed.
    """
    return dict(find_groups(discussion, seed=seed).to_json())


def find_groups(discussion: Discussion, *, seed: int = 0, bootstrap: int = -1) -> GroupsResult:
    """Opinion groups of ``discussion``, deterministic for a given ``seed``.

    ``bootstrap`` re-runs for the stability check; ``-1`` picks a number
    that keeps large conversations within a few seconds, ``0`` skips it.
    """
    profile = profile_replies(discussion)
    grouped = _without(discussion, profile)
    matrix = with_stance_columns(build_vote_matrix(grouped), grouped)
    n_real = len(build_reply_ids(grouped, matrix))
    min_votes = min(MIN_VOTES, n_real)
    participation = votes_cast(matrix, n_real)
    active = participation >= max(min_votes, 1)
    n_active = int(active.sum())
    empty = GroupsResult(participants=n_active, min_votes=min_votes, profile_replies=profile)
    if n_active < MIN_PARTICIPANTS or n_real < 2:
        return replace(empty, votes_needed=votes_to_participate(participation, max(min_votes, 1)))
    rng = np.random.default_rng(seed)
    result = cluster_members(matrix, active, rng=rng)
    k = int(result.labels.max()) + 1 if result.labels.size else 0
    total_votes = int(participation.sum())
    if k < 2:
        return replace(empty, votes_needed=max(total_votes // 2, 1))
    rounds = bootstrap if bootstrap >= 0 else rounds_for(len(matrix.values))
    per_group, overall = bootstrap_stability(matrix, active, result, k, rng, rounds)
    stable = bool(per_group.min() >= STABLE_JACCARD)
    needed = 0 if stable else votes_for_stability(total_votes, float(per_group.min()))
    return _described(
        replace(empty, stable=stable, stability=overall, votes_needed=needed),
        first_columns(matrix, n_real),
        active,
        result,
        [float(s) for s in per_group],
    )


def _described(
    base: GroupsResult,
    real: VoteMatrix,
    active: BoolArray,
    result: Clustering,
    stabilities: list[float],
) -> GroupsResult:
    """``base`` with the groups, their representative replies, consensus and the map."""
    k = len(stabilities)
    active_idx = np.flatnonzero(active)
    labels = np.full(real.n_users, -1, dtype=np.int64)
    labels[active_idx] = result.labels
    counts = repness.group_counts(real, labels, k)
    reps = repness.representative(counts)
    groups = tuple(
        OpinionGroup(
            id=g,
            members=tuple(real.users[i] for i in active_idx[result.labels == g]),
            representative=tuple(
                RepresentativeReply(
                    real.replies[c.col], c.direction, c.agree_rate, c.disagree_rate, c.z, c.n_votes
                )
                for c in reps[g]
            ),
            stability=stabilities[g],
        )
        for g in range(k)
    )
    projection = {
        real.users[i]: (float(x), float(y))
        for i, (x, y) in zip(active_idx, result.points, strict=True)
    }
    return replace(
        base,
        groups=groups,
        consensus=consensus_items(real, counts),
        divisive=divisive_items(real, counts),
        projection=projection,
        silhouettes=result.silhouettes,
    )


def profile_replies(discussion: Discussion) -> tuple[str, ...]:
    """Replies that describe their authors (Pol.is's "meta" comments), left out of the map.

    When every reply is one, none is left out: there would be nothing else.
    """
    found = tuple(r.id for r in discussion.replies if describes_author(r.text))
    return () if len(found) == len(discussion.replies) else found


def _without(discussion: Discussion, reply_ids: tuple[str, ...]) -> Discussion:
    """``discussion`` without ``reply_ids``: votes on them stay and count as participation."""
    if not reply_ids:
        return discussion
    left_out = set(reply_ids)
    return replace(discussion, replies=tuple(r for r in discussion.replies if r.id not in left_out))


def build_reply_ids(discussion: Discussion, matrix: VoteMatrix) -> tuple[str, ...]:
    """The real replies of ``matrix`` (stance columns come after them)."""
    n_stance = len(discussion.options) if discussion.stances else 0
    return matrix.replies[: matrix.n_replies - n_stance]
