"""A member's clicks: declaring a stance, answering through the modal, voting on the card."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.app import App
from bot.discord_text import visible
from bot.errors import NotFound, StorageUnavailable, UserError
from bot.state import OpenDiscussion
from bot.stored_text import storable, storable_name
from bot.write_behind import INTERACTIVE_WAIT
from db.repositories import discussions as discussion_repo
from db.repositories import export as export_repo
from db.repositories import replies as reply_repo
from db.repositories.events import WITHDRAWN, ReplySeen, StanceSet, VoteSet

MAX_REPLY = 1900

Readable = Callable[[int], bool]
"""Whether the member clicking may read a channel (given its id): her buttons and forms
carry a discussion's id, which a modified client can change to one in a channel she does
not see (a club's); that discussion is then one that does not exist."""


async def open_discussion(
    app: App, guild_id: int, discussion_id: int, *, readable: Readable
) -> OpenDiscussion:
    """The open discussion, or the reason it cannot be joined (not found as well when it
    is held in a channel the member cannot read).

    Answers from memory, so members are served while the database is away.
    """
    found = app.open.get(discussion_id)
    if found is not None and found.guild_id == guild_id:
        if not readable(found.channel_id):
            raise NotFound("discussion")
        if app.clock.now() >= found.closes_at:
            raise UserError("error-closed")
        return found
    async with app.sessions() as session:
        row = await discussion_repo.get_discussion(session, guild_id, discussion_id)
    if row is None or not readable(row.channel_id):
        raise NotFound("discussion")
    raise UserError("error-closed")


async def open_for_reply(
    app: App, guild_id: int, discussion_id: int, user_id: int, *, readable: Readable
) -> OpenDiscussion:
    """The open discussion a member's form reply goes to, or why it does not: a member
    who opted out is refused (her form post, never stored, could not be erased by her)."""
    discussion = await open_discussion(app, guild_id, discussion_id, readable=readable)
    if (guild_id, user_id) in app.optouts:
        raise UserError("error-opted-out")
    return discussion


async def declare_stance(
    app: App,
    *,
    guild_id: int,
    discussion_id: int,
    user_id: int,
    option: int,
    click_id: int,
    readable: Readable,
) -> str:
    """Queue the member's stance; returns the option's text."""
    discussion = await open_discussion(app, guild_id, discussion_id, readable=readable)
    if not 0 <= option < len(discussion.options):
        raise UserError("error-option")
    await _queue_stance(app, discussion, user_id, option, click_id)
    return discussion.options[option]


async def withdraw_stance(
    app: App,
    *,
    guild_id: int,
    discussion_id: int,
    user_id: int,
    click_id: int,
    readable: Readable,
) -> None:
    """Queue the withdrawal of the member's stance (none declared: nothing changes)."""
    discussion = await open_discussion(app, guild_id, discussion_id, readable=readable)
    await _queue_stance(app, discussion, user_id, WITHDRAWN, click_id)


async def _queue_stance(
    app: App, discussion: OpenDiscussion, user_id: int, option: int, click_id: int
) -> None:
    if (discussion.guild_id, user_id) in app.optouts:
        raise UserError("error-opted-out")
    await app.buffer.put(
        StanceSet(
            change_id=click_id,
            discussion_id=discussion.id,
            guild_id=discussion.guild_id,
            user_id=user_id,
            option=option,
            at=app.clock.now(),
        )
    )
    await _written_before_answer(app)


async def _written_before_answer(app: App) -> None:
    """Wait, up to ``INTERACTIVE_WAIT``, until what a member's click or form queued is
    written, before she is told it is recorded: Discord keeps no trace of either, so
    a process killed between the answer and the write lost it for good (messages and
    reactions are read back at the next start; a stance or a form reply is not).
    While the database is away (writes failing) she is answered at once from memory,
    as before: it is written once the database is back, unless the process dies first."""
    if app.buffer.failures:
        return
    with contextlib.suppress(StorageUnavailable):  # slow, not failing: answered all the same
        await app.buffer.drain(limit=INTERACTIVE_WAIT)


def check_reply_text(text: str) -> str:
    text = text.strip()
    if not visible(text):  # zero-width and filler characters only: nothing would show
        raise UserError("error-empty-reply")
    if len(text) > MAX_REPLY:
        raise UserError("error-reply-too-long", max=MAX_REPLY)
    return text


async def store_modal_reply(
    app: App,
    discussion: OpenDiscussion,
    *,
    message_id: int,
    author_id: int,
    author_name: str,
    text: str,
    created_at: datetime,
) -> None:
    """The modal's text was posted by the bot in the thread: store it as the member's."""
    if (discussion.guild_id, author_id) in app.optouts:
        return
    await app.buffer.put(
        ReplySeen(
            id=message_id,
            discussion_id=discussion.id,
            guild_id=discussion.guild_id,
            author_id=author_id,
            author_name=storable_name(author_name),
            text=storable(text),
            created_at=created_at,
            via_modal=True,
        )
    )
    await _written_before_answer(app)


@dataclass(frozen=True, slots=True)
class CardItem:
    discussion_id: int
    reply_id: int
    author_name: str
    text: str
    thread_id: int
    guild_id: int
    remaining: int
    edited_since_vote: bool = False
    """She voted on this reply, then its text changed: shown again, her vote still counted."""


async def next_card(
    app: App, guild_id: int, discussion_id: int, voter_id: int, *, readable: Readable
) -> CardItem | None:
    """The next reply to show this member on the voting card, ``None`` when she has
    voted on every one (``card-nothing-yet`` when no other member's reply is there).

    The choice (the routing over every reply and vote) runs in a worker
    thread: a large discussion never holds the event loop.
    """
    discussion = await open_discussion(app, guild_id, discussion_id, readable=readable)
    if (guild_id, voter_id) in app.optouts:
        raise UserError("error-opted-out")  # told now, not after choosing a vote
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    async with app.sessions() as session:  # streamed plain rows: the loop is never held long
        rows = [row async for row in export_repo.replies(session, discussion_id)]
        votes = [row async for row in export_repo.votes(session, discussion_id)]
        again = await export_repo.edited_since_vote(session, discussion_id, voter_id)
    excluded = frozenset(str(u) for u in app.optouts.in_guild(guild_id))
    found = await asyncio.to_thread(_choose, discussion, rows, votes, voter_id, excluded, again)
    if found is None:
        return None
    row, remaining = found
    return CardItem(
        discussion_id=discussion_id,
        reply_id=row.id,
        author_name=row.author_name,
        text=row.text,
        thread_id=discussion.thread_id,
        guild_id=guild_id,
        remaining=remaining,
        edited_since_vote=row.id in again,
    )


def _choose(
    discussion: OpenDiscussion,
    rows: list[Any],
    votes: list[Any],
    voter_id: int,
    excluded: frozenset[str],
    again: set[int],
) -> tuple[Any, int] | None:
    """The reply routing picks for ``voter_id``, and how many are left for them after it."""
    from bot.analysis.model import Discussion as Plain
    from bot.analysis.model import Reply as PlainReply
    from bot.analysis.model import Vote as PlainVote
    from bot.analysis.polis.routing import next_reply_for

    by_id = {row.id: row for row in rows if visible(row.text)}  # nothing to read: not offered
    if not any(
        r.author_id != voter_id and str(r.author_id) not in excluded for r in by_id.values()
    ):
        raise UserError("card-nothing-yet")  # not "you voted on every reply": there is none
    plain = Plain(
        id=str(discussion.id),
        question=discussion.question,
        options=discussion.options,
        language=discussion.language,
        replies=tuple(
            PlainReply(id=str(r.id), author_id=str(r.author_id), text=r.text)
            for r in by_id.values()
        ),
        votes=tuple(PlainVote(str(v.reply_id), str(v.voter_id), v.value) for v in votes),
    )
    chosen = next_reply_for(
        str(voter_id), plain, exclude_user_ids=excluded, again=frozenset(str(r) for r in again)
    )
    if chosen is None:
        return None
    # what she is yet to see: the replies she never voted on, and those edited since her vote
    voted = {v.reply_id for v in votes if v.voter_id == voter_id} - again | {int(chosen)}
    remaining = sum(
        1
        for r in by_id.values()
        if r.author_id != voter_id and r.id not in voted and str(r.author_id) not in excluded
    )
    return by_id[int(chosen)], remaining


async def vote_on_card(
    app: App,
    *,
    guild_id: int,
    discussion_id: int,
    reply_id: int,
    voter_id: int,
    value: int,
    readable: Readable,
    shown_at: datetime | None = None,
) -> None:
    """Queue her vote, then say why it does not count when it does not.

    Queued before the reply is read: two clicks at once are queued in the order she
    made them, so her last click is her vote. The writer keeps only a vote on a
    stored, undeleted reply of this discussion by someone else (what is refused here).

    ``shown_at``: when the card showed her the reply. Her vote is on the text she read
    then: dated from it, a reply edited while she read it is one edited since her vote
    (shown to her again, marked in the summaries), not a vote on a text she never saw.
    """
    discussion = await open_discussion(app, guild_id, discussion_id, readable=readable)
    if value not in (-1, 0, 1):
        raise UserError("error-option")
    if (guild_id, voter_id) in app.optouts:
        raise UserError("error-opted-out")
    await app.buffer.put(
        VoteSet(
            reply_id=reply_id,
            voter_id=voter_id,
            discussion_id=discussion.id,
            guild_id=guild_id,
            value=value,
            at=min(app.clock.now(), shown_at or app.clock.now()),
        )
    )
    async with app.sessions() as session:
        reply = await reply_repo.get_reply(session, guild_id, reply_id)
    if reply is not None and reply.discussion_id == discussion.id and reply.deleted:
        return  # deleted since the card showed it: nothing to vote on, the card moves on
    if reply is None or reply.discussion_id != discussion.id:
        raise NotFound("reply")
    if reply.author_id == voter_id:
        raise UserError("error-own-reply")
