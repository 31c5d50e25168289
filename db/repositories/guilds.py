from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import DEFAULT_CRON, DEFAULT_DURATION_HOURS, Guild
from db.repositories._dialect import insert_for


async def get_guild(session: AsyncSession, guild_id: int) -> Guild | None:
    return await session.get(Guild, guild_id)


async def ensure_guild(
    session: AsyncSession, guild_id: int, *, now: datetime, timezone: str, language: str
) -> tuple[Guild, bool]:
    """The guild's row, created with defaults when missing; ``True`` when new (made by this
    call: a row another transaction made a moment ago is found, not made again)."""
    guild = await session.get(Guild, guild_id)
    if guild is not None:
        return guild, False
    inserted = await session.execute(
        insert_for(session, Guild)
        .values(
            id=guild_id,
            timezone=timezone,
            language=language,
            cron=DEFAULT_CRON,
            duration_hours=DEFAULT_DURATION_HOURS,
            paused=False,
            present=True,
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=["id"])
    )
    guild = await session.get(Guild, guild_id, populate_existing=True)
    assert guild is not None
    return guild, bool(getattr(inserted, "rowcount", 0))


async def update_guild(session: AsyncSession, guild_id: int, now: datetime, **values: Any) -> None:
    await session.execute(
        update(Guild).where(Guild.id == guild_id).values(updated_at=now, **values)
    )


async def configured_guilds(session: AsyncSession) -> list[Guild]:
    """Guilds with a channel, for rebuilding the schedule."""
    result = await session.scalars(select(Guild).where(Guild.channel_id.is_not(None)))
    return list(result)


async def guilds_with_retention(session: AsyncSession) -> list[Guild]:
    result = await session.scalars(select(Guild).where(Guild.retention_days.is_not(None)))
    return list(result)


async def guilds_with_reminders(session: AsyncSession) -> list[Guild]:
    """Servers still present that asked for a reminder before each close."""
    result = await session.scalars(
        select(Guild).where(Guild.reminder_hours.is_not(None), Guild.present.is_(True))
    )
    return list(result)
