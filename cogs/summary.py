"""``/summary show`` and ``/summary position`` (everyone), ``/summary publish`` and
``/summary unpublish`` (Manage Server).

Publishing makes the discussion's summary readable without login in the web
room, at ``PUBLIC_URL/r/<unguessable id>``; unpublishing takes it down.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import permissions
from bot.discord_render.summary import summary_messages
from bot.errors import NotFound
from bot.factory import EtVousBot
from bot.interactions import app_of, language
from bot.render import NO_MENTIONS
from bot.services import discussions as discussion_service
from bot.services import posts, reports
from bot.services import summary as summary_service
from cogs._command_list import ASKS
from cogs._common import L, actor_name, guild_id, require, say
from cogs._discussion_option import DiscussionId, this_thread_or_id
from cogs._voting_card import answer_standing


@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)
class Summary(
    commands.GroupCog,
    group_name=L("summary", "cmd-summary"),
    group_description=L("Who stands where, and why", "cmd-summary-desc"),
):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=L("show", "cmd-show"),
        description=L("Who stands where, and why", "cmd-summary-show-desc"),
    )
    @this_thread_or_id
    async def show(
        self, interaction: discord.Interaction[Any], discussion: DiscussionId | None = None
    ) -> None:
        app = app_of(interaction)
        found = await _readable(interaction, discussion)
        await posts.refuse_hidden_counts(app, found)
        await interaction.response.defer(ephemeral=True, thinking=True)
        lang = language(interaction)
        built = await summary_service.build(app, found, language=lang)
        messages = summary_messages(
            built.analysis, links=built.jump_links, charts=built.charts, language=lang
        )
        for message in messages:
            await interaction.followup.send(
                embeds=list(message.embeds),
                files=message.files(),
                ephemeral=True,
                allowed_mentions=NO_MENTIONS,
            )

    @app_commands.command(
        name=L("position", "cmd-position"),
        description=L("Where you stand among the opinion groups", "cmd-summary-position-desc"),
    )
    @this_thread_or_id
    async def position(
        self, interaction: discord.Interaction[Any], discussion: DiscussionId | None = None
    ) -> None:
        await answer_standing(interaction, await _readable(interaction, discussion))

    @app_commands.command(
        name=L("publish", "cmd-publish"),
        description=L("Make the summary readable by anyone on the web", "cmd-publish-desc"),
        extras={ASKS: "manage_guild"},
    )
    @this_thread_or_id
    async def publish(
        self, interaction: discord.Interaction[Any], discussion: DiscussionId | None = None
    ) -> None:
        require(interaction, "manage_guild")
        app = app_of(interaction)
        if not app.settings.web_enabled:  # nothing would serve the link
            await say(interaction, "report-web-disabled")
            return
        gid = guild_id(interaction)
        found = await discussion_service.resolve(app, gid, discussion, interaction.channel_id)
        published = await reports.publish(
            app, gid, found.id, actor_id=interaction.user.id, actor_name=actor_name(interaction)
        )
        url = app.settings.web_base_url + published.path
        await say(interaction, "report-published", id=found.id, url=url)

    @app_commands.command(
        name=L("unpublish", "cmd-unpublish"),
        description=L("Take the public summary off the web", "cmd-unpublish-desc"),
        extras={ASKS: "manage_guild"},
    )
    @this_thread_or_id
    async def unpublish(
        self, interaction: discord.Interaction[Any], discussion: DiscussionId | None = None
    ) -> None:
        require(interaction, "manage_guild")
        app = app_of(interaction)
        gid = guild_id(interaction)
        found = await discussion_service.resolve(app, gid, discussion, interaction.channel_id)
        removed = await reports.unpublish(
            app, gid, found.id, actor_id=interaction.user.id, actor_name=actor_name(interaction)
        )
        await say(
            interaction, "report-unpublished" if removed else "report-not-published", id=found.id
        )


async def _readable(interaction: discord.Interaction[Any], discussion_id: int | None) -> Any:
    """The discussion named (else this thread's), if this member can read its channel."""
    found = await discussion_service.resolve(
        app_of(interaction), guild_id(interaction), discussion_id, interaction.channel_id
    )
    if not permissions.can_read(interaction.guild, found.channel_id, interaction.user):
        raise NotFound("discussion")  # held in a channel this member does not see
    return found


async def setup(bot: EtVousBot) -> None:
    await bot.add_cog(Summary(bot))
