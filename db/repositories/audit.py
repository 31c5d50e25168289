from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditEntry


async def record(
    session: AsyncSession,
    guild_id: int,
    action: str,
    *,
    actor_id: int | None,
    actor_name: str | None = None,
    target: str | None = None,
    now: datetime,
) -> None:
    session.add(
        AuditEntry(
            guild_id=guild_id,
            actor_id=actor_id,
            actor_name=actor_name,
            action=action,
            target=target,
            at=now,
        )
    )
    await session.flush()


MEMBER_ACTIONS = ("suggestion_add",)
"""What a member (not staff) does that the log records with her id."""


async def forget_member(session: AsyncSession, guild_id: int, user_id: int) -> None:
    """An erased member's own entries stay (what happened), without her id; what she did
    as staff keeps her id, as before, but no entry keeps the name she went by."""
    mine = (AuditEntry.guild_id == guild_id, AuditEntry.actor_id == user_id)
    await session.execute(update(AuditEntry).where(*mine).values(actor_name=None))
    await session.execute(
        update(AuditEntry).where(*mine, AuditEntry.action.in_(MEMBER_ACTIONS)).values(actor_id=None)
    )


async def entries(session: AsyncSession, guild_id: int, *, limit: int = 50) -> list[AuditEntry]:
    result = await session.scalars(
        select(AuditEntry)
        .where(AuditEntry.guild_id == guild_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return list(result)
