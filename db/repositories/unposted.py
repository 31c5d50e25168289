"""Closing summaries owed: recorded with the closing, kept while they fail to post,
tried again at the scheduler's next ticks.

Stored rather than held in memory, so a restart neither forgets one nor posts
again the messages of it already in the thread.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import UnpostedSummary
from db.repositories._dialect import insert_for

CLAIM_FOR = timedelta(minutes=10)
"""How long a process's claim on a retry holds (one that died mid-post lets go)."""


async def owed(
    session: AsyncSession, guild_id: int, discussion_id: int, *, owner: str, now: datetime
) -> None:
    """The discussion closes (same transaction): its summary is owed, and this process
    is posting it now (claimed: a retry elsewhere waits; if this process dies, the
    claim lapses after :data:`CLAIM_FOR` and the summary is posted by a tick)."""
    statement = insert_for(session, UnpostedSummary).values(
        discussion_id=discussion_id,
        guild_id=guild_id,
        attempts=0,
        posted=0,
        failed_at=None,
        claimed_by=owner,
        claimed_at=now,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["discussion_id"],
            # closed again after a reopening: a new summary, from its first message
            set_={
                "attempts": 0,
                "posted": 0,
                "failed_at": None,
                "claimed_by": owner,
                "claimed_at": now,
            },
        )
    )


async def failed(
    session: AsyncSession, guild_id: int, discussion_id: int, *, posted: int, now: datetime
) -> int:
    """Record a failed attempt (and the messages posted so far); returns the number
    of attempts that failed."""
    statement = insert_for(session, UnpostedSummary).values(
        discussion_id=discussion_id,
        guild_id=guild_id,
        attempts=1,
        posted=posted,
        failed_at=now,
        claimed_by=None,
        claimed_at=None,
    )
    statement = statement.on_conflict_do_update(
        index_elements=["discussion_id"],
        set_={
            "attempts": UnpostedSummary.attempts + 1,
            "posted": statement.excluded.posted,
            "failed_at": statement.excluded.failed_at,
            "claimed_by": None,
            "claimed_at": None,
        },
    )
    await session.execute(statement)
    attempts = await session.scalar(
        select(UnpostedSummary.attempts).where(UnpostedSummary.discussion_id == discussion_id)
    )
    return int(attempts or 1)


async def claim(session: AsyncSession, discussion_id: int, *, owner: str, now: datetime) -> bool:
    """Take the next attempt of a summary; ``False`` when another process has it."""
    result = await session.execute(
        update(UnpostedSummary)
        .where(
            UnpostedSummary.discussion_id == discussion_id,
            or_(
                UnpostedSummary.claimed_by.is_(None),
                UnpostedSummary.claimed_at < now - CLAIM_FOR,
            ),
        )
        .values(claimed_by=owner, claimed_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def release(session: AsyncSession, discussion_id: int) -> None:
    """Let go of a summary's claim without counting an attempt: the next tick takes it."""
    await session.execute(
        update(UnpostedSummary)
        .where(UnpostedSummary.discussion_id == discussion_id)
        .values(claimed_by=None, claimed_at=None)
    )


async def posted(session: AsyncSession, discussion_id: int) -> int:
    """Messages of the summary already in the thread (0 when none failed)."""
    found = await session.scalar(
        select(UnpostedSummary.posted).where(UnpostedSummary.discussion_id == discussion_id)
    )
    return int(found or 0)


async def done(session: AsyncSession, discussion_id: int) -> None:
    """Posted whole, given up, or no longer to post (the discussion reopened or went)."""
    await session.execute(
        delete(UnpostedSummary).where(UnpostedSummary.discussion_id == discussion_id)
    )


async def pending(session: AsyncSession) -> list[tuple[int, int]]:
    """``(guild id, discussion id)`` of each summary owed, oldest discussion first."""
    rows = await session.execute(
        select(UnpostedSummary.guild_id, UnpostedSummary.discussion_id).order_by(
            UnpostedSummary.discussion_id
        )
    )
    return [(int(g), int(d)) for g, d in rows]
