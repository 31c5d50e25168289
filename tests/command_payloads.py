"""The command tree as Discord receives it at sync, French names included."""

from __future__ import annotations

from typing import Any

from bot.config import Settings
from bot.factory import EXTENSIONS, create_bot
from bot.translator import CatalogTranslator


async def command_payloads(url: str) -> list[dict[str, Any]]:
    """Every command of every type (slash commands and context menus), translated."""
    bot = create_bot(Settings(database_url=url), timers=False, sync_commands=False)
    try:
        for extension in EXTENSIONS:
            await bot.load_extension(extension)
        translator = CatalogTranslator()
        return [
            await c.get_translated_payload(bot.tree, translator) for c in bot.tree.get_commands()
        ]
    finally:
        await bot.app.engine.dispose()
