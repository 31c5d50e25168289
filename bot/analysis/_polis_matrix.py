"""The sparse vote matrix the opinion-group analysis works on.

Votes are kept as three parallel index arrays (row = member, column = reply,
value 1 / -1 / 0), never as a dense members × replies table, so a
conversation with 10,000 members and 1,000 replies costs a few megabytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.analysis.model import Discussion, Vote

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class VoteMatrix:
    """Latest votes as coordinates: ``values[i]`` is user ``rows[i]`` on reply ``cols[i]``.

    ``users`` is in order of each member's first vote (as Pol.is orders its
    rating matrix); ``replies`` holds the replies that are analysed.
    ``extra_votes`` counts, per user, votes on replies that are not analysed
    (removed or moderated replies): they show engagement, so they count
    towards the participation threshold, but carry no opinion signal.
    """

    users: tuple[str, ...]
    replies: tuple[str, ...]
    rows: IntArray
    cols: IntArray
    values: FloatArray
    extra_votes: IntArray
    removed_replies: int = 0
    """Replies voted on that are no longer analysed; Pol.is keeps them as zeroed columns."""

    @property
    def n_users(self) -> int:
        return len(self.users)

    @property
    def n_replies(self) -> int:
        return len(self.replies)

    def votes_per_user(self) -> IntArray:
        """Votes (passes included) per user on analysed replies."""
        return np.bincount(self.rows, minlength=self.n_users).astype(np.int64)

    def subset_users(self, keep: npt.NDArray[np.bool_]) -> VoteMatrix:
        """The matrix restricted to the users where ``keep`` is true (order kept)."""
        new_index = np.cumsum(keep) - 1
        mask = keep[self.rows]
        return VoteMatrix(
            users=tuple(u for u, k in zip(self.users, keep, strict=True) if k),
            replies=self.replies,
            rows=new_index[self.rows[mask]].astype(np.int64),
            cols=self.cols[mask],
            values=self.values[mask],
            extra_votes=self.extra_votes[keep],
            removed_replies=self.removed_replies,
        )


def latest_votes(votes: Iterable[Vote]) -> dict[tuple[str, str], int]:
    """One vote per (user, reply): the last one in input order wins."""
    latest: dict[tuple[str, str], int] = {}
    for vote in votes:
        key = (vote.user_id, vote.reply_id)
        latest.pop(key, None)  # re-insert so the order is that of the latest vote
        latest[key] = vote.value
    return latest


def build_vote_matrix(discussion: Discussion) -> VoteMatrix:
    """The sparse matrix of ``discussion``'s latest votes.

    Replies are those of the discussion; when it lists none (a bare
    statements-and-votes export), the replies voted on are used.
    """
    votes = discussion.votes
    user_index = {u: i for i, u in enumerate(dict.fromkeys(v.user_id for v in votes))}
    voted = dict.fromkeys(v.reply_id for v in votes)
    if discussion.replies:
        reply_ids = list(dict.fromkeys(r.id for r in discussion.replies))
    else:
        reply_ids = list(voted)
    reply_index = {reply: i for i, reply in enumerate(reply_ids)}
    removed = [r for r in voted if r not in reply_index]
    all_index = reply_index | {r: len(reply_ids) + i for i, r in enumerate(removed)}
    n = len(votes)
    users = np.fromiter((user_index[v.user_id] for v in votes), dtype=np.int64, count=n)
    cols = np.fromiter((all_index[v.reply_id] for v in votes), dtype=np.int64, count=n)
    values = np.sign(np.fromiter((v.value for v in votes), dtype=np.float64, count=n))
    # The latest vote per (user, reply) wins: keep each key's last occurrence.
    keys = users * max(len(all_index), 1) + cols
    _, last_from_end = np.unique(keys[::-1], return_index=True)
    keep = np.sort(n - 1 - last_from_end)
    users, cols, values = users[keep], cols[keep], values[keep]
    analysed = cols < len(reply_ids)
    extra = np.bincount(users[~analysed], minlength=len(user_index)).astype(np.int64)
    return VoteMatrix(
        users=tuple(user_index),
        replies=tuple(reply_ids),
        rows=users[analysed],
        cols=cols[analysed],
        values=values[analysed],
        extra_votes=extra,
        removed_replies=len(removed),
    )
