"""Signing in with a link from ``/review`` and signing out."""

from __future__ import annotations

import logging

from aiohttp import web

from bot.services import web_auth
from web.guard import (
    CONTEXT,
    COOKIE,
    SESSION,
    client_of,
    cookie_options,
    refusal,
    words_of,
)
from web.render import page

log = logging.getLogger(__name__)


def see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location})


async def login(request: web.Request) -> web.StreamResponse:
    context = request.app[CONTEXT]
    if not context.limiter.allow(client_of(request)):
        log.warning("web: login attempts rate-limited")
        return refusal(request, "web-refused-rate", status=429)
    try:
        session = await web_auth.redeem_login(
            context.room.app, context.secret, request.match_info.get("token", "")
        )
    except web_auth.LoginRefused as refused:
        log.info("web: a login link was refused (%s)", refused.problem)
        return refusal(request, f"web-refused-login-{refused.problem}")
    log.info("web: member %s signed in for server %s", session.user_id, session.guild_id)
    response = see_other("/")
    response.set_cookie(COOKIE, session.token, **cookie_options(context))
    return response


async def logout(request: web.Request) -> web.StreamResponse:
    session = request[SESSION]
    await web_auth.close_session(request.app[CONTEXT].room.app, session.token)
    response = page("signed_out.html", words_of(request), session=None)
    response.del_cookie(COOKIE, path="/")
    return response


def add_routes(app: web.Application) -> None:
    app.router.add_get("/login/{token}", login)
    app.router.add_post("/logout", logout)
