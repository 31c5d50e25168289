"""Live counts on question posts, without one edit per click.

Clicks mark a post dirty; each post is edited at most once every
``interval`` seconds, after the writes it shows have landed.
"""

from __future__ import annotations

import asyncio
import logging
import time

import discord

from bot.app import App

log = logging.getLogger(__name__)


class PostRefresher:
    def __init__(self, app: App, client: discord.Client, *, interval: float = 5.0) -> None:
        self._app = app
        self._client = client
        self._interval = interval
        self._last: dict[int, float] = {}
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self.edits = 0

    def mark(self, discussion_id: int) -> None:
        if discussion_id not in self._tasks:
            self._tasks[discussion_id] = asyncio.create_task(self._refresh_later(discussion_id))

    async def _refresh_later(self, discussion_id: int) -> None:
        try:
            wait = self._last.get(discussion_id, -1e9) + self._interval - time.monotonic()
            await asyncio.sleep(max(wait, 0.5))
            await self._app.buffer.drain()
            from bot.services import discussions

            async with self._app.sessions() as session:
                from db.models import Discussion

                row = await session.get(Discussion, discussion_id)
            self._tasks.pop(discussion_id, None)
            self._last[discussion_id] = time.monotonic()
            if row is not None:
                await discussions.refresh_post(self._app, self._client, row)
                self.edits += 1
        except Exception:
            log.exception("refreshing discussion %s failed", discussion_id)
        finally:
            self._tasks.pop(discussion_id, None)

    def cancel(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        self._tasks.clear()
