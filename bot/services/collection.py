"""Turning gateway events and thread history into stored replies and votes.

Only messages from people, in the threads of open discussions, are kept;
opted-out members are skipped before anything is queued. Deletions are
honoured in closed discussions too, live and (for recently closed ones) when
they happened while the bot was away.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import discord

from bot.app import App
from bot.errors import is_storage_error
from bot.services import lifecycle
from bot.services.suggestions import review_channels_gone
from bot.services.summary import remove_erased_quotes
from bot.state import OpenDiscussion
from bot.stored_text import storable, storable_name
from db.models import Discussion
from db.repositories import discussions as discussion_repo
from db.repositories import events as event_repo
from db.repositories import replies as reply_repo
from db.repositories.events import (
    ReactionsCleared,
    ReplyDeleted,
    ReplyEdited,
    ReplySeen,
    VoteRemoved,
    VoteSet,
)
from db.repositories.replies import StoredVote

log = logging.getLogger(__name__)

CATCH_UP_ATTEMPTS = 5
"""Reads of an open thread's history that Discord fails (a passing error: discord.py
has already retried each request) before its discussion may close on what was read."""
CLOSED_CATCH_UP_DAYS = 30
"""Catch-up looks for deletions made while the bot was away in discussions closed
this many days before the start or less; older closed threads are not read."""
VOTE_EMOJI = {"👍": 1, "👎": -1, "🤷": 0, "🤷\u200d♀": 0, "🤷\u200d♂": 0}
"""Vote reactions, without skin tone or emoji presentation selector (see ``emoji_vote``)."""
_TONE_AND_PRESENTATION = re.compile("[\U0001f3fb-\U0001f3ff\ufe0f]")
PERSON_MESSAGE_TYPES = (discord.MessageType.default, discord.MessageType.reply)


def _display_name(author: discord.abc.User) -> str:
    return getattr(author, "display_name", None) or author.name


def reply_from_message(
    discussion: OpenDiscussion, message: discord.Message, written: datetime | None = None
) -> ReplySeen:
    """``written``: ``message.created_at`` when the caller has it (it is computed
    from the snowflake at each read)."""
    reference = message.reference
    replied = (  # a forward's reference names the message forwarded: no reply to it
        reference.message_id
        if reference is not None and reference.type is discord.MessageReferenceType.reply
        else None
    )
    return ReplySeen(
        id=message.id,
        discussion_id=discussion.id,
        guild_id=discussion.guild_id,
        author_id=message.author.id,
        author_name=storable_name(_display_name(message.author)),
        text=storable(message.content),
        created_at=written or message.created_at,
        reply_to=replied,
        edited_at=message.edited_at,
    )


def _edit_of(
    discussion: OpenDiscussion,
    message_id: int,
    text: str,
    edited_at: datetime,
    full: ReplySeen | None,
) -> ReplyEdited:
    return ReplyEdited(
        id=message_id,
        text=storable(text),
        edited_at=edited_at,
        full=full,
        discussion_id=discussion.id,
        guild_id=discussion.guild_id,
    )


def _is_reply(discussion: OpenDiscussion, message: discord.Message) -> bool:
    """A member's message in the thread (not a bot's, a webhook's or the question post)."""
    if message.author.bot or message.webhook_id is not None:
        return False
    return message.type in PERSON_MESSAGE_TYPES and message.id != discussion.message_id


def _after_closing(app: App, discussion: OpenDiscussion, when: datetime) -> bool:
    """Stamped after the closing time of a discussion the bot has not closed yet
    (it closes at its next tick, or at start when it was away): left out, like a
    click after that time. A clock still before the closing time wins (a reopening)."""
    return when >= discussion.closes_at and app.clock.now() >= discussion.closes_at


def _is_person_message(
    app: App, discussion: OpenDiscussion, message: discord.Message, written: datetime | None = None
) -> bool:
    """A member's message, written before the close while she let the bot store what she writes.

    ``written``: ``message.created_at`` when the caller has it (each read converts the snowflake).
    """
    written = written or message.created_at
    return (
        _is_reply(discussion, message)
        and not _after_closing(app, discussion, written)
        and not app.optouts.blocks(discussion.guild_id, message.author.id, written)
    )


def accept_message(app: App, message: discord.Message) -> None:
    """Queue a new message if it is a person's reply in an open discussion.

    Synchronous, so the gateway hands messages over without a task each; the
    message's instant is read once (each read converts the snowflake).
    """
    discussion = app.open.by_thread(message.channel.id)
    if discussion is None:
        return
    written = message.created_at
    if _is_person_message(app, discussion, message, written):
        app.buffer.offer(reply_from_message(discussion, message, written))


async def on_raw_edit(app: App, payload: discord.RawMessageUpdateEvent) -> None:
    discussion = app.open.by_thread(payload.channel_id)
    if discussion is None:
        return
    data: dict[str, Any] = dict(payload.data)
    if "content" not in data:
        return
    message = payload.message
    edited_raw = data.get("edited_timestamp")
    edited_at = discord.utils.parse_time(edited_raw) if edited_raw else app.clock.now()
    if _after_closing(app, discussion, edited_at):
        return
    full = None
    if message is not None:
        if not _is_person_message(app, discussion, message):
            return
        author_id = message.author.id
        full = reply_from_message(discussion, message)
    elif (author := data.get("author")) is not None:
        if author.get("bot"):
            return
        author_id = int(author["id"])
        written = discord.utils.snowflake_time(payload.message_id)
        if _after_closing(app, discussion, written) or app.optouts.blocks(
            discussion.guild_id, author_id, written
        ):
            return
    else:
        return
    if app.optouts.blocks(discussion.guild_id, author_id, edited_at):
        return  # edited while opted out: that version is not hers to keep
    await app.buffer.put(
        _edit_of(discussion, payload.message_id, str(data["content"]), edited_at, full)
    )


async def on_raw_delete(
    app: App, channel_id: int, message_ids: set[int] | list[int]
) -> list[tuple[int, int]]:
    """Erase the deleted replies; returns ``(thread id, message id)`` of those of a closed
    discussion, whose posted summary may quote them."""
    discussion = app.open.by_thread(channel_id)
    closed = discussion is None
    if discussion is None:
        discussion = await _closed_discussion_of(app, channel_id)
        if discussion is None:
            return []
    deleted = [m for m in message_ids if m != discussion.message_id]
    for message_id in deleted:
        await app.buffer.put(
            ReplyDeleted(id=message_id, discussion_id=discussion.id, guild_id=discussion.guild_id)
        )
    return [(channel_id, m) for m in deleted] if closed else []


async def _closed_discussion_of(app: App, channel_id: int) -> OpenDiscussion | None:
    """Deletions are honoured in closed discussions too: erasing text is a right."""
    from bot.services.discussions import as_open

    async with app.sessions() as session:
        row = await discussion_repo.by_thread_id(session, channel_id)
    return as_open(row) if row is not None else None


def emoji_vote(name: str) -> int | None:
    """The vote a unicode reaction casts: 👍🏽 is a 👍 (Discord's picker reacts in the
    member's chosen skin tone), 🤷‍♀️ a 🤷."""
    return VOTE_EMOJI.get(_TONE_AND_PRESENTATION.sub("", name))


def vote_value(emoji: discord.PartialEmoji) -> int | None:
    if emoji.id is not None:
        return None
    return emoji_vote(emoji.name or "")


def _vote(
    app: App, discussion: OpenDiscussion, reply_id: int, voter_id: int, value: int
) -> VoteSet:
    """A vote reaction on a reply (live or caught up)."""
    return VoteSet(
        reply_id=reply_id,
        voter_id=voter_id,
        discussion_id=discussion.id,
        guild_id=discussion.guild_id,
        value=value,
        at=app.clock.now(),
        by_reaction=True,
    )


async def on_reaction(
    app: App,
    payload: discord.RawReactionActionEvent,
    *,
    added: bool,
    client: discord.Client | None = None,
) -> None:
    """A vote reaction added or taken back, live. With ``client``, a vote reaction taken
    back while the member still reacts with another vote emoji on the reply (👍 and 👎
    both there, 👎 removed) leaves her the vote that reaction casts, not none, when the
    one taken back was her vote (👍, 🤷 then 👎: 🤷 taken back leaves her 👎)."""
    discussion = app.open.by_thread(payload.channel_id)
    value = vote_value(payload.emoji)
    if discussion is None or value is None or payload.message_id == discussion.message_id:
        return
    app.open.reaction_seen(discussion.id, payload.message_id)  # before any wait
    if payload.member is not None and payload.member.bot:
        return
    if app.clock.now() >= discussion.closes_at:
        return  # a click after that time is refused too
    if added:
        if (discussion.guild_id, payload.user_id) in app.optouts:
            return  # nothing new is stored; a reaction taken back still takes its vote away
        await app.buffer.put(_vote(app, discussion, payload.message_id, payload.user_id, value))
    else:
        await app.buffer.put(
            VoteRemoved(
                reply_id=payload.message_id,
                voter_id=payload.user_id,
                value=value,
                discussion_id=discussion.id,
                guild_id=discussion.guild_id,
            )
        )
        if client is None or (discussion.guild_id, payload.user_id) in app.optouts:
            return
        still = await _still_reacting(client, payload)
        if still is not None:  # hers only if the reaction taken back cast her vote
            vote = _vote(app, discussion, payload.message_id, payload.user_id, still)
            await app.buffer.put(replace(vote, only_if_none=True))


async def _still_reacting(
    client: discord.Client, payload: discord.RawReactionActionEvent
) -> int | None:
    """The vote of another vote emoji the member still reacts with on the reply (the
    latest in the reply's reaction order), or ``None``. One request for the message
    when it is not cached, one per other vote emoji someone reacts with; nothing when
    Discord does not answer (the removal stands, and the next catch-up reads it again)."""
    channel = client.get_channel(payload.channel_id)
    if not isinstance(channel, discord.Thread | discord.TextChannel):
        return None
    try:
        message = client.get_partial_messageable(payload.channel_id).get_partial_message(
            payload.message_id
        )
        full = next((m for m in client.cached_messages if m.id == payload.message_id), None)
        full = full or await message.fetch()
        taken_back = discord.ReactionType.burst if payload.burst else discord.ReactionType.normal
        found = None
        for reaction, kind in _kinds(list(full.reactions)):  # a super 👍 is a vote too
            value = emoji_vote(reaction.emoji) if isinstance(reaction.emoji, str) else None
            if value is None or (reaction.emoji == payload.emoji.name and kind == taken_back):
                continue  # 👎🏽 taken back while 👎 stays: the same vote, still cast
            after = discord.Object(payload.user_id - 1)
            async for user in reaction.users(type=kind, after=after, limit=1):
                if user.id == payload.user_id and not user.bot:  # a bot's are nobody's vote
                    found = value
        return found
    except discord.HTTPException:
        log.info("reactions of message %s not read: its vote is taken back", payload.message_id)
        return None


async def on_reactions_cleared(
    app: App, channel_id: int, message_id: int, emoji: discord.PartialEmoji | None
) -> None:
    """A moderator removed a reply's reactions (``emoji``: one emoji's only): the votes
    they cast go with them."""
    discussion = app.open.by_thread(channel_id)
    if discussion is None or message_id == discussion.message_id:
        return
    app.open.reaction_seen(discussion.id, message_id)
    if app.clock.now() >= discussion.closes_at:
        return  # a closed discussion keeps its votes as of closing time
    value = None
    if emoji is not None:
        value = vote_value(emoji)
        if value is None:
            return
    await app.buffer.put(
        ReactionsCleared(
            reply_id=message_id,
            value=value,
            discussion_id=discussion.id,
            guild_id=discussion.guild_id,
        )
    )


async def thread_gone(app: App, client: discord.Client, guild_id: int, thread_id: int) -> None:
    """A thread was deleted (live, or an open discussion's found gone at catch-up): its
    discussion closes, and a text channel's question post, which outlives its thread,
    is drawn closed (else it shows buttons that only answer "closed"); a review thread
    is the review channel no more."""
    from bot.services.discussions import refresh_post

    await lifecycle.review_channel_deleted(app, guild_id, thread_id)
    for discussion_id in await lifecycle.thread_deleted(app, thread_id):
        async with app.sessions() as session:
            row = await discussion_repo.get_discussion(session, guild_id, discussion_id)
        if row is not None and row.channel_id != row.thread_id:
            await refresh_post(app, client, row)


async def catch_up(app: App, client: discord.Client, *, full: bool = True) -> int:
    """Bring the open threads' stored replies up to date; returns how many changes were queued.

    ``full`` (a new gateway session: at start, or after a reconnect that
    could not resume) reads each thread's whole history and queues what was
    missed while away: new messages, edits, deletions and vote reactions. A
    resumed session has its missed events replayed by Discord, so only the
    messages after the newest stored one are read, as a safety net.

    A full catch-up first handles the servers the bot was removed from and the
    discussion channels deleted while away (as live events would have), and at the
    end erases the stored text of messages deleted while away in recently closed
    discussions (see ``_erase_deleted_in_closed``). A thread that could not be read
    (Discord's bad moment, the database away) is read again at the next ticks
    (``read_again``), and its discussion is not closed before.
    """
    total = 0
    if full:
        # The choices of members may have changed in another process (the CLI's forget).
        from bot.services.mydata import load_optouts

        try:
            await load_optouts(app)
            await lifecycle.found_at_new_session(
                app,
                {
                    g.id: None if g.unavailable else {c.id for c in g.channels}
                    for g in client.guilds
                },
            )
            await review_channels_gone(app, client)
        except Exception as error:
            if not is_storage_error(error):
                raise
            log.warning(
                "catch-up: servers and opt-outs not read again: the database is away (%r)", error
            )
    for discussion in app.open.all():
        total += await _catch_up_discussion(app, client, discussion, full=full)
    if full:
        try:
            total += await _erase_deleted_in_closed(app, client)
        except Exception as error:
            if not is_storage_error(error):
                raise
            log.warning(
                "deletions in closed discussions not checked: the database is away (%r)", error
            )
    if total:
        log.info("catch-up queued %d missed changes", total)
    return total


async def invited_back(app: App, client: discord.Client, guild_id: int) -> int:
    """The bot joined a server. One it had been removed from gets its open discussions
    back (see ``lifecycle.guild_joined``); what members wrote there meanwhile, which the
    bot could not see, is read now (not at the next start, maybe after they closed).
    Returns how many changes were queued."""
    await lifecycle.guild_joined(app, guild_id)
    total = 0
    for discussion in app.open.in_guild(guild_id):
        total += await _catch_up_discussion(app, client, discussion, full=True)
    if total:
        log.info("catch-up of guild %s queued %d missed changes", guild_id, total)
    return total


async def read_again(app: App, client: discord.Client) -> int:
    """Read again the open threads whose catch-up Discord failed (see ``App.unread``), and
    check again the closed ones whose check for deletions it failed (``App.unchecked``);
    returns how many changes were queued."""
    total = 0
    for discussion_id in list(app.unread):
        discussion = app.open.get(discussion_id)
        if discussion is None:  # closed meanwhile (by staff, or its thread deleted)
            app.unread.pop(discussion_id, None)
            continue
        total += await _catch_up_discussion(app, client, discussion, full=True)
    if app.unchecked:
        total += await _erase_deleted_in_closed(app, client, only=set(app.unchecked))
    return total


def _passing(error: Exception) -> bool:
    """Discord's bad moment (its servers, a rate limit, the network), not a refusal."""
    if isinstance(error, discord.HTTPException):
        return error.status >= 500 or error.status == 429
    return isinstance(error, OSError | TimeoutError)


async def _catch_up_discussion(
    app: App, client: discord.Client, discussion: OpenDiscussion, *, full: bool
) -> int:
    try:
        changes = await _read_discussion(app, client, discussion, full=full)
    except Exception as error:
        if is_storage_error(error):
            # Nothing closes while the database is away: read again however long it takes.
            # (A network error may be Discord's too: read again all the same.)
            app.unread.setdefault(discussion.id, 0)
            log.warning(
                "catch-up of discussion %s failed: %r (the database or the network away); "
                "read again at the next tick, not closed before",
                discussion.id,
                error,
            )
            return 0
        if not isinstance(error, discord.HTTPException | OSError | TimeoutError):
            raise
        why = f"HTTP {error.status}" if isinstance(error, discord.HTTPException) else repr(error)
        attempts = app.unread.pop(discussion.id, 0) + 1
        if not _passing(error):
            log.warning("catch-up of discussion %s failed: %s", discussion.id, why)
        elif attempts < CATCH_UP_ATTEMPTS:
            app.unread[discussion.id] = attempts
            log.warning(
                "catch-up of discussion %s failed (attempt %d of %d): %s; read again at the "
                "next tick, not closed before",
                discussion.id,
                attempts,
                CATCH_UP_ATTEMPTS,
                why,
            )
        else:
            log.error(
                "catch-up of discussion %s given up after %d attempts: %s; what was written "
                "there while the bot was away and not read yet is not stored",
                discussion.id,
                attempts,
                why,
            )
        return 0
    if full:  # a resumed session's read (what came after the newest stored) is not whole
        app.unread.pop(discussion.id, None)
    return changes


async def _read_discussion(
    app: App, client: discord.Client, discussion: OpenDiscussion, *, full: bool
) -> int:
    thread = await _thread_of(client, discussion)
    if thread is None:
        # Deleted while the bot was away: closed as at a live deletion.
        await thread_gone(app, client, discussion.guild_id, discussion.thread_id)
        return 0
    if not _may_read_history(client, discussion.guild_id, discussion.channel_id):
        # Discord answers such a bot an empty history, not an error: read as it is,
        # every stored reply would look deleted.
        log.warning(
            "catch-up of discussion %s skipped: the bot lacks Read Message History in "
            "channel %s (nothing stored there is erased; what was written while it was "
            "away is not read)",
            discussion.id,
            discussion.channel_id,
        )
        return 0
    if full:
        bot_id = client.user.id if client.user is not None else 0
        followed = app.open.reactions_followed(discussion.id)
        return await _reconcile_thread(app, thread, discussion, bot_id, trust_counts=followed)
    return await _catch_up_thread(app, thread, discussion)


async def _erase_deleted_in_closed(
    app: App, client: discord.Client, only: set[int] | None = None
) -> int:
    """Erase the replies deleted while the bot was away in recently closed discussions
    (``only``: in these of them, whose check Discord failed before; see ``App.unchecked``).

    Only discussions closed within ``CLOSED_CATCH_UP_DAYS`` of now that still
    have stored text are read, and only their history from the oldest to the
    newest stored reply (a page of 100 messages a request; nothing written
    after the close is fetched). A closed discussion keeps its content as of
    closing time: nothing is stored or edited here, only erased. A deletion
    while away in an older closed discussion is not seen; the live deletion
    event, staff's ``/answers delete`` and the retention setting still apply.
    """
    since = app.clock.now() - timedelta(days=CLOSED_CATCH_UP_DAYS)
    async with app.sessions() as session:
        closed = [
            row
            for row in await discussion_repo.closed_since(session, since)
            if app.settings.owns_guild(row.guild_id) and (only is None or row.id in only)
        ]
        live = await reply_repo.live_ids_by_discussion(session, [row.id for row in closed])
    erased = 0
    for discussion_id in (only or set()) - {row.id for row in closed}:
        app.unchecked.pop(discussion_id, None)  # too old now, or erased meanwhile
    for row in closed:
        stored = live.get(row.id)
        attempts = app.unchecked.pop(row.id, 0)
        if not stored or row.thread_id is None:
            continue
        if not _may_read_history(client, row.guild_id, row.channel_id):
            log.warning(
                "deletions in closed discussion %s not checked: the bot lacks Read Message "
                "History in channel %s",
                row.id,
                row.channel_id,
            )
            continue
        try:
            gone = await _missing_from_thread(client, row.guild_id, row.thread_id, stored)
        except discord.NotFound:
            continue  # the thread itself is gone: handled as a deleted thread
        except (discord.HTTPException, OSError, TimeoutError) as error:
            _check_failed(app, row.id, attempts + 1, error)
            continue
        for reply_id in gone:
            await app.buffer.put(
                ReplyDeleted(id=reply_id, discussion_id=row.id, guild_id=row.guild_id)
            )
        erased += len(gone)
        if gone:
            await remove_erased_quotes(client, [(row.thread_id, reply_id) for reply_id in gone])
    return erased


def _check_failed(app: App, discussion_id: int, attempts: int, error: Exception) -> None:
    """The check for deletions of a closed discussion failed (``attempts``: that many
    times): Discord's bad moment is checked again at the next ticks (``CATCH_UP_ATTEMPTS``
    checks in all)."""
    why = f"HTTP {error.status}" if isinstance(error, discord.HTTPException) else repr(error)
    if _passing(error) and attempts < CATCH_UP_ATTEMPTS:
        app.unchecked[discussion_id] = attempts
        log.warning(
            "deletions in closed discussion %s not checked (attempt %d of %d): %s; checked "
            "again at the next tick",
            discussion_id,
            attempts,
            CATCH_UP_ATTEMPTS,
            why,
        )
        return
    log.warning("deletions in closed discussion %s not checked: %s", discussion_id, why)


def _may_read_history(client: discord.Client, guild_id: int, channel_id: int) -> bool:
    """Whether the bot may read the history of the threads of ``channel_id`` (a thread's
    permissions are its parent's). Not known here (the server, the channel or the bot's
    member not in the cache): taken as yes."""
    guild = client.get_guild(guild_id)
    channel = guild.get_channel(channel_id) if guild is not None else None
    if guild is None or channel is None or guild.me is None:
        return True
    allowed = channel.permissions_for(guild.me)
    return allowed.view_channel and allowed.read_message_history


async def _missing_from_thread(
    client: discord.Client, guild_id: int, thread_id: int, stored: set[int]
) -> set[int]:
    """The ``stored`` message ids the thread no longer has (read by id, without fetching the
    archived thread itself)."""
    thread = client.get_partial_messageable(
        thread_id, guild_id=guild_id, type=discord.ChannelType.public_thread
    )
    newest = max(stored)
    missing = set(stored)
    async for message in thread.history(
        limit=None, after=discord.Object(id=min(stored) - 1), oldest_first=True
    ):
        missing.discard(message.id)
        if message.id >= newest:
            break
    return missing


async def _thread_of(client: discord.Client, discussion: OpenDiscussion) -> discord.Thread | None:
    """The discussion's thread; ``None`` when Discord says it is gone."""
    thread = client.get_channel(discussion.thread_id)
    if thread is None:
        try:
            thread = await client.fetch_channel(discussion.thread_id)
        except discord.NotFound:
            log.warning("thread of discussion %s is gone", discussion.id)
            return None
    return thread if isinstance(thread, discord.Thread) else None


async def _reconcile_thread(
    app: App,
    thread: discord.Thread,
    discussion: OpenDiscussion,
    bot_id: int,
    *,
    trust_counts: bool,
) -> int:
    """Compare the whole thread with what is stored and queue the difference.

    A stored reply missing from a completely read history was deleted while
    the bot was away. Reactions added while away become votes; a vote a
    reaction cast whose reaction is gone is taken back (see ``_missed_votes``;
    ``trust_counts``: only where the counts differ from the votes stored).
    Who reacts is read as it stands once the live reaction events that arrived
    during the read are queued (see ``_reacting_now``).
    """
    since = app.open.begin_read(discussion.id)
    try:
        return await _reconcile_read(app, thread, discussion, bot_id, since, trust_counts)
    finally:
        app.open.end_read(discussion.id)


async def _reconcile_read(
    app: App,
    thread: discord.Thread,
    discussion: OpenDiscussion,
    bot_id: int,
    since: int,
    trust_counts: bool,
) -> int:
    async with app.sessions() as session:
        stored = await reply_repo.live_reply_edits(session, discussion.id)
        voters = await reply_repo.voters_by_reply(session, discussion.id)
        dead = await event_repo.dead_message_ids(session, discussion.id)
        erased_posts = await reply_repo.erased_form_posts(session, discussion.id)
        erased = await reply_repo.erased_ids(session, discussion.id)
    present: set[int] = set()
    changes = 0
    async for message in thread.history(limit=None):
        present.add(message.id)
        if message.id in dead:
            continue  # set aside once for good: not queued again at every start
        if message.id in erased_posts and message.author.id == bot_id:
            await _remove_erased_post(message)
            continue
        if message.id in erased:
            continue  # its text and votes are gone for good: nothing to read again
        person = _is_person_message(app, discussion, message)
        if message.id not in stored:
            if not person:
                continue
            await app.buffer.put(reply_from_message(discussion, message))
            changes += 1
        elif person and _edited_since(message.edited_at, stored[message.id]):
            edited_at = message.edited_at or app.clock.now()
            if not _after_closing(app, discussion, edited_at) and not app.optouts.blocks(
                discussion.guild_id, message.author.id, edited_at
            ):
                await app.buffer.put(
                    _edit_of(
                        discussion,
                        message.id,
                        message.content,
                        edited_at,
                        reply_from_message(discussion, message),
                    )
                )
                changes += 1
        votes = voters.get(message.id, {})
        touched = app.open.reacted_since(discussion.id, message.id, since)
        if touched or not (trust_counts and _counts_agree(message.reactions, votes)):
            reacting = await _reacting_now(app, thread, discussion, message, since)
            if reacting is not None:
                changes += await _missed_votes(app, discussion, message, votes, reacting)
    for reply_id in stored.keys() - present:
        await app.buffer.put(
            ReplyDeleted(id=reply_id, discussion_id=discussion.id, guild_id=discussion.guild_id)
        )
        changes += 1
    app.open.follow_reactions(discussion.id)
    return changes


async def _remove_erased_post(message: discord.Message) -> None:
    """The bot's post of a form reply its author (or staff) erased since: it goes too."""
    try:
        await message.delete()
    except discord.NotFound:
        pass
    except discord.HTTPException as error:
        log.info("could not remove erased form post %s: HTTP %s", message.id, error.status)


def _edited_since(edited_at: datetime | None, stored: datetime | None) -> bool:
    if edited_at is None:
        return False
    if stored is None:
        return True
    return edited_at > (stored if stored.tzinfo else stored.replace(tzinfo=UTC))


READS_WHILE_REACTED = 3
"""Reads of who reacts on a reply at catch-up, while live reaction events on it keep
arriving during the read; the last read stands (the next catch-up reads it again)."""


async def _reacting_now(
    app: App,
    thread: discord.Thread,
    discussion: OpenDiscussion,
    message: discord.Message,
    since: int,
) -> dict[int, set[int]] | None:
    """Who reacts on ``message`` with each vote, read after the live reaction events on it
    that arrived since ``since`` (the start of the thread's read). A live event queues its
    change before the catch-up queues what it read: a reaction taken back (or added, or
    cleared by a moderator) while the catch-up asked Discord who reacted would be undone
    by what it read before. Such a reply is read again, the message itself first (its
    history page lists the emoji as they were); ``None``: it was deleted meanwhile."""
    for _ in range(READS_WHILE_REACTED):
        mark = app.open.reaction_mark()
        if app.open.reacted_since(discussion.id, message.id, since):
            try:
                message = await thread.fetch_message(message.id)
            except discord.NotFound:
                return None
        present = await _who_reacts(message)
        if not app.open.reacted_since(discussion.id, message.id, mark):
            break
        since = mark
    return present


async def _who_reacts(message: discord.Message) -> dict[int, set[int]]:
    """The people (no bots) reacting on ``message`` now, by vote value."""
    reactions: dict[int, list[discord.Reaction]] = {}
    for reaction in message.reactions:
        value = emoji_vote(reaction.emoji) if isinstance(reaction.emoji, str) else None
        if value is not None:
            reactions.setdefault(value, []).append(reaction)
    present: dict[int, set[int]] = {}
    for value in sorted(reactions):
        for reaction, kind in _kinds(reactions[value]):
            async for user in reaction.users(type=kind):
                if not user.bot:
                    present.setdefault(value, set()).add(user.id)
    return present


async def _missed_votes(
    app: App,
    discussion: OpenDiscussion,
    message: discord.Message,
    stored: dict[int, StoredVote],
    present: dict[int, set[int]] | None = None,
) -> int:
    """Votes for the vote reactions on ``message`` that are not stored yet, and votes
    taken back: those a reaction cast whose reaction is gone.

    Equal counts do not prove the same voters (one member took her 👍 back and
    another added one while the bot was away), so the reacting members of every
    vote emoji a person reacted with are fetched (but for a reconnect of a process
    that followed the discussion's reactions live: it skips the replies whose counts
    agree, see ``_counts_agree``, and a reaction handed over during the cut is seen at
    the next start): one request per such emoji (and
    kind: super reactions are listed apart, see ``_kinds``) and 100 of its members
    (discord.py's page), nothing for an emoji no person reacted
    with (the stored votes of its value are taken back without asking). A member who
    changed her reaction while the bot was away (👍 taken back, 👎 added) has her new
    vote, not none. Calls are
    bounded by that: only at a full catch-up (a new gateway session), only on the
    replies of open discussions (not the question post, nor other bots' messages),
    never on erased or set-aside messages. A vote
    cast on the card is no reaction (it says nothing of who reacted) and is never
    taken back here.
    """
    if present is None:  # who reacts now, by vote value
        present = await _who_reacts(message)
    by_reaction = {voter: v for voter, v in stored.items() if v.by_reaction}
    changes = 0
    for value, people in sorted(present.items()):
        for user_id in sorted(people):
            had = stored.get(user_id)
            if had is not None and (not had.by_reaction or user_id in present.get(had.value, ())):
                continue  # a card vote, or the reaction that cast hers is still there
            if app.optouts.blocks_since(discussion.guild_id, user_id, message.created_at):
                continue  # may have been added while she was opted out, or before she erased
            # new, or she changed her reaction while the bot was away: her new vote
            stored[user_id] = StoredVote(value, by_reaction=True)
            await app.buffer.put(_vote(app, discussion, message.id, user_id, value))
            changes += 1
    for voter, vote in by_reaction.items():
        if voter in present.get(vote.value, ()) or stored.get(voter) is not vote:
            continue  # still there, or replaced by the one she reacts with now
        await app.buffer.put(
            VoteRemoved(
                reply_id=message.id,
                voter_id=voter,
                value=vote.value,
                discussion_id=discussion.id,
                guild_id=discussion.guild_id,
            )
        )
        changes += 1
    return changes


def _counts_agree(reactions: list[discord.Reaction], stored: dict[int, StoredVote]) -> bool:
    """Whether each vote's reactions (all its emoji and kinds; the bot's own left out) are
    as many as the stored votes of that value a reaction cast. Stored votes know neither
    emoji nor kind: per vote is as fine as the comparison goes."""
    reacting: Counter[int] = Counter()
    for reaction in reactions:
        value = emoji_vote(reaction.emoji) if isinstance(reaction.emoji, str) else None
        if value is not None:
            reacting[value] += reaction.count - reaction.me - reaction.me_burst
    cast = Counter(vote.value for vote in stored.values() if vote.by_reaction)
    return +reacting == cast


def _kinds(
    reactions: list[discord.Reaction],
) -> list[tuple[discord.Reaction, discord.ReactionType]]:
    """The reactions and kinds (normal, super) a person reacted with: Discord lists the
    members of each kind apart, and a super reaction is a vote as live (the bot's own
    reactions are nobody's vote)."""
    kinds = []
    for reaction in reactions:
        normal = reaction.count - reaction.burst_count - (1 if reaction.me else 0)
        if normal > 0:
            kinds.append((reaction, discord.ReactionType.normal))
        if reaction.burst_count - (1 if reaction.me_burst else 0) > 0:
            kinds.append((reaction, discord.ReactionType.burst))
    return kinds


async def _catch_up_thread(app: App, thread: discord.Thread, discussion: OpenDiscussion) -> int:
    async with app.sessions() as session:
        row = await session.get(Discussion, discussion.id)
        if row is None:
            return 0
        cursor = await discussion_repo.last_message_id(session, row)
        dead = await event_repo.dead_message_ids(session, discussion.id)
    count = 0
    async for message in thread.history(
        limit=None, after=discord.Object(id=cursor), oldest_first=True
    ):
        if message.id not in dead and _is_person_message(app, discussion, message):
            await app.buffer.put(reply_from_message(discussion, message))
            count += 1
    return count
