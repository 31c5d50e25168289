"""``/mydata``: a member sees, downloads and erases what is stored about them,
or stops its storing (opt-out)."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import discord
from sqlalchemy.ext.asyncio import AsyncSession

from bot import export_format as record
from bot.app import App
from bot.discord_faults import NO_ANSWER
from bot.errors import UserError
from bot.i18n import t
from bot.services import staff_notice
from bot.services.summary import unquote_in_thread
from bot.services.threads import unarchived
from bot.write_behind import INTERACTIVE_WAIT
from db.models import Discussion, Reply, Stance
from db.repositories import audit, erased_texts, members
from db.repositories import discussions as discussion_repo
from db.repositories import replies as reply_repo
from db.repositories import suggestions as suggestion_repo
from db.repositories.events import ReplyDeleted

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
    ``stance_change`` (every click), ``suggestion`` (the questions she
    suggested, with their outcome), ``preference`` (opt-out, hidden from the
    leaderboard) and ``privacy_interval`` (the spans in which nothing of hers
    is stored: opt-outs, an erasure).

    Left out, as derived from what is here: her replies' sentence vectors
    (computed from the texts above, numbers that say nothing by themselves),
    her participation figures and streaks (counted from her replies and
    stances when asked, never stored). Reminders and posting slots hold
    nothing about a member; a question made of her suggestion is named by its
    ``question_id``; her own audit entries (``suggestion_add``) only repeat
    when she suggested.
    """
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    out = io.BytesIO()

    def write(line: dict[str, object]) -> None:
        out.write(record.record_line(line).encode())

    async with app.sessions() as session:
        await _write_replies(session, guild_id, user_id, write)
        for vote in await members.votes_by(session, guild_id, user_id):
            write(record.download_vote_record(vote))
        for stance, discussion in await members.stances_of(
            session, guild_id, user_id, limit=10_000
        ):
            option = _option(discussion, stance.option)
            write(record.download_stance_record(discussion.id, option, stance.at))
        for change, discussion in await members.stance_history(session, guild_id, user_id):
            option = _option(discussion, change.option)
            write(record.download_stance_change_record(discussion.id, option, change.at))
        for suggestion in await suggestion_repo.of_author(session, guild_id, user_id):
            write(record.download_suggestion_record(suggestion))
        preference = await members.preference_of(session, guild_id, user_id)
        if preference is not None:
            write(
                record.download_preference_record(
                    preference.opted_out,
                    bool(preference.hidden_from_leaderboard),
                    preference.updated_at,
                )
            )
        for span in await members.spans_of(session, guild_id, user_id):
            write(record.download_privacy_record(span.reason, span.starts_at, span.ends_at))
    out.seek(0)
    return out


async def _write_replies(
    session: AsyncSession, guild_id: int, user_id: int, write: Callable[[dict[str, object]], None]
) -> None:
    """Her replies, 500 at a time, each with every earlier version."""
    before = None
    while True:
        rows = await reply_repo.page(
            session, guild_id, author_id=user_id, before_id=before, limit=500
        )
        revisions = await members.revisions_of(session, [reply.id for reply, _ in rows])
        for reply, _ in rows:
            write(record.download_reply_record(reply, revisions.get(reply.id, [])))
        if len(rows) < 500:
            return
        before = rows[-1][0].id


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


async def delete_form_reply(
    app: App, client: discord.Client, guild_id: int, user_id: int, message_id: int
) -> None:
    """Delete one reply the member posted through the form: the post is the bot's
    message, which she cannot delete herself. Its stored text goes as a deleted
    message's does (and its quote from a closing summary, when Discord tells the bot)."""
    async with app.sessions() as session:
        reply = await reply_repo.get_reply(session, guild_id, message_id)
        thread_id = await discussion_repo.thread_of_reply(session, message_id)
    mine = reply is not None and reply.via_modal and reply.author_id == user_id
    if reply is None or not mine or reply.deleted or thread_id is None:
        # The form's button as the post shows it (the server's language), in her sentence.
        button = t("button-reply", app.guild_language(guild_id))
        raise UserError("error-not-your-form-reply", reply=button)
    try:
        gone = await remove_form_post(client, thread_id, message_id)
    except NO_ANSWER as error:  # no answer: still there
        log.warning("could not delete form reply %s: %r", message_id, error)
        gone = False
    if not gone:
        raise UserError("error-delete-unavailable")
    await app.buffer.put(
        ReplyDeleted(id=message_id, discussion_id=reply.discussion_id, guild_id=guild_id)
    )


async def remove_form_posts(client: discord.Client, posts: list[tuple[int, int]]) -> int:
    """Delete the bot's posts of erased form replies from their threads; returns how many
    are gone (one already gone counts)."""
    return sum([await remove_form_post(client, thread, message) for thread, message in posts])


async def remove_form_post(client: discord.Client, thread_id: int, message_id: int) -> bool:
    """Delete the bot's post of an erased form reply; True when it is gone (already gone,
    or its thread), False when Discord refused."""
    try:
        channel = client.get_channel(thread_id) or await client.fetch_channel(thread_id)
        if isinstance(channel, discord.Thread):
            async with unarchived(channel):
                await channel.get_partial_message(message_id).delete()
    except discord.NotFound:
        return True
    except discord.HTTPException as error:
        log.info("could not remove erased form post %s: HTTP %s", message_id, error.status)
        return False
    return True


async def clean_up_erasures(app: App, client: discord.Client) -> int:
    """What erasures left on Discord: review cards to delete, question posts that still
    credit an erased member to draw again, the bot's posts of her form answers to delete
    and the posted summaries' quotes of her replies to take out. Returns how many were
    done.

    Called after ``/mydata delete`` and at every scheduler tick (what ``python -m
    bot forget`` noted, or what Discord refused, is done at the next one).
    """
    return (
        await remove_review_cards(app, client)
        + await redraw_credited_posts(app, client)
        + await remove_erased_texts(app, client)
    )


async def clean_up_erasures_now(app: App, client: discord.Client) -> None:
    """:func:`clean_up_erasures` right after an erasure was answered: Discord failing it
    (a time-out, a dropped connection) is logged, not told to the member, whose data is
    erased all the same; what is left stays noted for the scheduler's next tick."""
    try:
        await clean_up_erasures(app, client)
    except (discord.HTTPException, *NO_ANSWER) as error:
        log.warning("erasures not taken off Discord yet (the next tick tries again): %r", error)


async def remove_erased_texts(app: App, client: discord.Client) -> int:
    """Take off Discord the erased words noted in ``erased_discord_texts``; what Discord
    refuses stays noted. Returns how many notes were done."""
    async with app.sessions() as session:
        noted = await erased_texts.pending(session)
    by_thread: dict[tuple[int, str], list[int]] = {}
    guild_of: dict[int, int] = {}
    for row in noted:
        if app.settings.owns_guild(row.guild_id):
            by_thread.setdefault((row.thread_id, row.kind), []).append(row.message_id)
            guild_of[row.thread_id] = row.guild_id
    done = 0
    for (thread_id, kind), message_ids in by_thread.items():
        if kind == erased_texts.QUOTE:
            if await _quotes_held(app, client, guild_of[thread_id], thread_id):
                continue
            unquoted = await unquote_in_thread(client, thread_id, set(message_ids))
            gone = message_ids if unquoted else []
        else:
            gone = [m for m in message_ids if await remove_form_post(client, thread_id, m)]
        if gone:
            async with app.sessions.begin() as session:
                await erased_texts.done(session, kind, gone)
            done += len(gone)
    return done


async def _quotes_held(app: App, client: discord.Client, guild_id: int, thread_id: int) -> bool:
    """Whether the bot may not take quotes out of the summaries in ``thread_id`` now, as its
    cache shows (a closed discussion's locked thread opens only with Manage Threads): then
    nothing is asked of Discord, which would refuse it at every tick, and staff are told
    once what to give back. Told again only after the quotes went and others are held."""
    async with app.sessions() as session:
        discussion = await discussion_repo.by_thread(session, guild_id, thread_id)
    lacking = staff_notice.quotes_lacking(client, discussion.channel_id) if discussion else []
    if not lacking:
        app.quotes_told.discard(thread_id)
        return False
    told = thread_id in app.quotes_told
    level = logging.DEBUG if told else logging.WARNING  # the log, the only word until told
    log.log(level, "erased quotes in thread %s held: the bot lacks %s", thread_id, lacking)
    if thread_id not in app.quotes_told and await staff_notice.tell_quotes_held(
        app, client, guild_id, thread_id, lacking
    ):
        app.quotes_told.add(thread_id)
    return True


async def redraw_credited_posts(app: App, client: discord.Client) -> int:
    """Draw again the question posts that credited an erased member (now without her).

    A post Discord refuses stays noted for the next tick.
    """
    async with app.sessions() as session:
        noted = await suggestion_repo.credits_to_redraw(session)
    done = 0
    for credit in noted:
        if not app.settings.owns_guild(credit.guild_id):
            continue
        async with app.sessions() as session:
            discussion = await session.get(Discussion, credit.discussion_id)
        if discussion is not None and not await _redraw(app, client, discussion):
            continue
        async with app.sessions.begin() as session:
            await suggestion_repo.credit_redrawn(session, credit.discussion_id)
        done += 1
    return done


async def _redraw(app: App, client: discord.Client, discussion: Discussion) -> bool:
    from bot.services.discussions import refresh_post

    thread = None
    if discussion.thread_id is not None:
        try:
            thread = client.get_channel(discussion.thread_id) or await client.fetch_channel(
                discussion.thread_id
            )
        except discord.NotFound:
            thread = None
        except discord.HTTPException:
            return False
    try:
        async with unarchived(thread if isinstance(thread, discord.Thread) else None):
            return await refresh_post(app, client, discussion)
    except discord.HTTPException as error:
        log.info("post of discussion %s not drawn again: HTTP %s", discussion.id, error.status)
        return False


async def remove_review_cards(app: App, client: discord.Client) -> int:
    """Delete from Discord the review cards of erased members' suggestions; returns how
    many went. A card or channel already gone counts as removed; one Discord refuses
    stays noted."""
    async with app.sessions() as session:
        cards = await suggestion_repo.cards_to_remove(session)
    removed = 0
    for card in cards:
        if not app.settings.owns_guild(card.guild_id):
            continue
        try:
            channel = client.get_channel(card.channel_id) or await client.fetch_channel(
                card.channel_id
            )
            if isinstance(channel, discord.TextChannel | discord.Thread):
                await channel.get_partial_message(card.message_id).delete()
            else:  # not a channel that holds messages any more: nothing left to delete
                log.info("review card %s: its channel is gone", card.message_id)
        except discord.NotFound:
            pass
        except discord.HTTPException as error:
            log.info(
                "could not remove erased review card %s: HTTP %s", card.message_id, error.status
            )
            continue
        async with app.sessions.begin() as session:
            await suggestion_repo.card_removed(session, card.message_id)
        removed += 1
    return removed


async def set_opted_out(
    app: App, guild_id: int, user_id: int, opted_out: bool, *, at: datetime | None = None
) -> None:
    """Opt out or in from ``at`` (Discord's clock: the command's id) onwards."""
    when = at or app.clock.now()
    async with app.sessions.begin() as session:
        await members.set_opted_out(session, guild_id, user_id, opted_out, when)
    app.optouts.set(guild_id, user_id, opted_out, when)
