"""Turning gateway events and thread history into stored replies and votes.

Only messages from people, in the threads of open discussions, are kept;
opted-out members are skipped before anything is queued.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import discord

from bot.app import App
from bot.state import OpenDiscussion
from db.models import Discussion
from db.repositories import discussions as discussion_repo
from db.repositories import replies as reply_repo
from db.repositories.events import ReplyDeleted, ReplyEdited, ReplySeen, VoteRemoved, VoteSet

log = logging.getLogger(__name__)

VOTE_EMOJI = {"👍": 1, "👎": -1, "🤷": 0, "🤷‍♀️": 0, "🤷‍♂️": 0}
PERSON_MESSAGE_TYPES = (discord.MessageType.default, discord.MessageType.reply)


def _display_name(author: discord.abc.User) -> str:
    return getattr(author, "display_name", None) or author.name


def reply_from_message(discussion: OpenDiscussion, message: discord.Message) -> ReplySeen:
    reference = message.reference.message_id if message.reference else None
    return ReplySeen(
        id=message.id,
        discussion_id=discussion.id,
        guild_id=discussion.guild_id,
        author_id=message.author.id,
        author_name=_display_name(message.author)[:100],
        text=message.content,
        created_at=message.created_at,
        reply_to=reference,
        edited_at=message.edited_at,
    )


def _is_person_message(app: App, discussion: OpenDiscussion, message: discord.Message) -> bool:
    if message.author.bot or message.webhook_id is not None:
        return False
    if message.type not in PERSON_MESSAGE_TYPES or message.id == discussion.message_id:
        return False
    return (discussion.guild_id, message.author.id) not in app.optouts


def accept_message(app: App, message: discord.Message) -> None:
    """Queue a new message if it is a person's reply in an open discussion.

    Synchronous, so the gateway hands messages over without a task each.
    """
    discussion = app.open.by_thread(message.channel.id)
    if discussion is None or not _is_person_message(app, discussion, message):
        return
    if message.created_at >= discussion.closes_at and app.clock.now() >= discussion.closes_at:
        return
    app.buffer.offer(reply_from_message(discussion, message))


async def on_raw_edit(app: App, payload: discord.RawMessageUpdateEvent) -> None:
    discussion = app.open.by_thread(payload.channel_id)
    if discussion is None:
        return
    data: dict[str, Any] = dict(payload.data)
    if "content" not in data:
        return
    message = payload.message
    full = None
    if message is not None:
        if not _is_person_message(app, discussion, message):
            return
        full = reply_from_message(discussion, message)
    elif (author := data.get("author")) is not None and (
        author.get("bot") or (discussion.guild_id, int(author["id"])) in app.optouts
    ):
        return
    edited_raw = data.get("edited_timestamp")
    edited_at = discord.utils.parse_time(edited_raw) if edited_raw else app.clock.now()
    await app.buffer.put(
        ReplyEdited(
            id=payload.message_id, text=str(data["content"]), edited_at=edited_at, full=full
        )
    )


async def on_raw_delete(app: App, channel_id: int, message_ids: set[int] | list[int]) -> None:
    discussion = app.open.by_thread(channel_id)
    if discussion is None:
        discussion = await _closed_discussion_of(app, channel_id)
        if discussion is None:
            return
    for message_id in message_ids:
        if message_id == discussion.message_id:
            continue
        await app.buffer.put(
            ReplyDeleted(id=message_id, discussion_id=discussion.id, guild_id=discussion.guild_id)
        )


async def _closed_discussion_of(app: App, channel_id: int) -> OpenDiscussion | None:
    """Deletions are honoured in closed discussions too: erasing text is a right."""
    from bot.services.discussions import as_open

    async with app.sessions() as session:
        row = await discussion_repo.by_thread_id(session, channel_id)
    return as_open(row) if row is not None else None


def vote_value(emoji: discord.PartialEmoji) -> int | None:
    if emoji.id is not None:
        return None
    return VOTE_EMOJI.get(emoji.name or "")


def _vote(
    app: App, discussion: OpenDiscussion, reply_id: int, voter_id: int, value: int
) -> VoteSet:
    return VoteSet(
        reply_id=reply_id,
        voter_id=voter_id,
        discussion_id=discussion.id,
        guild_id=discussion.guild_id,
        value=value,
        at=app.clock.now(),
    )


async def on_reaction(app: App, payload: discord.RawReactionActionEvent, *, added: bool) -> None:
    discussion = app.open.by_thread(payload.channel_id)
    value = vote_value(payload.emoji)
    if discussion is None or value is None or payload.message_id == discussion.message_id:
        return
    if payload.member is not None and payload.member.bot:
        return
    if (discussion.guild_id, payload.user_id) in app.optouts:
        return
    if added:
        await app.buffer.put(_vote(app, discussion, payload.message_id, payload.user_id, value))
    else:
        await app.buffer.put(
            VoteRemoved(reply_id=payload.message_id, voter_id=payload.user_id, value=value)
        )


async def catch_up(app: App, client: discord.Client, *, full: bool = True) -> int:
    """Bring the open threads' stored replies up to date; returns how many changes were queued.

    ``full`` (a new gateway session: at start, or after a reconnect that
    could not resume) reads each thread's whole history and queues what was
    missed while away: new messages, edits, deletions and vote reactions. A
    resumed session has its missed events replayed by Discord, so only the
    messages after the newest stored one are read, as a safety net.
    """
    total = 0
    for discussion in app.open.all():
        try:
            thread = await _thread_of(client, discussion)
            if thread is None:
                continue
            if full:
                total += await _reconcile_thread(app, thread, discussion)
            else:
                total += await _catch_up_thread(app, thread, discussion)
        except discord.HTTPException as error:
            log.warning("catch-up of discussion %s failed: HTTP %s", discussion.id, error.status)
    if total:
        log.info("catch-up queued %d missed changes", total)
    return total


async def _thread_of(client: discord.Client, discussion: OpenDiscussion) -> discord.Thread | None:
    thread = client.get_channel(discussion.thread_id)
    if thread is None:
        try:
            thread = await client.fetch_channel(discussion.thread_id)
        except discord.NotFound:
            log.warning("thread of discussion %s is gone", discussion.id)
            return None
    return thread if isinstance(thread, discord.Thread) else None


async def _reconcile_thread(app: App, thread: discord.Thread, discussion: OpenDiscussion) -> int:
    """Compare the whole thread with what is stored and queue the difference.

    A stored reply missing from a completely read history was deleted while
    the bot was away. Reactions added while away become votes; a reaction
    taken back while away cannot be told from a vote cast on the card
    (Discord keeps no reaction history), so stored votes are never removed
    here.
    """
    async with app.sessions() as session:
        stored = await reply_repo.live_reply_edits(session, discussion.id)
        voters = await reply_repo.voters_by_reply(session, discussion.id)
    present: set[int] = set()
    changes = 0
    async for message in thread.history(limit=None):
        present.add(message.id)
        person = _is_person_message(app, discussion, message)
        if message.id not in stored:
            if not person:
                continue
            await app.buffer.put(reply_from_message(discussion, message))
            changes += 1
        elif person and _edited_since(message.edited_at, stored[message.id]):
            await app.buffer.put(
                ReplyEdited(
                    id=message.id,
                    text=message.content,
                    edited_at=message.edited_at or app.clock.now(),
                    full=reply_from_message(discussion, message),
                )
            )
            changes += 1
        changes += await _missed_votes(app, discussion, message, voters.get(message.id, {}))
    for reply_id in stored.keys() - present:
        await app.buffer.put(
            ReplyDeleted(id=reply_id, discussion_id=discussion.id, guild_id=discussion.guild_id)
        )
        changes += 1
    return changes


def _edited_since(edited_at: datetime | None, stored: datetime | None) -> bool:
    if edited_at is None:
        return False
    if stored is None:
        return True
    return edited_at > (stored if stored.tzinfo else stored.replace(tzinfo=UTC))


async def _missed_votes(
    app: App, discussion: OpenDiscussion, message: discord.Message, stored: dict[int, int]
) -> int:
    """Votes for the vote reactions on ``message`` that are not stored yet.

    The reacting members are only fetched when a reaction counts more
    people than the stored votes of that value: one request per such emoji.
    """
    missed = 0
    for reaction in message.reactions:
        value = VOTE_EMOJI.get(reaction.emoji) if isinstance(reaction.emoji, str) else None
        if value is None:
            continue
        people = reaction.count - (1 if reaction.me else 0)
        if people <= sum(1 for v in stored.values() if v == value):
            continue
        async for user in reaction.users():
            if user.bot or user.id in stored or (discussion.guild_id, user.id) in app.optouts:
                continue
            stored[user.id] = value
            await app.buffer.put(_vote(app, discussion, message.id, user.id, value))
            missed += 1
    return missed


async def _catch_up_thread(app: App, thread: discord.Thread, discussion: OpenDiscussion) -> int:
    async with app.sessions() as session:
        row = await session.get(Discussion, discussion.id)
        if row is None:
            return 0
        cursor = await discussion_repo.last_message_id(session, row)
    count = 0
    async for message in thread.history(
        limit=None, after=discord.Object(id=cursor), oldest_first=True
    ):
        if _is_person_message(app, discussion, message):
            await app.buffer.put(reply_from_message(discussion, message))
            count += 1
    return count
