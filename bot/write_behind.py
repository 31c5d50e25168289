"""The write-behind buffer between the gateway and the database.

Handlers ``put`` events and return at once; a single writer task takes them
in arrival order and writes batches (up to 500 events) in one transaction
each. By default it writes whatever is queued when it gets its turn, without
waiting for more: under a flood, the events that arrive while one batch is
being written make the next one, so batches grow with the load, and a member
whose interaction waits for the writes (``drain``) never waits for a batching
window (a 100 ms window cost every voting card and stance click that much). A batch that fails because the database is
away (or locked, or restarting) is retried with backoff, never dropped:
while the database is away the bot keeps answering members and the events
wait here. A batch the database refuses for its content, which no retry
can fix, is split in halves until the one refused event is found; that
event is set aside as a dead letter (its ids recorded, logged, counted for
the server's staff) and the others are written, so one unwritable message
never stalls every server. The queue is bounded, so a flood slows producers
down (back-pressure) instead of growing memory without limit. ``close``
flushes what is left (at a stop, for as long as ``STOP_FLUSH_SECONDS`` allows).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy import text

from bot.clock import Clock
from bot.errors import StorageUnavailable
from db.engine import SessionFactory
from db.repositories.events import Event, apply_batch, event_ids, record_dead_letter

log = logging.getLogger(__name__)

INTERACTIVE_WAIT = 1.5
"""Seconds a member-facing command waits for pending writes (Discord allows 3)."""

Writer = Callable[[Sequence[Event]], Awaitable[None]]
"""Writes a batch in one transaction; an empty batch only checks the database answers."""
DeadLetters = Callable[[Event, str], Awaitable[None]]
"""Records an event the database refused for good (its ids, and the error's class name)."""

_DATA_STATES = ("22", "23")
"""SQLSTATE classes of data exceptions and integrity violations: the data is at fault."""


def unwritable(error: BaseException) -> bool:
    """Whether the database refused a batch for its content, which no retry can fix.

    Data errors (SQLSTATE classes 22 and 23, text the driver cannot encode,
    a value that cannot be bound) and errors of our own code on an odd event
    are; the database away, locked, restarting or missing a table is not.
    """
    from sqlalchemy import exc

    if isinstance(error, exc.DataError | exc.IntegrityError):
        return True
    if isinstance(error, exc.DBAPIError):
        return _sqlstate(error.orig) in _DATA_STATES
    if isinstance(error, exc.StatementError):
        return True  # raised while binding the parameters, before the database saw them
    if isinstance(error, exc.SQLAlchemyError | OSError | TimeoutError):
        return False  # pool timeouts, closed connections, sockets
    if type(error).__module__.split(".")[0] in ("asyncpg", "aiosqlite", "sqlite3"):
        return _sqlstate(error) in _DATA_STATES
    return True


def _sqlstate(error: object) -> str | None:
    state = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    return state[:2] if isinstance(state, str) else None


def session_writer(sessions: SessionFactory) -> Writer:
    async def write(batch: Sequence[Event]) -> None:
        async with sessions.begin() as session:
            if batch:
                await apply_batch(session, batch)
            else:
                await session.execute(text("SELECT 1"))

    return write


def session_dead_letters(sessions: SessionFactory, clock: Clock) -> DeadLetters:
    async def record(event: Event, error: str) -> None:
        async with sessions.begin() as session:
            await record_dead_letter(session, event, error, clock.now())

    return record


@dataclass
class Refusal:
    """Events of a server being erased dropped by the buffer (:meth:`WriteBehind.refusing`)."""

    dropped: int = 0


class WriteBehind:
    """The buffer. A writer task runs only while there is something to write.

    ``max_delay``: seconds the writer waits for more events before writing a
    batch that is not full (0, the default: it does not wait).
    """

    def __init__(
        self,
        write: Writer,
        *,
        dead_letters: DeadLetters | None = None,
        max_batch: int = 500,
        max_delay: float = 0.0,
        capacity: int = 50_000,
        max_backoff: float = 5.0,
        after_write: Callable[[], None] | None = None,
    ) -> None:
        self._write = write
        self.after_write = after_write
        """Called when the writer has written what was queued and goes idle (the
        embedder's poke): not after each batch, so work that follows the writes
        waits for a flood to pass instead of competing with it."""
        self._dead_letters = dead_letters
        self._max_batch = max_batch
        self._max_delay = max_delay
        self._max_backoff = max_backoff
        self._queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=capacity)
        self._task: asyncio.Task[None] | None = None
        self._pending: list[Event] = []
        self._waiting: set[asyncio.Task[None]] = set()
        self._writing = asyncio.Lock()
        """Held while a batch is written, and by :meth:`refusing` as it drops what is queued."""
        self._refused: dict[int, Refusal] = {}
        self._accepting = False
        self.failures = 0
        """Failed attempts in a row (the database away); 0 once writes go through."""
        self.written = 0
        self.batches = 0
        self.set_aside = 0
        """Events refused for good since start (dead letters)."""

    def start(self) -> None:
        """Accept events (the writer itself starts with the first one)."""
        self._accepting = True

    def _wake(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="etvous-write-behind")

    async def put(self, event: Event) -> None:
        """Queue ``event``; waits only when the buffer is full (back-pressure)."""
        if self._refused and self._refuses(event):
            return
        if self._queue.full():
            self._wake()
            await self._queue.put(event)
        else:
            self._queue.put_nowait(event)
        self._wake()

    def offer(self, event: Event) -> None:
        """Queue ``event`` without awaiting: at once when there is room, else in a
        task that waits for room (the caller is a synchronous gateway handler)."""
        if self._refused and self._refuses(event):
            return
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

    @asynccontextmanager
    async def refusing(self, guild_id: int) -> AsyncIterator[Refusal]:
        """While a server's data is erased: the batch being written is finished first (the
        erasure then deletes what it wrote), the server's queued events are dropped, and so
        are those put meanwhile; other servers' are written as usual. Events naming no
        server (an edit, a reaction taken back) write nothing where no reply is stored, and
        stay. The refusal yielded counts what was dropped."""
        refusal = Refusal()
        async with self._writing:
            refusal.dropped = self._discard(guild_id)
            self._refused[guild_id] = refusal
        try:
            yield refusal
        finally:
            self._refused.pop(guild_id, None)

    def _refuses(self, event: Event) -> bool:
        refusal = self._refused.get(event_ids(event).guild_id or 0)
        if refusal is None:
            return False
        refusal.dropped += 1
        return True

    def _discard(self, guild_id: int) -> int:
        kept = [e for e in self._pending if event_ids(e).guild_id != guild_id]
        dropped = len(self._pending) - len(kept)
        self._pending[:] = kept
        queued: list[Event] = []
        while not self._queue.empty():
            queued.append(self._queue.get_nowait())
        for event in queued:
            if event_ids(event).guild_id == guild_id:
                dropped += 1
            else:
                self._queue.put_nowait(event)
        return dropped

    async def close(self, limit: float | None = None) -> int:
        """Flush what is queued, then stop; returns how many events were not written.

        ``limit`` (seconds): how long to wait for the database. A stop while it is
        away gives up then: the writer is stopped, and what it still held is lost
        and counted in the log (without it, the stop waited for the database
        however long it stayed away, and the process never exited).
        """
        self._accepting = False
        if self.backlog:
            self._wake()
        try:
            await self.drain(limit)
        except StorageUnavailable:
            lost = self.backlog
            for task in [self._task, *self._waiting]:
                if task is not None and not task.done():
                    task.cancel()
            await asyncio.gather(
                *[t for t in [self._task, *self._waiting] if t is not None],
                return_exceptions=True,
            )
            self._queue = asyncio.Queue(maxsize=self._queue.maxsize)
            self._pending.clear()
            log.error(
                "stopping: %d events not written: the database did not take them within "
                "%s seconds (%d failed attempts)",
                lost,
                limit,
                self.failures,
            )
            return lost
        return 0

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
        written = self.written
        while self._pending or not self._queue.empty():
            if len(self._pending) < self._max_batch:
                await self._collect()
            await self._flush_pending()
        if self.written > written and self.after_write is not None:
            self.after_write()

    async def _flush_pending(self) -> None:
        delay = 0.1
        while self._pending:
            try:
                async with self._writing:
                    await self._write_pending()
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

    async def _write_pending(self) -> None:
        """Write the pending events in order, setting aside any the database refuses for good.

        A refused batch is split in halves, then halves of the failing half,
        until one event is left; it is a dead letter only if the database
        answers right after (a failure that is the database's own is retried
        with everything else). Transient errors propagate to the caller's
        backoff; what was written before stays written.
        """
        size = len(self._pending)
        while self._pending:
            chunk = self._pending[:size]
            try:
                await self._write(chunk)
            except Exception as error:
                if not unwritable(error):
                    raise
                if len(chunk) > 1:
                    size = (len(chunk) + 1) // 2
                    continue
                await self._write([])  # the database answers: the event is at fault
                await self._set_aside(chunk[0], error)
                del self._pending[0]
                size = len(self._pending)
                continue
            del self._pending[: len(chunk)]
            self.written += len(chunk)
            self.batches += 1

    async def _set_aside(self, event: Event, error: BaseException) -> None:
        ids = event_ids(event)
        log.error(
            "database refused %s event %s (discussion %s, server %s) for good (%s): set aside",
            ids.kind,
            ids.object_id,
            ids.discussion_id,
            ids.guild_id,
            type(error).__name__,
        )
        self.set_aside += 1
        if self._dead_letters is not None:
            try:
                await self._dead_letters(event, type(error).__name__)
            except Exception as failure:
                if not unwritable(failure):
                    self.set_aside -= 1
                    raise  # retried with the rest; the event is set aside again then
                log.error("dead letter of %s %s not recorded", ids.kind, ids.object_id)
