"""What anyone may open without signing in: published reports and the style sheet."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from bot.errors import NotFound
from bot.services import reports
from web.guard import CONTEXT
from web.render import Words, page

STATIC = Path(__file__).parent / "static"


async def report(request: web.Request) -> web.StreamResponse:
    context = request.app[CONTEXT]
    found = await reports.find(context.room.app, request.match_info["report"])
    if found is None:
        raise NotFound("report")
    server = await context.room.server(found.guild_id)
    item = await context.room.discussion(found.guild_id, found.discussion_id)
    summary = await context.summaries.get(item) if context.summaries else None
    words = Words(item.language or server.language, server.timezone)
    return page(
        "report.html",
        words,
        private=False,
        session=None,
        item=item,
        summary=summary,
        show_names=found.show_names,
        report_id=found.report_id,
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/r/{report}", report)
    app.router.add_static("/static/", STATIC, append_version=False)
