"""The bot removed from a server, invited back, a channel or thread deleted under it."""

from __future__ import annotations

import logging

from bot.app import App
from db.repositories import discussions, guilds

log = logging.getLogger(__name__)


async def guild_left(app: App, guild_id: int) -> None:
    now = app.clock.now()
    async with app.sessions.begin() as session:
        if await guilds.get_guild(session, guild_id) is None:
            return
        await guilds.update_guild(
            session, guild_id, now, present=False, paused=True, pause_reason="kicked"
        )
    app.guild_problems[guild_id] = "kicked"
    for discussion in app.open.in_guild(guild_id):
        app.open.remove(discussion.id)
    log.info("removed from guild %s: schedule paused", guild_id)


async def guild_joined(app: App, guild_id: int) -> None:
    now = app.clock.now()
    async with app.sessions.begin() as session:
        guild = await guilds.get_guild(session, guild_id)
        if guild is None or guild.present:
            return
        await guilds.update_guild(
            session, guild_id, now, present=True, paused=True, pause_reason="rejoined"
        )
    app.guild_problems[guild_id] = "rejoined"
    from bot.services.discussions import load_open

    await load_open(app)
    log.info("invited back to guild %s: schedule stays paused until staff resume it", guild_id)


async def thread_deleted(app: App, thread_id: int) -> list[int]:
    """A discussion whose thread is gone is closed (nothing more can arrive); returns
    the ids of the discussions closed."""
    now = app.clock.now()
    closed = []
    for discussion in app.open.all():
        if discussion.thread_id == thread_id:
            async with app.sessions.begin() as session:
                await discussions.mark_closed(session, discussion.id, now)
            app.open.remove(discussion.id)
            closed.append(discussion.id)
            log.info("thread of discussion %s deleted: discussion closed", discussion.id)
    return closed


async def channel_deleted(app: App, guild_id: int, channel_id: int) -> None:
    now = app.clock.now()
    async with app.sessions.begin() as session:
        guild = await guilds.get_guild(session, guild_id)
        if guild is not None and guild.channel_id == channel_id:
            await guilds.update_guild(
                session, guild_id, now, paused=True, pause_reason="channel_missing"
            )
            app.guild_problems[guild_id] = "channel_missing"
            log.info("discussion channel of guild %s deleted: schedule paused", guild_id)
    for discussion in app.open.in_guild(guild_id):
        if discussion.channel_id == channel_id or discussion.thread_id == channel_id:
            await thread_deleted(app, discussion.thread_id)


async def channels_found_gone(app: App, present: dict[int, set[int]]) -> None:
    """At a new gateway session: a server whose discussion channel was deleted while the
    bot was away is paused as at a live deletion (see ``channel_deleted``). ``present``:
    the channels of each server the gateway described (those it could)."""
    async with app.sessions() as session:
        configured = await guilds.configured_guilds(session)
    for guild in configured:
        channels = present.get(guild.id)
        if channels is None or guild.channel_id is None or guild.channel_id in channels:
            continue
        if guild.paused and guild.pause_reason == "channel_missing":
            continue
        log.info("discussion channel of guild %s deleted while the bot was away", guild.id)
        await channel_deleted(app, guild.id, guild.channel_id)
