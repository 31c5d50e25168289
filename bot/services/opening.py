"""Opening a discussion: its question posted in the server's forum or channel, on
schedule or by staff, and everything a refused or half-made post leaves undone."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, NoReturn

import discord

from bot import permissions, render
from bot.app import App
from bot.discord_faults import NO_ANSWER
from bot.discord_text import title
from bot.errors import NotFound, UserError
from bot.i18n import t
from bot.post_extras import PostExtras
from bot.services import next_question, posts, setup
from bot.services.discussions import as_open
from db.models import Discussion, Guild, Question
from db.repositories import audit, discussions, guilds, questions

log = logging.getLogger(__name__)

DISCORD_PASSING: Final = ("error-discord-unavailable", "error-discord-no-answer-post")
"""A post that failed on Discord's bad moment (a 5xx, or no answer at all): undone, and
tried again at the next tick."""

FORUM_TAG = "Et vous ?"
TAG_REQUIRED = 40067
"""Discord's error code: the forum requires a tag on every post, and none was given."""
ARCHIVE_AFTER_MINUTES: Final = 10080
"""Discord's longest: a quiet discussion stays in its forum's or channel's active list for a week
(Discord's default for a forum post is a day)."""


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
    except NO_ANSWER as error:  # no answer: the post may be there all the same
        await _undo_post(app, discussion, question.id, was)
        log.warning("posting in guild %s got no answer from Discord: %r", guild_id, error)
        raise UserError("error-discord-no-answer-post") from None
    try:
        async with app.sessions.begin() as session:
            recorded = await discussions.set_posted(
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
    if not recorded:  # its server erased meanwhile (/erase-and-leave): nothing of it stays
        log.info("discussion %s of guild %s erased as it was posted", discussion.id, guild_id)
        await _withdraw(sent)
        raise UserError("error-not-setup")
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
        raise UserError("error-forum-tag-required") from None
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
    except (discord.HTTPException, *NO_ANSWER):
        # The discussion is undone: its post, whose buttons would lead nowhere, goes too.
        with contextlib.suppress(discord.HTTPException, *NO_ANSWER):
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
