"""``/erase-and-leave``: the server's staff erase everything the bot stored there, and
the bot leaves. A warning says what goes, a form asks for the server's name (as a
repository's deletion asks for its name), and only that name erases anything."""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import custom_ids
from bot.discord_text import name_to_type, types_back
from bot.errors import UserError
from bot.factory import EtVousBot
from bot.i18n import t
from bot.interactions import app_of, language
from bot.services import lifecycle
from cogs._common import L, guarded, guild_of, require, say, submitted_form
from cogs._persistent_item import PersistentItem

log = logging.getLogger(__name__)

NAME_LENGTH = 100
"""Characters in a server's name, at most (Discord's limit)."""


class EraseServerButton(PersistentItem[discord.ui.Button[Any]], template=custom_ids.ERASE_SERVER):
    """Under the warning: open the form that confirms, or cancel."""

    def __init__(self, choice: str) -> None:
        super().__init__(discord.ui.Button(custom_id=custom_ids.erase_server(choice)))
        self.choice = choice

    @classmethod
    def from_match(cls, match: re.Match[str]) -> EraseServerButton:
        return cls(match["choice"])

    async def clicked(self, interaction: discord.Interaction[Any]) -> None:
        require(interaction, "manage_guild")
        lang = language(interaction)
        if self.choice == "cancel":
            await interaction.response.edit_message(content=t("erase-server-kept", lang), view=None)
            return
        form = EraseServerForm(lang)
        await interaction.response.send_modal(form)
        form.stop()  # its submission is handled by its custom id, not by discord.py's store


class EraseServerForm(discord.ui.Modal):
    """Only drawn here: its submission is recognised by its custom id."""

    def __init__(self, lang: str) -> None:
        super().__init__(
            title=t("erase-server-form-title", lang)[:45],
            timeout=None,
            custom_id=custom_ids.ERASE_SERVER_FORM,
        )
        self.add_item(
            discord.ui.TextInput(
                label=t("erase-server-form-label", lang)[:45],
                max_length=2 * NAME_LENGTH,  # emoji: two units each if Discord counts them
                custom_id=custom_ids.ERASE_SERVER_NAME,
            )
        )


def _warning_view(lang: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for choice, key, style in (
        ("form", "erase-server-open", discord.ButtonStyle.danger),
        ("cancel", "erase-server-cancel", discord.ButtonStyle.secondary),
    ):
        button = EraseServerButton(choice)
        button.item.label, button.item.style = t(key, lang), style
        view.add_item(button)
    return view


async def _confirmed(interaction: discord.Interaction[Any], typed: str) -> None:
    """The form submitted: the server's exact name erases everything and leaves."""
    require(interaction, "manage_guild")
    guild = guild_of(interaction)
    gid = guild.id
    shown, by = name_to_type(guild.name, guild.id)
    if not types_back(typed, guild.name, guild.id):
        raise UserError("erase-server-wrong-name", server=shown, by=by)

    async def leaving() -> None:  # while the bot can still answer there
        await say(interaction, "erase-server-leaving", server=shown)

    async def leave() -> bool:
        try:
            await guild.leave()
        except discord.NotFound:
            return True  # not in the server any more
        except discord.HTTPException as error:
            log.warning("leaving guild %s failed: %s %s", gid, error.status, error.code)
            return False
        return True

    left = await lifecycle.erase_and_leave(
        app_of(interaction), gid, leave=leave, leaving=leaving, actor_id=interaction.user.id
    )
    if not left:
        await say(interaction, "erase-server-not-left")


class EraseServer(commands.Cog):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        form = submitted_form(interaction, re.escape(custom_ids.ERASE_SERVER_FORM))
        if form is not None:
            typed = form.values.get(custom_ids.ERASE_SERVER_NAME, "")
            await guarded(interaction, _confirmed(interaction, typed))

    @app_commands.command(
        name=L("erase-and-leave", "cmd-erase-and-leave"),
        description=L(
            "Erase everything the bot stored about this server, then leave it",
            "cmd-erase-and-leave-desc",
        ),
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @app_commands.allowed_installs(guilds=True, users=False)
    async def erase_and_leave(self, interaction: discord.Interaction[Any]) -> None:
        require(interaction, "manage_guild")
        lang = language(interaction)
        guild = guild_of(interaction)
        shown, by = name_to_type(guild.name, guild.id)
        view = _warning_view(lang)
        await say(interaction, "erase-server-warning", view=view, server=shown, by=by)
        view.stop()  # its buttons are dynamic items: they answer without this view


async def setup(bot: EtVousBot) -> None:
    bot.add_dynamic_items(EraseServerButton)
    await bot.add_cog(EraseServer(bot))
