"""Turning gateway events into stored replies and votes, live.

Only messages from people, in the threads of open discussions, are kept;
opted-out members are skipped before anything is queued. Deletions are
honoured in closed discussions too. What happened while the bot was away is
read by :mod:`bot.services.catch_up`.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import discord

from bot.app import App
from bot.services import lifecycle
from bot.services.discord_reading import (
    after_closing,
    edit_of,
    emoji_vote,
    is_person_message,
    reaction_kinds,
    reply_from_message,
    vote_event,
    vote_value,
)
from bot.state import OpenDiscussion
from db.repositories import discussions as discussion_repo
from db.repositories.events import (
    ReactionsCleared,
    ReplyDeleted,
    VoteRemoved,
)

log = logging.getLogger(__name__)


def accept_message(app: App, message: discord.Message) -> None:
    """Queue a new message if it is a person's reply in an open discussion.

    Synchronous, so the gateway hands messages over without a task each; the
    message's instant is read once (each read converts the snowflake).
    """
    discussion = app.open.by_thread(message.channel.id)
    if discussion is None:
        return
    written = message.created_at
    if is_person_message(app, discussion, message, written):
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
    if after_closing(app, discussion, edited_at):
        return
    full = None
    if message is not None:
        if not is_person_message(app, discussion, message):
            return
        author_id = message.author.id
        full = reply_from_message(discussion, message)
    elif (author := data.get("author")) is not None:
        if author.get("bot"):
            return
        author_id = int(author["id"])
        written = discord.utils.snowflake_time(payload.message_id)
        if after_closing(app, discussion, written) or app.optouts.blocks(
            discussion.guild_id, author_id, written
        ):
            return
    else:
        return
    if app.optouts.blocks(discussion.guild_id, author_id, edited_at):
        return  # edited while opted out: that version is not hers to keep
    await app.buffer.put(
        edit_of(discussion, payload.message_id, str(data["content"]), edited_at, full)
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
        await app.buffer.put(
            vote_event(app, discussion, payload.message_id, payload.user_id, value)
        )
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
            vote = vote_event(app, discussion, payload.message_id, payload.user_id, still)
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
        for reaction, kind in reaction_kinds(list(full.reactions)):  # a super 👍 is a vote too
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
    """A thread was deleted (live, or a discussion's found gone at catch-up): every
    message in it went with it, so its discussion's stored replies are erased as deleted
    messages' are (``on_raw_delete``; see ``lifecycle.thread_deleted``), an open
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
