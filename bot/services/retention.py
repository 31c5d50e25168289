"""The daily erasures: reply texts older than a server's retention setting (off by
default), and every server that removed the bot ``FORGET_REMOVED_SERVERS_DAYS`` ago.

A server that removes the bot can no longer see, export or erase what it stored there:
keeping it for ever would keep members' words nobody can reach. The wait (30 days by
default) lets a server that removed the bot by mistake, or to re-invite it with other
permissions, find everything as it was."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.app import App
from db.repositories import guilds, replies, servers

log = logging.getLogger(__name__)


async def erase_expired(app: App) -> int:
    now = app.clock.now()
    total = 0
    async with app.sessions() as session:
        targets = [g for g in await guilds.guilds_with_retention(session)]
    for guild in targets:
        if not app.settings.owns_guild(guild.id) or not guild.retention_days:
            continue
        async with app.sessions.begin() as session:
            erased = await replies.erase_older_than(
                session, guild.id, now - timedelta(days=guild.retention_days)
            )
        if erased:
            log.info("retention erased %d replies in guild %s", erased, guild.id)
        total += erased
    return total


async def forget_removed_servers(app: App) -> int:
    """Forget every server this process serves that removed the bot long enough ago;
    returns how many were forgotten."""
    days = app.settings.forget_removed_servers_days
    if not days:
        return 0
    removed_by = app.clock.now() - timedelta(days=days)
    async with app.sessions() as session:
        targets = await servers.removed_before(session, removed_by)
    forgotten = 0
    for guild_id in targets:
        if not app.settings.owns_guild(guild_id):
            continue
        async with app.sessions.begin() as session:
            if not await servers.forget_server(session, guild_id, removed_by):
                continue  # invited back meanwhile
        app.server_forgotten(guild_id)
        log.info("guild %s removed the bot over %d days ago: its data is forgotten", guild_id, days)
        forgotten += 1
    return forgotten
