"""Who takes part in the opinion groups, who is only placed, and how many votes are missing.

Pol.is's rule (its ``in-conv``): a member takes part once they have voted
(agree, disagree or pass, on any reply, moderated-out ones included) on at
least ``min(7, replies voted on)`` replies; while fewer than 15 members take
part, the members with the most votes are added up to 15. The others are
left out of the groups' making; the analysis may still place them in the
nearest group (:attr:`~.settings.PolisSettings.place_min_votes`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.analysis.polis.arrays import BoolArray, IntArray
from bot.analysis.polis.matrix import VoteMatrix
from bot.analysis.polis.settings import DEFAULT, PolisSettings


@dataclass(frozen=True, slots=True)
class Participation:
    votes: IntArray
    """Votes of each member on replies (any reply; declared stances not counted)."""
    opinion_votes: IntArray
    """Votes of each member on the replies that are analysed (not removed, not profile)."""
    min_votes: int
    """``min(settings.min_votes, replies voted on)``."""
    active: BoolArray
    """Members who take part in the making of the groups."""
    placeable: BoolArray
    """Members who do not take part but may be placed in the nearest group."""

    @property
    def n_active(self) -> int:
        return int(self.active.sum())

    @property
    def total_votes(self) -> int:
        return int(self.votes.sum())


def participation(
    matrix: VoteMatrix, n_real: int, settings: PolisSettings = DEFAULT
) -> Participation:
    """Who takes part in ``matrix`` (its first ``n_real`` columns are the analysed replies)."""
    stance = matrix.cols >= n_real
    opinion = np.bincount(matrix.rows[~stance], minlength=matrix.n_users).astype(np.int64)
    votes = opinion + matrix.extra_votes
    voted_replies = len(np.unique(matrix.cols[~stance])) + matrix.removed_replies
    min_votes = max(min(settings.min_votes, voted_replies), 1)
    active = _greedy(votes >= min_votes, votes, settings.greedy_participants)
    placeable = ~active & (opinion >= max(settings.place_min_votes, 1))
    if settings.place_min_votes <= 0:
        placeable = np.zeros(matrix.n_users, dtype=bool)
    return Participation(votes, opinion, min_votes, active, placeable)


def _greedy(active: BoolArray, votes: IntArray, wanted: int) -> BoolArray:
    """``active``, plus the members with the most votes while fewer than ``wanted`` take part.

    Ties go to the member who voted first (matrix order). Nobody without a
    vote is added.
    """
    missing = wanted - int(active.sum())
    if missing <= 0:
        return active
    candidates = np.flatnonzero(~active & (votes > 0))
    order = candidates[np.argsort(-votes[candidates], kind="stable")]
    out = active.copy()
    out[order[:missing]] = True
    return out


def votes_to_participate(votes: IntArray, min_votes: int, min_participants: int) -> int:
    """Votes still missing before ``min_participants`` members take part."""
    missing = np.sort(np.maximum(min_votes - votes, 0))
    short = min_participants - len(missing)
    needed = int(missing[:min_participants].sum())
    return needed + max(short, 0) * min_votes
