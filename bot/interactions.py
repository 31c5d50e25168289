"""What every interaction handler needs: the app, the member's language, and
the one error path for application commands and components.

The factory installs :func:`answer_error` as the command tree's error handler
when the bot sets up; views, modals and buttons call the same function. Domain errors become localized, ephemeral answers;
anything unexpected is logged with its traceback and answered politely.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.discord_render import limits
from bot.discord_text import safe, visible
from bot.errors import UserError, is_storage_error
from bot.i18n import language_of, t

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)


def app_of(interaction: discord.Interaction[Any]) -> App:
    """The application the bot that received ``interaction`` was built with."""
    app: App = interaction.client.app
    return app


def language(interaction: discord.Interaction[Any]) -> str:
    """The member's language if the bot speaks it, else the server's."""
    code = str(interaction.locale.value).lower()
    if code.startswith(("fr", "en")):
        return language_of(code)
    return app_of(interaction).guild_language(interaction.guild_id)


def error_message(interaction: discord.Interaction[Any], error: Exception, lang: str) -> str:
    """The one line a failed interaction is answered with (unexpected errors logged)."""
    original = getattr(error, "original", error)
    if isinstance(original, UserError):
        return t(original.key, lang, **original.args_)
    if isinstance(error, app_commands.NoPrivateMessage):
        return t("error-guild-only", lang)
    if isinstance(error, app_commands.MissingPermissions | app_commands.CheckFailure):
        return t("error-staff-only", lang)
    if isinstance(error, app_commands.TransformerError):
        return t("error-bad-value", lang)
    if is_storage_error(original):
        log.warning("database unavailable during interaction %s", interaction.id)
        return t("error-database-unavailable", lang)
    log.error(
        "command %s failed",
        interaction.command.qualified_name if interaction.command else "?",
        exc_info=original,
    )
    return t("error-unexpected", lang)


def text_back(interaction: discord.Interaction[Any], text: str) -> discord.Embed | None:
    """What she wrote, given back with a refusal to copy: once sent, a form or a slash
    command's text is gone from her client. ``None`` when nothing of it shows (spaces,
    invisible characters): there is nothing to copy."""
    if not visible(text):
        return None
    return discord.Embed(
        title=t("modal-text-kept", language(interaction)),
        description=safe(text, limits.DESCRIPTION),
    )


async def answer_error(interaction: discord.Interaction[Any], error: Exception) -> None:
    """Answer a failed interaction with one ephemeral, localized line."""
    await answer_error_keeping(interaction, error, None)


async def answer_error_keeping(
    interaction: discord.Interaction[Any], error: Exception, kept: discord.Embed | None
) -> None:
    """:func:`answer_error`, with ``kept``: the text she wrote, given back (:func:`text_back`)."""
    content = error_message(interaction, error, language(interaction))
    kwargs: dict[str, Any] = {"ephemeral": True, "allowed_mentions": discord.AllowedMentions.none()}
    if kept is not None:
        kwargs["embed"] = kept
    try:
        if interaction.response.is_done():
            await interaction.followup.send(content, **kwargs)
        else:
            await interaction.response.send_message(content, **kwargs)
    except discord.HTTPException:
        log.info("could not deliver an error message for interaction %s", interaction.id)
