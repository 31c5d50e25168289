"""``/summary`` and the closing message: who stands where, and why.

:func:`build` returns the typed summary and what rendering it needs (jump
links, author names, charts); each interface renders it (Discord:
:mod:`bot.discord_render.summary`). The analysis and the charts run in a
worker thread so the event loop never blocks on them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass

import discord

from bot.analysis import model
from bot.analysis.summary import DiscussionSummary
from bot.app import App
from bot.charts.summary_charts import SummaryCharts
from bot.discord_render.summary import summary_messages
from bot.i18n import t
from bot.render import NO_MENTIONS
from bot.services import plain
from bot.write_behind import INTERACTIVE_WAIT
from db.models import Discussion

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Summary:
    """A discussion's typed summary and what rendering it needs."""

    analysis: DiscussionSummary
    jump_links: Mapping[str, str]
    """Link to each reply the summary cites, by reply id."""
    author_names: Mapping[str, str]
    """Display name of the author of each reply the summary cites, by reply id."""
    charts: SummaryCharts


def analyse(
    target: model.Discussion, history: list[model.Discussion]
) -> tuple[DiscussionSummary, SummaryCharts]:
    """The summary of ``target`` and its charts (runs in a worker thread)."""
    from bot.analysis.summarize import summarize  # numpy: not at start-up
    from bot.charts.summary_charts import draw_summary_charts

    analysis = summarize(target, history)
    return analysis, draw_summary_charts(analysis)


async def build(app: App, discussion: Discussion) -> Summary:
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    loaded = await plain.load_with_history(app, discussion)
    analysis, charts = await asyncio.to_thread(analyse, loaded[0], loaded[1:])
    cited = analysis.cited_replies()
    names = {r.id: r.author_name for r in loaded[0].replies}
    return Summary(
        analysis=analysis,
        jump_links={reply_id: jump_link(discussion, reply_id) for reply_id in cited},
        author_names={reply_id: names.get(reply_id, "") for reply_id in cited},
        charts=charts,
    )


def jump_link(discussion: Discussion, reply_id: str) -> str:
    channel = discussion.thread_id or discussion.channel_id
    return f"https://discord.com/channels/{discussion.guild_id}/{channel}/{reply_id}"


async def post_closing(app: App, client: discord.Client, discussion: Discussion) -> None:
    """The closing message in the thread: the summary, then the thread is locked."""
    if discussion.thread_id is None:
        return
    try:
        summary = await build(app, discussion)
    except Exception:
        log.exception("summary of discussion %s failed", discussion.id)
        return
    thread = client.get_channel(discussion.thread_id)
    try:
        if thread is None:
            thread = await client.fetch_channel(discussion.thread_id)
        if not isinstance(thread, discord.Thread):
            return
        if thread.archived:
            await thread.edit(archived=False)
        messages = summary_messages(
            summary.analysis,
            links=summary.jump_links,
            charts=summary.charts,
            content=t("discussion-closed", discussion.language),
        )
        for message in messages:
            await thread.send(
                content=message.content,
                embeds=list(message.embeds),
                files=message.files(),
                allowed_mentions=NO_MENTIONS,
            )
    except discord.HTTPException as error:
        log.warning("closing message of discussion %s failed: HTTP %s", discussion.id, error.status)
