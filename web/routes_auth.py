"""Signing in with a link from ``/review`` and signing out."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

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
from web.render import Words, page

log = logging.getLogger(__name__)


LOGIN_COOKIE = "etvous_login"
"""The random value a login page binds its button to (see :func:`login_page`)."""
LOGIN_PATH = "/login/"
NO_INDEX = {"X-Robots-Tag": "noindex, nofollow"}


def see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location})


def _limited(request: web.Request, token: str) -> web.Response | None:
    """A 429 page past the client's attempts with made-up links. A link the bot signed is
    never held back: there is nothing to guess in it, and limiting it let anyone keep
    moderators out (by flooding the ceiling all clients share, or their own address,
    which behind a proxy is everyone's)."""
    context = request.app[CONTEXT]
    if web_auth.issued_by_us(context.secret, token):
        return None
    if context.limiter.allow(client_of(request)):
        return None
    _LIMITED_LOG.said()
    return refusal(request, "web-refused-rate", status=429)


class _OncePerMinute:
    """One warning a minute for turned-away attempts, with how many: a flood of made-up
    links is not a flood of log lines."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.since: float | None = None
        self.held = 0

    def said(self) -> None:
        now = self.clock()
        if self.since is not None and now - self.since < 60.0:
            self.held += 1
            return
        more, self.since, self.held = self.held, now, 0
        if more:
            log.warning("web: login attempts rate-limited (%d more in the last minute)", more)
        else:
            log.warning("web: login attempts rate-limited")


_LIMITED_LOG = _OncePerMinute()


async def _server_words(request: web.Request, guild_id: int | None) -> Words | None:
    """The language of the server a link was issued for, as its login page speaks."""
    if guild_id is None:
        return None
    return Words((await request.app[CONTEXT].room.server(guild_id)).language)


async def _refused(request: web.Request, refused: web_auth.LoginRefused) -> web.Response:
    log.info("web: a login link was refused (%s)", refused.problem)
    words = await _server_words(request, refused.guild_id)
    return refusal(
        request,
        f"web-refused-login-{refused.problem}",
        words=words,
        console_guild=refused.guild_id if refused.local else None,
    )


async def login_page(request: web.Request) -> web.StreamResponse:
    """A login link opened: a page with a button, the link left unused.

    Link scanners, chat and mail security proxies and browser prefetches open links
    before people do; only the button's POST uses the link up. The page binds its
    button to a random value kept in a cookie of this browser (SameSite=Strict, for
    ``/login/`` only), so another site cannot post the form and sign a visitor in to
    someone else's session (login CSRF): it can neither read the value nor send the cookie.
    """
    token = request.match_info.get("token", "")
    if (limited := _limited(request, token)) is not None:
        return limited
    context = request.app[CONTEXT]
    try:
        guild_id = await web_auth.check_login(context.room.app, context.secret, token)
    except web_auth.LoginRefused as refused:
        return await _refused(request, refused)
    server = await context.room.server(guild_id)
    nonce = web_auth.browser_nonce(request.cookies.get(LOGIN_COOKIE))
    response = page(
        "login.html",
        Words(server.language),  # the room's language, as the /review answer
        session=None,
        action=LOGIN_PATH + token,
        confirm=web_auth.login_confirmation(context.secret, nonce, token),
    )
    response.headers.update(NO_INDEX)
    response.set_cookie(
        LOGIN_COOKIE,
        nonce,
        httponly=True,
        samesite="Strict",
        secure=context.secure_cookies,
        path=LOGIN_PATH,
        max_age=int(web_auth.LOGIN_TTL.total_seconds()),
    )
    return response


def _from_elsewhere(request: web.Request) -> bool:
    """A browser telling that the form was posted from another site (or a sibling one)."""
    return request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin"


def _from_its_page(request: web.Request) -> bool:
    """A browser telling that the form was posted from this site's own page."""
    return request.headers.get("Sec-Fetch-Site") == "same-origin"


async def login(request: web.Request) -> web.StreamResponse:
    """The login page's button: the link used up, a session opened."""
    token = request.match_info.get("token", "")
    if (limited := _limited(request, token)) is not None:
        return limited
    context = request.app[CONTEXT]
    try:
        form = await request.post()
    except ValueError:
        log.info("web: an unreadable sign-in form")
        return refusal(request, "web-bad-form", status=400)
    submitted = form.get("confirm")
    if _from_elsewhere(request) or not web_auth.login_confirmed(
        context.secret,
        request.cookies.get(LOGIN_COOKIE),
        token,
        submitted if isinstance(submitted, str) else None,
    ):
        log.info("web: a sign-in not confirmed from its page was refused")
        try:  # a dead link says so, whoever posts it
            guild_id = await web_auth.check_login(context.room.app, context.secret, token)
        except web_auth.LoginRefused as refused:
            return await _refused(request, refused)
        words = await _server_words(request, guild_id)
        if LOGIN_COOKIE not in request.cookies and _from_its_page(request):
            # Its own page posted it, yet without the cookie that page set: a browser
            # keeping no cookies, where opening the link again changes nothing.
            return refusal(request, "web-login-no-cookie", words=words)
        return refusal(request, "web-login-unconfirmed", words=words)
    try:
        session = await web_auth.redeem_login(context.room.app, context.secret, token)
    except web_auth.LoginRefused as refused:
        return await _refused(request, refused)
    log.info("web: member %s signed in for server %s", session.user_id, session.guild_id)
    response = see_other("/")
    response.set_cookie(COOKIE, session.token, **cookie_options(context))
    response.del_cookie(LOGIN_COOKIE, path=LOGIN_PATH)
    return response


async def logout(request: web.Request) -> web.StreamResponse:
    session = request[SESSION]
    await web_auth.close_session(request.app[CONTEXT].room.app, session.token)
    response = page(
        "signed_out.html",
        words_of(request),
        session=None,
        # The console's link is printed once, at start: no command gives another.
        console_guild=str(session.guild_id) if session.local else None,
    )
    response.del_cookie(COOKIE, path="/")
    return response


def add_routes(app: web.Application) -> None:
    app.router.add_get("/login/{token}", login_page)
    app.router.add_post("/login/{token}", login)
    app.router.add_post("/logout", logout)
