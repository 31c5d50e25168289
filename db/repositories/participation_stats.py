"""Who took part in which discussion: the raw rows behind ``/stats``, the
leaderboard and the reminder's figures. A member took part in a discussion
when they wrote a reply there (not deleted) or declared a stance. A member who
opted out is read as absent, as the summary reads her (her rows stay stored and
count again once she opts in)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Discussion, MemberPreference, Reply, Stance
from db.repositories._dialect import insert_for
from db.repositories.export import not_opted_out


async def posted_discussions(
    session: AsyncSession, guild_id: int, *, in_channels: Sequence[int] | None = None
) -> list[tuple[int, bool]]:
    """``(id, still open)`` of the server's posted discussions (``in_channels``: posted in
    those channels), oldest first."""
    query = select(Discussion.id, Discussion.closed_at).where(
        Discussion.guild_id == guild_id, Discussion.thread_id.is_not(None)
    )
    if in_channels is not None:
        query = query.where(Discussion.channel_id.in_(in_channels))
    rows = await session.execute(query.order_by(Discussion.id))
    return [(int(i), closed is None) for i, closed in rows]


async def recent_posted(
    session: AsyncSession, guild_id: int, *, limit: int, in_channels: Sequence[int] | None = None
) -> list[Discussion]:
    """The server's newest posted discussions (``in_channels``: posted in those channels),
    oldest of them first."""
    query = select(Discussion).where(
        Discussion.guild_id == guild_id, Discussion.thread_id.is_not(None)
    )
    if in_channels is not None:
        query = query.where(Discussion.channel_id.in_(in_channels))
    result = await session.scalars(query.order_by(Discussion.id.desc()).limit(limit))
    return list(reversed(list(result)))


async def opened_between(
    session: AsyncSession,
    guild_id: int,
    start: datetime,
    end: datetime,
    *,
    in_channels: Sequence[int] | None = None,
) -> list[int]:
    query = select(Discussion.id).where(
        Discussion.guild_id == guild_id,
        Discussion.thread_id.is_not(None),
        Discussion.opened_at >= start,
        Discussion.opened_at < end,
    )
    if in_channels is not None:
        query = query.where(Discussion.channel_id.in_(in_channels))
    return [int(i) for i in await session.scalars(query)]


async def activity(
    session: AsyncSession, guild_id: int, discussion_ids: Sequence[int]
) -> list[tuple[int, int, int]]:
    """``(discussion, member, replies)`` for everyone who took part in these discussions
    (``replies`` is 0 for a member who only declared a stance)."""
    if not discussion_ids:
        return []
    ids = list(discussion_ids)
    replies = await session.execute(
        select(Reply.discussion_id, Reply.author_id, func.count())
        .where(
            Reply.guild_id == guild_id,
            Reply.discussion_id.in_(ids),
            Reply.deleted.is_(False),
            not_opted_out(Reply.guild_id, Reply.author_id),
        )
        .group_by(Reply.discussion_id, Reply.author_id)
    )
    found = {(int(d), int(u)): int(n) for d, u, n in replies}
    stances = await session.execute(
        select(Stance.discussion_id, Stance.user_id).where(
            Stance.guild_id == guild_id,
            Stance.discussion_id.in_(ids),
            not_opted_out(Stance.guild_id, Stance.user_id),
        )
    )
    for d, u in stances:
        found.setdefault((int(d), int(u)), 0)
    return [(d, u, n) for (d, u), n in found.items()]


async def member_activity(session: AsyncSession, guild_id: int, user_id: int) -> dict[int, int]:
    """The discussions a member took part in, with their replies in each."""
    replies = await session.execute(
        select(Reply.discussion_id, func.count())
        .where(Reply.guild_id == guild_id, Reply.author_id == user_id, Reply.deleted.is_(False))
        .group_by(Reply.discussion_id)
    )
    found = {int(d): int(n) for d, n in replies}
    stances = await session.scalars(
        select(Stance.discussion_id).where(Stance.guild_id == guild_id, Stance.user_id == user_id)
    )
    for d in stances:
        found.setdefault(int(d), 0)
    return found


async def reply_times(
    session: AsyncSession, guild_id: int, discussion_ids: Sequence[int], *, limit: int
) -> list[datetime]:
    """When the replies of these discussions were written (the newest ``limit``)."""
    if not discussion_ids:
        return []
    result = await session.scalars(
        select(Reply.created_at)
        .where(
            Reply.guild_id == guild_id,
            Reply.discussion_id.in_(list(discussion_ids)),
            Reply.deleted.is_(False),
            not_opted_out(Reply.guild_id, Reply.author_id),
        )
        .order_by(Reply.id.desc())
        .limit(limit)
    )
    return list(result)


async def hidden_members(session: AsyncSession, guild_id: int) -> set[int]:
    result = await session.scalars(
        select(MemberPreference.user_id).where(
            MemberPreference.guild_id == guild_id,
            MemberPreference.hidden_from_leaderboard.is_(True),
        )
    )
    return {int(u) for u in result}


async def set_hidden(
    session: AsyncSession, guild_id: int, user_id: int, hidden: bool, now: datetime
) -> None:
    statement = insert_for(session, MemberPreference).values(
        guild_id=guild_id,
        user_id=user_id,
        opted_out=False,
        hidden_from_leaderboard=hidden,
        updated_at=now,
    )
    statement = statement.on_conflict_do_update(
        index_elements=["guild_id", "user_id"],
        set_={"hidden_from_leaderboard": hidden, "updated_at": now},
    )
    await session.execute(statement)
