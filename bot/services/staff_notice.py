"""Telling staff, in their review channel, that the schedule cannot post: once per problem.

A slot that fails, or a schedule paused for a problem on Discord's side (a permission
taken, the channel deleted, a forum requiring a tag the bot cannot give), a bank used
up at a slot, or a slot whose post failed on each of its tries (Discord in an outage): staff learnt it only from ``/schedule show``, often days later. One notice
goes to the review channel staff chose (``/setup review_channel``) when the bot can post
there, in the server's language, saying what happened, what the bot lacks and the command
that fixes it. It is told once: again only after the schedule resumed (or posted) and met
a problem anew (``guilds.problem_notice``). No review channel usable: nothing is posted;
naming one later (``/setup review_channel:``) tells a pause still standing there (naming
the same channel again tells nothing anew).

A closing summary the bot may not post in its thread (a permission taken there while the
discussion was open) is told the same way, once per summary held in this process:
:func:`tell_summary_held`; and so are erased replies still quoted in a summary the bot may
no longer edit: :func:`tell_quotes_held`, and a reminder Discord refused in its thread:
:func:`tell_reminder_refused`.
"""

from __future__ import annotations

import logging
from datetime import datetime

import discord

from bot import permissions
from bot.app import App
from bot.discord_text import safe
from bot.errors import UserError, is_storage_error
from bot.i18n import t
from bot.services.threads import unarchived
from db.models import Discussion, Guild
from db.repositories import guilds

log = logging.getLogger(__name__)

PROBLEMS = frozenset(
    {"missing_permissions", "channel_missing", "forum_tag", "bank_empty", "post_failed"}
)
"""What staff are told of; a pause staff chose, or the bot's removal, is not one."""
_FROM_ERROR = {
    "error-bot-permissions": "missing_permissions",
    "error-channel-missing": "channel_missing",
    "error-forum-tag-required": "forum_tag",
    "error-bank-empty": "bank_empty",
    "error-rotation-empty": "bank_empty",
}


def problem_of(error: BaseException) -> str | None:
    """The problem staff are told of for a slot that failed for good with ``error``:
    what the bot lacks, or the post failing on every try (Discord's outage, or an error
    of the bot's own, logged); none when the database is away (it cannot record the
    notice either: the next failure tells)."""
    if isinstance(error, UserError):
        if error.key in ("error-discord-unavailable", "error-discord-no-answer-post"):  # passing
            return "post_failed"
        return _FROM_ERROR.get(error.key)
    return None if is_storage_error(error) else "post_failed"


async def tell(
    app: App,
    client: discord.Client,
    guild: Guild,
    problem: str,
    *,
    slot: datetime | None = None,
    tries: int = 1,
) -> bool:
    """Post the notice of ``problem`` in the server's review channel, unless staff were
    told of it already since the schedule last resumed or posted. ``slot``: the slot that
    failed, and ``tries`` how often it was tried, named in the notice. Returns whether posted."""
    server = client.get_guild(guild.id)
    if problem not in PROBLEMS or server is None or server.unavailable:
        return False  # before the gateway gives the server: a later tick tells
    async with app.sessions.begin() as session:
        if not await guilds.claim_notice(session, guild.id, problem):
            return False
    channel = await _review_channel(client, guild)
    if channel is None:
        return False  # /schedule show says it, as before
    text = _text(client, guild, problem, slot, tries)
    try:
        await channel.send(text, allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException as error:
        log.warning("schedule notice in guild %s not posted: HTTP %s", guild.id, error.status)
        return False
    log.info("staff of guild %s told the schedule cannot post: %s", guild.id, problem)
    return True


async def _review_channel(
    client: discord.Client, guild: Guild
) -> discord.TextChannel | discord.Thread | None:
    """The review channel, when the bot can post there now."""
    server = client.get_guild(guild.id)
    if guild.review_channel_id is None or server is None or server.me is None:
        return None
    found: object = server.get_channel_or_thread(guild.review_channel_id)
    if found is None:  # a staff thread quiet for a while is archived, out of the cache
        try:
            found = await client.fetch_channel(guild.review_channel_id)
        except discord.HTTPException:
            return None
    if not isinstance(found, discord.TextChannel | discord.Thread):
        return None
    return None if permissions.review_missing(found, server.me) else found


def _text(
    client: discord.Client, guild: Guild, problem: str, slot: datetime | None, tries: int
) -> str:
    lang = guild.language
    if problem == "post_failed":
        # Discord shows the time in each reader's zone and language
        when = f"<t:{int(slot.timestamp())}:F>" if slot is not None else "—"
        return t("notice-post-failed", lang, slot=when, tries=tries)
    channel = f"<#{guild.channel_id}>"
    if problem == "missing_permissions":
        return t(
            "notice-missing-permissions",
            lang,
            channel=channel,
            permissions=permissions.named(_lacking(client, guild)),
        )
    if problem == "forum_tag":
        return t("notice-forum-tag", lang, channel=channel)
    if problem == "channel_missing":
        return t("notice-channel-missing", lang)
    if guild.categories:
        names = ", ".join(safe(name, 40, one_line=True) for name in guild.categories)
        return t("notice-rotation-empty", lang, categories=names)
    return t("notice-bank-empty", lang)


def _lacking(client: discord.Client, guild: Guild) -> list[str]:
    """What the bot lacks now in the discussion channel; Send Messages when Discord
    refused the post without the cache showing why."""
    return permissions.bot_lacking(client.get_channel(guild.channel_id or 0)) or ["send_messages"]


def summary_lacking(thread: discord.Thread) -> list[str]:
    """What the bot lacks now to post a closing summary in ``thread`` (empty when nothing
    the cache shows is missing)."""
    return permissions.summary_lacking(thread)


def hidden_channel(client: discord.Client, channel_id: int) -> bool:
    """Whether the cache shows that the bot may no longer see the channel ``channel_id``
    (a discussion's forum or text channel): Discord would refuse it its threads."""
    channel = client.get_channel(channel_id)
    if not isinstance(channel, discord.ForumChannel | discord.TextChannel):
        return False
    me = channel.guild.me
    return me is not None and not channel.permissions_for(me).view_channel


_TALKS_IN_THREAD = ("view_channel", "send_messages_in_threads", "manage_threads")
"""Missing any, the bot cannot write in the thread of a held summary either."""


async def tell_summary_held(
    app: App,
    client: discord.Client,
    discussion: Discussion,
    thread: discord.Thread | None,
    lacking: list[str],
) -> bool:
    """Tell staff that ``discussion``'s closing summary waits for ``lacking`` in its thread
    (``thread``, ``None`` when Discord would not give it): in the review channel, else in
    the thread itself when the bot may still write there (Attach Files or Embed Links taken
    only); in the server's language. Returns whether told."""
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, discussion.guild_id)
    if guild is None:
        return False
    text = t(
        "notice-summary-held",
        guild.language,
        id=discussion.id,
        thread=f"<#{discussion.thread_id}>",
        permissions=permissions.named(lacking),
    )
    channel: discord.abc.Messageable | None = await _review_channel(client, guild)
    if channel is None and thread is not None and not any(n in lacking for n in _TALKS_IN_THREAD):
        channel = thread
    return await _post(guild, channel, text, thread if channel is thread else None)


QUOTES_NEED = ("view_channel", "read_message_history", "manage_threads")
"""What the bot needs in a closed discussion's channel to take quotes out of its summary:
its thread is locked (opened with Manage Threads), and the summary found in its history."""


def quotes_lacking(client: discord.Client, channel_id: int) -> list[str]:
    """What the cache shows the bot lacks in the channel ``channel_id`` (a discussion's
    forum or text channel) to edit the summaries in its closed threads (empty when nothing
    known is missing, or the channel is not in the cache)."""
    channel = client.get_channel(channel_id)
    if not isinstance(channel, discord.ForumChannel | discord.TextChannel):
        return []
    me = channel.guild.me
    if me is None:
        return []
    granted = channel.permissions_for(me)
    lacking = [name for name in QUOTES_NEED if not getattr(granted, name)]
    return ["view_channel"] if "view_channel" in lacking else lacking


async def tell_quotes_held(
    app: App, client: discord.Client, guild_id: int, thread_id: int, lacking: list[str]
) -> bool:
    """Tell staff, in their review channel, that erased replies are still quoted in the
    summaries of ``thread_id`` until the bot gets ``lacking``. Returns whether told."""
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, guild_id)
    if guild is None:
        return False
    text = t(
        "notice-quotes-held",
        guild.language,
        thread=f"<#{thread_id}>",
        permissions=permissions.named(lacking),
    )
    return await _post(guild, await _review_channel(client, guild), text, None)


async def tell_reminder_refused(
    app: App, client: discord.Client, discussion: Discussion, thread: discord.Thread | None
) -> bool:
    """Tell staff, in their review channel, that Discord refused ``discussion``'s reminder
    in its thread (``thread``, ``None`` when Discord would not give it), and what the bot
    lacks there (Send Messages in Threads when the cache shows nothing missing). Returns
    whether told."""
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, discussion.guild_id)
    if guild is None:
        return False
    lacking = permissions.reminder_lacking(thread) if thread is not None else []
    text = t(
        "notice-reminder-refused",
        guild.language,
        id=discussion.id,
        thread=f"<#{discussion.thread_id}>",
        permissions=permissions.named(lacking or ["send_messages_in_threads"]),
    )
    return await _post(guild, await _review_channel(client, guild), text, None)


async def _post(
    guild: Guild,
    channel: discord.abc.Messageable | None,
    text: str,
    archived: discord.Thread | None,
) -> bool:
    """``text`` said in ``channel`` (``archived``: the thread it is, opened for it), pinging
    no one; whether it was."""
    if channel is None:
        log.warning("staff of guild %s could not be told: no channel to say it in", guild.id)
        return False
    try:
        async with unarchived(archived):
            await channel.send(text, allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException as error:
        log.warning("staff notice in guild %s not posted: HTTP %s", guild.id, error.status)
        return False
    return True
