from __future__ import annotations

from bot.app import App
from db.repositories import meta


async def get(app: App, key: str) -> str | None:
    async with app.sessions() as session:
        return await meta.get(session, key)


async def put(app: App, key: str, value: str) -> None:
    async with app.sessions.begin() as session:
        await meta.put(session, key, value)
