"""Live counts on question posts, without one edit per click.

Clicks mark a post dirty; a loop edits the dirty posts every ``interval``
seconds, so a post is edited at most once per interval however many clicks
arrive. (A ``discord.ext.tasks`` loop, so its wait is a known, idle wait.)
Before reading the counts, the loop waits for the clicks still in the
write-behind buffer to be written: a count read before its click is stored
would show the old number until the next click.
"""

from __future__ import annotations

import logging

import discord
from discord.ext import tasks

from bot.app import App
from bot.errors import StorageUnavailable
from bot.write_behind import INTERACTIVE_WAIT

log = logging.getLogger(__name__)


class PostRefresher:
    def __init__(self, app: App, client: discord.Client, *, interval: float = 5.0) -> None:
        self._app = app
        self._client = client
        self._interval = interval
        self._dirty: set[int] = set()
        self._loop = tasks.loop(seconds=interval)(self._flush)
        self.edits = 0

    def mark(self, discussion_id: int) -> None:
        self._dirty.add(discussion_id)
        if not self._loop.is_running():
            self._loop.start()

    def mark_guild(self, guild_id: int) -> None:
        """Every open discussion of a server: a setting its posts show changed
        (counts hidden or shown, suggesters credited or not)."""
        for discussion in self._app.open.in_guild(guild_id):
            self.mark(discussion.id)

    def mark_open(self) -> None:
        """Every open discussion, once (at start): the clicks a stopped process stored
        but had not drawn yet show without waiting for the next click."""
        for discussion in self._app.open.all():
            self.mark(discussion.id)

    async def _flush(self) -> None:
        if not self._dirty:
            return
        if self._app.buffer.failures:
            # The database is away: the counts would be stale or unreadable.
            # Keep the posts dirty; they are refreshed once writes resume.
            return
        from bot.services import discussions
        from db.models import Discussion

        try:
            await self._app.buffer.drain(limit=INTERACTIVE_WAIT)
        except StorageUnavailable:
            return  # still dirty: refreshed once the clicks are stored
        due, self._dirty = self._dirty, set()
        for discussion_id in sorted(due):
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
