"""What unites the groups (group-informed consensus) and what divides them."""

from __future__ import annotations

import numpy as np

from bot.analysis.polis import repness
from bot.analysis.polis.matrix import VoteMatrix
from bot.analysis.polis.result import ConsensusJson, DivisiveJson

CONSENSUS_RATE = 0.6
"""A consensus reply: geometric mean over groups of the smoothed agree rate."""
DIVISIVE_SPREAD = 0.5
MAX_LISTED = 5


def consensus_items(matrix: VoteMatrix, counts: repness.GroupCounts) -> tuple[ConsensusJson, ...]:
    gic = repness.group_informed_consensus(counts)
    n_groups = counts.agree.shape[0]
    rate = counts.agree.sum(0) / np.maximum(counts.seen.sum(0), 1)
    group_rate = counts.agree / np.maximum(counts.seen, 1)
    ok = (gic ** (1.0 / n_groups) >= CONSENSUS_RATE) & (group_rate > 0.5).all(axis=0)
    order = [j for j in np.argsort(-gic, kind="stable") if ok[j]][:MAX_LISTED]
    return tuple(
        ConsensusJson(
            reply_id=matrix.replies[j],
            agree_rate=round(float(rate[j]), 4),
            consensus=round(float(gic[j]), 4),
        )
        for j in order
    )


def divisive_items(matrix: VoteMatrix, counts: repness.GroupCounts) -> tuple[DivisiveJson, ...]:
    spread = repness.divisiveness(counts)
    order = [j for j in np.argsort(-spread, kind="stable") if spread[j] >= DIVISIVE_SPREAD]
    return tuple(
        DivisiveJson(
            reply_id=matrix.replies[j],
            spread=round(float(spread[j]), 4),
            agree_rates=[
                round(float(counts.agree[g, j] / max(counts.seen[g, j], 1)), 4)
                for g in range(counts.agree.shape[0])
            ],
        )
        for j in order[:MAX_LISTED]
    )
