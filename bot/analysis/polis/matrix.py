"""The sparse vote matrix the opinion-group analysis works on.

Votes are kept as three parallel index arrays (row = member, column = reply,
value 1 / -1 / 0), never as a dense members × replies table, so a
conversation with 10,000 members and 1,000 replies costs a few megabytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter

import numpy as np

from bot.analysis.model import Discussion, Vote
from bot.analysis.polis.arrays import BoolArray, FloatArray, IntArray


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

    def subset_users(self, keep: BoolArray) -> VoteMatrix:
        """The matrix restricted to the users where ``keep`` is true (order kept)."""
        new_index = np.cumsum(keep) - 1
        mask = keep[self.rows]
        return VoteMatrix(
            users=tuple(compress(self.users, keep)),
            replies=self.replies,
            rows=new_index[self.rows[mask]].astype(np.int64),
            cols=self.cols[mask],
            values=self.values[mask],
            extra_votes=self.extra_votes[keep],
            removed_replies=self.removed_replies,
        )


@dataclass(frozen=True, slots=True)
class LatestVotes:
    """Every latest vote as coordinates, replies no longer listed included.

    ``replies`` lists the analysed replies first, then the removed ones
    (voted on, not in the discussion); ``n_analysed`` tells them apart.
    """

    users: tuple[str, ...]
    replies: tuple[str, ...]
    n_analysed: int
    rows: IntArray
    cols: IntArray
    values: FloatArray
    """Sign of the vote: 1, -1 or 0 (a pass)."""

    def matrix(self) -> VoteMatrix:
        """The analysed part as a :class:`VoteMatrix`."""
        analysed = self.cols < self.n_analysed
        extra = np.bincount(self.rows[~analysed], minlength=len(self.users)).astype(np.int64)
        return VoteMatrix(
            users=self.users,
            replies=self.replies[: self.n_analysed],
            rows=self.rows[analysed],
            cols=self.cols[analysed],
            values=self.values[analysed],
            extra_votes=extra,
            removed_replies=len(self.replies) - self.n_analysed,
        )


_SURROGATES = 0xD800
"""Code points from here to 0xDFFF cannot be encoded: codes skip them."""
_MAX_CODES = 0x110000 - 0x800


def _codes(ids: list[str], index: dict[str, int]) -> IntArray:
    """``index[i]`` for every id of ``ids``, with no Python-level loop per id.

    Each distinct id stands for one character; ``itemgetter`` looks every
    id up in one call, ``"".join`` makes one string of them and its UTF-32
    bytes are the codes. No Python int is made per id (turning those into
    an array is the slow part of the obvious way).
    """
    if len(ids) < 2 or len(index) > _MAX_CODES:
        return np.fromiter((index[i] for i in ids), dtype=np.int64, count=len(ids))
    chars = {key: chr(c if c < _SURROGATES else c + 0x800) for key, c in index.items()}
    text = "".join(itemgetter(*ids)(chars))
    raw = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    raw[raw >= _SURROGATES] -= 0x800
    return raw


def _index(ids: Iterable[str]) -> dict[str, int]:
    """Position of each distinct id, in order of first appearance."""
    index = dict.fromkeys(ids, 0)
    for i, key in enumerate(index):
        index[key] = i
    return index


def _signs(votes: Sequence[Vote]) -> FloatArray:
    """The sign of every vote's value (1, -1 or 0) as floats."""
    try:
        shifted = bytes([v.value + 1 for v in votes])  # -1, 0, 1 -> one byte each
    except (ValueError, TypeError):
        return np.sign(np.array([v.value for v in votes], dtype=np.float64))
    return np.sign(np.frombuffer(shifted, dtype=np.uint8).astype(np.float64) - 1.0)


def _last_of_each(keys: IntArray) -> IntArray | None:
    """Positions of the last occurrence of each key, in order; ``None`` when all differ."""
    n = len(keys)
    if n < 2:
        return None
    ordered = np.sort(keys)
    if not np.any(ordered[1:] == ordered[:-1]):
        return None  # the usual case: nobody changed a vote
    _, last_from_end = np.unique(keys[::-1], return_index=True)
    return np.sort(n - 1 - last_from_end)


def latest_vote_arrays(discussion: Discussion) -> LatestVotes:
    """The latest vote per (user, reply) of ``discussion``, as arrays.

    One list comprehension over the votes per field, then C-level look-ups
    (see :func:`_codes`): no per-vote tuple, dict entry or Python-level
    loop body. Users are in order of their first vote. Replies are those
    of the discussion; when it lists none, those voted on.
    """
    votes = discussion.votes
    user_ids = [v.user_id for v in votes]
    voted_ids = [v.reply_id for v in votes]
    user_index = _index(user_ids)
    if discussion.replies:
        reply_index = _index(r.id for r in discussion.replies)
    else:
        reply_index = _index(voted_ids)
    n_analysed = len(reply_index)
    try:
        cols = _codes(voted_ids, reply_index)
    except KeyError:  # votes on replies no longer listed: they come last
        for reply in dict.fromkeys(voted_ids):
            if reply not in reply_index:
                reply_index[reply] = len(reply_index)
        cols = _codes(voted_ids, reply_index)
    rows = _codes(user_ids, user_index)
    values = _signs(votes)
    keep = _last_of_each(rows * max(len(reply_index), 1) + cols)
    if keep is not None:
        rows, cols, values = rows[keep], cols[keep], values[keep]
    return LatestVotes(
        users=tuple(user_index),
        replies=tuple(reply_index),
        n_analysed=n_analysed,
        rows=rows,
        cols=cols,
        values=values,
    )


def build_vote_matrix(discussion: Discussion) -> VoteMatrix:
    """The sparse matrix of ``discussion``'s latest votes.

    Replies are those of the discussion; when it lists none (a bare
    statements-and-votes export), the replies voted on are used.
    """
    return latest_vote_arrays(discussion).matrix()


def with_stance_columns(matrix: VoteMatrix, discussion: Discussion) -> VoteMatrix:
    """Declared stances as extra columns: agree with one's option, disagree with the others."""
    if not discussion.stances or not discussion.options:
        return matrix
    user_index = {u: i for i, u in enumerate(matrix.users)}
    option_index = {o: i for i, o in enumerate(discussion.options)}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    latest = {s.author_id: s.option for s in discussion.stances}
    for user, option in latest.items():
        row = user_index.get(user)
        chosen = option_index.get(option)
        if row is None or chosen is None:
            continue  # a stance without votes places nobody on the map
        for j in range(len(discussion.options)):
            rows.append(row)
            cols.append(matrix.n_replies + j)
            values.append(1.0 if j == chosen else -1.0)
    return VoteMatrix(
        users=matrix.users,
        replies=matrix.replies + tuple(f"stance:{o}" for o in discussion.options),
        rows=np.concatenate([matrix.rows, np.asarray(rows, dtype=np.int64)]),
        cols=np.concatenate([matrix.cols, np.asarray(cols, dtype=np.int64)]),
        values=np.concatenate([matrix.values, np.asarray(values, dtype=np.float64)]),
        extra_votes=matrix.extra_votes,
        removed_replies=matrix.removed_replies,
    )


def first_columns(matrix: VoteMatrix, n_real: int) -> VoteMatrix:
    """``matrix`` restricted to its first ``n_real`` columns (the replies, not the stances)."""
    if n_real == matrix.n_replies:
        return matrix
    keep = matrix.cols < n_real
    return VoteMatrix(
        users=matrix.users,
        replies=matrix.replies[:n_real],
        rows=matrix.rows[keep],
        cols=matrix.cols[keep],
        values=matrix.values[keep],
        extra_votes=matrix.extra_votes,
        removed_replies=matrix.removed_replies,
    )
