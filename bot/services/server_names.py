"""Servers' names as Discord gives them, stored for the web room: it names a server from
the bot's Discord cache when it runs beside the bot, else from what is stored here (the
room alone, ``python -m bot web``; a server that removed the bot, until it is forgotten
with the rest of its rows)."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from bot.app import App
from bot.stored_text import storable_name
from db.repositories import guilds

log = logging.getLogger(__name__)


async def named(app: App, names: Mapping[int, str]) -> int:
    """Store these servers' names (each as Discord gave it, made storable), for those with a
    row (set up, present or removed and not forgotten yet); an empty name (a server Discord
    could not describe, in an outage) is skipped. Returns how many stored names changed.
    Called at each new gateway session for every server listed, on joining a server and on
    a rename."""
    given = {guild_id: storable_name(name) for guild_id, name in names.items() if name}
    if not given:
        return 0
    async with app.sessions.begin() as session:
        changed = await guilds.store_names(session, given)
    if changed:
        log.info("%d server names stored", changed)
    return changed
