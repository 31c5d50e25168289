from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import String, cast, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from db import text_search
from db.models import Discussion, Guild, Reply, Stance
from db.repositories.export import not_opted_out


async def create_discussion(session: AsyncSession, discussion: Discussion) -> Discussion:
    session.add(discussion)
    await session.flush()
    return discussion


async def get_discussion(
    session: AsyncSession, guild_id: int, discussion_id: int
) -> Discussion | None:
    return await session.scalar(
        select(Discussion).where(Discussion.guild_id == guild_id, Discussion.id == discussion_id)
    )


async def latest_of_question(
    session: AsyncSession, guild_id: int, question_id: int
) -> Discussion | None:
    """The last discussion that asked ``question_id`` (one reposted: its newest post), once
    posted."""
    return await session.scalar(
        select(Discussion)
        .where(
            Discussion.guild_id == guild_id,
            Discussion.question_id == question_id,
            Discussion.message_id.is_not(None),
        )
        .order_by(Discussion.id.desc())
        .limit(1)
    )


async def by_thread(session: AsyncSession, guild_id: int, thread_id: int) -> Discussion | None:
    return await session.scalar(
        select(Discussion).where(Discussion.guild_id == guild_id, Discussion.thread_id == thread_id)
    )


async def by_thread_id(session: AsyncSession, thread_id: int) -> Discussion | None:
    """The discussion of a thread, in whichever server (gateway events name only the thread)."""
    return await session.scalar(select(Discussion).where(Discussion.thread_id == thread_id))


async def in_channel(session: AsyncSession, guild_id: int, channel_id: int) -> list[Discussion]:
    """The discussions whose thread is ``channel_id`` or was opened in it (open or closed):
    those a deleted channel took its threads from."""
    result = await session.scalars(
        select(Discussion).where(
            Discussion.guild_id == guild_id,
            Discussion.thread_id.is_not(None),
            or_(Discussion.channel_id == channel_id, Discussion.thread_id == channel_id),
        )
    )
    return list(result)


async def set_posted(
    session: AsyncSession, discussion_id: int, *, thread_id: int, message_id: int
) -> bool:
    """The discussion's post and thread recorded; ``False`` when it is no longer stored
    (its server erased while the post was on its way)."""
    result = await session.execute(
        update(Discussion)
        .where(Discussion.id == discussion_id)
        .values(thread_id=thread_id, message_id=message_id)
    )
    return bool(getattr(result, "rowcount", 0))


async def open_discussions(session: AsyncSession) -> list[Discussion]:
    result = await session.scalars(
        select(Discussion).where(Discussion.closed_at.is_(None), Discussion.thread_id.is_not(None))
    )
    return list(result)


async def closed_since(session: AsyncSession, since: datetime) -> list[Discussion]:
    """Discussions with a thread, closed at ``since`` or later, in servers the bot is in."""
    result = await session.scalars(
        select(Discussion)
        .join(Guild, Guild.id == Discussion.guild_id)
        .where(
            Discussion.closed_at >= since,
            Discussion.thread_id.is_not(None),
            Guild.present.is_(True),
        )
    )
    return list(result)


async def due_to_close(session: AsyncSession, now: datetime) -> list[Discussion]:
    result = await session.scalars(
        select(Discussion).where(Discussion.closed_at.is_(None), Discussion.closes_at <= now)
    )
    return list(result)


async def mark_closed(
    session: AsyncSession, discussion_id: int, at: datetime, *, due_by: datetime | None = None
) -> bool:
    """Close it; ``False`` when it was already closed (another process did), or, with
    ``due_by`` (the scheduler's closing), when its closing time is no longer due by then
    (a moderator extended it after the due ones were read)."""
    query = update(Discussion).where(Discussion.id == discussion_id, Discussion.closed_at.is_(None))
    if due_by is not None:
        query = query.where(Discussion.closes_at <= due_by)
    result = await session.execute(query.values(closed_at=at))
    return bool(getattr(result, "rowcount", 0))


async def reopen(session: AsyncSession, discussion_id: int, closes_at: datetime) -> bool:
    """Open it again; ``False`` when it is open already (another moderator reopened it)."""
    result = await session.execute(
        update(Discussion)
        .where(Discussion.id == discussion_id, Discussion.closed_at.is_not(None))
        .values(closed_at=None, closes_at=closes_at)
    )
    return bool(getattr(result, "rowcount", 0))


async def move_close(
    session: AsyncSession, discussion_id: int, was: datetime, closes_at: datetime
) -> bool:
    """Move an open discussion's closing time from ``was``; ``False`` when it closed, or
    its time moved, meanwhile (another moderator, the scheduler)."""
    result = await session.execute(
        update(Discussion)
        .where(
            Discussion.id == discussion_id,
            Discussion.closed_at.is_(None),
            Discussion.closes_at == was,
        )
        .values(closes_at=closes_at)
    )
    return bool(getattr(result, "rowcount", 0))


async def channel_ids(session: AsyncSession, guild_id: int) -> list[int]:
    """The channels the server's discussions were posted in."""
    result = await session.scalars(
        select(Discussion.channel_id).where(Discussion.guild_id == guild_id).distinct()
    )
    return list(result)


async def search(
    session: AsyncSession,
    guild_id: int,
    typed: str = "",
    *,
    limit: int = 25,
    in_channels: Collection[int] | None = None,
) -> list[Discussion]:
    """The server's newest discussions whose id starts with ``typed`` (``#`` allowed) or
    whose question holds each of its words, accents and case folded as the web room's
    search folds them, the same on SQLite and PostgreSQL (``LIKE`` was not: PostgreSQL
    folded accented capitals where SQLite did not, and read ``\\`` as an escape);
    ``in_channels``: only those posted in these channels."""
    query = select(Discussion).where(Discussion.guild_id == guild_id)
    if in_channels is not None:
        query = query.where(Discussion.channel_id.in_(list(in_channels)))
    typed = typed.strip()
    wanted = text_search.terms(typed)
    if wanted:
        found = text_search.matches(
            session.get_bind().dialect.name, Discussion.question_text, wanted
        )
        number = typed.removeprefix("#")
        if number.isascii() and number.isdigit() and len(number) <= 19:
            found = or_(found, cast(Discussion.id, String).startswith(number))
        query = query.where(found)
    result = await session.scalars(query.order_by(Discussion.id.desc()).limit(limit))
    return list(result)


async def last_message_id(session: AsyncSession, discussion: Discussion) -> int:
    """The newest message id known in the thread: the catch-up cursor."""
    newest = await session.scalar(
        select(func.max(Reply.id)).where(Reply.discussion_id == discussion.id)
    )
    return max(newest or 0, discussion.message_id or 0, discussion.thread_id or 0)


async def stance_counts(session: AsyncSession, discussion_id: int) -> dict[int, int]:
    """Declared stances per option, as the summary counts them: opted-out members left out."""
    rows = await session.execute(
        select(Stance.option, func.count())
        .where(
            Stance.discussion_id == discussion_id, not_opted_out(Stance.guild_id, Stance.user_id)
        )
        .group_by(Stance.option)
    )
    return {int(option): int(count) for option, count in rows}


async def recent_for_guild(
    session: AsyncSession, guild_id: int, *, limit: int = 50
) -> list[Discussion]:
    result = await session.scalars(
        select(Discussion)
        .where(Discussion.guild_id == guild_id)
        .order_by(Discussion.id.desc())
        .limit(limit)
    )
    return list(result)


async def thread_of_reply(session: AsyncSession, reply_id: int) -> int | None:
    """The thread a stored reply was written in."""
    return await session.scalar(
        select(Discussion.thread_id)
        .join(Reply, Reply.discussion_id == Discussion.id)
        .where(Reply.id == reply_id)
    )


_NEXT_FROM_SEQUENCE = text(
    "SELECT COALESCE(s.last_value, 0) + 1 FROM pg_sequences s "
    "WHERE format('%I.%I', s.schemaname, s.sequencename)::regclass"
    " = pg_get_serial_sequence('discussions', 'id')::regclass"
)


async def next_id(session: AsyncSession) -> int:
    """The id the next discussion will get, unless another is posted first.

    PostgreSQL hands out ids from a sequence that a rolled-back insert still
    advanced, so the largest id plus one can be wrong there: the sequence
    says (its ``last_value`` is null before the first). SQLite gives the
    largest rowid plus one (the table has no ``AUTOINCREMENT``).
    """
    if session.get_bind().dialect.name == "postgresql":
        return int(await session.scalar(_NEXT_FROM_SEQUENCE) or 1)
    return (await session.scalar(select(func.max(Discussion.id))) or 0) + 1
