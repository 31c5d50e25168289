from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BotMeta
from db.repositories._dialect import insert_for


async def get(session: AsyncSession, key: str) -> str | None:
    row = await session.get(BotMeta, key)
    return row.value if row else None


async def put(session: AsyncSession, key: str, value: str) -> None:
    statement = insert_for(session, BotMeta).values(key=key, value=value)
    await session.execute(
        statement.on_conflict_do_update(index_elements=["key"], set_={"value": value})
    )


async def put_if_absent(session: AsyncSession, key: str, value: str) -> None:
    """Store ``value`` unless ``key`` has one (the first of two racing writers wins)."""
    statement = insert_for(session, BotMeta).values(key=key, value=value)
    await session.execute(statement.on_conflict_do_nothing(index_elements=["key"]))
