"""Gateway events: replies, edits, deletions and vote reactions in discussion threads (and
review cards deleted in the review channel); the
bot removed from a server or joining one, a server renamed, channels, threads and roles
deleted."""

from __future__ import annotations

import discord
from discord.ext import commands

from bot.factory import EtVousBot
from bot.services import catch_up, collection, lifecycle, server_names, suggestions, summary


class Collection(commands.Cog):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot
        self.app = bot.app

    async def cog_load(self) -> None:
        self.bot.message_handler = self.on_message

    async def cog_unload(self) -> None:
        self.bot.message_handler = None

    def on_message(self, message: discord.Message) -> None:
        """New messages, called synchronously by the bot (see ``EtVousBot.dispatch``)."""
        collection.accept_message(self.app, message)

    @commands.Cog.listener()
    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        await collection.on_raw_edit(self.app, payload)

    @commands.Cog.listener()
    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        closed = await collection.on_raw_delete(self.app, payload.channel_id, [payload.message_id])
        await summary.remove_erased_quotes(self.bot, closed)
        await suggestions.cards_deleted(
            self.app, payload.guild_id, payload.channel_id, [payload.message_id]
        )

    @commands.Cog.listener()
    async def on_raw_bulk_message_delete(self, payload: discord.RawBulkMessageDeleteEvent) -> None:
        closed = await collection.on_raw_delete(self.app, payload.channel_id, payload.message_ids)
        await summary.remove_erased_quotes(self.bot, closed)
        await suggestions.cards_deleted(
            self.app, payload.guild_id, payload.channel_id, payload.message_ids
        )

    @commands.Cog.listener()
    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        await collection.on_reaction(self.app, payload, added=True)

    @commands.Cog.listener()
    async def on_raw_reaction_remove(self, payload: discord.RawReactionActionEvent) -> None:
        await collection.on_reaction(self.app, payload, added=False, client=self.bot)

    @commands.Cog.listener()
    async def on_raw_reaction_clear(self, payload: discord.RawReactionClearEvent) -> None:
        await collection.on_reactions_cleared(
            self.app, payload.channel_id, payload.message_id, None
        )

    @commands.Cog.listener()
    async def on_raw_reaction_clear_emoji(
        self, payload: discord.RawReactionClearEmojiEvent
    ) -> None:
        await collection.on_reactions_cleared(
            self.app, payload.channel_id, payload.message_id, payload.emoji
        )

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        self.bot.member_counts.forget(guild.id)
        await lifecycle.guild_left(self.app, guild.id)

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        await catch_up.invited_back(self.app, self.bot, guild.id)

    @commands.Cog.listener()
    async def on_guild_update(self, before: discord.Guild, after: discord.Guild) -> None:
        if after.name != before.name:
            await server_names.named(self.app, {after.id: after.name})

    @commands.Cog.listener()
    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        await collection.thread_gone(self.app, self.bot, payload.guild_id, payload.thread_id)

    @commands.Cog.listener()
    async def on_guild_role_delete(self, role: discord.Role) -> None:
        await lifecycle.role_deleted(self.app, role.guild.id, role.id)

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        await lifecycle.channel_deleted(self.app, channel.guild.id, channel.id)


async def setup(bot: EtVousBot) -> None:
    await bot.add_cog(Collection(bot))
