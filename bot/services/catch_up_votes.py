"""Who reacted, asked of Discord at a catch-up: the votes a reply's reactions hold that
the database does not, read again while live reaction events touch it."""

from __future__ import annotations

import logging
from collections import Counter

import discord

from bot.app import App
from bot.services.discord_reading import (
    emoji_vote,
    reaction_kinds,
    vote_event,
)
from bot.state import OpenDiscussion
from db.repositories.events import (
    VoteRemoved,
)
from db.repositories.replies import StoredVote

log = logging.getLogger(__name__)


READS_WHILE_REACTED = 3
"""Reads of who reacts on a reply at catch-up, while live reaction events on it keep
arriving during the read; the last read stands (the next catch-up reads it again)."""


async def reacting_now(
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
        for reaction, kind in reaction_kinds(reactions[value]):
            async for user in reaction.users(type=kind):
                if not user.bot:
                    present.setdefault(value, set()).add(user.id)
    return present


async def missed_votes(
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
    agree, or are as its last full reading left them, see ``unchanged``, and a reaction
    handed over during the cut is seen at the next start): one request per such emoji (and
    kind: super reactions are listed apart, see ``reaction_kinds``) and 100 of its members
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
            if user_id == message.author.id:
                continue  # her own reply: no vote (the database would refuse it)
            had = stored.get(user_id)
            if had is not None and (not had.by_reaction or user_id in present.get(had.value, ())):
                continue  # a card vote, or the reaction that cast hers is still there
            if app.optouts.blocks_since(discussion.guild_id, user_id, message.created_at):
                continue  # may have been added while she was opted out, or before she erased
            # new, or she changed her reaction while the bot was away: her new vote
            stored[user_id] = StoredVote(value, by_reaction=True)
            await app.buffer.put(vote_event(app, discussion, message.id, user_id, value))
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
        del stored[voter]
        changes += 1
    return changes


def counts_agree(reactions: list[discord.Reaction], stored: dict[int, StoredVote]) -> bool:
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


Reading = tuple[tuple[tuple[str, int, int, bool, bool], ...], frozenset[tuple[int, int]]]
"""A reply's vote reactions (emoji, count, super count, the bot's own of each kind) and the
votes a reaction cast that are stored (voter, value)."""


def reading_of(reactions: list[discord.Reaction], stored: dict[int, StoredVote]) -> Reading:
    counts = sorted(
        (reaction.emoji, reaction.count, reaction.burst_count, reaction.me, reaction.me_burst)
        for reaction in reactions
        if isinstance(reaction.emoji, str) and emoji_vote(reaction.emoji) is not None
    )
    cast = frozenset((voter, vote.value) for voter, vote in stored.items() if vote.by_reaction)
    return tuple(counts), cast


def unchanged(
    app: App, discussion: OpenDiscussion, message: discord.Message, stored: dict[int, StoredVote]
) -> bool:
    """Whether a process that followed the reply's reactions live may leave them unread at
    a new session: each vote's reactions are as many as the votes they cast (see
    ``counts_agree``), or, where some reactions cast none (her own reply, another bot,
    a member who opted out), its reactions and votes are exactly as the last full reading
    found them (see ``remember``) and no live reaction event touched it since."""
    return counts_agree(message.reactions, stored) or (
        app.open.last_reading(discussion.id, message.id) == reading_of(message.reactions, stored)
    )


def remember(
    app: App, discussion: OpenDiscussion, message: discord.Message, stored: dict[int, StoredVote]
) -> None:
    """After a full reading of who reacts on ``message`` (``stored``: the votes once what it
    queued is written), untouched by live reaction events meanwhile: where the counts do not
    agree with the votes, what it found, so the next session does not ask again while
    nothing changed."""
    reading = (
        None if counts_agree(message.reactions, stored) else reading_of(message.reactions, stored)
    )
    app.open.remember_reading(discussion.id, message.id, reading)
