"""Erasing reply texts older than a server's retention setting (off by default)."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.app import App
from db.repositories import guilds, replies

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
