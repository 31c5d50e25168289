"""The write-behind buffer between the gateway and the database.

Handlers ``put`` events and return at once; a single writer task takes them
in arrival order and writes batches (500 events, or whatever came within
100 ms) in one transaction each. A batch that fails is retried with backoff,
never dropped: while the database is away the bot keeps answering members
and the events wait here. The queue is bounded, so a flood slows producers
down (back-pressure) instead of growing memory without limit. ``close``
flushes what is left.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence

from bot.errors import StorageUnavailable
from db.engine import SessionFactory
from db.repositories.events import Event, apply_batch

log = logging.getLogger(__name__)

INTERACTIVE_WAIT = 1.5
"""Seconds a member-facing command waits for pending writes (Discord allows 3)."""

Writer = Callable[[Sequence[Event]], Awaitable[None]]


def session_writer(sessions: SessionFactory) -> Writer:
    async def write(batch: Sequence[Event]) -> None:
        async with sessions.begin() as session:
            await apply_batch(session, batch)

    return write


class WriteBehind:
    """The buffer. A writer task runs only while there is something to write."""

    def __init__(
        self,
        write: Writer,
        *,
        max_batch: int = 500,
        max_delay: float = 0.1,
        capacity: int = 50_000,
        max_backoff: float = 5.0,
        after_write: Callable[[], None] | None = None,
    ) -> None:
        self._write = write
        self.after_write = after_write
        """Called after each batch written (the embedder's poke)."""
        self._max_batch = max_batch
        self._max_delay = max_delay
        self._max_backoff = max_backoff
        self._queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=capacity)
        self._task: asyncio.Task[None] | None = None
        self._pending: list[Event] = []
        self._waiting: set[asyncio.Task[None]] = set()
        self._accepting = False
        self.failures = 0
        self.written = 0
        self.batches = 0

    def start(self) -> None:
        """Accept events (the writer itself starts with the first one)."""
        self._accepting = True

    def _wake(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="etvous-write-behind")

    async def put(self, event: Event) -> None:
        """Queue ``event``; waits only when the buffer is full (back-pressure)."""
        if self._queue.full():
            self._wake()
            await self._queue.put(event)
        else:
            self._queue.put_nowait(event)
        self._wake()

    def offer(self, event: Event) -> None:
        """Queue ``event`` without awaiting: at once when there is room, else in a
        task that waits for room (the caller is a synchronous gateway handler)."""
        if self._queue.full():
            task = asyncio.create_task(self.put(event))
            self._waiting.add(task)
            task.add_done_callback(self._waiting.discard)
            return
        self._queue.put_nowait(event)
        self._wake()

    @property
    def backlog(self) -> int:
        return self._queue.qsize() + len(self._pending) + len(self._waiting)

    async def drain(self, limit: float | None = None) -> None:
        """Wait until everything queued so far is written.

        With ``limit`` (seconds), give up then with :class:`StorageUnavailable`:
        a member waiting on an interaction must be answered while the database
        is away. Giving up leaves the writer running.
        """
        if limit is None:
            while self.backlog and self._task is not None:
                await asyncio.shield(self._task)
            return
        try:
            async with asyncio.timeout(limit):
                await self.drain()
        except TimeoutError:
            raise StorageUnavailable from None

    async def close(self) -> None:
        """Flush what is queued, then stop."""
        self._accepting = False
        if self.backlog:
            self._wake()
        await self.drain()

    async def _collect(self) -> None:
        deadline = time.monotonic() + self._max_delay
        while len(self._pending) < self._max_batch:
            try:
                self._pending.append(self._queue.get_nowait())
                continue
            except asyncio.QueueEmpty:
                pass
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._accepting:
                break
            await asyncio.sleep(min(remaining, self._max_delay / 4))

    async def _run(self) -> None:
        while self._pending or not self._queue.empty():
            if len(self._pending) < self._max_batch:
                await self._collect()
            await self._flush_pending()

    async def _flush_pending(self) -> None:
        delay = 0.1
        while True:
            try:
                await self._write(self._pending)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                self.failures += 1
                log.warning(
                    "database write of %d events failed (%s); keeping them, retry in %.1fs",
                    len(self._pending),
                    type(error).__name__,
                    delay,
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._max_backoff)
                continue
            if self.failures:
                log.info("database writes resumed after %d failed attempts", self.failures)
                self.failures = 0
            self.written += len(self._pending)
            self.batches += 1
            self._pending = []
            if self.after_write is not None:
                self.after_write()
            return
