"""``python -m bot web``: the review room alone on 127.0.0.1, for one server, without Discord.

It prints a login link (a session of the local console, member id 0) and
serves until interrupted. What it changes is audit-logged as the console's.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import signal
import sys
from typing import TextIO

from bot.config import Settings
from bot.errors import CliError
from bot.i18n import t


async def _serve(
    settings: Settings, guild_id: int, language: str, out: TextIO, stop: asyncio.Event
) -> None:
    from bot.app import App
    from bot.errors import StartFailed
    from bot.services import review, web_auth
    from db.migrate import upgrade
    from web.server import WebServer

    app = App.build(settings)
    try:
        await upgrade(app.engine)
        if not await review.server_exists(app, guild_id):
            raise CliError("cli-web-unknown-server", guild=guild_id)
        server = WebServer(app, host="127.0.0.1", port=settings.web_port)
        try:
            await server.start()
        except StartFailed as error:
            raise CliError(
                "cli-web-cannot-listen", address=error.address, reason=error.reason
            ) from None
        try:
            assert server.context is not None
            login = await web_auth.issue_login(
                app, server.context.secret, guild_id, web_auth.LOCAL_USER
            )
            base = f"http://127.0.0.1:{server.port}"
            print(t("cli-web-login", language, guild=guild_id, url=base + login.path), file=out)
            print(t("cli-web-login-hint", language), file=out)
            out.flush()
            await stop.wait()
        finally:
            await server.stop()
    finally:
        await app.close()


def serve(
    settings: Settings,
    guild_id: int,
    port: int | None,
    language: str = "fr",
    out: TextIO = sys.stdout,
) -> int:
    """Serve until Ctrl+C or SIGTERM, speaking ``language``; returns the exit code."""
    local = dataclasses.replace(
        settings,
        web_host="127.0.0.1",
        web_port=settings.web_port if port is None else port,
        public_url=None,
        web_enabled=True,
    )

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):  # systemd, docker stop, Ctrl+C
            with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows
                loop.add_signal_handler(sig, stop.set)
        await _serve(local, guild_id, language, out, stop)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
    return 0
