"""Slot records: a scheduled post time is claimed in the database before posting,
so two fires, a restart or a second process never post it twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Discussion, Slot
from db.repositories._dialect import insert_for


async def claim(
    session: AsyncSession, guild_id: int, slot_at: datetime, *, owner: str, now: datetime
) -> bool:
    """Record the slot; ``False`` when it was already recorded by anyone."""
    statement = (
        insert_for(session, Slot)
        .values(
            guild_id=guild_id, slot_at=slot_at, status="claimed", claimed_by=owner, claimed_at=now
        )
        .on_conflict_do_nothing(index_elements=["guild_id", "slot_at"])
    )
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0))


async def finish(
    session: AsyncSession,
    guild_id: int,
    slot_at: datetime,
    *,
    status: str,
    discussion_id: int | None = None,
) -> None:
    await session.execute(
        update(Slot)
        .where(Slot.guild_id == guild_id, Slot.slot_at == slot_at)
        .values(status=status, discussion_id=discussion_id)
    )


async def release(session: AsyncSession, guild_id: int, slot_at: datetime, *, owner: str) -> None:
    """Give back a slot this process claimed but could not post, so it is tried again."""
    await session.execute(
        delete(Slot).where(
            Slot.guild_id == guild_id,
            Slot.slot_at == slot_at,
            Slot.status == "claimed",
            Slot.claimed_by == owner,
        )
    )


async def latest(
    session: AsyncSession, guild_id: int, *, status: str | None = None
) -> datetime | None:
    """The server's newest slot recorded (with ``status``: the newest of those)."""
    where = [Slot.guild_id == guild_id] + ([Slot.status == status] if status else [])
    return await session.scalar(select(func.max(Slot.slot_at)).where(*where))


async def recover_stale(session: AsyncSession, *, claimed_before: datetime) -> int:
    """Settle the claims still open from before ``claimed_before``: their process died
    between claiming and finishing (posting takes seconds). A slot whose discussion was
    stored is marked posted; any other is removed, so that the slot is tried again.
    Returns how many were settled.

    Each change is made only if the claim is still the stale one: another process may
    have settled it since it was read here, claimed the slot again and posted it (its
    record, removed by its key alone, made the slot due again: posted twice)."""
    stale = (
        await session.execute(
            select(Slot.guild_id, Slot.slot_at).where(
                Slot.status == "claimed", Slot.claimed_at < claimed_before
            )
        )
    ).all()
    settled = 0
    for guild_id, slot_at in stale:
        still = (
            Slot.guild_id == guild_id,
            Slot.slot_at == slot_at,
            Slot.status == "claimed",
            Slot.claimed_at < claimed_before,
        )
        discussion_id = await session.scalar(
            select(Discussion.id)
            .where(Discussion.guild_id == guild_id, Discussion.slot_at == slot_at)
            .limit(1)
        )
        if discussion_id is None:
            result = await session.execute(delete(Slot).where(*still))
        else:
            result = await session.execute(
                update(Slot).where(*still).values(status="posted", discussion_id=discussion_id)
            )
        settled += int(getattr(result, "rowcount", 0) or 0)
    return settled
