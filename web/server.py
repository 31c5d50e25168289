"""The web room's server: aiohttp in the bot's own process and event loop."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from bot.app import App
from bot.config import LOOPBACK_HOSTS, SettingsError
from bot.errors import StartFailed
from bot.services import web_auth
from bot.services.review import MemberCount, Present, ReviewRoom
from bot.services.summary_cache import SummaryCache
from web import routes_auth, routes_public, routes_review
from web.guard import (
    CONTEXT,
    READ_LINE_BYTES,
    AccessLogger,
    RateLimiter,
    RemoveFormPosts,
    WebContext,
    guard,
    unnamed_server,
)

log = logging.getLogger(__name__)


def runner_options() -> dict[str, Any]:
    """How the server logs requests (one line each, tokens masked) and how long a request
    line it reads: beyond aiohttp's 8 KB, so that the guard answers an overlong address
    with its own page instead of aiohttp's bare 400 (tests use these options too)."""
    return {
        "access_log_class": AccessLogger,
        "access_log": logging.getLogger("web.access"),
        "handle_signals": False,
        "max_line_size": READ_LINE_BYTES,
    }


def build_application(context: WebContext) -> web.Application:
    application = web.Application(middlewares=[guard], client_max_size=64 * 1024)
    application[CONTEXT] = context
    application.on_response_prepare.append(unnamed_server)
    routes_auth.add_routes(application)
    routes_review.add_routes(application)
    routes_public.add_routes(application)
    return application


async def make_context(
    app: App,
    *,
    member_count: MemberCount | None = None,
    present: Present | None = None,
    remove_form_posts: RemoveFormPosts | None = None,
    remove_erased_quotes: RemoveFormPosts | None = None,
    staff_check: web_auth.StaffCheck | None = None,
) -> WebContext:
    settings = app.settings
    summaries = SummaryCache(app)
    room = ReviewRoom(app, member_count=member_count, present=present)
    app.on_server_forgotten.append(summaries.forget_server)  # its words leave memory too
    app.on_server_forgotten.append(room.forget_server)  # and its settings and name
    return WebContext(
        room=room,
        secret=await web_auth.web_secret(app),
        base_url=settings.web_base_url,
        secure_cookies=settings.web_base_url.startswith("https://"),
        limiter=RateLimiter(),
        summaries=summaries,
        remove_form_posts=remove_form_posts,
        remove_erased_quotes=remove_erased_quotes,
        staff=web_auth.StaffRecheck(staff_check),
    )


class WebServer:
    """Serves the review room on ``host:port`` until stopped; ``port`` 0 picks a free one."""

    def __init__(
        self,
        app: App,
        *,
        host: str | None = None,
        port: int | None = None,
        member_count: MemberCount | None = None,
        present: Present | None = None,
        remove_form_posts: RemoveFormPosts | None = None,
        remove_erased_quotes: RemoveFormPosts | None = None,
        staff_check: web_auth.StaffCheck | None = None,
    ) -> None:
        self.app = app
        self.staff_check = staff_check
        self.remove_form_posts = remove_form_posts
        self.remove_erased_quotes = remove_erased_quotes
        self.host = host or app.settings.web_host
        self.port = app.settings.web_port if port is None else port
        self.member_count = member_count
        self.present = present
        self.context: WebContext | None = None
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        settings = self.app.settings
        if self.host not in LOOPBACK_HOSTS and not settings.public_url:
            raise SettingsError("settings-web-needs-public-url", host=self.host)
        self.context = await make_context(
            self.app,
            member_count=self.member_count,
            present=self.present,
            remove_form_posts=self.remove_form_posts,
            remove_erased_quotes=self.remove_erased_quotes,
            staff_check=self.staff_check,
        )
        self._runner = web.AppRunner(build_application(self.context), **runner_options())
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except OSError as error:
            await self._runner.cleanup()
            self._runner = None
            raise StartFailed(
                f"the web room cannot listen on {self.host}:{self.port} ({error.strerror}): "
                "set WEB_PORT, or WEB_ENABLED=off",
                address=f"{self.host}:{self.port}",
                reason=str(error.strerror or error),
            ) from None
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.port = int(sockets[0].getsockname()[1])
        log.info("web room listening on %s:%s (%s)", self.host, self.port, settings.web_base_url)
        if self.host not in LOOPBACK_HOSTS and settings.web_base_url.startswith("http://"):
            log.warning(
                "PUBLIC_URL is plain http while the web room listens on %s: login links and "
                "session cookies cross the network in clear; put an https proxy in front "
                "(README, the web review room)",
                self.host,
            )

    async def stop(self) -> None:
        if self.context is not None:
            for forget in (self.context.summaries.forget_server, self.context.room.forget_server):
                if forget in self.app.on_server_forgotten:
                    self.app.on_server_forgotten.remove(forget)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
