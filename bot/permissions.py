"""What the bot needs in a discussion channel, and what it lacks."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.i18n import Listed

FORUM_NEEDS = (
    "view_channel",
    "send_messages",
    "send_messages_in_threads",
    "manage_threads",
    "embed_links",
    "attach_files",
    "read_message_history",
)
TEXT_NEEDS = (*FORUM_NEEDS, "create_public_threads")


def named(names: Sequence[str]) -> Listed:
    """Permissions (discord.py's names) as Discord's settings show them, in the
    language of the message they go in."""
    return Listed(f"permission-{name.replace('_', '-')}" for name in names)


def channel_kind(channel: object) -> str | None:
    if isinstance(channel, discord.ForumChannel):
        return "forum"
    if isinstance(channel, discord.TextChannel):
        return "text"
    return None


def missing(channel: discord.abc.GuildChannel, member: discord.Member) -> list[str]:
    """Names of the permissions the bot lacks in ``channel`` (empty when fine)."""
    granted = channel.permissions_for(member)
    needs = FORUM_NEEDS if isinstance(channel, discord.ForumChannel) else TEXT_NEEDS
    return [name for name in needs if not getattr(granted, name)]


def bot_lacking(channel: object) -> list[str]:
    """What the bot lacks to post in ``channel`` now, when it is a forum or text channel of
    a server whose bot member is known (else nothing known: empty)."""
    if not isinstance(channel, discord.ForumChannel | discord.TextChannel):
        return []
    me = channel.guild.me
    return missing(channel, me) if me is not None else []


SUMMARY_NEEDS = ("view_channel", "send_messages_in_threads", "embed_links", "attach_files")
"""What the bot needs in a discussion's thread to post its closing summary (text, embeds,
charts); Manage Threads too when the thread is locked (it is opened for the post)."""


def summary_lacking(thread: discord.Thread) -> list[str]:
    """What the bot lacks now to post a closing summary in ``thread``, as its cache shows
    (nothing known, the server or its channel out of the cache: empty)."""
    granted = _granted_in(thread)
    if granted is None:
        return []
    needs = (*SUMMARY_NEEDS, "manage_threads") if thread.locked else SUMMARY_NEEDS
    lacking = [name for name in needs if not getattr(granted, name)]
    # Discord takes the rest away with these (discord.py says so too): name only the cause.
    if "view_channel" in lacking:
        return ["view_channel"]
    if "send_messages_in_threads" in lacking:
        return [name for name in lacking if name not in _SENT_WITH_MESSAGES]
    return lacking


REMINDER_NEEDS = ("view_channel", "send_messages_in_threads")
"""What the bot needs in an open discussion's thread to post its reminder."""


def reminder_lacking(thread: discord.Thread) -> list[str]:
    """What the bot lacks now to post a reminder in ``thread``, as its cache shows (nothing
    known: empty)."""
    granted = _granted_in(thread)
    if granted is None:
        return []
    lacking = [name for name in REMINDER_NEEDS if not getattr(granted, name)]
    return ["view_channel"] if "view_channel" in lacking else lacking


_SENT_WITH_MESSAGES = ("embed_links", "attach_files")


def _granted_in(thread: discord.Thread) -> discord.Permissions | None:
    """The bot's permissions in ``thread`` as its cache shows them (``None``: the server,
    or the thread's forum or channel, out of the cache)."""
    me = thread.guild.me if thread.guild is not None else None
    if me is None:
        return None
    try:
        return thread.permissions_for(me)
    except discord.ClientException:
        return None


def tag_name(name: str) -> str:
    """A forum tag's name as the bot compares it: any space alike, as the French messages
    write « Et vous ? » with a narrow no-break one that a moderator copies."""
    return " ".join(name.split()).casefold()


def tag_lacking(channel: discord.ForumChannel, member: discord.Member, tag: str) -> bool:
    """Whether Discord would refuse every post of ``member`` (the bot) in ``channel``: the
    forum requires a tag on each post, offers none named ``tag``, and she may not create it."""
    if not channel.flags.require_tag:
        return False
    if any(tag_name(offered.name) == tag_name(tag) for offered in channel.available_tags):
        return False
    return not channel.permissions_for(member).manage_channels


def review_missing(
    channel: discord.TextChannel | discord.Thread, member: discord.Member
) -> list[str]:
    """What the bot lacks to post review cards in a staff channel or thread."""
    granted = channel.permissions_for(member)
    send = "send_messages_in_threads" if isinstance(channel, discord.Thread) else "send_messages"
    needs = ("view_channel", send, "embed_links", "read_message_history")
    return [name for name in needs if not getattr(granted, name)]


def can_read(guild: discord.Guild | None, channel_id: int, member: object) -> bool:
    """Whether ``member`` may read the channel ``channel_id`` holds its discussions in (a
    private club's forum, say). A channel the bot no longer sees gives nothing to go by:
    ``True``, as before the channel went."""
    channel = guild.get_channel(channel_id) if guild is not None else None
    if channel is None or not isinstance(member, discord.Member):
        return True
    return channel.permissions_for(member).view_channel


def notifies(role: discord.Role) -> bool:
    """Whether Discord lets the bot notify ``role`` by mentioning it: a mentionable role,
    or any role when the bot may "Mention @everyone, @here and All Roles"."""
    me = role.guild.me
    return role.mentionable or me is None or me.guild_permissions.mention_everyone


def silent_roles(guild: discord.Guild | None, *role_ids: int | None) -> set[int]:
    """Those of ``role_ids`` Discord no longer lets the bot notify (made unmentionable, or
    the bot's "Mention All Roles" taken away, since staff chose them)."""
    if guild is None:
        return set()
    roles = (guild.get_role(i) for i in role_ids if i is not None)
    return {r.id for r in roles if r is not None and not notifies(r)}


async def manages_server(client: discord.Client, guild_id: int, user_id: int) -> bool | None:
    """Whether ``user_id`` still has Manage Server (or Administrator) in ``guild_id``.

    ``False`` when the member left or was removed, lost the permission, or the bot is
    no longer in the server; ``None`` when Discord cannot tell now (the bot is still
    connecting, the server is unavailable, the request failed), to ask again later.
    The bot has no members intent, so the member is fetched (roles come from the cache).
    """
    if not client.is_ready():
        return None
    guild = client.get_guild(guild_id)
    if guild is None:
        return False
    if guild.unavailable:
        return None
    try:
        member = await guild.fetch_member(user_id)
    except discord.NotFound:
        return False
    except discord.HTTPException:
        return None
    granted = member.guild_permissions
    return granted.administrator or granted.manage_guild
