"""French names and descriptions for the slash commands, from the catalog.

Commands are declared in English with ``locale_str(text, key=...)``; the key
names the catalog message holding the French text.
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.i18n import has, t


class CatalogTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        key = string.extras.get("key")
        if not key or locale is not discord.Locale.french:
            return None
        return t(key, "fr") if has(key, "fr") else None
