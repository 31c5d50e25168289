"""``/summary`` and the closing message: who stands where, and why.

:func:`build` returns the typed summary and what rendering it needs (jump
links, author names, charts); each interface renders it (Discord:
:mod:`bot.discord_render.summary`). The analysis and the charts run in a
worker thread so the event loop never blocks on them.

A closing summary that fails (Discord refuses or is away, the analysis
breaks) is tried again at the next scheduler ticks, :data:`CLOSING_ATTEMPTS`
times in all, and staff are told in the thread each time (or in the
discussion's text channel when the thread will not take it), never only in
the log. The failed attempts are stored (``unposted_summaries``), with the
messages already in the thread: after a restart the next tick goes on with the
rest, never posting a part twice. One the bot may not post in its thread (a permission
taken there) is held instead: no request Discord would refuse, no attempt counted, staff
told once in their review channel what to give back, and posted at the tick after.
"""

from __future__ import annotations

import asyncio
import copy
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import discord

from bot.analysis import model
from bot.analysis.language import clear_language
from bot.analysis.summary import DiscussionSummary
from bot.app import App
from bot.charts.summary_charts import SummaryCharts
from bot.discord_faults import NO_ANSWER
from bot.discord_render.messages import EMPTY
from bot.discord_render.summary import summary_messages
from bot.errors import StorageUnavailable, is_storage_error
from bot.i18n import t
from bot.render import NO_MENTIONS
from bot.services import plain, staff_notice
from bot.services.threads import unarchived
from bot.write_behind import INTERACTIVE_WAIT
from db.models import Discussion
from db.repositories import discussions as discussion_repo
from db.repositories import unposted

log = logging.getLogger(__name__)

CLOSING_ATTEMPTS = 3
"""Tries of a closing summary (the first, then one per scheduler tick)."""


@dataclass(frozen=True, slots=True)
class Summary:
    """A discussion's typed summary and what rendering it needs."""

    analysis: DiscussionSummary
    jump_links: Mapping[str, str]
    """Link to each reply the summary cites, by reply id."""
    author_names: Mapping[str, str]
    """Display name of the author of each reply the summary cites, by reply id."""
    charts: SummaryCharts
    text_languages: Mapping[str, str]
    """The language each reply the summary cites is clearly written in, by reply id (none
    when unsure: :func:`~bot.analysis.language.clear_language`)."""


def analyse(
    target: model.Discussion,
    history: list[model.Discussion],
    vectors: Mapping[str, Any] | None = None,
    language: str | None = None,
) -> tuple[DiscussionSummary, SummaryCharts]:
    """The summary of ``target`` (with themes given its replies' ``vectors``) and its charts
    in ``language`` (default: the discussion's; runs in a worker thread). The web room draws
    their dark variants when asked (``summary_cache.SummaryCache.chart``)."""
    from bot.analysis.summarize import summarize  # numpy: not at start-up
    from bot.charts.summary_charts import draw_summary_charts

    analysis = summarize(target, history, vectors=vectors)
    return analysis, draw_summary_charts(analysis, language)


async def _vectors(app: App, target: model.Discussion) -> Mapping[str, Any] | None:
    """The target's reply vectors (stored, the rest encoded now); ``None`` if that fails."""
    from bot.analysis.embeddings import default_encoder
    from bot.services.embeddings import vectors_of

    try:
        return await vectors_of(app, target, default_encoder())
    except Exception:
        log.exception("reply vectors failed for discussion %s: no themes", target.id)
        return None


async def build(app: App, discussion: Discussion, *, language: str | None = None) -> Summary:
    """The summary of ``discussion``, its charts drawn in ``language``, the language it is
    shown in (default: the discussion's; ``/summary show`` answers in the member's)."""
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    loaded = await plain.load_with_history(app, discussion)
    vectors = await _vectors(app, loaded[0])
    analysis, charts = await asyncio.to_thread(analyse, loaded[0], loaded[1:], vectors, language)
    cited = analysis.cited_replies()
    names = {r.id: r.author_name for r in loaded[0].replies}
    quoted = set(cited)
    texts = {r.id: r.text for r in loaded[0].replies if r.id in quoted}
    languages = {i: found for i, text in texts.items() if (found := clear_language(text))}
    return Summary(
        analysis=analysis,
        jump_links={reply_id: jump_link(discussion, reply_id) for reply_id in cited},
        author_names={reply_id: names.get(reply_id, "") for reply_id in cited},
        charts=charts,
        text_languages=languages,
    )


def jump_link(discussion: Discussion, reply_id: str) -> str:
    channel = discussion.thread_id or discussion.channel_id
    return f"https://discord.com/channels/{discussion.guild_id}/{channel}/{reply_id}"


async def post_closing(app: App, client: discord.Client, discussion: Discussion) -> bool:
    """The closing summary in the thread; ``False`` when it failed (staff are told).

    An archived thread (a retry after the thread was locked) is opened for the
    post and archived and locked again after.
    """
    if discussion.thread_id is None:
        return True
    if client.get_guild(discussion.guild_id) is None:
        # Not in the server (removed, or the gateway has not given it yet): nothing to ask
        # Discord, which would refuse; kept for when the bot is back there.
        await _release(app, discussion.id)
        return False
    thread = client.get_channel(discussion.thread_id)
    if thread is None and staff_notice.hidden_channel(client, discussion.channel_id):
        # An archived thread is out of the cache: asking Discord for it at each tick would
        # be refused each time (refusals Discord counts against the bot)
        await _hold(app, client, discussion, None, ["view_channel"])
        return False
    try:
        thread = thread or await client.fetch_channel(discussion.thread_id)
    except discord.NotFound:  # the thread deleted: no summary to post
        await _done(app, discussion.id)
        return True
    except discord.Forbidden:  # the bot may no longer see it: held, staff told
        await _hold(app, client, discussion, None, ["view_channel"])
        return False
    except discord.HTTPException as error:  # Discord's bad moment: the next tick asks again
        log.warning("thread of discussion %s not given: HTTP %s", discussion.id, error.status)
        await _release(app, discussion.id)
        return False
    except NO_ANSWER as error:  # no answer: the same
        log.warning("thread of discussion %s not given: %r", discussion.id, error)
        await _release(app, discussion.id)
        return False
    if not isinstance(thread, discord.Thread):
        await _done(app, discussion.id)
        return True
    lacking = staff_notice.summary_lacking(thread)
    if lacking:
        await _hold(app, client, discussion, thread, lacking)
        return False
    posted = 0
    reopened = False
    try:
        try:
            async with app.sessions() as session:
                posted = await unposted.posted(session, discussion.id)
            summary = await build(app, discussion)
        except Exception as error:
            if not (isinstance(error, StorageUnavailable) or is_storage_error(error)):
                raise
            await _wait_for_storage(app, discussion.id)
            return False
        messages = summary_messages(
            summary.analysis,
            links=summary.jump_links,
            charts=summary.charts,
            content=t("discussion-closed", discussion.language),
        )
        if thread.archived:
            await thread.edit(archived=False)
            reopened = True
        for message in messages[posted:]:
            await thread.send(
                content=message.content,
                embeds=list(message.embeds),
                files=message.files(),
                allowed_mentions=NO_MENTIONS,
            )
            posted += 1
    except Exception as error:
        await _failed(app, client, discussion, posted, error)
        return False
    finally:
        if reopened:
            await _archive(thread)
    await _done(app, discussion.id)
    return True


async def _wait_for_storage(app: App, discussion_id: int) -> None:
    """The summary could not be read, the database away or still writing what members
    sent (a catch-up's backlog): nothing is wrong with Discord or the summary, so no
    attempt is counted and members are told nothing; it stays owed, let go for the next
    tick (three notices then « given up » came of a database away three minutes)."""
    log.warning("closing summary of discussion %s waits for the database", discussion_id)
    await _release(app, discussion_id)


async def _release(app: App, discussion_id: int) -> None:
    """Let the summary's claim go without counting an attempt: the next tick tries it."""
    try:
        async with app.sessions.begin() as session:
            await unposted.release(session, discussion_id)
    except Exception:  # the database away: the claim lapses by itself
        log.info("closing summary of discussion %s: claim left to lapse", discussion_id)


async def _hold(
    app: App,
    client: discord.Client,
    discussion: Discussion,
    thread: discord.Thread | None,
    lacking: list[str],
) -> None:
    """The bot may not post in the thread now (a moderator took a permission there; ``None``:
    Discord will not even give the bot the thread): nothing Discord would refuse is sent,
    no attempt is counted (three refusals gave it up for good, and giving the permission
    back posted nothing), and staff are told once what to give back; the tick after they
    do posts it. Logged as a warning until staff are told (the log is the only word then)."""
    told = discussion.id in app.summaries_told
    log.log(
        logging.DEBUG if told else logging.WARNING,
        "closing summary of discussion %s held: the bot lacks %s in thread %s",
        discussion.id,
        ", ".join(lacking),
        discussion.thread_id,
    )
    await _release(app, discussion.id)
    app.summaries_held[discussion.id] = tuple(lacking)
    if discussion.id not in app.summaries_told and await staff_notice.tell_summary_held(
        app, client, discussion, thread, lacking
    ):
        app.summaries_told.add(discussion.id)


async def _done(app: App, discussion_id: int) -> None:
    async with app.sessions.begin() as session:
        await unposted.done(session, discussion_id)
    app.summaries_held.pop(discussion_id, None)
    app.summaries_told.discard(discussion_id)  # held again later (reopened, closed): told again


async def retry_unposted(app: App, client: discord.Client) -> None:
    """Post again the closing summaries that failed (called at each scheduler tick),
    those of this process's servers only, each claimed first so that two processes
    on one database never both post it."""
    async with app.sessions() as session:
        waiting = await unposted.pending(session)
    for guild_id, discussion_id in waiting:
        if not app.settings.owns_guild(guild_id):
            continue
        async with app.sessions() as session:
            discussion = await discussion_repo.get_discussion(session, guild_id, discussion_id)
        if discussion is None or discussion.closed_at is None:
            await _done(app, discussion_id)  # deleted, or reopened: it will close again
            continue
        async with app.sessions.begin() as session:
            mine = await unposted.claim(
                session, discussion_id, owner=app.instance, now=app.clock.now()
            )
        if mine:  # else another process is posting it
            await post_closing(app, client, discussion)


async def _failed(
    app: App, client: discord.Client, discussion: Discussion, posted: int, error: Exception
) -> None:
    try:
        async with app.sessions.begin() as session:
            attempts = await unposted.failed(
                session, discussion.guild_id, discussion.id, posted=posted, now=app.clock.now()
            )
            final = attempts >= CLOSING_ATTEMPTS
            if final:
                await unposted.done(session, discussion.id)
    except Exception:
        # The database is away too: no retry can be recorded, so staff are not
        # promised one (``/summary show`` works once it is back).
        log.exception("failed closing summary of discussion %s not recorded", discussion.id)
        attempts, final = 1, True
    if isinstance(error, discord.HTTPException):
        log.warning(
            "closing summary of discussion %s failed (attempt %d of %d): HTTP %s %s",
            discussion.id,
            attempts,
            CLOSING_ATTEMPTS,
            error.status,
            error.code,
        )
    else:
        log.error(
            "closing summary of discussion %s failed (attempt %d of %d)",
            discussion.id,
            attempts,
            CLOSING_ATTEMPTS,
            exc_info=error,
        )
    key = "summary-failed-final" if final else "summary-failed-retrying"
    notice = t(key, discussion.language, attempts=attempts)
    for channel_id in (discussion.thread_id, discussion.channel_id):
        channel = await _channel(client, channel_id)
        if isinstance(channel, discord.Thread | discord.TextChannel):
            try:
                await channel.send(notice, allowed_mentions=NO_MENTIONS)
                return
            except discord.HTTPException as refused:
                log.info("summary notice refused in %s: HTTP %s", channel_id, refused.status)
    log.error("staff of guild %s could not be told in any channel", discussion.guild_id)


async def _channel(client: discord.Client, channel_id: int | None) -> object:
    if channel_id is None:
        return None
    channel = client.get_channel(channel_id)
    if channel is not None:
        return channel
    try:
        return await client.fetch_channel(channel_id)
    except discord.HTTPException:
        return None


async def _archive(thread: discord.Thread) -> None:
    try:
        await thread.edit(archived=True, locked=True)
    except discord.HTTPException as error:
        log.info("could not archive thread %s again: HTTP %s", thread.id, error.status)


POSTED_SCAN = 50
"""Latest messages of a closed thread searched for the closing summary (posted last, before
the thread was locked; a reopened and closed again discussion has one more)."""


async def remove_erased_quotes(client: discord.Client, replies: list[tuple[int, int]]) -> int:
    """Take the quotes of erased replies, ``(thread id, reply id)``, out of the closing
    summaries already posted in their threads; returns how many threads are done.

    Every quote the summary shows is followed by its reply's jump link: a line that links
    to an erased reply is removed, whatever the quote (cut, escaped) reads. Counts are left
    as posted. A thread Discord refuses to open or edit is logged and left.
    """
    by_thread: dict[int, set[int]] = {}
    for thread_id, reply_id in replies:
        by_thread.setdefault(thread_id, set()).add(reply_id)
    return sum([await unquote_in_thread(client, t, ids) for t, ids in by_thread.items()])


async def unquote_in_thread(client: discord.Client, thread_id: int, reply_ids: set[int]) -> bool:
    """Take the lines linking to ``reply_ids`` out of the bot's summaries in one thread.

    True when done: edited, nothing to take out, or the thread is gone; False when
    Discord refused (the caller may try again later).
    """
    try:
        thread = client.get_channel(thread_id) or await client.fetch_channel(thread_id)
        if isinstance(thread, discord.Thread) and client.user is not None:
            await _remove_quotes_in(thread, client.user.id, reply_ids)
    except discord.NotFound:
        return True
    except discord.HTTPException as error:
        log.info("erased quotes left in thread %s: HTTP %s", thread_id, error.status)
        return False
    return True


async def _remove_quotes_in(thread: discord.Thread, bot_id: int, reply_ids: set[int]) -> int:
    links = tuple(f"/{thread.id}/{reply_id})" for reply_id in reply_ids)
    changed: list[tuple[discord.Message, list[discord.Embed]]] = []
    async for message in thread.history(limit=POSTED_SCAN):
        if message.author.id != bot_id or not message.embeds:
            continue
        embeds = [_without_lines(embed, links) for embed in message.embeds]
        if any(new is not old for new, old in zip(embeds, message.embeds, strict=True)):
            changed.append((message, embeds))
    if changed:
        async with unarchived(thread):
            for message, embeds in changed:
                await message.edit(embeds=embeds, allowed_mentions=NO_MENTIONS)
    return len(changed)


def _without_lines(embed: discord.Embed, links: tuple[str, ...]) -> discord.Embed:
    """``embed`` without the lines of its fields that link to one of ``links`` (itself when
    none does)."""
    fields = list(embed.fields)
    if not any(link in (f.value or "") for f in fields for link in links):
        return embed
    # Embed.copy shares the original's field list: clearing it would change the message
    # read (and what SimCord keeps as posted) even when Discord then refuses the edit.
    cleaned = discord.Embed.from_dict(copy.deepcopy(embed.to_dict()))
    cleaned.clear_fields()
    for f in fields:
        lines = [line for line in (f.value or "").split("\n") if not line.endswith(links)]
        cleaned.add_field(name=f.name, value="\n".join(lines) or EMPTY, inline=f.inline)
    return cleaned
