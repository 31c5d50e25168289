"""The bot's resident memory, run in a fresh process: built against a large
database, set up as at start (migrations, opt-outs, languages, the open
discussions in memory, cogs), then a few commands' queries."""

from __future__ import annotations

import random
from typing import Any

from _common import maxrss_mb, rss_mb


async def child_bot(url: str) -> dict[str, Any]:
    """The bot built against the database, set up as at start, a few commands run."""
    import discord  # noqa: F401

    from bot.config import Settings
    from bot.factory import create_bot
    from db.repositories import members, replies

    after_imports = rss_mb()
    bot = create_bot(Settings(database_url=url), timers=False, sync_commands=False)
    await bot.setup_hook()
    app = bot.app
    open_count = len(app.open)
    guild_ids = sorted({d.guild_id for d in app.open.all()})
    rng = random.Random(1)
    for _ in range(300):
        g = rng.choice(guild_ids)
        async with app.sessions() as s:
            rows = await replies.page(s, g, limit=10)
            if rows:
                await members.counts(s, g, rows[0][0].author_id)
    after = rss_mb()
    bot.scheduler.shutdown()
    await app.close()  # not bot.close(): the bot never connected
    return {
        "open": open_count,
        "rss_imports": after_imports,
        "rss": after,
        "maxrss": maxrss_mb(),
    }
