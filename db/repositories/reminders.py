"""Reminder records: like posting slots, a reminder is claimed in the database
before it is posted, so restarts and second processes never post it twice; a claim
its process left is settled from the thread (``stale_claims``, ``settle``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Reminder
from db.repositories._dialect import insert_for


async def claim(
    session: AsyncSession, discussion_id: int, closes_at: datetime, *, owner: str, now: datetime
) -> bool:
    """Record the reminder; ``False`` when it was already recorded by anyone."""
    statement = (
        insert_for(session, Reminder)
        .values(
            discussion_id=discussion_id,
            closes_at=closes_at,
            status="claimed",
            claimed_by=owner,
            claimed_at=now,
        )
        .on_conflict_do_nothing(index_elements=["discussion_id", "closes_at"])
    )
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0))


async def finish(
    session: AsyncSession,
    discussion_id: int,
    closes_at: datetime,
    *,
    status: str,
    message_id: int | None = None,
) -> None:
    await session.execute(
        update(Reminder)
        .where(Reminder.discussion_id == discussion_id, Reminder.closes_at == closes_at)
        .values(status=status, message_id=message_id)
    )


async def release(
    session: AsyncSession, discussion_id: int, closes_at: datetime, *, owner: str
) -> None:
    """Give back a reminder this process claimed but could not post, so it is tried again."""
    await session.execute(
        delete(Reminder).where(
            Reminder.discussion_id == discussion_id,
            Reminder.closes_at == closes_at,
            Reminder.status == "claimed",
            Reminder.claimed_by == owner,
        )
    )


async def stale_claims(session: AsyncSession, *, claimed_before: datetime) -> list[Reminder]:
    """The claims still open from before ``claimed_before``: their process stopped between
    claiming and recording the post (before or after Discord took it; see ``settle``)."""
    rows = await session.scalars(
        select(Reminder).where(Reminder.status == "claimed", Reminder.claimed_at < claimed_before)
    )
    return list(rows)


async def settle(session: AsyncSession, claim: Reminder, *, message_id: int | None) -> bool:
    """Settle a stale ``claim``: ``message_id``, the reminder found in the thread, marks it
    posted; ``None`` gives it back to be posted. Only that claim as read (a process that
    settled or claimed it again since wins); ``False`` when it was not."""
    where = (
        Reminder.discussion_id == claim.discussion_id,
        Reminder.closes_at == claim.closes_at,
        Reminder.status == "claimed",
        Reminder.claimed_at == claim.claimed_at,
    )
    if message_id is None:
        result = await session.execute(delete(Reminder).where(*where))
    else:
        result = await session.execute(
            update(Reminder).where(*where).values(status="posted", message_id=message_id)
        )
    return bool(getattr(result, "rowcount", 0))
