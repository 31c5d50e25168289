"""The review room's pages: discussions, a discussion and its replies, a member,
the audit log, exports, erasing a reply, publishing a report, the settings.

Each handler reads the request, calls a service scoped to the session's
server, and renders; nothing here touches the database.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from bot.errors import NotFound, UserError, is_storage_error
from bot.export_format import DEFAULT_CSV_DIALECT
from bot.services import (
    answers,
    audit_log,
    member_review,
    reports,
    server_search,
    streamed_export,
)
from bot.services import export as export_service
from bot.services.posts import CountsHidden
from bot.services.review import DiscussionItem, RepliesPage, ReplyFilters
from bot.services.summary_cache import WebSummary
from web import forms
from web.guard import CONTEXT, SERVER, SESSION, words_of
from web.render import page, png
from web.routes_auth import see_other

log = logging.getLogger(__name__)


def _common(request: web.Request) -> dict[str, Any]:
    return {"session": request[SESSION], "server": request[SERVER]}


async def _form(request: web.Request) -> dict[str, str]:
    posted = await request.post()
    return {k: v for k, v in posted.items() if isinstance(v, str)}


async def home(request: web.Request) -> web.StreamResponse:
    return see_other("/discussions")


async def discussions(request: web.Request) -> web.StreamResponse:
    room = request.app[CONTEXT].room
    before = forms.optional_id(request.query, "before")
    found = await room.discussions(request[SESSION].guild_id, before=before)
    return page("discussions.html", words_of(request), listing=found, **_common(request))


async def discussion(request: web.Request) -> web.StreamResponse:
    """The summary, then the newest replies."""
    context = request.app[CONTEXT]
    session, server = request[SESSION], request[SERVER]
    item = await context.room.discussion(
        session.guild_id, forms.snowflake(request.match_info["discussion"])
    )
    try:
        summary = await summary_of(request, item.id)
        counts_hidden = False
    except CountsHidden:  # as /summary show: no summary while the server hides counts
        summary, counts_hidden = None, True
    inferred = summary.inferred if summary is not None else None
    filters = ReplyFilters()
    replies = await context.room.replies(server, item, filters, inferred=inferred)
    return page(
        "discussion.html",
        words_of(request),
        item=item,
        summary=summary,
        counts_hidden=counts_hidden,
        base_url=context.base_url,
        **_replies_context(item, filters, replies, summary is not None),
        **_common(request),
    )


async def replies(request: web.Request) -> web.StreamResponse:
    """The replies browser: search, filters, sort, pages (the summary is on the page above)."""
    context = request.app[CONTEXT]
    session, server = request[SESSION], request[SERVER]
    discussion_id = forms.snowflake(request.match_info["discussion"])
    try:
        filters = forms.reply_filters(request.query)
    except forms.FiltersMistyped as mistyped:
        return await _mistyped(request, discussion_id, mistyped.errors)
    inferred = None
    if filters.option is not None and filters.basis == "inferred":
        item = await context.room.discussion(session.guild_id, discussion_id, figures=False)
        if not _has_option(item, filters):
            return await _mistyped(request, discussion_id, [_NO_SUCH_OPTION])
        try:
            summary = await summary_of(request, discussion_id)
        except CountsHidden:  # the inferred stances come from the summary
            summary = None
        inferred = summary.inferred if summary is not None else None
        found = await context.room.replies(server, item, filters, inferred=inferred)
    else:
        item, found = await context.room.browse(server, discussion_id, filters)
        if not _has_option(item, filters):
            return await _mistyped(request, discussion_id, [_NO_SUCH_OPTION])
    return page(
        "replies.html",
        words_of(request),
        item=item,
        erased=await _erased_here(request, discussion_id),
        **_replies_context(item, filters, found, inferred is not None),
        **_common(request),
    )


_NO_SUCH_OPTION = UserError("web-bad-filter", name="option")


async def _erased_here(request: web.Request, discussion_id: int) -> int | None:
    """The reply ``?erased=`` names, when its text is erased in this server's discussion:
    the address comes back after an erasure, but anyone can type it, so the notice that
    says so is shown only when it is true."""
    reply_id = forms.optional_id(request.query, "erased")
    if reply_id is None:
        return None
    room = request.app[CONTEXT].room
    return (
        reply_id if await room.erased(request[SESSION].guild_id, discussion_id, reply_id) else None
    )


def _has_option(item: DiscussionItem, filters: ReplyFilters) -> bool:
    """Whether the filter's option is one of the discussion's (``option=5`` on one of three
    found no reply under a form that said « toutes »: not the filter applied)."""
    return filters.option is None or filters.option < len(item.options)


async def _mistyped(
    request: web.Request, discussion_id: int, errors: list[UserError]
) -> web.Response:
    """The replies page with its form as typed and each wrong field's message, no replies."""
    context = request.app[CONTEXT]
    item = await context.room.discussion(request[SESSION].guild_id, discussion_id, figures=False)
    typed = {name: request.query.get(name, "") for name in request.query}
    return page(
        "replies.html",
        words_of(request),
        status=400,
        item=item,
        erased=None,
        filters=ReplyFilters(),
        typed=typed,
        mistyped={error.args_["name"]: error.args_ for error in errors},
        replies=None,
        next_link=None,
        search_link="",
        filtered=True,
        inferred_known=None,
        **_common(request),
    )


def _replies_context(
    item: DiscussionItem, filters: ReplyFilters, found: RepliesPage, inferred: bool
) -> dict[str, Any]:
    query = forms.filter_query(filters)
    next_link = None
    if found.next_after is not None:
        next_link = urlencode(
            {**query, "after": forms.write_cursor(found.next_after, filters.sort)}
        )
    return {
        "filters": filters,
        "typed": query,
        "mistyped": None,
        "replies": found,
        "next_link": next_link,
        "search_link": urlencode(query),
        "filtered": bool(query),
        "inferred_known": inferred,
    }


async def summary_of(request: web.Request, discussion_id: int) -> WebSummary | None:
    """The discussion's summary, or ``None`` when the analysis failed (logged; the
    page shows the rest); :class:`CountsHidden` while the server hides its counts."""
    try:
        return await request.app[CONTEXT].summaries.get(request[SESSION].guild_id, discussion_id)
    except (NotFound, UserError):
        raise
    except Exception as error:
        if is_storage_error(error):
            raise
        log.exception("web: the summary of discussion %s failed", discussion_id)
        return None


async def chart(request: web.Request) -> web.StreamResponse:
    discussion_id = forms.snowflake(request.match_info["discussion"])
    summary = await summary_of(request, discussion_id)
    summaries = request.app[CONTEXT].summaries
    data = await summaries.chart(summary, request.match_info["name"] + ".png") if summary else None
    if data is None:
        raise NotFound("chart")
    return png(data, private=True)


async def confirm_erase(request: web.Request) -> web.StreamResponse:
    room = request.app[CONTEXT].room
    session = request[SESSION]
    discussion_id = forms.snowflake(request.match_info["discussion"])
    reply = await room.reply(
        session.guild_id, discussion_id, forms.snowflake(request.match_info["reply"], "reply")
    )
    if reply.deleted:  # Back from the erasure, or a page left open: nothing left to erase
        return _erased(discussion_id, reply.id, _search_link(request))
    return page(
        "confirm_erase.html",
        words_of(request),
        discussion_id=discussion_id,
        reply=reply,
        search_link=_search_link(request),
        **_common(request),
    )


def _search_link(request: web.Request) -> str:
    """The replies' filters the moderator erases from, to take her back to them."""
    return urlencode(forms.filter_query(forms.reply_filters(request.query)))


async def erase(request: web.Request) -> web.StreamResponse:
    room = request.app[CONTEXT].room
    session = request[SESSION]
    discussion_id = forms.snowflake(request.match_info["discussion"])
    reply_id = forms.snowflake(request.match_info["reply"], "reply")
    search_link = _search_link(request)
    reply = await room.reply(session.guild_id, discussion_id, reply_id)
    if reply.deleted:  # the button pressed twice: the first press erased it
        return _erased(discussion_id, reply_id, search_link)
    erased = await answers.erase_answer(
        room.app, session.guild_id, reply_id, actor_id=session.user_id, actor_name=session.user_name
    )
    context = request.app[CONTEXT]
    await answers.remove_traces_now(
        room.app,
        erased,
        remove_posts=context.remove_form_posts,
        remove_quotes=context.remove_erased_quotes,
    )
    return _erased(discussion_id, reply_id, search_link)


def _erased(discussion_id: int, reply_id: int, search_link: str) -> web.Response:
    """Back to the replies searched, saying the reply's text is erased."""
    back = f"{search_link}&" if search_link else ""
    return see_other(f"/discussions/{discussion_id}/replies?{back}erased={reply_id}")


async def member(request: web.Request) -> web.StreamResponse:
    room = request.app[CONTEXT].room
    user_id = forms.snowflake(request.match_info["member"], "member")
    found = await member_review.page(
        room.app,
        request[SESSION].guild_id,
        user_id,
        before=forms.optional_id(request.query, "before"),
    )
    return page("member.html", words_of(request), member=found, **_common(request))


async def search(request: web.Request) -> web.StreamResponse:
    room = request.app[CONTEXT].room
    found = await server_search.page(
        room.app,
        request[SESSION].guild_id,
        forms.search_text(request.query),
        before=forms.optional_id(request.query, "before"),
    )
    return page(
        "search.html",
        words_of(request),
        search=found,
        window=server_search.WINDOW,
        **_common(request),
    )


async def audit(request: web.Request) -> web.StreamResponse:
    room = request.app[CONTEXT].room
    found = await audit_log.page(
        room.app, request[SESSION].guild_id, before=forms.optional_id(request.query, "before")
    )
    return page("audit.html", words_of(request), log=found, **_common(request))


async def export(request: web.Request) -> web.StreamResponse:
    room = request.app[CONTEXT].room
    session = request[SESSION]
    form = await _form(request)
    fmt = form.get("format", "")
    dialect = form.get("dialect") or DEFAULT_CSV_DIALECT
    discussion_id = forms.optional_id(form, "discussion")
    await streamed_export.check(room.app, session.guild_id, discussion_id, fmt, dialect)
    name = export_service.file_name(session.guild_id, discussion_id, fmt, dialect)
    response = web.StreamResponse(
        headers={
            "Content-Type": f"{streamed_export.FORMATS[fmt]}; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        }
    )
    await response.prepare(request)
    try:
        async for chunk in streamed_export.chunks(
            room.app,
            session.guild_id,
            discussion_id,
            fmt,
            dialect,
            actor_id=session.user_id,
            actor_name=session.user_name,
        ):
            await response.write(chunk)
    except Exception:
        # Headers are gone: the download can only be cut short, never half-good.
        log.exception("web: export for server %s failed midway", session.guild_id)
        response.force_close()
        return response
    await response.write_eof()
    return response


async def publish(request: web.Request) -> web.StreamResponse:
    app = request.app[CONTEXT].room.app
    session = request[SESSION]
    discussion_id = forms.snowflake(request.match_info["discussion"])
    form = await _form(request)
    if form.get("action") == "unpublish":
        await reports.unpublish(
            app,
            session.guild_id,
            discussion_id,
            actor_id=session.user_id,
            actor_name=session.user_name,
        )
    elif form.get("action") == "publish":
        await reports.publish(
            app,
            session.guild_id,
            discussion_id,
            actor_id=session.user_id,
            actor_name=session.user_name,
        )
    else:
        raise UserError("web-bad-filter", name="action")
    return see_other(f"/discussions/{discussion_id}")


async def confirm_unpublish(request: web.Request) -> web.StreamResponse:
    context = request.app[CONTEXT]
    item = await context.room.discussion(
        request[SESSION].guild_id, forms.snowflake(request.match_info["discussion"])
    )
    if item.report_id is None:
        return see_other(f"/discussions/{item.id}")
    return page(
        "confirm_unpublish.html",
        words_of(request),
        item=item,
        base_url=context.base_url,
        **_common(request),
    )


async def settings(request: web.Request) -> web.StreamResponse:
    if request.method == "POST":
        form = await _form(request)
        session = request[SESSION]
        room = request.app[CONTEXT].room
        await reports.set_report_names(
            room.app,
            session.guild_id,
            form.get("report_names") == "on",
            actor_id=session.user_id,
            actor_name=session.user_name,
        )
        room.forget_server(session.guild_id)
        return see_other("/settings?saved=1")
    return page(
        "settings.html",
        words_of(request),
        saved=request.query.get("saved") == "1",
        **_common(request),
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", home)
    app.router.add_get("/discussions", discussions)
    app.router.add_get("/discussions/{discussion}", discussion)
    app.router.add_get("/discussions/{discussion}/replies", replies)
    app.router.add_get("/discussions/{discussion}/charts/{name}.png", chart)
    app.router.add_get("/discussions/{discussion}/replies/{reply}/erase", confirm_erase)
    app.router.add_post("/discussions/{discussion}/replies/{reply}/erase", erase)
    app.router.add_post("/discussions/{discussion}/report", publish)
    app.router.add_get("/discussions/{discussion}/unpublish", confirm_unpublish)
    app.router.add_get("/members/{member}", member)
    app.router.add_get("/search", search)
    app.router.add_get("/audit", audit)
    app.router.add_post("/export", export)
    app.router.add_get("/settings", settings)
    app.router.add_post("/settings", settings)
