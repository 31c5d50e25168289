"""Running the real bot until it is stopped."""

from __future__ import annotations

import asyncio
import logging

import discord

from bot.config import Settings

log = logging.getLogger(__name__)


def run_bot(settings: Settings) -> int:
    from bot.factory import create_bot

    async def main() -> int:
        bot = create_bot(settings)
        async with bot:
            try:
                await bot.start(settings.discord_token.get())
            except discord.LoginFailure:
                log.error("Discord refused the token: check DISCORD_TOKEN")
                return 1
            except discord.PrivilegedIntentsRequired:
                log.error(
                    "enable the Message Content intent for the bot in the Discord developer portal"
                )
                return 1
        return 0

    try:
        return asyncio.run(main())
    except KeyboardInterrupt:
        return 0
