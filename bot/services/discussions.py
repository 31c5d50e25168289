"""Posting a question, closing, extending and reopening a discussion."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, NoReturn

import discord

from bot import permissions, render
from bot.app import App
from bot.discord_text import title
from bot.errors import NotFound, UserError, is_storage_error
from bot.i18n import t
from bot.post_extras import PostExtras
from bot.services import next_question, posts, setup
from bot.state import OpenDiscussion
from db.models import DEFAULT_DURATION_HOURS, Discussion, Guild, Question
from db.repositories import audit, discussions, guilds, questions, unposted

log = logging.getLogger(__name__)

FORUM_TAG = "Et vous ?"
TAG_REQUIRED = 40067
"""Discord's error code: the forum requires a tag on every post, and none was given."""
ARCHIVE_AFTER_MINUTES: Final = 10080
"""Discord's longest: a quiet discussion stays in its forum's or channel's active list for a week
(Discord's default for a forum post is a day)."""


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


async def _resolve_channel(
    app: App, client: discord.Client, guild: Guild
) -> discord.ForumChannel | discord.TextChannel:
    assert guild.channel_id is not None
    channel = client.get_channel(guild.channel_id)
    if channel is None:
        try:
            channel = await client.fetch_channel(guild.channel_id)
        except discord.NotFound:
            await setup.pause_for_problem(app, guild.id, "channel_missing")
            raise UserError("error-channel-missing") from None
        except discord.Forbidden:
            await setup.pause_for_problem(app, guild.id, "missing_permissions")
            raise UserError(
                "error-bot-permissions", permissions=permissions.named(["view_channel"])
            ) from None
    if not isinstance(channel, discord.ForumChannel | discord.TextChannel):
        await setup.pause_for_problem(app, guild.id, "channel_missing")
        raise UserError("error-channel-missing")
    me = channel.guild.me
    lacking = permissions.missing(channel, me) if me is not None else []
    if lacking:
        await setup.pause_for_problem(app, guild.id, "missing_permissions")
        raise UserError("error-bot-permissions", permissions=permissions.named(lacking))
    return channel


async def _forum_tags(channel: discord.ForumChannel) -> list[discord.ForumTag]:
    for tag in channel.available_tags:
        if permissions.tag_name(tag.name) == permissions.tag_name(FORUM_TAG):
            return [tag]
    me = channel.guild.me
    if me is None or not channel.permissions_for(me).manage_channels:
        return []
    try:
        return [await channel.create_tag(name=FORUM_TAG, emoji=discord.PartialEmoji(name="🗳️"))]
    except discord.HTTPException:
        log.info("could not create the forum tag in channel %s", channel.id)
        return []


async def post_question(
    app: App,
    client: discord.Client,
    guild_id: int,
    *,
    question_id: int | None = None,
    slot_at: datetime | None = None,
    actor_id: int | None = None,
    actor_name: str | None = None,
) -> Discussion:
    """Post a question now (the given one, else the next unposted one)."""
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, guild_id)
    if guild is None or guild.channel_id is None:
        raise UserError("error-not-setup")
    channel = await _resolve_channel(app, client, guild)
    discussion, question, was = await _open_discussion(
        app,
        guild,
        channel.id,
        question_id=question_id,
        slot_at=slot_at,
        actor_id=actor_id,
        actor_name=actor_name,
    )
    try:
        sent = await _send_post(
            channel, discussion, question.source, posts.extras(guild, question, discussion)
        )
    except discord.HTTPException as error:
        await _undo_post(app, discussion, question.id, was)
        await _refuse_post(app, guild_id, error)
    try:
        async with app.sessions.begin() as session:
            await discussions.set_posted(
                session, discussion.id, thread_id=sent.thread.id, message_id=sent.message.id
            )
    except Exception:
        # Unrecorded, the post would lead nowhere: it goes, and its question back to the bank.
        await _withdraw(sent)
        try:
            await _undo_post(app, discussion, question.id, was)
        except Exception:
            log.warning("discussion %s could not be undone after its post failed", discussion.id)
        raise
    discussion.thread_id, discussion.message_id = sent.thread.id, sent.message.id
    app.open.add(as_open(discussion))
    app.open.follow_reactions(discussion.id)  # none yet: each one is seen live from now
    log.info("posted discussion %s in guild %s", discussion.id, guild_id)
    await app.schedule_changed()
    return discussion


@dataclass(frozen=True, slots=True)
class StaffPost:
    discussion: Discussion
    resumed: bool
    """The post ended a pause for Discord refusing posts: the schedule resumes."""


async def post_by_staff(
    app: App,
    client: discord.Client,
    guild_id: int,
    *,
    question_id: int | None,
    actor_id: int,
    actor_name: str | None = None,
) -> StaffPost:
    """Staff's ``/question post``: the question posted now; a post that goes through
    shows the channel works again, so a pause for Discord refusing posts there ends."""
    discussion = await post_question(
        app, client, guild_id, question_id=question_id, actor_id=actor_id, actor_name=actor_name
    )
    resumed = await setup.resume_after_post(app, guild_id, actor_id=actor_id, actor_name=actor_name)
    return StaffPost(discussion, resumed)


async def _open_discussion(
    app: App,
    guild: Guild,
    channel_id: int,
    *,
    question_id: int | None,
    slot_at: datetime | None,
    actor_id: int | None,
    actor_name: str | None = None,
) -> tuple[Discussion, Question, str]:
    """The discussion's row and its question marked posted, in one transaction; the
    question's status before, to restore it if Discord refuses the post."""
    now = app.clock.now()
    async with app.sessions.begin() as session:
        if question_id is not None:
            question = await questions.get_question(session, guild.id, question_id)
            if question is None:
                raise NotFound("question")
            was = question.status  # a repost by staff keeps a posted question posted
        else:
            claimed = await next_question.claim(session, guild)
            if claimed is None:
                raise next_question.none_left(guild)
            question, was = claimed, "ready"
        discussion = await discussions.create_discussion(
            session,
            Discussion(
                guild_id=guild.id,
                question_id=question.id,
                question_text=question.text,
                options=list(question.options),
                category=question.category,
                language=guild.language,
                channel_id=channel_id,
                opened_at=now,
                closes_at=now + timedelta(hours=guild.duration_hours),
                slot_at=slot_at,
            ),
        )
        if not await questions.mark_posted(session, question.id):
            raise NotFound("question")  # removed meanwhile: nothing of this post is kept
        if actor_id is not None:
            await audit.record(
                session,
                guild.id,
                "post",
                actor_id=actor_id,
                actor_name=actor_name,
                target=str(question.id),
                now=now,
            )
    return discussion, question, was


async def _refuse_post(app: App, guild_id: int, error: discord.HTTPException) -> NoReturn:
    """Discord refused the post: pause the schedule if it will refuse again, then say why."""
    if isinstance(error, discord.Forbidden):
        await setup.pause_for_problem(app, guild_id, "missing_permissions")
        raise UserError(
            "error-bot-permissions", permissions=permissions.named(["send_messages"])
        ) from None
    if isinstance(error, discord.NotFound):
        await setup.pause_for_problem(app, guild_id, "channel_missing")
        raise UserError("error-channel-missing") from None
    if error.code == TAG_REQUIRED:
        await setup.pause_for_problem(app, guild_id, "forum_tag")
        raise UserError("error-forum-tag-required", tag=FORUM_TAG) from None
    log.warning("posting in guild %s failed: HTTP %s", guild_id, error.status)
    raise UserError("error-discord-unavailable") from None


@dataclass(frozen=True, slots=True)
class _Sent:
    thread: discord.Thread
    message: discord.Message
    in_forum: bool


async def _withdraw(sent: _Sent) -> None:
    """Take a post off Discord: a forum post goes with its thread, a text channel's
    message and its thread both."""
    parts: list[discord.Thread | discord.Message] = [sent.thread]
    if not sent.in_forum:
        parts.append(sent.message)
    for part in parts:
        try:
            await part.delete()
        except discord.HTTPException as error:
            log.warning("could not withdraw post %s: HTTP %s", sent.message.id, error.status)


async def _send_post(
    channel: discord.ForumChannel | discord.TextChannel,
    discussion: Discussion,
    source: str | None,
    extras: PostExtras,
) -> _Sent:
    embed = render.new_post_embed(
        discussion_id=discussion.id,
        question=discussion.question_text,
        options=discussion.options,
        closes_at=discussion.closes_at,
        source=source,
        language=discussion.language,
        extras=extras,
    )
    # The buttons are answered by the cogs' dynamic items; the view is only a
    # layout, stopped once sent so discord.py does not keep one per post.
    view = render.question_view(discussion.id, discussion.options, discussion.language)
    name = title(discussion.question_text, 100)
    role_id = extras.role_id
    if role_id is not None and channel.guild.get_role(role_id) is None:
        role_id = None  # deleted while the bot was away: never "@deleted-role"
    content, mentions = _role_ping(role_id, discussion.language)
    if isinstance(channel, discord.ForumChannel):
        created = await channel.create_thread(
            name=name,
            content=content,
            embed=embed,
            view=view,
            applied_tags=await _forum_tags(channel),
            auto_archive_duration=ARCHIVE_AFTER_MINUTES,
            allowed_mentions=mentions,
        )
        view.stop()
        return _Sent(created.thread, created.message, in_forum=True)
    message = await channel.send(content, embed=embed, view=view, allowed_mentions=mentions)
    view.stop()
    try:
        thread = await message.create_thread(name=name, auto_archive_duration=ARCHIVE_AFTER_MINUTES)
    except discord.HTTPException:
        # The discussion is undone: its post, whose buttons would lead nowhere, goes too.
        with contextlib.suppress(discord.HTTPException):
            await message.delete()
        raise
    return _Sent(thread, message, in_forum=False)


def _role_ping(role_id: int | None, language: str) -> tuple[str | None, discord.AllowedMentions]:
    """The line above a new question's post that tells the server's chosen role, and a
    mention allowance for that role only (never anyone else, whatever the text holds)."""
    if role_id is None:
        return None, render.NO_MENTIONS
    line = t("post-role-ping", language, role=f"<@&{role_id}>")
    allowed = discord.AllowedMentions(
        everyone=False, users=False, roles=[discord.Object(id=role_id)], replied_user=False
    )
    return line, allowed


async def _undo_post(app: App, discussion: Discussion, question_id: int, was: str) -> None:
    async with app.sessions.begin() as session:
        row = await session.get(Discussion, discussion.id)
        if row is not None:
            await session.delete(row)
        await questions.unmark_posted(session, question_id, was)


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
        await _set_thread_closed(client, discussion, closed=True)
    await refresh_post(app, client, discussion)
    await app.schedule_changed()
    return True


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
    await _unlock_to_reopen(thread)
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
        await _set_thread_closed(client, discussion, closed=True)  # stays closed, as stored
        raise
    discussion.closed_at, discussion.closes_at = None, closes_at
    app.open.add(as_open(discussion))
    try:
        await thread.send(
            t("discussion-reopened", discussion.language, closes=render.timestamp(closes_at)),
            allowed_mentions=render.NO_MENTIONS,
        )
    except discord.HTTPException as error:
        log.info("reopen notice failed in %s: %s", discussion.thread_id, error.status)
    await refresh_post(app, client, discussion)
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
        except discord.HTTPException as error:
            log.info("extension notice failed in %s: %s", current.thread_id, error.status)
    await refresh_post(app, client, current)
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
        except discord.HTTPException:
            return None
    return channel if isinstance(channel, discord.Thread) else None


async def _set_thread_closed(
    client: discord.Client, discussion: Discussion, *, closed: bool
) -> None:
    thread = await _thread(client, discussion)
    if thread is None:
        return
    try:
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
