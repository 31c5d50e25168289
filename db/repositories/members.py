"""A member's own data: preferences, what is stored about them, erasure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Discussion,
    MemberPreference,
    Reply,
    ReplyRevision,
    Stance,
    StanceChange,
    Vote,
)
from db.repositories import embeddings
from db.repositories._dialect import insert_for


async def set_opted_out(
    session: AsyncSession, guild_id: int, user_id: int, opted_out: bool, now: datetime
) -> None:
    statement = insert_for(session, MemberPreference).values(
        guild_id=guild_id, user_id=user_id, opted_out=opted_out, updated_at=now
    )
    statement = statement.on_conflict_do_update(
        index_elements=["guild_id", "user_id"],
        set_={"opted_out": opted_out, "updated_at": now},
    )
    await session.execute(statement)


async def opted_out_members(session: AsyncSession) -> list[tuple[int, int]]:
    rows = await session.execute(
        select(MemberPreference.guild_id, MemberPreference.user_id).where(
            MemberPreference.opted_out.is_(True)
        )
    )
    return [(int(g), int(u)) for g, u in rows]


@dataclass(frozen=True, slots=True)
class MemberCounts:
    replies: int
    stances: int
    votes: int
    opted_out: bool


async def counts(session: AsyncSession, guild_id: int, user_id: int) -> MemberCounts:
    """What is stored about the member, in one round trip (four scalar subqueries)."""
    row = (
        await session.execute(
            select(
                select(func.count())
                .select_from(Reply)
                .where(
                    Reply.guild_id == guild_id,
                    Reply.author_id == user_id,
                    Reply.deleted.is_(False),
                )
                .scalar_subquery(),
                select(func.count())
                .select_from(Stance)
                .where(Stance.guild_id == guild_id, Stance.user_id == user_id)
                .scalar_subquery(),
                select(func.count())
                .select_from(Vote)
                .where(Vote.guild_id == guild_id, Vote.voter_id == user_id)
                .scalar_subquery(),
                select(MemberPreference.opted_out)
                .where(MemberPreference.guild_id == guild_id, MemberPreference.user_id == user_id)
                .scalar_subquery(),
            )
        )
    ).one()
    replies, stances, votes, opted_out = row
    return MemberCounts(int(replies or 0), int(stances or 0), int(votes or 0), bool(opted_out))


async def stances_of(
    session: AsyncSession, guild_id: int, user_id: int, *, limit: int = 25
) -> list[tuple[Stance, Discussion]]:
    rows = await session.execute(
        select(Stance, Discussion)
        .join(Discussion, Discussion.id == Stance.discussion_id)
        .where(Stance.guild_id == guild_id, Stance.user_id == user_id)
        .order_by(Stance.discussion_id.desc())
        .limit(limit)
    )
    return [(s, d) for s, d in rows]


async def erase_member(session: AsyncSession, guild_id: int, user_id: int) -> int:
    """Erase a member's replies (text, revisions, votes on them), stances, votes in one server."""
    ids = list(
        await session.scalars(
            select(Reply.id).where(Reply.guild_id == guild_id, Reply.author_id == user_id)
        )
    )
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        await session.execute(delete(ReplyRevision).where(ReplyRevision.reply_id.in_(chunk)))
        await embeddings.forget(session, chunk)
        await session.execute(delete(Vote).where(Vote.reply_id.in_(chunk)))
        await session.execute(
            update(Reply).where(Reply.id.in_(chunk)).values(deleted=True, text="", author_name="")
        )
    await session.execute(
        delete(Stance).where(Stance.guild_id == guild_id, Stance.user_id == user_id)
    )
    await session.execute(
        delete(StanceChange).where(
            StanceChange.guild_id == guild_id, StanceChange.user_id == user_id
        )
    )
    await session.execute(delete(Vote).where(Vote.guild_id == guild_id, Vote.voter_id == user_id))
    return len(ids)
