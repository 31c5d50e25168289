"""What unites the groups (group-informed consensus) and what divides them.

Pol.is's group-informed consensus of a reply is the product over groups of
the smoothed agree rate ``(agrees + 1) / (votes + 2)``. A product shrinks as
groups are added (0.9 in each of five groups gives 0.59), so the list is
chosen on its geometric mean, as Pol.is's maintainers and the red-dwarf
port do; both values are reported.

A reply divides when the groups agree with it at clearly different rates:
a chi-square test per reply, Benjamini-Hochberg over all replies so that
at most :data:`DIVISIVE_FDR` of the listed ones are expected to be chance,
and a spread of at least :data:`DIVISIVE_SPREAD` so that a significant but
small difference is not called a split. The groups were drawn from these
same votes, so the p-values are optimistic (the test is not independent of
the grouping): the control bounds chance among replies, not the grouping's
own selection, which is why divisive replies are only listed once the votes
show structure (:mod:`.structure`).
"""

from __future__ import annotations

import numpy as np

from bot.analysis.polis.arrays import FloatArray
from bot.analysis.polis.matrix import VoteMatrix
from bot.analysis.polis.repness import GroupCounts
from bot.analysis.polis.result import ConsensusJson, DivisiveJson
from bot.analysis.polis.significance import benjamini_hochberg, independence_p_values

CONSENSUS_RATE = 0.6
"""Listed as consensus: a normalised consensus of at least this (and a majority of
agrees in every group). A display threshold set before the Pol.is data was read."""
DIVISIVE_SPREAD = 0.5
"""Listed as divisive: the groups' opinions ``(agree - disagree) / (votes + 2)``
differ by at least this (on a scale of 0 to 2). A display threshold, as above."""
DIVISIVE_FDR = 0.05
"""Expected share of chance findings among the divisive replies (Benjamini-Hochberg)."""
MAX_LISTED = 5


def group_informed_consensus(counts: GroupCounts) -> FloatArray:
    """Pol.is's product over groups of ``(agrees + 1) / (votes + 2)``, per reply."""
    probs = (counts.agree + 1) / (counts.seen + 2)
    return np.asarray(probs.prod(axis=0), dtype=np.float64)


def normalised_consensus(counts: GroupCounts) -> FloatArray:
    """The geometric mean over groups of ``(agrees + 1) / (votes + 2)``: comparable across k."""
    n_groups = max(counts.agree.shape[0], 1)
    return np.asarray(group_informed_consensus(counts) ** (1.0 / n_groups), dtype=np.float64)


def divisiveness(counts: GroupCounts) -> FloatArray:
    """Spread between the groups' smoothed opinion ``(agree - disagree) / (votes + 2)``, in [0, 2]."""
    opinion = (counts.agree - counts.disagree) / (counts.seen + 2)
    spread = opinion.max(axis=0) - opinion.min(axis=0)
    return np.asarray(spread, dtype=np.float64)


def consensus_items(matrix: VoteMatrix, counts: GroupCounts) -> tuple[ConsensusJson, ...]:
    """Replies every group mostly agrees with, most consensual first."""
    gic = group_informed_consensus(counts)
    normalised = normalised_consensus(counts)
    rate = counts.agree.sum(0) / np.maximum(counts.seen.sum(0), 1)
    group_rate = counts.agree / np.maximum(counts.seen, 1)
    ok = (normalised >= CONSENSUS_RATE) & (group_rate > 0.5).all(axis=0)
    order = [j for j in np.argsort(-gic, kind="stable") if ok[j]][:MAX_LISTED]
    return tuple(
        ConsensusJson(
            reply_id=matrix.replies[j],
            agree_rate=round(float(rate[j]), 4),
            consensus=round(float(gic[j]), 4),
            normalised=round(float(normalised[j]), 4),
        )
        for j in order
    )


def divisive_items(matrix: VoteMatrix, counts: GroupCounts) -> tuple[DivisiveJson, ...]:
    """Replies the groups vote on clearly differently, widest split first."""
    spread = divisiveness(counts)
    voted = counts.seen.sum(axis=0) > 0
    q = np.ones(len(spread))
    if voted.any():
        p = independence_p_values(counts.agree[:, voted], counts.disagree[:, voted])
        q[voted] = benjamini_hochberg(p)
    ok = (spread >= DIVISIVE_SPREAD) & (q <= DIVISIVE_FDR)
    order = [j for j in np.argsort(-spread, kind="stable") if ok[j]]
    return tuple(
        DivisiveJson(
            reply_id=matrix.replies[j],
            spread=round(float(spread[j]), 4),
            agree_rates=[
                round(float(counts.agree[g, j] / max(counts.seen[g, j], 1)), 4)
                for g in range(counts.agree.shape[0])
            ],
            q_value=round(float(q[j]), 6),
        )
        for j in order[:MAX_LISTED]
    )
