"""Login links and sessions of the web room; only hashes of their secrets are stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import WebLogin, WebSession


async def add_login(
    session: AsyncSession,
    nonce_hash: str,
    guild_id: int,
    user_id: int,
    expires_at: datetime,
    user_name: str | None = None,
) -> None:
    session.add(
        WebLogin(
            nonce_hash=nonce_hash,
            guild_id=guild_id,
            user_id=user_id,
            user_name=user_name,
            expires_at=expires_at,
        )
    )
    await session.flush()


async def get_login(session: AsyncSession, nonce_hash: str) -> WebLogin | None:
    return await session.get(WebLogin, nonce_hash)


async def use_login(session: AsyncSession, nonce_hash: str, now: datetime) -> bool:
    """Mark a link used; ``False`` when it was used already (or is not there)."""
    result = await session.execute(
        update(WebLogin)
        .where(WebLogin.nonce_hash == nonce_hash, WebLogin.used_at.is_(None))
        .values(used_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def add_session(
    session: AsyncSession,
    token_hash: str,
    guild_id: int,
    user_id: int,
    now: datetime,
    expires_at: datetime,
    user_name: str | None = None,
) -> None:
    session.add(
        WebSession(
            token_hash=token_hash,
            guild_id=guild_id,
            user_id=user_id,
            user_name=user_name,
            created_at=now,
            expires_at=expires_at,
        )
    )
    await session.flush()


async def get_session(session: AsyncSession, token_hash: str) -> WebSession | None:
    return await session.get(WebSession, token_hash)


async def delete_session(session: AsyncSession, token_hash: str) -> None:
    await session.execute(delete(WebSession).where(WebSession.token_hash == token_hash))


async def purge_expired(session: AsyncSession, now: datetime) -> int:
    """Forget links and sessions past their expiry (used links stay until then)."""
    logins = await session.execute(delete(WebLogin).where(WebLogin.expires_at < now))
    sessions = await session.execute(delete(WebSession).where(WebSession.expires_at < now))
    return int(getattr(logins, "rowcount", 0) or 0) + int(getattr(sessions, "rowcount", 0) or 0)


async def sessions_of(session: AsyncSession, guild_id: int) -> list[WebSession]:
    result = await session.scalars(select(WebSession).where(WebSession.guild_id == guild_id))
    return list(result)


async def forget_name(session: AsyncSession, guild_id: int, user_id: int) -> None:
    """An erased member's links and sessions keep no name to log her actions under."""
    for model in (WebLogin, WebSession):
        await session.execute(
            update(model)
            .where(model.guild_id == guild_id, model.user_id == user_id)
            .values(user_name=None)
        )
