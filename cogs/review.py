"""``/review`` (Manage Server): a private, single-use link into the web review room."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.interactions import app_of
from bot.services import web_auth
from cogs._common import L, actor_name, guild_id, require, say


class Review(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @app_commands.command(
        name=L("review", "cmd-review"),
        description=L("Open the web review room (private link, 10 minutes)", "cmd-review-desc"),
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @app_commands.allowed_installs(guilds=True, users=False)
    async def review(self, interaction: discord.Interaction[Any]) -> None:
        require(interaction, "manage_guild")
        app = app_of(interaction)
        if not app.settings.web_enabled:
            await say(interaction, "review-disabled")
            return
        secret = await web_auth.web_secret(app)
        login = await web_auth.issue_login(
            app, secret, guild_id(interaction), interaction.user.id, actor_name(interaction)
        )
        # No preview: Discord's unfurler has no business fetching a private link (opening
        # it only shows a page with a button: the button's POST uses the link up).
        await say(
            interaction,
            "review-link",
            url=app.settings.web_base_url + login.path,
            suppress_embeds=True,
        )


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Review(bot))
