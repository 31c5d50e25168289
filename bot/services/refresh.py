"""Live counts on question posts, without one edit per click.

Clicks mark a post dirty; a loop edits the dirty posts every ``interval``
seconds, so a post is edited at most once per interval however many clicks
arrive. (A ``discord.ext.tasks`` loop, so its wait is a known, idle wait.)
"""

from __future__ import annotations

import logging
import time

import discord
from discord.ext import tasks

from bot.app import App

log = logging.getLogger(__name__)


class PostRefresher:
    def __init__(self, app: App, client: discord.Client, *, interval: float = 5.0) -> None:
        self._app = app
        self._client = client
        self._interval = interval
        self._dirty: set[int] = set()
        self._last_edit: dict[int, float] = {}
        self._loop = tasks.loop(seconds=interval)(self._flush)
        self.edits = 0

    def mark(self, discussion_id: int) -> None:
        self._dirty.add(discussion_id)
        if not self._loop.is_running():
            self._loop.start()

    async def _flush(self) -> None:
        if not self._dirty:
            return
        if self._app.buffer.failures:
            # The database is away: the counts would be stale or unreadable.
            # Keep the posts dirty; they are refreshed once writes resume.
            return
        from bot.services import discussions
        from db.models import Discussion

        now = time.monotonic()
        due = {d for d in self._dirty if now - self._last_edit.get(d, -1e9) >= self._interval}
        self._dirty -= due
        for discussion_id in sorted(due):
            self._last_edit[discussion_id] = now
            try:
                async with self._app.sessions() as session:
                    row = await session.get(Discussion, discussion_id)
                if row is not None:
                    await discussions.refresh_post(self._app, self._client, row)
                    self.edits += 1
            except Exception:
                self._dirty.add(discussion_id)  # try again at the next interval
                log.exception("refreshing discussion %s failed; will retry", discussion_id)

    def cancel(self) -> None:
        self._loop.cancel()
