from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update
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


async def lock_bank(session: AsyncSession, guild_id: int) -> None:
    """Hold the server's bank until the transaction ends: a check for duplicates and the
    positions it reads stay true until the write they allow is committed, whichever
    process (the bot, a second one during a deploy, the CLI) writes at the same time.

    Called first in the transaction, before the reads it protects. PostgreSQL locks the
    server's row (``FOR NO KEY UPDATE``: rows referring to the server are still
    inserted meanwhile); the others wait for the commit, then read what it wrote.
    SQLite has no row locks, and Python's sqlite3 begins a transaction (taking the
    database's write lock) only at the first write, after the reads: an update that
    changes nothing takes that lock now; the others wait (busy timeout) and then begin
    with a fresh snapshot."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            select(Guild.id).where(Guild.id == guild_id).with_for_update(key_share=True)
        )
    else:
        await session.execute(
            update(Guild)
            .where(Guild.id == guild_id)
            .values(present=Guild.present)
            .execution_options(synchronize_session=False)
        )


async def update_guild(session: AsyncSession, guild_id: int, now: datetime, **values: Any) -> None:
    await session.execute(
        update(Guild).where(Guild.id == guild_id).values(updated_at=now, **values)
    )


NAMES_READ_AT_ONCE = 500
"""Servers whose stored names one query reads (a bound on its ``IN`` list)."""


async def store_names(session: AsyncSession, names: Mapping[int, str]) -> int:
    """Give each server that has a row the name ``names`` holds for it, where the stored one
    differs; returns how many rows changed. A server without a row (it never ran
    ``/setup``) gets none: its row would make it set up. ``updated_at`` is left alone: a
    name is Discord's, not a setting staff changed."""
    changed: list[dict[str, Any]] = []
    ids = sorted(names)
    for start in range(0, len(ids), NAMES_READ_AT_ONCE):
        chunk = ids[start : start + NAMES_READ_AT_ONCE]
        stored = await session.execute(select(Guild.id, Guild.name).where(Guild.id.in_(chunk)))
        changed += [{"id": i, "name": names[i]} for i, name in stored if name != names[i]]
    if changed:
        await session.execute(update(Guild), changed)
    return len(changed)


async def claim_notice(session: AsyncSession, guild_id: int, problem: str) -> bool:
    """Record that staff are told of ``problem`` now; ``False`` when they were already
    (by this process or another) since the schedule last resumed or posted."""
    result = await session.execute(
        update(Guild)
        .where(
            Guild.id == guild_id,
            or_(Guild.problem_notice.is_(None), Guild.problem_notice != problem),
        )
        .values(problem_notice=problem)
    )
    return bool(getattr(result, "rowcount", 0))


async def configured_guilds(session: AsyncSession) -> list[Guild]:
    """Guilds with a channel, for rebuilding the schedule."""
    result = await session.scalars(select(Guild).where(Guild.channel_id.is_not(None)))
    return list(result)


@dataclass(frozen=True, slots=True)
class Rules:
    """What decides when a server posts next, read without the rest of its row."""

    id: int
    cron: str
    timezone: str
    running: bool
    """Not paused, and the bot still in the server."""


async def schedule_rules(session: AsyncSession) -> list[Rules]:
    """The rules of every guild with a channel, for setting the scheduler's wake-up: a
    few columns (whole rows for thousands of servers held the event loop 30-70 ms)."""
    result = await session.execute(
        select(Guild.id, Guild.cron, Guild.timezone, Guild.paused, Guild.present).where(
            Guild.channel_id.is_not(None)
        )
    )
    return [Rules(i, c, z, not paused and present) for i, c, z, paused, present in result]


async def guilds_with_retention(session: AsyncSession) -> list[Guild]:
    result = await session.scalars(select(Guild).where(Guild.retention_days.is_not(None)))
    return list(result)


async def guilds_with_reminders(session: AsyncSession) -> list[Guild]:
    """Servers still present that asked for a reminder before each close."""
    result = await session.scalars(
        select(Guild).where(Guild.reminder_hours.is_not(None), Guild.present.is_(True))
    )
    return list(result)
