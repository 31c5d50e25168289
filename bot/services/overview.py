"""``/help``: where a server stands, for anyone who asks how the bot works here.

Read-only and cheap: the open discussions come from memory, the schedule from
one row. A member is only shown the discussions of channels she may read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.app import App
from bot.cron import ScheduleError, next_slots, zone
from bot.services import next_question
from bot.services.setup import first_language
from db.repositories import guilds

SHOWN_OPEN = 3
"""Open discussions listed (the newest): enough to jump into one."""


@dataclass(frozen=True, slots=True)
class OpenThread:
    thread_id: int
    closes_at: datetime


@dataclass(frozen=True, slots=True)
class ServerOverview:
    channel_id: int | None
    """Where questions are posted; ``None``: the server is not set up."""
    paused: bool
    next_post: datetime | None
    """The next slot, when the schedule runs and can be read, and a question is left to
    post then."""
    open_threads: tuple[OpenThread, ...]
    """The newest open discussions the member may read, at most :data:`SHOWN_OPEN`."""
    open_count: int
    """Every open discussion the member may read."""
    cron: str = ""
    """The server's schedule and its time zone, for saying it in words."""
    timezone: str = "UTC"
    channel_readable: bool = True
    """Whether the member may read the channel questions are posted in (a club's)."""


async def server_overview(
    app: App, guild_id: int, *, readable: Callable[[int], bool]
) -> ServerOverview:
    """``readable(channel_id)``: whether the asking member may read that channel."""
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, guild_id)
        # A bank used up posts nothing at the next slots: no next question to promise.
        left = guild is not None and await next_question.choose(session, guild) is not None
    visible = sorted(
        (d for d in app.open.in_guild(guild_id) if readable(d.channel_id)),
        key=lambda d: d.id,
        reverse=True,
    )
    shown = tuple(OpenThread(d.thread_id, d.closes_at) for d in visible[:SHOWN_OPEN])
    if guild is None or guild.channel_id is None:
        return ServerOverview(None, False, None, shown, len(visible))
    upcoming = None
    if not guild.paused and left:
        try:
            zone(guild.timezone)
            upcoming = next(iter(next_slots(guild.cron, guild.timezone, app.clock.now(), 1)), None)
        except ScheduleError:
            upcoming = None
    return ServerOverview(
        guild.channel_id,
        guild.paused,
        upcoming,
        shown,
        len(visible),
        guild.cron,
        guild.timezone,
        readable(guild.channel_id),
    )


@dataclass(frozen=True, slots=True)
class Arrival:
    """What the bot finds on joining a server."""

    known: bool
    """It was there before (set up, then removed)."""
    waits_for_staff: bool
    """Its schedule stays paused until staff resume it (see ``lifecycle.guild_joined``)."""
    language: str


async def arrival(app: App, guild_id: int, server_locale: str | None = None) -> Arrival:
    """Read whether the row is updated by ``guild_joined`` yet or not: a server the bot was
    removed from is paused either way. A server never set up is greeted in the language its
    first ``/setup`` would give it (``server_locale``: its language on Discord)."""
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, guild_id)
    if guild is None:
        language, _ = first_language(server_locale, app.settings.default_language)
        return Arrival(False, False, language)
    waits = guild.channel_id is not None and (guild.paused or not guild.present)
    return Arrival(True, waits, guild.language)
