"""What ``/setup`` and ``/schedule`` check on Discord's side: the channels named, the
bot's permissions there now, the roles it would mention."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot import permissions
from bot.discord_faults import NO_ANSWER
from bot.errors import UserError
from bot.services.opening import FORUM_TAG


class _Picked(app_commands.Transformer):
    """A channel option whose picker offers only ``kinds`` (Discord lists every channel
    of the server without them: voice and stage channels, categories), the channel
    given as Discord sent it, as a plain ``AppCommandChannel`` option gives it."""

    def __init__(self, *kinds: discord.ChannelType) -> None:
        super().__init__()
        self._kinds = list(kinds)

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return self._kinds

    async def transform(self, interaction: discord.Interaction[Any], value: Any, /) -> Any:
        return value


Kind = discord.ChannelType
DISCUSSION_CHANNEL = _Picked(Kind.text, Kind.news, Kind.forum)
"""Where questions are posted: a forum, or a text channel (an announcement one too)."""
REVIEW_CHANNEL = _Picked(
    Kind.text, Kind.news, Kind.public_thread, Kind.private_thread, Kind.news_thread
)
"""Where suggestions are reviewed: a text channel or a thread."""


def discussion_channel(
    interaction: discord.Interaction[Any], channel: app_commands.AppCommandChannel | None
) -> tuple[int | None, str | None]:
    """The forum or text channel named, checked for the bot's permissions (and a forum
    that requires a tag on every post, for one the bot can give)."""
    if channel is None:
        return None, None
    resolved = interaction.guild.get_channel(channel.id) if interaction.guild else None
    kind = permissions.channel_kind(resolved)
    if resolved is None or kind is None:
        raise UserError("error-channel-kind")
    problem = posting_problem(resolved)
    if problem is not None:
        raise problem
    return resolved.id, kind


def posting_problem(channel: object) -> UserError | None:
    """Why Discord would refuse every post of the bot in the forum or text channel now
    (a permission it lacks, a forum that requires a tag it cannot give), else ``None``."""
    lacking = permissions.bot_lacking(channel)
    if lacking:
        return UserError("error-bot-permissions", permissions=permissions.named(lacking))
    if _tag_lacking(channel):
        return UserError("error-forum-tag-required")  # every post would fail
    return None


def channel_lacking(interaction: discord.Interaction[Any], channel_id: int | None) -> list[str]:
    """What the bot lacks now in the discussion channel (taken away since ``/setup``
    checked it): the next post would fail, and pause the schedule."""
    return permissions.bot_lacking(_channel(interaction, channel_id))


def tag_lacking(interaction: discord.Interaction[Any], channel_id: int | None) -> bool:
    """Whether the discussion forum now requires a tag on every post that the bot cannot
    give (turned on since ``/setup`` checked it): the next post would fail."""
    return _tag_lacking(_channel(interaction, channel_id))


def _channel(interaction: discord.Interaction[Any], channel_id: int | None) -> object:
    guild = interaction.guild
    return guild.get_channel(channel_id) if guild and channel_id else None


def _tag_lacking(channel: object) -> bool:
    if not isinstance(channel, discord.ForumChannel) or channel.guild.me is None:
        return False
    return permissions.tag_lacking(channel, channel.guild.me, FORUM_TAG)


async def review_channel(
    interaction: discord.Interaction[Any],
    channel: app_commands.AppCommandChannel | app_commands.AppCommandThread | None,
) -> int | None:
    """A text channel or thread where the bot can post review cards (a staff thread quiet
    for a while is archived, out of the bot's cache: asked of Discord, the command
    answered "thinking" first)."""
    if channel is None:
        return None
    guild = interaction.guild
    resolved: object = guild.get_channel_or_thread(channel.id) if guild else None
    if resolved is None and isinstance(channel, app_commands.AppCommandThread):
        if not interaction.response.is_done():  # Discord may be slow: thinking shown first
            await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            resolved = await channel.fetch()
        except discord.HTTPException:
            resolved = None
        except NO_ANSWER:  # no answer: nothing changed
            raise UserError("error-review-channel-no-answer") from None
    if not isinstance(resolved, discord.TextChannel | discord.Thread):
        raise UserError("error-review-channel-kind")
    me = resolved.guild.me
    lacking = permissions.review_missing(resolved, me) if me is not None else []
    if lacking:
        raise UserError("error-bot-permissions", permissions=permissions.named(lacking))
    return resolved.id


def review_lacking(interaction: discord.Interaction[Any], channel_id: int | None) -> list[str]:
    """What the bot lacks now in the review channel staff chose (taken away since ``/setup``
    checked it): its cards fail there, with a line in the log only."""
    guild = interaction.guild
    channel = guild.get_channel_or_thread(channel_id) if guild and channel_id else None
    if not isinstance(channel, discord.TextChannel | discord.Thread) or channel.guild.me is None:
        return []
    return permissions.review_missing(channel, channel.guild.me)


def mentioned_role(role: discord.Role | None) -> int | None:
    """A role the bot will mention (reminders, new questions): never @everyone, and one
    Discord would let it notify."""
    if role is None:
        return None
    if role.is_default():
        raise UserError("error-reminder-everyone")
    if not permissions.notifies(role):
        # Discord would post the mention and notify nobody.
        raise UserError("error-reminder-role-silent", role=role.mention)
    return role.id
