"""Reading back what happened while the bot was away: each open discussion's thread
(replies, edits, deletions, reactions), deletions in recently closed ones, a server
the bot was invited back to, and the threads a failed read left for later.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import discord

from bot.app import App
from bot.errors import is_storage_error
from bot.services import lifecycle, server_names
from bot.services.catch_up_votes import (
    missed_votes,
    reacting_now,
    remember,
    unchanged,
)
from bot.services.collection import thread_gone
from bot.services.discord_reading import (
    after_closing,
    edit_of,
    is_person_message,
    reply_from_message,
)
from bot.services.suggestions import review_cards_gone, review_channels_gone
from bot.services.summary import remove_erased_quotes
from bot.state import OpenDiscussion
from db.models import Discussion
from db.repositories import discussions as discussion_repo
from db.repositories import events as event_repo
from db.repositories import replies as reply_repo
from db.repositories.events import (
    ReplyDeleted,
)

log = logging.getLogger(__name__)


CATCH_UP_ATTEMPTS = 5
"""Reads of an open thread's history that Discord fails (a passing error: discord.py
has already retried each request) before its discussion may close on what was read."""


UNKNOWN_CHANNEL = 10003
"""Discord's code for a channel or thread that does not exist (404): deleted. A thread
the bot may no longer see is answered 403 (Missing Access) and is never taken for
deleted: nothing stored there is erased for a permission lost."""


def _deleted(error: discord.NotFound) -> bool:
    return error.code == UNKNOWN_CHANNEL


CLOSED_CATCH_UP_DAYS = 30
"""Catch-up looks for deletions made while the bot was away in discussions closed
this many days before the start or less; older closed threads are not read."""


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
        from bot.services.optouts import load_optouts

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
            await server_names.named(app, {g.id: g.name for g in client.guilds})
        except Exception as error:
            if not is_storage_error(error):
                raise
            log.warning(
                "catch-up: servers, their names and opt-outs not read again: the database is "
                "away (%r)",
                error,
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
        try:
            await review_cards_gone(app, client)
        except Exception as error:
            if not is_storage_error(error):
                raise
            log.warning("review cards not checked: the database is away (%r)", error)
    if total:
        log.info("catch-up queued %d missed changes", total)
    return total


async def invited_back(app: App, client: discord.Client, guild_id: int) -> int:
    """The bot joined a server. One it had been removed from gets its open discussions
    back (see ``lifecycle.guild_joined``); what members wrote there meanwhile, which the
    bot could not see, is read now (not at the next start, maybe after they closed).
    Returns how many changes were queued."""
    await lifecycle.guild_joined(app, guild_id)
    joined = client.get_guild(guild_id)
    if joined is not None:
        await server_names.named(app, {guild_id: joined.name})
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
        # Deleted while the bot was away: closed, and its replies erased, as at a live
        # deletion (a thread refused, 403, is an error above: nothing is erased).
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
    closing time: nothing is stored or edited here, only erased. A thread Discord
    says does not exist (404) was deleted with every message in it: all its stored
    replies are erased (``collection.thread_gone``); one it refuses (403) is not
    checked, and nothing is erased; nor are the threads of a server that removed the
    bot, which it may no longer read (Discord's answer there says nothing of
    deletions). A deletion
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
        except discord.NotFound as error:
            if not _deleted(error):
                _check_failed(app, row.id, attempts + 1, error)
                continue
            # The thread itself is gone, and every message in it: erased as at a live
            # deletion of the thread.
            log.warning("thread of closed discussion %s is gone", row.id)
            await thread_gone(app, client, row.guild_id, row.thread_id)
            erased += len(stored)
            continue
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
    """The discussion's thread; ``None`` when Discord says it does not exist (404 Unknown
    Channel; a refusal, 403, is raised)."""
    thread = client.get_channel(discussion.thread_id)
    if thread is None:
        try:
            thread = await client.fetch_channel(discussion.thread_id)
        except discord.NotFound as error:
            if not _deleted(error):
                raise
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
    reaction cast whose reaction is gone is taken back (see ``missed_votes``;
    ``trust_counts``: only where the counts differ from the votes stored and from what
    the last full reading found, see ``catch_up_votes.unchanged``).
    Who reacts is read as it stands once the live reaction events that arrived
    during the read are queued (see ``reacting_now``).
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
        person = is_person_message(app, discussion, message)
        if message.id not in stored:
            if not person:
                continue
            await app.buffer.put(reply_from_message(discussion, message))
            changes += 1
        elif person and _edited_since(message.edited_at, stored[message.id]):
            edited_at = message.edited_at or app.clock.now()
            if not after_closing(app, discussion, edited_at) and not app.optouts.blocks(
                discussion.guild_id, message.author.id, edited_at
            ):
                await app.buffer.put(
                    edit_of(
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
        if touched or not (trust_counts and unchanged(app, discussion, message, votes)):
            reacting = await reacting_now(app, thread, discussion, message, since)
            if reacting is not None:
                changes += await missed_votes(app, discussion, message, votes, reacting)
                if not app.open.reacted_since(discussion.id, message.id, since):
                    remember(app, discussion, message, votes)  # its counts are the ones listed
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
        if message.id not in dead and is_person_message(app, discussion, message):
            await app.buffer.put(reply_from_message(discussion, message))
            count += 1
    return count
