"""One error path for application commands: domain errors become localized,
ephemeral answers; anything unexpected is logged and answered politely."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import UserError, is_storage_error
from bot.i18n import t
from cogs._common import language

log = logging.getLogger(__name__)


async def answer_error(interaction: discord.Interaction[Any], error: Exception) -> None:
    original = getattr(error, "original", error)
    lang = language(interaction)
    if isinstance(original, UserError):
        content = t(original.key, lang, **original.args_)
    elif isinstance(error, app_commands.NoPrivateMessage):
        content = t("error-guild-only", lang)
    elif isinstance(error, app_commands.MissingPermissions | app_commands.CheckFailure):
        content = t("error-staff-only", lang)
    elif isinstance(error, app_commands.TransformerError):
        content = t("error-bad-value", lang)
    elif is_storage_error(original):
        log.warning("database unavailable during interaction %s", interaction.id)
        content = t("error-database-unavailable", lang)
    else:
        log.error(
            "command %s failed",
            interaction.command.qualified_name if interaction.command else "?",
            exc_info=original,
        )
        content = t("error-unexpected", lang)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(
                content, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
        else:
            await interaction.response.send_message(
                content, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
    except discord.HTTPException:
        log.info("could not deliver an error message for interaction %s", interaction.id)


class Errors(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self._previous = bot.tree.on_error
        bot.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]

    async def cog_unload(self) -> None:
        self.bot.tree.on_error = self._previous  # type: ignore[method-assign]

    async def on_app_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        await answer_error(interaction, error)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Errors(bot))
