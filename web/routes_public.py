"""What anyone may open without signing in: published reports and the style sheet."""

from __future__ import annotations

import logging
from pathlib import Path

from aiohttp import web

from bot.errors import NotFound, UserError, is_storage_error
from bot.services import reports
from bot.services.posts import CountsHidden
from bot.services.summary_cache import WebSummary
from web.guard import CONTEXT
from web.render import Words, not_modified, page, png

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"


async def report(request: web.Request) -> web.StreamResponse:
    context = request.app[CONTEXT]
    found = await reports.find(context.room.app, request.match_info["report"])
    if found is None:
        raise NotFound("report")
    server = await context.room.server(found.guild_id)
    item = await context.room.discussion(found.guild_id, found.discussion_id, figures=False)
    try:
        summary = await _summary(request, found)
        counts_hidden = False
    except CountsHidden:  # open, and the server hides counts until the close
        summary, counts_hidden = None, True
    words = Words(item.language or server.language, server.timezone)
    shown = page(
        "report.html",
        words,
        private=False,
        session=None,
        item=item,
        summary=summary,
        counts_hidden=counts_hidden,
        show_names=found.show_names,
        report_id=found.report_id,
    )
    return not_modified(request, shown)


async def _summary(request: web.Request, found: reports.PublicReport) -> WebSummary | None:
    try:
        return await request.app[CONTEXT].summaries.get(found.guild_id, found.discussion_id)
    except UserError:  # not found, or counts hidden
        raise
    except Exception as error:
        if is_storage_error(error):
            raise
        log.exception("web: the summary of report %s failed", found.discussion_id)
        return None


async def report_chart(request: web.Request) -> web.StreamResponse:
    found = await reports.find(request.app[CONTEXT].room.app, request.match_info["report"])
    if found is None:
        raise NotFound("report")
    summary = await _summary(request, found)
    summaries = request.app[CONTEXT].summaries
    data = await summaries.chart(summary, request.match_info["name"] + ".png") if summary else None
    if data is None:
        raise NotFound("chart")
    return not_modified(request, png(data, private=False))


STATIC_FILES = web.AppKey("static_files", frozenset[str])
"""The names of the room's own files (its style sheet), read once at start."""


async def static(request: web.Request) -> web.StreamResponse:
    """One of the room's own files (aiohttp's static folder answered a missing one with
    an empty 404 of no type, past the error pages)."""
    name = request.match_info["name"]
    if name not in request.app[STATIC_FILES]:
        raise NotFound("file")
    return web.FileResponse(STATIC / name)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/r/{report}", report)
    app.router.add_get("/r/{report}/charts/{name}.png", report_chart)
    app[STATIC_FILES] = frozenset(path.name for path in STATIC.iterdir() if path.is_file())
    app.router.add_get("/static/{name}", static)
