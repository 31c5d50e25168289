"""Opinion groups from agree / disagree / pass votes, the way Pol.is finds them.

The method, step by step (Pol.is's ``math/src/polismath/math``):

1. one vote per (member, reply), the latest (:mod:`.matrix`);
2. replies that describe their authors ("J'ai 34 ans", "I live in a small
   town"; Pol.is's "meta" comments, :mod:`.profile`) are zeroed: their votes
   count as participation, not as opinions (:mod:`.participation`: who
   takes part);
3. missing votes are filled with the reply's mean vote and the matrix is
   reduced to 2 principal components; each member's projection is scaled
   by ``sqrt(n_replies / n_votes)`` (:mod:`.pca`);
4. up to 100 "base clusters", then a weighted split of their centres for
   k = 2..5; the k with the best silhouette wins (:mod:`.clustering`);
5. representative replies by two-proportion z-tests (:mod:`.repness`),
   group-informed consensus and the replies that split the groups
   (:mod:`.consensus`), and what bridges the divide (:mod:`.bridging`).

On top of Pol.is, the bot says "no clear groups yet" instead of inventing
them when the votes hold no more structure than chance (:mod:`.structure`,
Horn's parallel analysis); the groups of votes that show structure also get
their stability over re-runs on subsamples of the members (:mod:`.stability`).
Every constant is in :mod:`.settings`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from bot.analysis._blas import one_blas_thread
from bot.analysis.model import Discussion
from bot.analysis.polis import repness
from bot.analysis.polis.bridging import MAX_LISTED, bridging_replies, heard_by_every_group
from bot.analysis.polis.clustering import Clustering, cluster_members, place_others
from bot.analysis.polis.consensus import consensus_items, divisive_items
from bot.analysis.polis.matrix import (
    VoteMatrix,
    build_vote_matrix,
    first_columns,
    with_stance_columns,
)
from bot.analysis.polis.participation import Participation, participation, votes_to_participate
from bot.analysis.polis.profile import profile_replies, without
from bot.analysis.polis.result import GroupsResult, OpinionGroup, RepresentativeReply
from bot.analysis.polis.settings import DEFAULT, PolisSettings
from bot.analysis.polis.stability import bootstrap_stability, rounds_for
from bot.analysis.polis.structure import opinion_structure, votes_for_structure


def analyze_groups(discussion: Discussion, *, seed: int = 0) -> dict[str, Any]:
    """Opinion groups of ``discussion`` as plain JSON-ready data.

    The keys are those of :class:`~.result.GroupsJson`; ``find_groups(...).to_json()``
    gives the same data typed.
    """
    return dict(find_groups(discussion, seed=seed).to_json())


def find_groups(
    discussion: Discussion,
    *,
    seed: int = 0,
    bootstrap: int = -1,
    settings: PolisSettings = DEFAULT,
) -> GroupsResult:
    """Opinion groups of ``discussion``, deterministic for a given ``seed``.

    ``bootstrap`` re-runs for the stability check; ``-1`` picks a number
    that keeps large conversations within a few seconds, ``0`` skips it.
    Never raises on a discussion the model can hold: without groups, the
    result says why (:attr:`~.result.GroupsResult.missing`). Its matrices are
    small: one BLAS thread runs them faster than several spinning ones.
    """
    with one_blas_thread():
        return _find_groups(discussion, seed, bootstrap, settings)


def _find_groups(
    discussion: Discussion, seed: int, bootstrap: int, settings: PolisSettings
) -> GroupsResult:
    profile = profile_replies(discussion) if settings.profile_statements else ()
    grouped = without(discussion, profile)
    matrix = with_stance_columns(build_vote_matrix(grouped), grouped)
    n_real = len(build_reply_ids(grouped, matrix))
    who = participation(matrix, n_real, settings)
    empty = GroupsResult(
        participants=who.n_active, min_votes=who.min_votes, profile_replies=profile
    )
    needed = votes_to_participate(who.votes, who.min_votes, settings.min_participants)
    if n_real < 2:
        return replace(empty, missing="too_few_replies", votes_needed=needed)
    if not who.opinion_votes.any():
        return replace(empty, missing="no_votes", votes_needed=needed)
    if who.n_active < settings.min_participants:
        return replace(empty, missing="too_few_participants", votes_needed=needed)
    rng = np.random.default_rng(seed)
    found = cluster_members(matrix, who.active, rng=rng, settings=settings)
    if found.k < 2:
        return replace(empty, missing="one_opinion", votes_needed=max(who.total_votes // 2, 1))
    # its own generator, so that the test does not depend on what ran before it
    structure = opinion_structure(matrix.subset_users(who.active), np.random.default_rng([seed, 1]))
    rounds = bootstrap if bootstrap >= 0 else rounds_for(len(matrix.values))
    # groups the votes do not support are not clear whatever their stability: not measured
    per_group, overall = (
        bootstrap_stability(matrix, found, rng, rounds, settings)
        if structure.found
        else (np.zeros(found.k), 0.0)
    )
    needed = votes_for_structure(who.total_votes, structure.ratio)
    real = first_columns(matrix, n_real)
    return _described(
        replace(
            empty,
            stable=structure.found,
            stability=overall,
            votes_needed=0 if structure.found else needed,
            missing="" if structure.found else "no_structure",
            structure=structure.ratio,
        ),
        real,
        who,
        found,
        [float(s) for s in per_group],
        seed,
    )


def _described(
    base: GroupsResult,
    real: VoteMatrix,
    who: Participation,
    found: Clustering,
    stabilities: list[float],
    seed: int,
) -> GroupsResult:
    """``base`` with the groups, their representative replies, consensus, what bridges
    them and the map."""
    active_idx = np.flatnonzero(who.active)
    labels = np.full(real.n_users, -1, dtype=np.int64)
    labels[active_idx] = found.labels
    placed = place_others(found, who.placeable)
    counts = repness.group_counts(real, labels, found.k)
    reps = repness.representative(counts)
    groups = tuple(
        OpinionGroup(
            id=g,
            members=tuple(real.users[i] for i in active_idx[found.labels == g]),
            representative=tuple(
                RepresentativeReply(
                    real.replies[c.col], c.direction, c.agree_rate, c.disagree_rate, c.z, c.n_votes
                )
                for c in reps[g]
            ),
            stability=stabilities[g],
            placed=tuple(real.users[i] for i in np.flatnonzero(placed == g)),
        )
        for g in range(found.k)
    )
    projection = {
        real.users[i]: (float(x), float(y))
        for i, (x, y) in zip(active_idx, found.points, strict=True)
    }
    consensus = consensus_items(real, counts)
    # one more for each consensus reply: a summary lists a reply once, under consensus,
    # and its bridging list takes the next ones
    bridging = bridging_replies(
        real, seed=seed, heard=heard_by_every_group(counts), limit=MAX_LISTED + len(consensus)
    )
    return replace(
        base,
        groups=groups,
        consensus=consensus,
        bridging=bridging,
        # groups drawn on structureless votes differ on the very votes they were drawn
        # from: without structure no reply is said to divide them
        divisive=divisive_items(real, counts) if base.stable else (),
        projection=projection,
        silhouettes=found.silhouettes,
    )


def build_reply_ids(discussion: Discussion, matrix: VoteMatrix) -> tuple[str, ...]:
    """The real replies of ``matrix`` (stance columns come after them)."""
    n_stance = len(discussion.options) if discussion.stances else 0
    return matrix.replies[: matrix.n_replies - n_stance]
