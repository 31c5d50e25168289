"""Who takes part in the opinion groups, and how many votes are still missing.

Pol.is groups the members who voted on at least ``min(7, n_replies)``
replies; the others are in no group (never forced into one).
"""

from __future__ import annotations

import numpy as np

from bot.analysis.polis.arrays import IntArray
from bot.analysis.polis.matrix import VoteMatrix

MIN_VOTES = 7
"""Pol.is's participation bar: ``min(MIN_VOTES, n_replies)`` votes."""
MIN_PARTICIPANTS = 4
"""Below this many participants no grouping is attempted."""


def votes_cast(matrix: VoteMatrix, n_real: int) -> IntArray:
    """Votes of each member on replies, analysed or removed; declared stances not counted."""
    participation = matrix.votes_per_user() + matrix.extra_votes
    stance_votes = np.bincount(matrix.rows[matrix.cols >= n_real], minlength=matrix.n_users)
    return np.asarray(participation - stance_votes, dtype=np.int64)


def votes_to_participate(participation: IntArray, min_votes: int) -> int:
    """Votes still missing before :data:`MIN_PARTICIPANTS` members take part."""
    missing = np.sort(np.maximum(min_votes - participation, 0))
    short = MIN_PARTICIPANTS - len(missing)
    needed = int(missing[:MIN_PARTICIPANTS].sum())
    return needed + max(short, 0) * min_votes
