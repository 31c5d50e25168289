"""What every request passes through: the session, CSRF on every POST, rate
limits on login links, error pages, security headers, and an access log that
never holds a token.
"""

from __future__ import annotations

import logging
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_to_bytes

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from bot.errors import NotFound, UserError, is_storage_error
from bot.i18n import language_of
from bot.services import web_auth
from bot.services.posts import CountsHidden
from bot.services.review import ReviewRoom, Server
from bot.services.summary_cache import SummaryCache
from web.render import SECURITY_HEADERS, Words, page

log = logging.getLogger(__name__)

COOKIE = "etvous_session"
PUBLIC_PREFIXES = ("/static/", "/r/", "/login/")
MAX_ADDRESS_BYTES = 8 * 1024
"""Longest path and query the room serves; none of its own links comes near."""
READ_LINE_BYTES = 64 * 1024
"""Longest request line the server reads, so that it can refuse a long address itself."""
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
RemoveFormPosts = Callable[[list[tuple[int, int]]], Awaitable[int]]


@dataclass
class WebContext:
    """What the handlers share: the service layer, the secret, the public address."""

    room: ReviewRoom
    secret: bytes
    base_url: str
    secure_cookies: bool
    limiter: RateLimiter
    summaries: SummaryCache
    remove_form_posts: RemoveFormPosts | None = None
    """Deletes the bot's posts of erased form replies from Discord (when the bot runs
    beside the web room; otherwise the next catch-up removes them)."""
    remove_erased_quotes: RemoveFormPosts | None = None
    """Takes erased replies' quotes out of the closing summaries posted on Discord (when
    the bot runs beside the web room)."""
    staff: web_auth.StaffRecheck = field(default_factory=lambda: web_auth.StaffRecheck(None))
    """Ends sessions whose member lost Manage Server (asks Discord when the bot runs)."""


CONTEXT = web.AppKey("context", WebContext)
SESSION = web.RequestKey("session", web_auth.WebSession)
SERVER = web.RequestKey("server", Server)
SERVER_WORDS = web.RequestKey("words", Words)


class RateLimiter:
    """At most ``limit`` attempts per ``window`` seconds per client, and ``ceiling`` in all."""

    FORGET_AFTER = 10_000
    """Clients remembered before those idle for a window are forgotten."""

    def __init__(
        self,
        limit: int = 10,
        window: float = 60.0,
        ceiling: int = 200,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit, self.window, self.ceiling = limit, window, ceiling
        self._clock = clock
        self._by_client: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()

    def _trim(self, stamps: deque[float], now: float) -> None:
        while stamps and now - stamps[0] > self.window:
            stamps.popleft()

    def allow(self, client: str) -> bool:
        now = self._clock()
        stamps = self._by_client.setdefault(client, deque())
        self._trim(stamps, now)
        self._trim(self._all, now)
        if len(stamps) >= self.limit or len(self._all) >= self.ceiling:
            return False
        stamps.append(now)
        self._all.append(now)
        if len(self._by_client) > self.FORGET_AFTER:
            self._forget_idle(now)
        return True

    def _forget_idle(self, now: float) -> None:
        """Forget the clients without an attempt in the window (each one's attempts are
        trimmed only when it comes back: one that never does kept its entry for ever)."""
        for key, stamps in list(self._by_client.items()):
            self._trim(stamps, now)
            if not stamps:
                del self._by_client[key]

    @property
    def clients(self) -> int:
        """Clients remembered now."""
        return len(self._by_client)


def client_of(request: web.Request) -> str:
    """The client's address; behind a local reverse proxy, the one it forwarded."""
    remote = request.remote or "?"
    forwarded = request.headers.get("X-Forwarded-For")
    if forwarded and remote in ("127.0.0.1", "::1"):
        return forwarded.split(",")[-1].strip() or remote
    return remote


def visitor_words(request: web.Request) -> Words:
    """Words for someone without a session: the first of her browser's languages we speak."""
    return Words(browser_language(request.headers.get("Accept-Language", "")))


_WEIGHT = re.compile(r";\s*q\s*=\s*([0-9.]+)", re.IGNORECASE)


def browser_language(accepted: str) -> str:
    """``fr`` or ``en``: the one an ``Accept-Language`` header ranks higher (by its weights,
    then its order; ``q=0`` refuses one), French when it names neither."""
    ranked: list[tuple[float, int, str]] = []
    for order, item in enumerate(accepted.split(",")):
        weight = _WEIGHT.search(item)
        try:
            q = float(weight.group(1)) if weight else 1.0
        except ValueError:
            continue
        tag = item.split(";")[0].strip().lower()
        if q > 0 and tag.startswith(("fr", "en")):
            ranked.append((-q, order, language_of(tag)))
    return min(ranked)[2] if ranked else "fr"


def refusal(
    request: web.Request,
    key: str,
    *,
    status: int = 403,
    words: Words | None = None,
    console_guild: int | None = None,
    **args: Any,
) -> web.Response:
    """The clear page of a refusal (an expired link, no session, a bad form …), in
    ``words``, else the server's of the session, else the browser's language;
    ``console_guild``: of a link ``python -m bot web`` printed, which says how to get
    another."""
    words = words or request.get(SERVER_WORDS) or visitor_words(request)
    return page(
        "error.html",
        words,
        status=status,
        message_key=key,
        args=args,
        session=request.get(SESSION),  # inside the room, its menu: a way on besides Back
        server=request.get(SERVER),  # and the server it is signed in to
        console_guild=str(console_guild) if console_guild is not None else None,
    )


_TOKEN_PATH = re.compile(r"^/+login/.*", re.IGNORECASE | re.DOTALL)
"""A login link's path, and whatever follows: a mangled link (``/login//<token>``,
``/LOGIN/<token>``) holds a token too, one never used."""


def loggable_path(request: web.BaseRequest) -> str:
    """The request's path for a log line: a login link's token masked (all that follows
    ``/login/``), no query, and what is not printable (a line break sent as ``%0A``, which
    would start a line of the sender's words in the log) percent-encoded again."""
    path = _TOKEN_PATH.sub("/login/…", request.path)
    if path.isprintable():
        return path
    return "".join(c if c.isprintable() else _percent(c) for c in path)


def _percent(character: str) -> str:
    return "".join(f"%{byte:02X}" for byte in character.encode("utf-8", "surrogatepass"))


def query_refused(request: web.Request) -> web.Response | None:
    """The clear 400 of an address whose query cannot be read as it was meant: bytes
    that are not UTF-8 (``%E9``, a Latin-1 « é »: aiohttp reads it as U+FFFD, and a
    search ran on that), or a parameter given twice (only the first was read, silently).
    No page of the room writes either. The public pages read no query: a report's link
    with a sharing site's tracking parameters opens as ever."""
    raw = request.rel_url.raw_query_string
    if not raw:
        return None
    try:
        unquote_to_bytes(raw.replace("+", " ")).decode("utf-8")
    except UnicodeDecodeError:
        return refusal(request, "web-bad-encoding", status=400)
    seen: set[str] = set()
    for name, _ in request.query.items():  # iterating the keys gives each once
        if name in seen:
            return refusal(request, "web-repeated-parameter", status=400, name=name)
        seen.add(name)
    return None


def words_of(request: web.Request) -> Words:
    return request[SERVER_WORDS]


async def _with_session(request: web.Request, handler: Handler) -> web.StreamResponse:
    context = request.app[CONTEXT]
    try:
        session = await web_auth.open_session(
            context.room.app, context.secret, request.cookies.get(COOKIE)
        )
    except web_auth.SessionRefused as refused:
        log.info(
            "web: %s session for %s %s", refused.problem, request.method, loggable_path(request)
        )
        return refusal(request, f"web-refused-session-{refused.problem}")
    server = await context.room.server(session.guild_id)
    words = Words(server.language, server.timezone)
    if not await context.staff.still_staff(context.room.app, session):
        # In her server's words, as the session's pages were (not her browser's).
        response = refusal(request, "web-refused-session-revoked", words=words)
        response.del_cookie(COOKIE, path="/")
        return response
    request[SESSION] = session
    request[SERVER] = server
    request[SERVER_WORDS] = words
    if (unread := query_refused(request)) is not None:  # in the server's words
        return unread
    if request.method == "POST":
        try:
            form = await request.post()
        except ValueError:  # a body aiohttp cannot read as a form (no boundary, bad encoding)
            log.info("web: an unreadable form for %s", loggable_path(request))
            return refusal(request, "web-bad-form", status=400)
        submitted = form.get("csrf")
        if not web_auth.csrf_ok(session, submitted if isinstance(submitted, str) else None):
            log.info("web: a form without a valid CSRF token for %s", loggable_path(request))
            return refusal(request, "web-refused-csrf")
    return await handler(request)


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    response: web.StreamResponse
    try:
        if len(request.raw_path) > MAX_ADDRESS_BYTES:
            response = refusal(request, "web-address-too-long", status=414)
        elif request.path.startswith(PUBLIC_PREFIXES):
            response = await handler(request)  # none reads a query: any is left unread
        else:
            response = await _with_session(request, handler)
    except NotFound:
        response = refusal(request, "web-not-found", status=404)
    except CountsHidden as hidden:  # its date in the server's words (refusal's choice)
        response = refusal(request, hidden.key, closes=hidden.closes_at)
    except UserError as error:
        response = refusal(request, error.key, status=400, **error.args_)
    except web.HTTPMethodNotAllowed as error:
        form_only = "POST" in error.allowed_methods  # a form's address opened as a link
        response = refusal(
            request, "web-wrong-method" if form_only else "web-not-found", status=405
        )
        response.headers["Allow"] = error.headers["Allow"]
    except web.HTTPRequestEntityTooLarge:
        response = refusal(request, "web-too-large", status=413)
    except web.HTTPException as error:
        if error.status in (403, 404):  # 403: aiohttp's answer for the static folder itself
            response = refusal(request, "web-not-found", status=error.status)
        else:
            raise
    except Exception as error:
        if is_storage_error(error):
            log.warning("web: database unavailable for %s", loggable_path(request))
            response = refusal(request, "error-database-unavailable", status=503)
        else:
            log.exception("web: %s %s failed", request.method, loggable_path(request))
            response = refusal(request, "web-unexpected", status=500)
    if not response.prepared:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
    return response


async def unnamed_server(request: web.BaseRequest, response: web.StreamResponse) -> None:
    """Every answer's ``Server`` header, static files and streamed exports too: no software
    or version an attacker could look published flaws up for (aiohttp names both)."""
    response.headers["Server"] = "etvous"


class AccessLogger(AbstractAccessLogger):
    """One line a request: method, path (login tokens masked, no query), status, time."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info(
            "web %s %s %s %.1fms",
            request.method,
            loggable_path(request),
            response.status,
            time * 1000,
        )


def cookie_options(context: WebContext) -> dict[str, Any]:
    return {
        "httponly": True,
        "samesite": "Lax",
        "secure": context.secure_cookies,
        "path": "/",
        "max_age": int(web_auth.SESSION_TTL.total_seconds()),
    }
