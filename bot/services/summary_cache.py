"""Summaries for the web room, kept until what they are computed from changes.

A summary costs an analysis (a second or so for 10,000 replies); the web
room shows it on every visit of a discussion's page and of its public
report. :class:`SummaryCache` keeps the last ones built, each with the
fingerprint of its inputs (:func:`db.repositories.review.fingerprint`: the
discussion's replies, edits, deletions, votes, stances, the server's
opt-outs, the discussions its stance model learns from); a visit reads the
fingerprint (a few index reads) and builds again only when it moved. Two
visits at once build once. The light charts are drawn with the summary; a
dark one (``stances-dark.png``) only when a visitor whose system is dark asks
for it (the page's ``<picture>``), then kept with its summary, once however
many ask at the same time. A server forgotten (``App.server_forgotten``) takes its
summaries out at once, and a build of one it was running is not kept.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.analysis.summary import DiscussionSummary
from bot.app import App
from bot.charts.summary_charts import SummaryCharts, draw_dark_chart, light_file
from bot.errors import NotFound
from bot.services import plain, posts
from bot.services import summary as summary_service
from bot.write_behind import INTERACTIVE_WAIT
from db.models import Discussion
from db.repositories import discussions as discussion_repo
from db.repositories import review as review_repo

CACHED = 32
"""Summaries kept at most: their charts (light, and dark ones once asked for) are a few
hundred kB each."""
CACHED_REPLIES = 20_000
"""Reply stances kept across the summaries (a 10,000-reply discussion's are a few MB): a
few large summaries, or many small ones. Counted by size rather than only by number, a
visitor going round a server's public reports (each cheap to open, each a rebuild once
evicted) needs more reports than a server publishes to make every visit a rebuild."""


@dataclass(frozen=True, slots=True)
class WebSummary:
    """A discussion's typed summary and what its pages need to render it."""

    analysis: DiscussionSummary
    jump_links: Mapping[str, str]
    author_names: Mapping[str, str]
    charts: SummaryCharts
    inferred: dict[int, str]
    """The option the text of each reply leans to, for replies whose author declared none."""
    text_languages: Mapping[str, str]
    """The language each cited reply is clearly written in (a page in another marks it)."""
    dark: DarkCharts = field(default_factory=lambda: DarkCharts())
    """Its dark charts drawn so far (:meth:`SummaryCache.chart`), kept as long as it is."""

    def chart(self, name: str) -> bytes | None:
        """A chart by its file name: ``stances.png``, ``map.png``, or a dark variant
        (``stances-dark.png``) once drawn."""
        return self.charts.web_files().get(name) or self.dark.drawn.get(name)


class DarkCharts:
    """A summary's dark charts, each drawn the first time a visitor asks for it."""

    __slots__ = ("drawing", "drawn")

    def __init__(self) -> None:
        self.drawn: dict[str, bytes] = {}
        """By file name (``stances-dark.png``)."""
        self.drawing: dict[str, asyncio.Task[bytes | None]] = {}
        """Those being drawn: a second visitor waits for the first one's."""


class SummaryCache:
    def __init__(self, app: App, *, size: int = CACHED, replies: int = CACHED_REPLIES) -> None:
        self.app = app
        self.size = size
        self.replies = replies
        self._kept: OrderedDict[int, tuple[str, WebSummary, int]] = OrderedDict()
        """Each discussion's fingerprint, summary and server."""
        self._building: dict[tuple[int, str], asyncio.Future[WebSummary]] = {}
        self._forgotten: dict[int, int] = {}
        """How often each server was forgotten (only those that were): a build begun before
        its server was forgotten is not kept."""
        self.builds = 0
        """Summaries built so far (the cache's misses), for tests and benchmarks."""
        self.dark_drawn = 0
        """Dark charts drawn so far, for tests and benchmarks."""

    async def get(self, guild_id: int, discussion_id: int) -> WebSummary:
        """The summary of the server's discussion (``NotFound`` for another server's;
        :class:`~bot.services.posts.CountsHidden` while the server hides an open
        discussion's counts, as ``/summary show`` refuses)."""
        discussion, fingerprint = await self._fingerprint(guild_id, discussion_id)
        await posts.refuse_hidden_counts(self.app, discussion)
        kept = self._kept.get(discussion.id)
        if kept is not None and kept[0] == fingerprint:
            self._kept.move_to_end(discussion.id)
            return kept[1]
        forgotten = self._forgotten.get(guild_id, 0)  # the discussion's: another's is NotFound
        key = (discussion.id, fingerprint)
        pending = self._building.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[WebSummary] = asyncio.get_running_loop().create_future()
        self._building[key] = future
        try:
            built = await self._build(discussion)
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved: a visitor waiting on it gets it; none is fine
            raise
        finally:
            self._building.pop(key, None)
        future.set_result(built)
        if self._forgotten.get(guild_id, 0) != forgotten:
            return built  # its server was forgotten meanwhile: shown once, not kept
        self._kept[discussion.id] = (fingerprint, built, guild_id)
        self._kept.move_to_end(discussion.id)
        while len(self._kept) > 1 and (
            len(self._kept) > self.size or self._replies_kept() > self.replies
        ):
            self._kept.popitem(last=False)
        return built

    async def chart(self, summary: WebSummary, name: str) -> bytes | None:
        """``summary``'s chart by its file name; ``None`` when it has none of that name. A
        dark one is drawn the first time it is asked for (in a worker thread; a second
        visitor asking meanwhile waits for the same drawing), then kept with the summary;
        if it fails to draw (logged), the light one is served in its place."""
        light = light_file(name)
        if light is None or light not in summary.charts.files():
            return summary.chart(name)  # a light one, or none (stances-dark-dark.png)
        kept = summary.chart(name)
        if kept is not None:
            return kept
        drawing = summary.dark.drawing.get(name)
        if drawing is None:
            drawing = asyncio.create_task(self._draw_dark(summary, name, light))
            summary.dark.drawing[name] = drawing
        return await asyncio.shield(drawing)  # a visitor leaving does not stop it

    async def _draw_dark(self, summary: WebSummary, name: str, light: str) -> bytes | None:
        try:
            drawn = await asyncio.to_thread(draw_dark_chart, summary.analysis, light)
            self.dark_drawn += 1
            data = drawn or summary.chart(light)  # failed (logged): the light one, legible
            if data is not None:
                summary.dark.drawn[name] = data
            return data
        finally:
            del summary.dark.drawing[name]

    def _replies_kept(self) -> int:
        return sum(len(kept.analysis.reply_stances) for _, kept, _ in self._kept.values())

    def forget_server(self, guild_id: int) -> None:
        """The server was forgotten: its summaries go now, not when evicted."""
        self._forgotten[guild_id] = self._forgotten.get(guild_id, 0) + 1
        for discussion_id in [d for d, (_, _, g) in self._kept.items() if g == guild_id]:
            del self._kept[discussion_id]

    def kept(self) -> list[int]:
        """The discussions whose summaries are kept, least recently used first (for tests)."""
        return list(self._kept)

    async def _fingerprint(self, guild_id: int, discussion_id: int) -> tuple[Discussion, str]:
        await self.app.buffer.drain(limit=INTERACTIVE_WAIT)
        async with self.app.sessions() as session:
            discussion = await discussion_repo.get_discussion(session, guild_id, discussion_id)
            if discussion is None:
                raise NotFound("discussion")
            recent = await discussion_repo.recent_for_guild(
                session, guild_id, limit=plain.HISTORY_DISCUSSIONS + 1
            )
            history = [d.id for d in recent if d.id != discussion.id][: plain.HISTORY_DISCUSSIONS]
            return discussion, await review_repo.fingerprint(session, discussion, history)

    async def _build(self, discussion: Discussion) -> WebSummary:
        self.builds += 1
        built = await summary_service.build(self.app, discussion)  # dark charts: when asked
        inferred = {
            int(s.reply_id): s.option
            for s in built.analysis.reply_stances
            if s.option is not None and s.source == "inferred"
        }
        return WebSummary(
            built.analysis,
            built.jump_links,
            built.author_names,
            built.charts,
            inferred,
            built.text_languages,
        )
