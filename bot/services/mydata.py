"""``/mydata``: a member sees, downloads and erases what is stored about them,
or stops its storing (opt-out)."""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import discord

from bot.app import App
from bot.services import export
from bot.write_behind import INTERACTIVE_WAIT
from db.models import Discussion, Reply, ReplyRevision, Stance
from db.repositories import audit, members
from db.repositories import replies as reply_repo

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MyData:
    counts: members.MemberCounts
    stances: list[tuple[Stance, Discussion]]
    replies: list[tuple[Reply, int | None]]


async def my_data(app: App, guild_id: int, user_id: int) -> MyData:
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    async with app.sessions() as session:
        counts = await members.counts(session, guild_id, user_id)
        stances = await members.stances_of(session, guild_id, user_id)
        recent = await reply_repo.page(session, guild_id, author_id=user_id, limit=10)
    return MyData(counts, stances, recent)


async def my_data_file(app: App, guild_id: int, user_id: int) -> io.BytesIO:
    """Everything stored about the member in this server, as JSONL.

    One line each: ``reply`` (with every earlier version, oldest first, in
    ``revisions``), ``vote``, ``stance`` (her choice now, per discussion),
    ``stance_change`` (every click), ``preference`` and ``privacy_interval``
    (the spans in which nothing of hers is stored: opt-outs, an erasure).
    Ids are strings, times ISO 8601 UTC.
    """
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    out = io.BytesIO()

    def write(record: dict[str, Any]) -> None:
        out.write((json.dumps(record, ensure_ascii=False) + "\n").encode())

    async with app.sessions() as session:
        before = None
        while True:
            rows = await reply_repo.page(
                session, guild_id, author_id=user_id, before_id=before, limit=500
            )
            revisions = await members.revisions_of(session, [r.id for r, _ in rows])
            for r, _ in rows:
                write(_reply_record(r, revisions.get(r.id, [])))
            if len(rows) < 500:
                break
            before = rows[-1][0].id
        for vote in await members.votes_by(session, guild_id, user_id):
            write(
                {
                    "type": "vote",
                    "reply_id": str(vote.reply_id),
                    "discussion_id": str(vote.discussion_id),
                    "value": vote.value,
                    "at": export.iso(vote.at),
                }
            )
        for stance, discussion in await members.stances_of(
            session, guild_id, user_id, limit=10_000
        ):
            write(
                {
                    "type": "stance",
                    "discussion_id": str(discussion.id),
                    "option": _option(discussion, stance.option),
                    "at": export.iso(stance.at),
                }
            )
        for change, discussion in await members.stance_history(session, guild_id, user_id):
            write(
                {
                    "type": "stance_change",
                    "discussion_id": str(discussion.id),
                    "option": _option(discussion, change.option),
                    "at": export.iso(change.at),
                }
            )
        preference = await members.preference_of(session, guild_id, user_id)
        if preference is not None:
            write(
                {
                    "type": "preference",
                    "opted_out": preference.opted_out,
                    "updated_at": export.iso(preference.updated_at),
                }
            )
        for span in await members.spans_of(session, guild_id, user_id):
            write(
                {
                    "type": "privacy_interval",
                    "reason": span.reason,
                    "starts_at": export.iso(span.starts_at),
                    "ends_at": export.iso(span.ends_at),
                }
            )
    out.seek(0)
    return out


def _reply_record(reply: Reply, revisions: list[ReplyRevision]) -> dict[str, Any]:
    return {
        "type": "reply",
        "id": str(reply.id),
        "discussion_id": str(reply.discussion_id),
        "text": reply.text,
        "created_at": export.iso(reply.created_at),
        "edited_at": export.iso(reply.edited_at),
        "reply_to": str(reply.reply_to) if reply.reply_to is not None else None,
        "via_form": reply.via_modal,
        "revisions": [
            {"text": revision.text, "replaced_at": export.iso(revision.edited_at)}
            for revision in revisions
        ],
    }


def _option(discussion: Discussion, index: int) -> str | None:
    options = discussion.options
    return options[index] if 0 <= index < len(options) else None


async def erase_member(
    app: App, guild_id: int, user_id: int, *, at: datetime | None = None
) -> members.Erasure:
    """Erase what is stored about a member in one server, for good.

    ``at`` is when she asked (Discord's clock: her click's id), so that
    anything she did before, brought back later by catch-up, is recognised.
    Pending writes are flushed first, then new ones are judged by the
    erasure before the database is changed: nothing slips in between.
    """
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    when = at or app.clock.now()
    app.optouts.erased(guild_id, user_id, when)
    async with app.sessions.begin() as session:
        erasure = await members.erase_member(session, guild_id, user_id, when)
        await audit.record(
            session, guild_id, "member_data_erased", actor_id=None, now=app.clock.now()
        )
    app.optouts.erased(guild_id, user_id, when)  # again: a catch-up may have reloaded meanwhile
    return erasure


async def remove_form_posts(client: discord.Client, posts: list[tuple[int, int]]) -> int:
    """Delete the bot's posts of erased form replies from their threads; returns how many.

    A post already gone counts as removed; one Discord refuses is left for
    the next catch-up, which removes erased form posts it still finds.
    """
    removed = 0
    for thread_id, message_id in posts:
        try:
            channel = client.get_channel(thread_id) or await client.fetch_channel(thread_id)
            if not isinstance(channel, discord.Thread):
                continue
            archived = channel.archived
            if archived:  # a closed discussion: Discord refuses changes in archived threads
                await channel.edit(archived=False)
            try:
                await channel.get_partial_message(message_id).delete()
            finally:
                if archived:
                    await channel.edit(archived=True)
            removed += 1
        except discord.NotFound:
            removed += 1
        except discord.HTTPException as error:
            log.info("could not remove erased form post %s: HTTP %s", message_id, error.status)
    return removed


async def set_opted_out(
    app: App, guild_id: int, user_id: int, opted_out: bool, *, at: datetime | None = None
) -> None:
    """Opt out or in from ``at`` (Discord's clock: the command's id) onwards."""
    when = at or app.clock.now()
    async with app.sessions.begin() as session:
        await members.set_opted_out(session, guild_id, user_id, opted_out, when)
    app.optouts.set(guild_id, user_id, opted_out, when)


async def load_optouts(app: App) -> None:
    """Today's choices and every member's spans, from the database."""
    async with app.sessions() as session:
        pairs = await members.opted_out_members(session)
        spans = await members.privacy_spans(session)
    app.optouts.reset(pairs, [(s.guild_id, s.user_id, s.starts_at, s.ends_at) for s in spans])
