"""``/help``: how the bot works on this server, and the commands the member may use."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.interactions import app_of, language
from bot.services.overview import arrival, server_overview
from cogs._command_list import ListedCommand, command_ids, list_commands
from cogs._common import L, guild_id, readable_by
from cogs._help_embed import Reader, greeting_channel, help_embed, welcome_text

if TYPE_CHECKING:
    from bot.factory import EtVousBot

log = logging.getLogger(__name__)

IDS_WAIT = 1.5
"""Seconds the first ``/help`` waits for the commands' ids (Discord wants an answer in 3)."""


class Help(commands.Cog):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot
        self._commands: list[ListedCommand] | None = None
        self._ids: dict[tuple[str, int], int] = {}

    async def _listed(self) -> list[ListedCommand]:
        """The tree does not change while the bot runs: read once."""
        if self._commands is None:
            self._commands = await list_commands(self.bot.tree)
        return self._commands

    async def _command_ids(self) -> dict[tuple[str, int], int]:
        """Asked of Discord until it answers, then kept (ids survive re-syncs); never
        long enough to miss the interaction's deadline: plain names meanwhile."""
        if not self._ids:
            dev = self.bot.app.settings.dev_guild_id
            asked = command_ids(self.bot.tree, discord.Object(id=dev) if dev else None)
            try:
                self._ids = await asyncio.wait_for(asked, timeout=IDS_WAIT)
            except TimeoutError:
                return {}
        return self._ids

    @app_commands.command(
        name=L("help", "cmd-help"),
        description=L("How Et vous ? works on this server", "cmd-help-desc"),
    )
    @app_commands.guild_only()
    @app_commands.allowed_installs(guilds=True, users=False)
    async def help_command(self, interaction: discord.Interaction[Any]) -> None:
        app, gid = app_of(interaction), guild_id(interaction)
        overview = await server_overview(
            app,
            gid,
            readable=readable_by(interaction),
        )
        reader = Reader(
            language(interaction),
            interaction.locale,
            interaction.permissions,
            app.guild_language(gid),
        )
        embed = help_embed(overview, await self._listed(), await self._command_ids(), reader)
        await interaction.response.send_message(
            embed=embed, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        """A few words where the server's members will see them: how to start (or, back in
        a server it was removed from, that posting waits for staff), and ``/help``."""
        channel = greeting_channel(guild)
        if channel is None:
            log.info("joined guild %s: no channel to greet in", guild.id)
            return
        found = await arrival(self.bot.app, guild.id, str(guild.preferred_locale))
        words = welcome_text(found, await self._listed(), await self._command_ids())
        try:
            await channel.send(words, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as error:
            log.info("joined guild %s: greeting refused (HTTP %s)", guild.id, error.status)


async def setup(bot: EtVousBot) -> None:
    await bot.add_cog(Help(bot))
