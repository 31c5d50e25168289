"""A small world for end-to-end tests: the real bot on a simulated Discord.

``World`` holds the SimCord env, the bot, a manual clock, a server with a
forum and a text channel, a moderator and a few members.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import discord
import simcord
from sqlalchemy import select

from bot import create_bot
from bot.clock import ManualClock
from bot.config import Settings
from bot.factory import EtVousBot

START = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # a Monday


class ClientLocales:
    """The language each member's Discord client is set to.

    SimCord writes ``locale: en-US`` (and ``guild_locale: en-US``) into every
    interaction it builds. Real Discord sends the member's client language and the
    server's community locale: this first subscriber of the simulated backend's
    events stamps both onto each INTERACTION_CREATE before the bot's gateway (a
    later subscriber, which copies the payload) reads it. Clicks, modal submissions,
    slash commands and autocompletes all go through there.
    """

    def __init__(self, env: Any) -> None:
        self.env = env
        self.by_user: dict[int, str] = {}
        env.backend.subscribers.insert(0, self._stamp)

    def set(self, actor: Any, locale: str) -> None:
        self.by_user[actor.id] = discord.Locale(locale).value  # a Discord locale, or ValueError

    def _stamp(self, event: str, payload: Any) -> None:
        if event != "INTERACTION_CREATE" or not isinstance(payload, dict):
            return
        user = (payload.get("member") or {}).get("user") or payload.get("user") or {}
        locale = self.by_user.get(int(user.get("id", 0)))
        if locale is not None:
            payload["locale"] = locale
        if payload.get("guild_id") is not None:
            guild = self.env.backend.get_guild(int(payload["guild_id"]))
            payload["guild_locale"] = guild.preferred_locale


@dataclass
class World:
    env: Any
    bot: EtVousBot
    clock: ManualClock
    url: str
    guild: Any = None
    forum: Any = None
    text: Any = None
    mod: Any = None
    members: list[Any] = field(default_factory=list)
    locales: ClientLocales | None = None

    @property
    def app(self) -> Any:
        return self.bot.app

    async def settle(self, limit: float | None = None) -> None:
        """Wait until the bot is idle and its writes are in the database."""
        await self.env.settle(timeout=limit)
        await self.bot.app.buffer.drain()

    async def rows(self, model: Any, *where: Any) -> list[Any]:
        """Rows of ``model`` by primary key (PostgreSQL keeps no insertion order: an
        updated row moves to the end of its table)."""
        await self.bot.app.buffer.drain()
        key = model.__mapper__.primary_key
        async with self.bot.app.sessions() as session:
            return list(await session.scalars(select(model).where(*where).order_by(*key)))

    def add_member(self, name: str, *, locale: str | None = None, roles: Any = ()) -> Any:
        """A new member of the server; ``locale``: her Discord client's language
        (``fr``, ``en-GB`` …; SimCord's is ``en-US``)."""
        actor = self.guild.add_member(self.env.create_user(name), roles=list(roles))
        if locale is not None:
            self.speaks(actor, locale)
        return actor

    def speaks(self, actor: Any, locale: str) -> None:
        """From now on ``actor``'s interactions carry her client's ``locale``."""
        assert self.locales is not None
        self.locales.set(actor, locale)

    async def setup(self, channel: Any = None, **options: Any) -> Any:
        return await self.mod.slash(
            channel or self.forum, "setup", channel=channel or self.forum, **options
        )

    async def post(self, channel: Any = None, **options: Any) -> tuple[Any, Any]:
        """Set up (once) and post the next question; returns (thread handle, discussion row)."""
        from db.models import Discussion

        result = await self.mod.slash(channel or self.forum, "question post", **options)
        assert result.response is not None, result
        discussions = await self.rows(Discussion)
        discussion = max(discussions, key=lambda d: d.id)
        thread = self.env.backend.channels[discussion.thread_id]
        return simcord.ChannelHandle(self.env, self.guild, thread), discussion

    def post_message(self, discussion: Any) -> discord.Message:
        """The question post (starter message) of a discussion."""
        holder = (
            discussion.thread_id
            if self.forum.id == discussion.channel_id
            else discussion.channel_id
        )
        for message in self.env.backend.messages.get(holder, {}).values():
            if message.id == discussion.message_id:
                from simcord.builders import to_discord_message

                return to_discord_message(self.env, message)
        raise LookupError(discussion.message_id)

    def remove_bot(self) -> Kicked:
        """The bot removed from the server (GUILD_DELETE); what Discord keeps of it."""
        backend = self.env.backend
        server = backend.guilds[self.guild.id]
        kept = {i: backend.channels[i] for i in [*server.channel_ids, *server.thread_ids]}
        messages = {i: backend.messages.get(i, {}) for i in kept}
        backend.remove_guild(self.guild.id)
        return Kicked(self.env, server, kept, messages)

    def new_bot(self) -> EtVousBot:
        return make_bot(self.url, self.clock)

    async def restart(self, away: Callable[[], Any] | None = None) -> None:
        """A new process: the old one stops (its engine closed), a new one starts and
        catches up (``on_ready`` reads every open thread). ``away``: what happens on
        Discord while no bot runs."""
        await self.stop()
        if away is not None:
            away()
        await self.start()

    async def stop(self) -> None:
        """The bot stops (its engine closed): members go on acting, no one stores it."""
        await self.settle()
        await self.env._detach_bot()
        await self.bot.app.close()

    async def start(self) -> None:
        """A new process starts (``on_ready`` catches up)."""
        self.bot = self.new_bot()
        await simcord.env._attach_bot(self.env, self.bot)
        await self.settle()


@dataclass
class Kicked:
    """A server the bot was removed from (``World.remove_bot``). SimCord has no "invite
    again" (a removed id cannot be created again): ``restore`` puts the same server back
    where members can act, ``invite`` announces it with GUILD_CREATE, as Discord does."""

    env: Any
    server: Any
    channels: dict[int, Any]
    messages: dict[int, Any]

    def restore(self) -> None:
        backend = self.env.backend
        backend.guilds[self.server.id] = self.server
        backend.channels.update(self.channels)
        backend.messages.update(self.messages)

    def invite(self) -> None:
        """Back in the server: its join announced (restored first if it was not)."""
        from simcord.backend import serializers

        if self.server.id not in self.env.backend.guilds:
            self.restore()
        joined = dict(serializers.guild_create_payload(self.env.backend, self.server))
        joined.pop("unavailable", None)  # a join, not an outage ending
        self.env.backend.emit("GUILD_CREATE", joined)


async def from_gateway(env: Any, action: Awaitable[None]) -> None:
    """Run one of SimCord's shard helpers (``disconnect``, ``reconnect``) as gateway traffic.

    Called straight from a test, they run outside SimCord's bot scope: what discord.py
    starts in answer (a READY's wait for the servers, then ``on_ready`` or
    ``on_shard_ready`` and its catch-up) is not bot work, ``env.settle()`` returns
    without waiting for it, and on a busy machine the test goes on before the catch-up
    ends. SimCord feeds its own gateway events in this scope.
    """
    with env._bot_scope():
        await action


def make_bot(url: str, clock: ManualClock, **settings: Any) -> EtVousBot:
    return create_bot(
        Settings(database_url=url, **settings), clock=clock, timers=False, sync_commands=False
    )


@asynccontextmanager
async def world(
    url: str,
    *,
    members: int = 3,
    setup: bool = True,
    attach: Callable[[EtVousBot], Any] | None = None,
    locale: str = "fr",
    **settings: Any,
) -> AsyncIterator[World]:
    """``attach`` builds a server the bot runs beside it (the web room), started with it.
    ``locale``: the server's language on Discord (a French club's, unless told; SimCord's
    own default is « en-US »), which a first ``/setup`` without ``language`` takes."""
    clock = ManualClock(START)
    bot = make_bot(url, clock, **settings)
    if attach is not None:
        bot.attached.append(attach(bot))
    async with simcord.run(bot, shard_count=1) as env:
        # Summaries (themes: encoding, resampled k-means) run in worker threads that a
        # busy 2-CPU machine slows past SimCord's default 5 s: a bound for failing, not a wait.
        env.settle_timeout = max(env.settle_timeout, 30.0)
        await bot.tree.sync()
        w = World(env=env, bot=bot, clock=clock, url=url, locales=ClientLocales(env))
        w.guild = env.create_guild("Cinéphiles", preferred_locale=locale)
        w.forum = w.guild.create_forum_channel("debats")
        w.text = w.guild.create_text_channel("general")
        staff = w.guild.create_role(
            "modération",
            permissions=discord.Permissions(manage_guild=True, manage_messages=True),
        )
        w.mod = w.guild.add_member(env.create_user("modo"), roles=[staff])
        names = ["alice", "bruno", "chloé", "david", "emma", "farid", "gaëlle", "hugo"]
        w.members = [w.guild.add_member(env.create_user(n)) for n in names[:members]]
        if setup:
            result = await w.setup()
            assert "schedule" in (result.response.content or "").lower() or result.response.embeds
        try:
            yield w
        finally:
            for attached in bot.attached:  # SimCord does not close the bot
                await attached.stop()
