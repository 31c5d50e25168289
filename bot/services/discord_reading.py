"""What a Discord message or reaction is to the collection: a member's reply (or not),
its edit, a vote; read the same live and at a catch-up."""

from __future__ import annotations

import re
from datetime import datetime

import discord

from bot.app import App
from bot.state import OpenDiscussion
from bot.stored_text import storable, storable_name
from db.repositories.events import (
    ReplyEdited,
    ReplySeen,
    VoteSet,
)

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


def edit_of(
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


def after_closing(app: App, discussion: OpenDiscussion, when: datetime) -> bool:
    """Stamped after the closing time of a discussion the bot has not closed yet
    (it closes at its next tick, or at start when it was away): left out, like a
    click after that time. A clock still before the closing time wins (a reopening)."""
    return when >= discussion.closes_at and app.clock.now() >= discussion.closes_at


def is_person_message(
    app: App, discussion: OpenDiscussion, message: discord.Message, written: datetime | None = None
) -> bool:
    """A member's message, written before the close while she let the bot store what she
    writes; edited, its text as it stands too (the earlier text Discord does not keep: a
    message written in time and edited after the close while the bot was away is left
    out, as that edit is live, and so is one edited while she was opted out).

    ``written``: ``message.created_at`` when the caller has it (each read converts the snowflake).
    """
    if not _is_reply(discussion, message):
        return False
    author = message.author.id
    return all(
        not after_closing(app, discussion, at)
        and not app.optouts.blocks(discussion.guild_id, author, at)
        for at in (written or message.created_at, message.edited_at)
        if at is not None
    )


def emoji_vote(name: str) -> int | None:
    """The vote a unicode reaction casts: 👍🏽 is a 👍 (Discord's picker reacts in the
    member's chosen skin tone), 🤷‍♀️ a 🤷."""
    return VOTE_EMOJI.get(_TONE_AND_PRESENTATION.sub("", name))


def vote_value(emoji: discord.PartialEmoji) -> int | None:
    if emoji.id is not None:
        return None
    return emoji_vote(emoji.name or "")


def vote_event(
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


def reaction_kinds(
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
