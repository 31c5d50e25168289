"""A TCP proxy that can take a server away and bring it back, for fault tests.

``TcpProxy`` listens on a free port of 127.0.0.1 and forwards each connection
to ``upstream``. ``down()`` aborts every open connection (both sides) and,
until ``up()``, resets each new one as soon as it is accepted: a client sees
its connection refused at once instead of waiting on a black hole (asyncpg
would otherwise wait out its connect timeout).

The proxy runs its own event loop in a daemon thread, so nothing it does is
work of the bot under test: SimCord's settlement never waits on the proxy,
and the proxy keeps forwarding while the test's loop is busy.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any
from urllib.parse import urlsplit, urlunsplit


class TcpProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.host = "127.0.0.1"
        self.port = 0
        self.refused = 0
        """Connections reset on arrival while the upstream was away."""
        self.forwarded = 0
        self._available = True
        self._streams: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None

    @classmethod
    def for_url(cls, url: str) -> TcpProxy:
        """A proxy in front of the server of a ``scheme://user@host:port/db`` URL."""
        parts = urlsplit(url)
        return cls(parts.hostname or "127.0.0.1", parts.port or 5432)

    def url_through(self, url: str) -> str:
        """``url`` (same scheme, user and database) with this proxy as host and port."""
        parts = urlsplit(url)
        credentials = parts.netloc.rpartition("@")[0]
        netloc = (
            f"{credentials}@{self.host}:{self.port}" if credentials else f"{self.host}:{self.port}"
        )
        return urlunsplit(parts._replace(netloc=netloc))

    # ------------------------------------------------------------- control (any thread)

    def start(self) -> TcpProxy:
        self._thread.start()
        self._call(self._listen())
        return self

    def down(self) -> None:
        """The upstream is gone: open connections cut, new ones refused."""
        self._call(self._set_available(False))

    def up(self) -> None:
        """The upstream is back: new connections are forwarded again."""
        self._call(self._set_available(True))

    def stop(self) -> None:
        if self._thread.is_alive():
            self._call(self._close())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
        self._loop.close()

    def __enter__(self) -> TcpProxy:
        return self.start()

    def __exit__(self, *_: Any) -> None:
        self.stop()

    def _call(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=10)

    # ------------------------------------------------------------- the proxy's own loop

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._serve, self.host, 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _set_available(self, available: bool) -> None:
        self._available = available
        if not available:
            for writer in list(self._streams):
                writer.transport.abort()
            self._streams.clear()

    async def _close(self) -> None:
        await self._set_available(False)
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not self._available:
            self.refused += 1
            writer.transport.abort()  # RST: the client fails at once
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        except OSError:
            writer.transport.abort()
            return
        self.forwarded += 1
        self._streams.update((writer, up_writer))
        await asyncio.gather(
            self._pipe(reader, up_writer), self._pipe(up_reader, writer), return_exceptions=True
        )
        self._streams.difference_update((writer, up_writer))

    async def _pipe(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            if self._available:
                sink.close()
            else:
                sink.transport.abort()
