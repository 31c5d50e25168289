"""Running the real bot until it is stopped."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import signal
from typing import TYPE_CHECKING

import aiohttp
import discord

from bot.config import Settings
from bot.errors import CliError, StartFailed
from bot.i18n import Listed, os_reason
from bot.net_reasons import unreachable

if TYPE_CHECKING:
    from bot.factory import EtVousBot
    from web.server import WebServer

log = logging.getLogger(__name__)


class Stopping:
    """Whether a stop signal came, and the bot's closing it started."""

    def __init__(self) -> None:
        self.signal: str | None = None
        self._closing: asyncio.Task[None] | None = None

    def is_set(self) -> bool:
        return self.signal is not None

    async def closed(self) -> None:
        """Returns once the bot is closed (what was accepted, written)."""
        if self._closing is not None:
            await asyncio.shield(self._closing)


def stop_on_signals(bot: discord.Client) -> Stopping:
    """SIGTERM (``docker stop``, systemd) and SIGINT (Ctrl-C) close ``bot`` once.

    Closing flushes the write-behind buffer: what the bot accepted is stored (the
    database given ``STOP_FLUSH_SECONDS``: away longer, what is left is counted in the
    log and not written), then the gateway is left and ``bot.start`` returns. Without it, SIGTERM's default
    action ended the process at once, dropping every event still queued.
    """
    loop = asyncio.get_running_loop()
    stopping = Stopping()

    def stop(name: str) -> None:
        if stopping.signal is not None:
            log.info("%s again: still storing what was accepted before stopping", name)
            return
        stopping.signal = name
        log.info("%s: stopping once what was accepted is stored", name)
        stopping._closing = loop.create_task(bot.close(), name="etvous-stop")

    for sig in (signal.SIGTERM, signal.SIGINT):
        # not on Windows: there Ctrl-C stays a KeyboardInterrupt
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop, sig.name)
    return stopping


_GATEWAY_CLOSED = {
    4004: "cli-token-refused",
    4010: "cli-discord-shards",
    4011: "cli-discord-sharding-required",
}
"""What Discord meant by closing the gateway with that code, for the operator."""


def _refusal(error: Exception) -> CliError | None:
    """Why the bot could not start, as the CLI's one line; ``None`` for a bug."""
    if isinstance(error, discord.LoginFailure):
        return CliError("cli-token-refused")
    if isinstance(error, StartFailed):
        return CliError("cli-web-port-taken", address=error.address, reason=error.reason)
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return CliError("cli-intent-missing")
    if isinstance(error, discord.ConnectionClosed):
        # the close codes no reconnection fixes (discord.py retries the others)
        return CliError(_GATEWAY_CLOSED.get(error.code, "cli-discord-closed"), code=error.code)
    # at login, or asking for the gateway: once connected, discord.py reconnects
    if isinstance(error, discord.HTTPException):
        return CliError("cli-discord-answered", status=error.status)
    if isinstance(error, aiohttp.ClientError):
        return CliError("cli-discord-unreachable", kind=_why(error))
    return None


def _why(error: aiohttp.ClientError) -> Listed | str:
    """Why Discord could not be reached, in the CLI's words (as the database's reasons),
    without the request (nor anything it carried)."""
    if isinstance(error, aiohttp.ClientConnectorError):
        return unreachable(error.os_error)  # refused, unknown host, no route...
    if isinstance(error, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return os_reason(errno.ECONNRESET)
    if isinstance(error, TimeoutError | OSError):
        return unreachable(error)
    return type(error).__name__  # the last resort: an aiohttp error no reason names


def web_room(bot: EtVousBot, *, port: int | None = None) -> WebServer:
    """The web room beside the bot: Discord's member counts (``bot.member_counts``, and
    which members who opted out are still members), the
    bot's posts of erased form replies removed, erased quotes taken out of closing
    summaries, staff checked again with Discord."""
    from bot.permissions import manages_server
    from bot.services.mydata import remove_form_posts
    from bot.services.summary import remove_erased_quotes
    from web.server import WebServer

    async def remove(posts: list[tuple[int, int]]) -> int:
        return await remove_form_posts(bot, posts)

    async def unquote(replies: list[tuple[int, int]]) -> int:
        return await remove_erased_quotes(bot, replies)

    async def staff(guild_id: int, user_id: int) -> bool | None:
        return await manages_server(bot, guild_id, user_id)

    return WebServer(
        bot.app,
        port=port,
        member_count=bot.member_counts.get,
        present=bot.member_counts.present,
        remove_form_posts=remove,
        remove_erased_quotes=unquote,
        staff_check=staff,
    )


def run_bot(settings: Settings) -> int:
    from bot.factory import create_bot

    async def main() -> int:
        bot = create_bot(settings)
        if settings.web_enabled:
            bot.attached.append(web_room(bot))
        stopping = stop_on_signals(bot)
        async with bot:
            try:
                await bot.start(settings.discord_token.get())
            except Exception as error:
                if stopping.is_set():  # stopped while starting: the stop cut the login short
                    log.info("stopped while starting (%s)", type(error).__name__)
                    await stopping.closed()
                    return 0
                refused = _refusal(error)
                if refused is None:
                    raise
                raise refused from None
        await stopping.closed()  # the gateway is left before the stop's close returns
        return 0

    try:
        return asyncio.run(main())
    except KeyboardInterrupt:
        return 0
