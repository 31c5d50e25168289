"""A discussion's life once posted: closing, extending, reopening, its post refreshed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import discord

from bot import permissions, render
from bot.app import App
from bot.discord_faults import NO_ANSWER
from bot.discord_text import title
from bot.errors import NotFound, UserError, is_storage_error
from bot.i18n import Listed, t
from bot.services import posts, setup
from bot.state import OpenDiscussion
from db.models import DEFAULT_DURATION_HOURS, Discussion, Question
from db.repositories import audit, discussions, guilds, unposted

log = logging.getLogger(__name__)


def as_open(discussion: Discussion) -> OpenDiscussion:
    return OpenDiscussion(
        id=discussion.id,
        guild_id=discussion.guild_id,
        thread_id=discussion.thread_id or 0,
        message_id=discussion.message_id or 0,
        channel_id=discussion.channel_id,
        options=tuple(discussion.options),
        language=discussion.language,
        closes_at=discussion.closes_at,
        question=discussion.question_text,
    )


async def load_open(app: App) -> None:
    """Rebuild the in-memory index of open discussions for this process's servers."""
    async with app.sessions() as session:
        rows = await discussions.open_discussions(session)
    app.open.clear()
    for row in rows:
        if app.settings.owns_guild(row.guild_id):
            app.open.add(as_open(row))


async def get_scoped(app: App, guild_id: int, discussion_id: int) -> Discussion:
    async with app.sessions() as session:
        found = await discussions.get_discussion(session, guild_id, discussion_id)
    if found is None:
        raise NotFound("discussion")
    return found


async def resolve(
    app: App, guild_id: int, discussion_id: int | None, channel_id: int | None
) -> Discussion:
    """The discussion named by id, else the one whose thread the command runs in."""
    if discussion_id is not None:
        return await get_scoped(app, guild_id, discussion_id)
    if channel_id is not None:
        async with app.sessions() as session:
            found = await discussions.by_thread(session, guild_id, channel_id)
        if found is not None:
            return found
    raise UserError("error-discussion-needed")


async def close(
    app: App,
    client: discord.Client,
    discussion: Discussion,
    *,
    actor_id: int | None = None,
    actor_name: str | None = None,
    announce: bool = True,
    due_by: datetime | None = None,
) -> bool:
    """Close a discussion; ``False`` when it was closed already, or (``due_by``: the
    scheduler's closing of the discussions due then) when it is no longer due, extended
    since it was read."""
    now = app.clock.now()
    async with app.sessions.begin() as session:
        if not await discussions.mark_closed(session, discussion.id, now, due_by=due_by):
            return False
        if announce and discussion.thread_id is not None:  # owed with the closing, at once
            await unposted.owed(
                session, discussion.guild_id, discussion.id, owner=app.instance, now=now
            )
        if actor_id is not None:
            await audit.record(
                session,
                discussion.guild_id,
                "close",
                actor_id=actor_id,
                actor_name=actor_name,
                target=str(discussion.id),
                now=now,
            )
    app.open.remove(discussion.id)
    discussion.closed_at = now
    if announce:
        from bot.services import summary

        await summary.post_closing(app, client, discussion)
    if await _still_closed(app, discussion):  # not reopened while the summary was written
        await _lock_closed(app, client, discussion)
    await _redraw(app, client, discussion)
    await app.schedule_changed()
    return True


async def _redraw(app: App, client: discord.Client, discussion: Discussion) -> None:
    """Redraw the question post after a close, a reopening or an extension; Discord giving
    no answer, a later tick redraws it (what was stored stands, and staff are told so)."""
    try:
        await refresh_post(app, client, discussion)
    except NO_ANSWER as error:
        log.info("post of discussion %s not redrawn (%r): next tick", discussion.id, error)
        app.redraws_owed.add(discussion.id)


async def redraw_again(app: App, client: discord.Client) -> None:
    """Redraw the posts Discord gave no answer for after a close, a reopening or an
    extension (each tick until done)."""
    for discussion_id in sorted(app.redraws_owed):
        async with app.sessions() as session:
            current = await session.get(Discussion, discussion_id)
        try:
            if current is not None:
                await refresh_post(app, client, current)
        except NO_ANSWER as error:
            log.info("post of discussion %s not redrawn (%r): next tick", discussion_id, error)
            continue
        app.redraws_owed.discard(discussion_id)


def summary_waits_for(app: App, discussion_id: int) -> Listed | None:
    """The permissions the closing summary of ``discussion_id`` waits for in its thread,
    named for a message (none when it is not held)."""
    lacking = app.summaries_held.get(discussion_id)
    return permissions.named(lacking) if lacking else None


async def _still_closed(app: App, discussion: Discussion) -> bool:
    """Whether the discussion this process just closed is still closed (a moderator may
    have reopened it while its summary was written); the database away, it is taken as
    closed, as it was a moment ago."""
    try:
        async with app.sessions() as session:
            current = await discussions.get_discussion(session, discussion.guild_id, discussion.id)
    except Exception as error:
        if not is_storage_error(error):
            raise
        return True
    return current is not None and current.closed_at is not None


async def reopen(
    app: App,
    client: discord.Client,
    discussion: Discussion,
    *,
    actor_id: int,
    actor_name: str | None = None,
) -> Discussion:
    if discussion.closed_at is None:
        raise UserError("error-not-closed")
    thread = await _required_thread(client, discussion)
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, discussion.guild_id)
    hours = guild.duration_hours if guild else DEFAULT_DURATION_HOURS
    now = app.clock.now()
    closes_at = now + timedelta(hours=hours)
    try:
        await _unlock_to_reopen(thread)
    except NO_ANSWER:  # it may be unlocked all the same: a tick locks it again (still closed)
        app.locks_owed.setdefault(discussion.id, 0)
        raise UserError("error-reopen-no-answer", id=discussion.id) from None
    try:
        async with app.sessions.begin() as session:
            if not await discussions.reopen(session, discussion.id, closes_at):
                raise UserError("error-not-closed")  # reopened a moment ago by someone else
            await audit.record(
                session,
                discussion.guild_id,
                "reopen",
                actor_id=actor_id,
                actor_name=actor_name,
                target=str(discussion.id),
                now=now,
            )
    except UserError:
        raise  # reopened by someone else: open it is, unlocked
    except Exception:
        await _lock_closed(app, client, discussion)  # stays closed, as stored
        raise
    discussion.closed_at, discussion.closes_at = None, closes_at
    app.open.add(as_open(discussion))
    from bot.services.optouts import load_optouts

    try:
        await load_optouts(app)  # the spans its older thread needs again
    except Exception as error:
        if not is_storage_error(error):
            raise
        log.warning("opt-outs not reloaded after reopening %s: %r", discussion.id, error)
    try:
        await thread.send(
            t("discussion-reopened", discussion.language, closes=render.timestamp(closes_at)),
            allowed_mentions=render.NO_MENTIONS,
        )
    except (discord.HTTPException, *NO_ANSWER) as error:
        log.info("reopen notice failed in %s: %r", discussion.thread_id, error)
    await _redraw(app, client, discussion)
    await app.schedule_changed()
    return discussion


MAX_OPEN_HOURS = setup.MAX_DURATION
"""An extension never leaves a discussion open longer from now than ``/setup`` allows."""


EXTEND_TRIES = 3


async def extend(
    app: App,
    client: discord.Client,
    discussion: Discussion,
    *,
    hours: int,
    actor_id: int,
    actor_name: str | None = None,
) -> Discussion:
    """Keep an open discussion open ``hours`` longer (from now, if its time has come and its
    closing is pending): the post, the thread, the closing timer and the reminder follow."""
    if not 1 <= hours <= MAX_OPEN_HOURS:
        raise UserError("error-extend-hours", max=MAX_OPEN_HOURS)
    for _ in range(EXTEND_TRIES):
        now = app.clock.now()
        async with app.sessions.begin() as session:
            current = await discussions.get_discussion(session, discussion.guild_id, discussion.id)
            if current is None:
                raise NotFound("discussion")
            if current.closed_at is not None:
                raise UserError("error-extend-closed", id=current.id)
            latest = now + timedelta(hours=MAX_OPEN_HOURS)
            closes_at = max(current.closes_at, now) + timedelta(hours=hours)
            if closes_at > latest:
                left = max(0, (latest - max(current.closes_at, now)) // timedelta(hours=1))
                raise UserError("error-extend-too-long", max=MAX_OPEN_HOURS, left=left)
            if await discussions.move_close(session, current.id, current.closes_at, closes_at):
                await audit.record(
                    session,
                    current.guild_id,
                    "extend",
                    actor_id=actor_id,
                    actor_name=actor_name,
                    target=str(current.id),
                    now=now,
                )
                break
    else:
        raise UserError("error-extend-busy")
    current.closes_at = closes_at
    app.open.add(as_open(current))
    thread = await _thread(client, current)
    if thread is not None:
        notice = t("discussion-extended", current.language, closes=render.timestamp(closes_at))
        try:
            await thread.send(notice, allowed_mentions=render.NO_MENTIONS)
        except (discord.HTTPException, *NO_ANSWER) as error:
            log.info("extension notice failed in %s: %r", current.thread_id, error)
    await _redraw(app, client, current)
    await app.schedule_changed()
    return current


async def _required_thread(client: discord.Client, discussion: Discussion) -> discord.Thread:
    """A discussion is reopened only where members can still answer: its thread."""
    if discussion.thread_id is None:
        raise UserError("error-thread-gone")
    try:
        channel = client.get_channel(discussion.thread_id) or await client.fetch_channel(
            discussion.thread_id
        )
    except discord.NotFound:
        raise UserError("error-thread-gone") from None
    except discord.Forbidden:
        raise UserError(
            "error-bot-permissions", permissions=permissions.named(["view_channel"])
        ) from None
    except discord.HTTPException:
        raise UserError("error-discord-unavailable") from None
    except NO_ANSWER:
        raise UserError("error-reopen-no-answer", id=discussion.id) from None
    if not isinstance(channel, discord.Thread):
        raise UserError("error-thread-gone")
    return channel


async def _unlock_to_reopen(thread: discord.Thread) -> None:
    """Unlock the closed discussion's thread before it is stored as open: a reopening
    Discord refused left a discussion « reopened » where nobody could answer."""
    try:
        await thread.edit(archived=False, locked=False)
    except discord.Forbidden:
        raise UserError(
            "error-reopen-unlock", permissions=permissions.named(["manage_threads"])
        ) from None
    except discord.NotFound:
        raise UserError("error-thread-gone") from None
    except discord.HTTPException:
        raise UserError("error-discord-unavailable") from None


async def _thread(client: discord.Client, discussion: Discussion) -> discord.Thread | None:
    if discussion.thread_id is None:
        return None
    channel = client.get_channel(discussion.thread_id)
    if channel is None:
        try:
            channel = await client.fetch_channel(discussion.thread_id)
        except (discord.HTTPException, *NO_ANSWER):
            return None
    return channel if isinstance(channel, discord.Thread) else None


LOCK_ATTEMPTS = 5
"""Ticks at which a closed discussion's thread Discord failed to lock (an outage) is tried
again: it stayed open for good, members replying under the summary to a discussion that
no longer stores a word."""


async def _lock_closed(app: App, client: discord.Client, discussion: Discussion) -> None:
    """Lock and archive a closed discussion's thread; Discord failing, a later tick tries."""
    if not await _set_thread_closed(client, discussion, closed=True):
        app.locks_owed.setdefault(discussion.id, 0)


async def lock_again(app: App, client: discord.Client) -> None:
    """Lock the threads of closed discussions Discord failed to lock (each tick, up to
    :data:`LOCK_ATTEMPTS` times); one reopened or deleted meanwhile is left alone."""
    for discussion_id, tries in list(app.locks_owed.items()):
        async with app.sessions() as session:
            current = await session.get(Discussion, discussion_id)
        done = (
            current is None
            or current.closed_at is None  # reopened meanwhile: open it stays
            or await _set_thread_closed(client, current, closed=True)
            or tries + 1 >= LOCK_ATTEMPTS
        )
        if done:
            app.locks_owed.pop(discussion_id, None)
        else:
            app.locks_owed[discussion_id] = tries + 1


async def _set_thread_closed(
    client: discord.Client, discussion: Discussion, *, closed: bool
) -> bool:
    """Lock (or unlock) the discussion's thread; ``False`` when Discord failed and a later
    try may do it (refused, or the thread gone: ``True``, nothing a retry would change)."""
    if discussion.thread_id is None:
        return True
    try:
        thread = client.get_channel(discussion.thread_id) or await client.fetch_channel(
            discussion.thread_id
        )
        if not isinstance(thread, discord.Thread):
            return True
        if closed:
            await thread.edit(locked=True, archived=True)
        else:
            await thread.edit(archived=False, locked=False)
    except discord.HTTPException as error:
        log.info(
            "could not %s thread %s: HTTP %s",
            "lock" if closed else "unlock",
            discussion.thread_id,
            error.status,
        )
        return isinstance(error, discord.Forbidden | discord.NotFound)
    except NO_ANSWER as error:  # no answer: a later try may do it
        log.info(
            "could not %s thread %s: %r",
            "lock" if closed else "unlock",
            discussion.thread_id,
            error,
        )
        return False
    return True


async def refresh_post(app: App, client: discord.Client, discussion: Discussion) -> bool:
    """Edit the question post: live counts, and buttons off once closed; ``False`` when
    Discord refused (there is nothing to edit: ``True``)."""
    if discussion.message_id is None:
        return True
    async with app.sessions() as session:
        counts = await discussions.stance_counts(session, discussion.id)
        current = await session.get(Discussion, discussion.id, populate_existing=True)
        question = await session.get(Question, discussion.question_id)
        guild = await guilds.get_guild(session, discussion.guild_id)
    if current is None:
        return True
    closed = current.closed_at is not None
    embed = render.question_embed(
        discussion_id=current.id,
        question=current.question_text,
        options=current.options,
        counts=counts,
        closes_at=current.closes_at,
        closed=closed,
        source=question.source if question else None,
        language=current.language,
        extras=posts.extras(guild, question, current),
    )
    view = render.question_view(current.id, current.options, current.language, closed=closed)
    try:
        parent = client.get_channel(current.channel_id) or await client.fetch_channel(
            current.channel_id
        )
        holder_id = current.thread_id if isinstance(parent, discord.ForumChannel) else parent.id
        if holder_id is None:
            return True
        holder = client.get_channel(holder_id) or await client.fetch_channel(holder_id)
        if isinstance(holder, discord.Thread | discord.TextChannel):
            await holder.get_partial_message(current.message_id or 0).edit(embed=embed, view=view)
            view.stop()
    except discord.NotFound:
        return True  # the post or its channel is gone: nothing left to draw
    except discord.HTTPException as error:
        log.info("could not refresh post of discussion %s: HTTP %s", discussion.id, error.status)
        return False
    return True


async def autocomplete(
    app: App,
    guild_id: int,
    current: str,
    *,
    readable: Callable[[int], bool] = lambda _: True,
    language: str = "en",
) -> list[tuple[int, str]]:
    """Up to 25 of the server's discussions matching ``current`` (id or question), of
    the channels ``readable`` (given a channel id) lets the member see, labelled in her
    ``language``."""
    async with app.sessions() as session:
        # Filtered before the limit: newer discussions in a channel she cannot see
        # (debates moved to a club's channel) would fill the 25 and hide hers.
        channels = [c for c in await discussions.channel_ids(session, guild_id) if readable(c)]
        rows = await discussions.search(
            session, guild_id, current[:100], limit=25, in_channels=channels
        )
    labels = []
    for row in rows:
        state = "🔒 " if row.closed_at else ""
        label = t("discussion-choice", language, id=row.id, question=state + row.question_text)
        labels.append((row.id, title(label, 100)))
    return labels
