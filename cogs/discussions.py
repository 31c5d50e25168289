"""``/discussion close|extend|reopen``."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import UserError
from bot.factory import EtVousBot
from bot.interactions import app_of
from bot.post_extras import timestamp
from bot.services import discussions as discussion_service
from cogs._common import L, actor_name, discussion_autocomplete, guild_id, require, say
from cogs._discussion_option import DiscussionId, this_thread_or_id


@app_commands.default_permissions(manage_messages=True)
@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)
class Discussions(
    commands.GroupCog,
    group_name=L("discussion", "cmd-discussion"),
    group_description=L("Close, extend or reopen a discussion", "cmd-discussion-desc"),
):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=L("close", "cmd-close"),
        description=L("Close a discussion now", "cmd-discussion-close-desc"),
    )
    @this_thread_or_id
    async def close(
        self, interaction: discord.Interaction[Any], discussion: DiscussionId | None = None
    ) -> None:
        require(interaction, "manage_messages")
        app = app_of(interaction)
        found = await discussion_service.resolve(
            app, guild_id(interaction), discussion, interaction.channel_id
        )
        await interaction.response.defer(ephemeral=True, thinking=True)
        if not await discussion_service.close(
            app, self.bot, found, actor_id=interaction.user.id, actor_name=actor_name(interaction)
        ):
            raise UserError("error-already-closed")
        waits_for = discussion_service.summary_waits_for(app, found.id)
        if waits_for is not None:  # the bot may not post it in the thread: say what to give
            await say(
                interaction,
                "discussion-closed-summary-held",
                id=found.id,
                thread=f"<#{found.thread_id}>",
                permissions=waits_for,
            )
            return
        await say(interaction, "discussion-closed-done", id=found.id)

    @app_commands.command(
        name=L("reopen", "cmd-reopen"),
        description=L("Reopen a closed discussion", "cmd-discussion-reopen-desc"),
    )
    @app_commands.rename(discussion=L("discussion", "opt-discussion"))
    @app_commands.describe(discussion=L("Discussion id", "opt-discussion-id-desc"))
    @app_commands.autocomplete(discussion=discussion_autocomplete)
    async def reopen(self, interaction: discord.Interaction[Any], discussion: DiscussionId) -> None:
        require(interaction, "manage_messages")
        app = app_of(interaction)
        found = await discussion_service.get_scoped(app, guild_id(interaction), discussion)
        await interaction.response.defer(ephemeral=True, thinking=True)
        reopened = await discussion_service.reopen(
            app, self.bot, found, actor_id=interaction.user.id, actor_name=actor_name(interaction)
        )
        await say(interaction, "discussion-reopened-done", id=reopened.id)

    @app_commands.command(
        name=L("extend", "cmd-extend"),
        description=L("Keep a discussion open longer", "cmd-discussion-extend-desc"),
    )
    @app_commands.rename(hours=L("hours", "opt-hours"))
    @app_commands.describe(hours=L("Hours added to its closing time", "opt-extend-hours-desc"))
    @this_thread_or_id
    async def extend(
        self,
        interaction: discord.Interaction[Any],
        hours: app_commands.Range[int, 1, discussion_service.MAX_OPEN_HOURS],
        discussion: DiscussionId | None = None,
    ) -> None:
        require(interaction, "manage_messages")
        app = app_of(interaction)
        found = await discussion_service.resolve(
            app, guild_id(interaction), discussion, interaction.channel_id
        )
        await interaction.response.defer(ephemeral=True, thinking=True)
        extended = await discussion_service.extend(
            app,
            self.bot,
            found,
            hours=hours,
            actor_id=interaction.user.id,
            actor_name=actor_name(interaction),
        )
        await say(
            interaction,
            "discussion-extended-done",
            id=extended.id,
            closes=timestamp(extended.closes_at),
        )


async def setup(bot: EtVousBot) -> None:
    await bot.add_cog(Discussions(bot))
