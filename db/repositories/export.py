"""Streaming reads for the export: rows come in chunks, never all in memory.

Deleted replies and opted-out members are never read.

The export of a server reads each record type with one streamed query per
batch of discussions (:func:`streams`), rows as plain tuples ordered by
discussion first; :class:`ByDiscussion` hands them out discussion by
discussion, so the three streams are read side by side and a discussion's
records can be written together without holding more than a partition.
The per-discussion functions (:func:`replies`, :func:`stances`,
:func:`votes`) serve the analysis of one discussion.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import AsyncIterator, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, and_, exists, select
from sqlalchemy.ext.asyncio import AsyncResult, AsyncSession

from db.models import Discussion, MemberPreference, Reply, Stance, Vote

CHUNK = 2000
"""Rows a partition for the per-discussion reads."""
EXPORT_CHUNK = 10_000
"""Rows a partition for the server export (large: fewer round trips, flat memory)."""
DISCUSSION_BATCH = 500
"""Discussions a query: bounds the bound parameters of ``IN``."""

_first = itemgetter(0)


def not_opted_out(guild_column: Any, user_column: Any) -> Any:
    """The member in these columns has not opted out (her data is read as if absent)."""
    return ~exists().where(
        and_(
            MemberPreference.guild_id == guild_column,
            MemberPreference.user_id == user_column,
            MemberPreference.opted_out.is_(True),
        )
    )


def _replies_query() -> Select[*tuple[Any, ...]]:
    return select(
        Reply.discussion_id,
        Reply.id,
        Reply.author_id,
        Reply.author_name,
        Reply.text,
        Reply.created_at,
        Reply.edited_at,
        Reply.reply_to,
        edited_after_votes().label("edited_after_votes"),
    ).where(Reply.deleted.is_(False), not_opted_out(Reply.guild_id, Reply.author_id))


def edited_after_votes() -> Any:
    """The reply's text changed after a vote it still counts was cast: its last edit is
    later than the earliest of its votes (those of opted-out members left out, as they are
    not counted). A vote cast again after the edit is about the new text: once every vote
    that predates the edit was cast again (or taken back), the reply is no longer marked."""
    return and_(
        Reply.edited_at.is_not(None),  # most replies: their votes are never looked at
        exists().where(
            Vote.reply_id == Reply.id,
            Vote.at < Reply.edited_at,
            not_opted_out(Vote.guild_id, Vote.voter_id),
        ),
    )


def _stances_query() -> Select[*tuple[Any, ...]]:
    return select(Stance.discussion_id, Stance.user_id, Stance.option, Stance.at).where(
        not_opted_out(Stance.guild_id, Stance.user_id)
    )


def _votes_query() -> Select[*tuple[Any, ...]]:
    return (
        select(Vote.discussion_id, Vote.reply_id, Vote.voter_id, Vote.value)
        .join(Reply, Reply.id == Vote.reply_id)
        .where(
            Reply.deleted.is_(False),
            not_opted_out(Vote.guild_id, Vote.voter_id),
            not_opted_out(Reply.guild_id, Reply.author_id),
        )
    )


async def discussions(
    session: AsyncSession, guild_id: int, discussion_id: int | None = None
) -> list[Any]:
    """The server's discussions (or one), oldest first, as rows named like the model."""
    query = select(
        Discussion.id,
        Discussion.guild_id,
        Discussion.question_text,
        Discussion.options,
        Discussion.language,
        Discussion.channel_id,
        Discussion.thread_id,
        Discussion.opened_at,
        Discussion.closes_at,
        Discussion.closed_at,
    ).where(Discussion.guild_id == guild_id)
    if discussion_id is not None:
        query = query.where(Discussion.id == discussion_id)
    connection = await session.connection()
    return list(await connection.execute(query.order_by(Discussion.id)))


class ByDiscussion:
    """A streamed result whose rows are ordered by discussion id (their first column)."""

    __slots__ = ("_done", "_partitions", "_result", "_rows", "_start")

    def __init__(self, result: AsyncResult[Any]) -> None:
        self._result = result
        self._partitions = result.partitions()
        self._rows: Sequence[Any] = ()
        self._start = 0
        self._done = False

    async def next_rows(self, discussion_id: int) -> Sequence[Any] | None:
        """The next rows of ``discussion_id``, a partition at most; ``None`` once past them."""
        while True:
            rows, start = self._rows, self._start
            if start < len(rows):
                if rows[start][0] > discussion_id:
                    return None
                end = bisect_right(rows, discussion_id, start, len(rows), key=_first)
                self._start = end
                return rows[start:end]
            if self._done:
                return None
            try:
                self._rows = await anext(self._partitions)
            except StopAsyncIteration:
                self._done = True
                self._rows = ()
            self._start = 0

    async def all_rows(self, discussion_id: int) -> list[Any]:
        """Every row of ``discussion_id`` (for the small record types)."""
        found: list[Any] = []
        while (rows := await self.next_rows(discussion_id)) is not None:
            found.extend(rows)
        return found

    async def close(self) -> None:
        await self._result.close()


async def _stream(session: AsyncSession, query: Select[*tuple[Any, ...]]) -> ByDiscussion:
    connection = await session.connection()
    result = await connection.stream(query.execution_options(yield_per=EXPORT_CHUNK))
    return ByDiscussion(result)


async def streams(
    session: AsyncSession, discussion_ids: Sequence[int], *, with_votes: bool = True
) -> tuple[ByDiscussion, ByDiscussion, ByDiscussion | None]:
    """Replies, stances and votes of ``discussion_ids``, three streams ordered by discussion.

    Replies ``(discussion_id, id, author_id, author_name, text, created_at,
    edited_at, reply_to, edited_after_votes)`` by id; stances ``(discussion_id, user_id, option,
    at)`` by member; votes ``(discussion_id, reply_id, voter_id, value)`` by
    reply then voter (``None`` without ``with_votes``).
    """
    ids = list(discussion_ids)
    replies_q = _replies_query().where(Reply.discussion_id.in_(ids))
    stances_q = _stances_query().where(Stance.discussion_id.in_(ids))
    votes_q = _votes_query().where(Vote.discussion_id.in_(ids))
    if session.get_bind().dialect.name == "postgresql":
        # The reply's discussion too (a vote is always in its reply's
        # discussion): PostgreSQL then reads the replies by discussion instead
        # of the whole table. SQLite keeps its plan (votes by discussion, a
        # sort per discussion); with it, it would sort the whole batch.
        votes_q = votes_q.where(Reply.discussion_id.in_(ids))
    return (
        await _stream(session, replies_q.order_by(Reply.discussion_id, Reply.id)),
        await _stream(session, stances_q.order_by(Stance.discussion_id, Stance.user_id)),
        await _stream(session, votes_q.order_by(Vote.discussion_id, Vote.reply_id, Vote.voter_id))
        if with_votes
        else None,
    )


async def replies(session: AsyncSession, discussion_id: int) -> AsyncIterator[Any]:
    query = (
        _replies_query()
        .where(Reply.discussion_id == discussion_id)
        .order_by(Reply.id)
        .execution_options(yield_per=CHUNK)
    )
    result = await session.stream(query)
    async for partition in result.partitions(CHUNK):
        for row in partition:
            yield row


async def edited_since_vote(session: AsyncSession, discussion_id: int, voter_id: int) -> set[int]:
    """The replies of ``discussion_id`` whose text changed after ``voter_id`` voted on them
    (her vote is still counted, but it was about an earlier text)."""
    rows = await session.scalars(
        select(Vote.reply_id)
        .join(Reply, Reply.id == Vote.reply_id)
        .where(
            Vote.discussion_id == discussion_id,
            Vote.voter_id == voter_id,
            Reply.deleted.is_(False),
            Reply.edited_at > Vote.at,
        )
    )
    return set(rows)


async def stances(session: AsyncSession, discussion_id: int) -> list[Any]:
    rows = await session.execute(
        _stances_query().where(Stance.discussion_id == discussion_id).order_by(Stance.user_id)
    )
    return list(rows)


async def votes(session: AsyncSession, discussion_id: int) -> AsyncIterator[Any]:
    query = (
        _votes_query()
        .where(Vote.discussion_id == discussion_id)
        .order_by(Vote.reply_id, Vote.voter_id)
        .execution_options(yield_per=CHUNK)
    )
    result = await session.stream(query)
    async for partition in result.partitions(CHUNK):
        for row in partition:
            yield row
