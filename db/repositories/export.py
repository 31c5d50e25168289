"""Streaming reads for the export: rows come in chunks, never all in memory.

Deleted replies and opted-out members are never read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import and_, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Discussion, MemberPreference, Reply, Stance, Vote

CHUNK = 2000


def _not_opted_out(guild_column: Any, user_column: Any) -> Any:
    return ~exists().where(
        and_(
            MemberPreference.guild_id == guild_column,
            MemberPreference.user_id == user_column,
            MemberPreference.opted_out.is_(True),
        )
    )


async def discussions(
    session: AsyncSession, guild_id: int, discussion_id: int | None = None
) -> list[Discussion]:
    query = select(Discussion).where(Discussion.guild_id == guild_id)
    if discussion_id is not None:
        query = query.where(Discussion.id == discussion_id)
    return list(await session.scalars(query.order_by(Discussion.id)))


async def replies(session: AsyncSession, discussion_id: int) -> AsyncIterator[Any]:
    query = (
        select(
            Reply.id,
            Reply.discussion_id,
            Reply.author_id,
            Reply.author_name,
            Reply.text,
            Reply.created_at,
            Reply.edited_at,
            Reply.reply_to,
        )
        .where(
            Reply.discussion_id == discussion_id,
            Reply.deleted.is_(False),
            _not_opted_out(Reply.guild_id, Reply.author_id),
        )
        .order_by(Reply.id)
        .execution_options(yield_per=CHUNK)
    )
    result = await session.stream(query)
    async for partition in result.partitions(CHUNK):
        for row in partition:
            yield row


async def stances(session: AsyncSession, discussion_id: int) -> list[Any]:
    rows = await session.execute(
        select(Stance.discussion_id, Stance.user_id, Stance.option, Stance.at)
        .where(
            Stance.discussion_id == discussion_id, _not_opted_out(Stance.guild_id, Stance.user_id)
        )
        .order_by(Stance.user_id)
    )
    return list(rows)


async def votes(session: AsyncSession, discussion_id: int) -> AsyncIterator[Any]:
    query = (
        select(Vote.discussion_id, Vote.reply_id, Vote.voter_id, Vote.value)
        .join(Reply, Reply.id == Vote.reply_id)
        .where(
            Vote.discussion_id == discussion_id,
            Reply.deleted.is_(False),
            _not_opted_out(Vote.guild_id, Vote.voter_id),
            _not_opted_out(Reply.guild_id, Reply.author_id),
        )
        .order_by(Vote.reply_id, Vote.voter_id)
        .execution_options(yield_per=CHUNK)
    )
    result = await session.stream(query)
    async for partition in result.partitions(CHUNK):
        for row in partition:
            yield row
