"""Published reports: a discussion's summary readable without login at ``/r/<id>``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Discussion, PublishedReport
from db.repositories._dialect import insert_for


async def of_discussion(session: AsyncSession, discussion_id: int) -> PublishedReport | None:
    return await session.scalar(
        select(PublishedReport).where(PublishedReport.discussion_id == discussion_id)
    )


async def publish(
    session: AsyncSession,
    report_id: str,
    discussion: Discussion,
    *,
    actor_id: int | None,
    now: datetime,
) -> tuple[PublishedReport, bool]:
    """The discussion's report, created unless it is published already (by this call or
    one at the same moment: the discussion holds one report); and whether it was created."""
    inserted = await session.execute(
        insert_for(session, PublishedReport)
        .values(
            id=report_id,
            discussion_id=discussion.id,
            guild_id=discussion.guild_id,
            published_by=actor_id,
            published_at=now,
        )
        .on_conflict_do_nothing(index_elements=["discussion_id"])
    )
    found = await of_discussion(session, discussion.id)
    assert found is not None
    return found, bool(getattr(inserted, "rowcount", 0))


async def unpublish(session: AsyncSession, guild_id: int, discussion_id: int) -> bool:
    result = await session.execute(
        delete(PublishedReport).where(
            PublishedReport.guild_id == guild_id, PublishedReport.discussion_id == discussion_id
        )
    )
    return bool(getattr(result, "rowcount", 0))


async def by_public_id(
    session: AsyncSession, report_id: str
) -> tuple[PublishedReport, Discussion] | None:
    row = (
        await session.execute(
            select(PublishedReport, Discussion)
            .join(Discussion, Discussion.id == PublishedReport.discussion_id)
            .where(PublishedReport.id == report_id)
        )
    ).first()
    return (row[0], row[1]) if row is not None else None


async def published_ids(session: AsyncSession, guild_id: int) -> dict[int, str]:
    """Discussion id → public report id, for the server's published discussions."""
    rows = await session.execute(
        select(PublishedReport.discussion_id, PublishedReport.id).where(
            PublishedReport.guild_id == guild_id
        )
    )
    return {int(d): str(r) for d, r in rows}
