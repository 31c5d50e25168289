"""Building the bot: resources made here, handed in, closed in ``close()``."""

from __future__ import annotations

import asyncio
import gc
import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any, Protocol

import discord
from discord.ext import commands

from bot.app import App
from bot.clock import Clock
from bot.config import Settings
from bot.interactions import answer_error
from bot.member_counts import MemberCounts
from bot.scheduler import Scheduler
from bot.services import catch_up, optouts, setup
from bot.services import discussions as discussion_service
from bot.services.embedder import Embedder
from bot.services.refresh import PostRefresher
from db.migrate import upgrade

log = logging.getLogger(__name__)


class Attached(Protocol):
    """A server that lives as long as the bot (the web room): started last, stopped first."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


EXTENSIONS = (
    "cogs.setup",
    "cogs.erase_server",
    "cogs.questions",
    "cogs.discussions",
    "cogs.summary",
    "cogs.answers",
    "cogs.mydata",
    "cogs.participation",
    "cogs.suggestions",
    "cogs.stats",
    "cogs.collection",
    "cogs.review",
    "cogs.help",
)


def intents() -> discord.Intents:
    chosen = discord.Intents.none()
    chosen.guilds = True
    chosen.guild_messages = True
    chosen.message_content = True
    chosen.guild_reactions = True
    return chosen


def _shard_options(settings: Settings) -> dict[str, Any]:
    """``AutoShardedBot`` options: Discord decides, or this process's share of shards."""
    options: dict[str, Any] = {}
    if settings.shard_count is not None:
        options["shard_count"] = settings.shard_count
    if settings.shard_ids is not None:
        options["shard_ids"] = list(settings.shard_ids)
    return options


PRESENCE = "💬 /aide · /help"
"""The bot's status under its name in every server's member list: one for all servers (a
presence is not per server), so both languages' help command."""


class EtVousBot(commands.AutoShardedBot):
    def __init__(self, app: App, *, timers: bool = True, sync_commands: bool = True) -> None:
        settings = app.settings
        # The bot never joins a voice channel: discord.py's warnings at every start that
        # voice's libraries are missing would only send operators looking for them.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(),
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            activity=discord.CustomActivity(name=PRESENCE),
            max_messages=settings.message_cache_size or None,
            member_cache_flags=discord.MemberCacheFlags.from_intents(intents()),
            chunk_guilds_at_startup=False,
            **_shard_options(settings),
        )
        self.app = app
        self.scheduler = Scheduler(app, self, timers=timers)
        self.refresher = PostRefresher(app, self)
        self.embedder = Embedder(app)
        """Gives stored replies their sentence vectors in the background (themes)."""
        app.buffer.after_write = self.embedder.poke
        self.message_handler: Callable[[discord.Message], None] | None = None
        self._sync_commands = sync_commands
        self._caught_up_once = False
        self._ready_seen = False
        """``on_ready`` has begun its catch-up: a shard's new session after that (even
        during it) needs its own."""
        self.attached: list[Attached] = []
        self.member_counts = MemberCounts(self)
        """Each server's member count, fresher than the gateway's (``/stats``, the web room)."""
        app.guild_names = self._guild_name  # the web room's header names the server

    def _guild_name(self, guild_id: int) -> str | None:
        guild = self.get_guild(guild_id)
        return guild.name if guild is not None else None

    async def setup_hook(self) -> None:
        await upgrade(self.app.engine)
        await setup.load_languages(self.app)
        await discussion_service.load_open(self.app)
        await optouts.load_optouts(self.app)  # the spans the open discussions still need
        self.app.buffer.start()
        from bot.translator import CatalogTranslator

        await self.tree.set_translator(CatalogTranslator())
        self.tree.error(answer_error)  # the one error path of every application command
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.scheduler.start()
        if self._sync_commands:
            await self._sync_if_changed()
        for attached in self.attached:
            await attached.start()
        await asyncio.to_thread(_import_analysis)
        gc.collect()  # before connecting: start-up's garbage is not frozen with the rest
        gc.freeze()

    async def _sync_if_changed(self) -> None:
        """Sync the command tree only when it changed (or to the dev guild at once)."""
        dev = self.app.settings.dev_guild_id
        if dev:
            guild = discord.Object(id=dev)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)
            return
        payload = [c.to_dict(self.tree) for c in self.tree.get_commands()]
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
        from bot.services import meta

        if await meta.get(self.app, "commands_digest") != digest:
            await self.tree.sync()
            await meta.put(self.app, "commands_digest", digest)
            log.info("application commands synced")

    async def on_ready(self) -> None:
        log.info("ready: %d servers, %d open discussions", len(self.guilds), len(self.app.open))
        self._ready_seen = True
        started = self.scheduler.catch_up_starts()
        try:
            await catch_up.catch_up(self.app, self)
        finally:
            await self.scheduler.gateway_caught_up(started=started)
        if not self._caught_up_once:
            self._caught_up_once = True
            await self.scheduler.tick()
            self.refresher.mark_open()  # after the tick: those due to close are closed

    def dispatch(self, event_name: str, /, *args: Any, **kwargs: Any) -> None:
        """Hand new messages straight to the handler the Collection cog installs.

        discord.py would start one task per listener for every message (and
        look for prefix commands this bot does not have); storing a reply is a
        non-blocking queue put, so at gateway speed that overhead is most of
        the cost.
        """
        if event_name == "message" and self.message_handler is not None:
            try:
                self.message_handler(*args)
            except Exception:
                log.exception("storing a message failed")
            return
        super().dispatch(event_name, *args, **kwargs)

    async def on_shard_resumed(self, shard_id: int) -> None:
        started = self.scheduler.catch_up_starts()
        try:
            await catch_up.catch_up(self.app, self, full=False)
        finally:
            await self.scheduler.gateway_caught_up(shard_id, started=started)

    async def on_shard_ready(self, shard_id: int) -> None:
        """A shard's new session. At start, and whenever this process runs one shard,
        discord.py calls ``on_ready`` next, which catches up; a process running several
        shards gets only this when one of them could not resume."""
        if not self._ready_seen or len(self.shards) < 2:
            return
        started = self.scheduler.catch_up_starts()
        try:
            await catch_up.catch_up(self.app, self)
        finally:
            await self.scheduler.gateway_caught_up(shard_id, started=started)

    async def on_shard_disconnect(self, shard_id: int) -> None:
        # What arrives until that shard's catch-up is unread: nothing of it closes meanwhile.
        self.scheduler.gateway_lost(shard_id)

    async def close(self) -> None:
        for attached in reversed(self.attached):
            try:
                await attached.stop()
            except Exception:
                log.exception("stopping %s failed", type(attached).__name__)
        self.scheduler.shutdown()
        self.refresher.cancel()
        self.member_counts.close()
        try:
            await self.embedder.close()
            await self.app.close()
        finally:
            gc.unfreeze()  # a process that builds another bot (tests) collects this one
            await super().close()


def create_bot(
    settings: Settings,
    *,
    clock: Clock | None = None,
    timers: bool = True,
    sync_commands: bool = True,
) -> EtVousBot:
    """A configured bot that has not connected yet.

    ``clock`` defaults to the system's; ``timers=False`` leaves the scheduler's
    wake-ups to the caller (tests, the demo); ``sync_commands=False`` never
    syncs the command tree at start.
    """
    return EtVousBot(App.build(settings, clock=clock), timers=timers, sync_commands=sync_commands)


def _import_analysis() -> None:
    """Import the analysis (numpy, the encoder's code) once, in a worker thread.

    Imported on first use instead, its modules would be compiled and run
    inside a member's command, on the event loop. Then ``gc.freeze()`` moves
    every object alive at start-up out of the collector's sight: a full
    collection scans only what came later and no longer holds the loop for
    a tenth of a second on a large heap.
    """
    import bot.analysis.polis.routing
    import bot.analysis.summarize
    import bot.charts.summary_charts  # noqa: F401
