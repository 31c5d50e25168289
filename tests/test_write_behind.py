"""The write-behind buffer with a fake writer: batching, retries, back-pressure, close."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

import bot.write_behind
from bot.write_behind import WriteBehind, session_writer
from db.repositories.events import Event, VoteRemoved

_real_sleep = asyncio.sleep


def events(n: int, start: int = 0) -> list[Event]:
    """Distinct, cheap events (the fake writer never looks inside)."""
    return [VoteRemoved(reply_id=i, voter_id=1, value=1) for i in range(start, start + n)]


class FakeWriter:
    """Records every attempt; fails the first ``fail`` attempts; can be held."""

    def __init__(self, fail: int = 0) -> None:
        self.fail = fail
        self.attempts: list[list[Event]] = []
        self.written: list[list[Event]] = []
        self.gate = asyncio.Event()
        self.gate.set()
        self.entered = asyncio.Event()
        self.failed = asyncio.Event()
        self.wrote = asyncio.Event()

    async def __call__(self, batch: Sequence[Event]) -> None:
        self.attempts.append(list(batch))
        self.entered.set()
        await self.gate.wait()
        if len(self.attempts) <= self.fail:
            self.failed.set()
            raise ConnectionError("database is away")
        self.written.append(list(batch))
        self.wrote.set()

    @property
    def flat(self) -> list[Event]:
        return [event for batch in self.written for event in batch]


@pytest.fixture
def backoffs(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry back-off sleeps are recorded and skipped; short polling sleeps still happen."""
    slept: list[float] = []

    async def sleep(delay: float, result: Any = None) -> Any:
        if delay >= 0.05:
            slept.append(delay)
            delay = 0
        return await _real_sleep(delay, result)

    class AsyncioWithFastBackoff:
        def __getattr__(self, name: str) -> Any:
            return sleep if name == "sleep" else getattr(asyncio, name)

    monkeypatch.setattr(bot.write_behind, "asyncio", AsyncioWithFastBackoff())
    return slept


async def test_batches_never_exceed_max_batch_and_keep_order() -> None:
    writer = FakeWriter()
    buffer = WriteBehind(writer, max_batch=5, max_delay=0.01)
    buffer.start()
    sent = events(23)
    for event in sent:
        await buffer.put(event)
    await buffer.drain()
    assert [len(batch) for batch in writer.written] == [5, 5, 5, 5, 3]
    assert writer.flat == sent
    assert (buffer.written, buffer.batches, buffer.backlog) == (23, 5, 0)
    await buffer.close()


class VirtualTime:
    """The buffer's clock and sleeps, virtual: a sleep moves the clock and yields once.

    Timing is then checked in the buffer's own time, not against the wall
    clock of a busy machine.
    """

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, delay: float, result: Any = None) -> Any:
        self.now += max(delay, 0.0)
        return await _real_sleep(0, result)


@pytest.fixture
def virtual_time(monkeypatch: pytest.MonkeyPatch) -> VirtualTime:
    clock = VirtualTime()

    class AsyncioWithVirtualSleep:
        def __getattr__(self, name: str) -> Any:
            return clock.sleep if name == "sleep" else getattr(asyncio, name)

    class TimeWithVirtualClock:
        def __getattr__(self, name: str) -> Any:
            return clock.monotonic if name == "monotonic" else getattr(time, name)

    monkeypatch.setattr(bot.write_behind, "asyncio", AsyncioWithVirtualSleep())
    monkeypatch.setattr(bot.write_behind, "time", TimeWithVirtualClock())
    return clock


async def test_events_arriving_while_collecting_join_the_batch(virtual_time: VirtualTime) -> None:
    writer = FakeWriter()
    max_delay = 2.0
    buffer = WriteBehind(writer, max_batch=2, max_delay=max_delay)
    buffer.start()
    first, second = events(2)
    await buffer.put(first)
    for _ in range(3):  # let the writer task start collecting
        await _real_sleep(0)
    assert writer.attempts == []  # still waiting for more, within max_delay
    assert 0 < virtual_time.now < max_delay
    await buffer.put(second)  # the batch is full: written before max_delay is over
    await buffer.drain()
    assert writer.written == [[first, second]]
    assert virtual_time.now < max_delay
    await buffer.close()


async def test_a_lone_event_is_flushed_within_max_delay(virtual_time: VirtualTime) -> None:
    writer = FakeWriter()
    max_delay = 0.02
    buffer = WriteBehind(writer, max_batch=500, max_delay=max_delay)
    buffer.start()
    [event] = events(1)
    await buffer.put(event)
    # nobody drains or closes: the writer flushes by itself once max_delay has passed
    await writer.wrote.wait()
    assert writer.written == [[event]]
    assert max_delay <= virtual_time.now <= max_delay * 1.25  # the collector polls by quarters
    assert buffer.backlog == 0
    await buffer.close()


async def test_by_default_a_waiting_member_never_waits_for_a_batching_window(
    virtual_time: VirtualTime,
) -> None:
    writer = FakeWriter()
    buffer = WriteBehind(writer)
    buffer.start()
    [event] = events(1)
    await buffer.put(event)
    await buffer.drain()
    assert writer.written == [[event]]
    assert virtual_time.now == 0  # the writer never slept


async def test_events_queued_while_a_batch_is_written_make_the_next_batch() -> None:
    writer = FakeWriter()
    writer.gate.clear()
    buffer = WriteBehind(writer)
    buffer.start()
    first, *rest = events(40)
    await buffer.put(first)
    await writer.entered.wait()  # the first batch is being written
    for event in rest:
        await buffer.put(event)
    writer.gate.set()
    await buffer.drain()
    assert writer.written == [[first], rest]
    await buffer.close()


async def test_a_failing_writer_is_retried_with_backoff_and_nothing_is_lost(
    backoffs: list[float],
) -> None:
    writer = FakeWriter(fail=4)
    writer.gate.clear()
    buffer = WriteBehind(writer, max_batch=3, max_delay=0.01, max_backoff=0.3)
    first = events(3)
    for event in first:
        await buffer.put(event)
    await writer.entered.wait()
    later = events(4, start=100)  # arrive while the first batch is failing
    writer.gate.set()
    await writer.failed.wait()
    for event in later:
        await buffer.put(event)
    await buffer.drain()

    assert writer.attempts[:5] == [first] * 5  # the same batch, kept, until it went through
    assert writer.written == [first, later[:3], later[3:]]
    assert writer.flat == first + later
    assert backoffs == [0.1, 0.2, 0.3, 0.3]  # doubling, capped at max_backoff
    assert (buffer.failures, buffer.written, buffer.backlog) == (0, 7, 0)
    await buffer.close()


async def test_a_full_buffer_makes_producers_wait() -> None:
    writer = FakeWriter()
    writer.gate.clear()  # the database hangs
    buffer = WriteBehind(writer, max_batch=10, max_delay=0.01, capacity=3)
    sent = events(5)
    await buffer.put(sent[0])
    await writer.entered.wait()  # the writer holds event 0
    for event in sent[1:4]:
        await buffer.put(event)  # room for three
    assert buffer.backlog == 4

    waiting = asyncio.create_task(buffer.put(sent[4]))
    for _ in range(5):
        await _real_sleep(0)
    assert not waiting.done()
    assert buffer.backlog == 4  # waits instead of growing
    writer.gate.set()  # the database is back
    await waiting
    await buffer.close()
    assert writer.flat == sent  # order kept
    assert buffer.backlog == 0


async def test_close_flushes_everything() -> None:
    writer = FakeWriter()
    buffer = WriteBehind(writer, max_batch=4, max_delay=0.2)
    buffer.start()
    sent = events(10)
    for event in sent:
        await buffer.put(event)
    for _ in range(5):  # the writer is busy collecting when the bot stops
        await _real_sleep(0)
    await buffer.close()
    assert writer.flat == sent
    assert all(len(batch) <= 4 for batch in writer.written)
    assert buffer.backlog == 0
    await buffer.close()  # closing twice is harmless
    assert writer.flat == sent


async def test_close_with_a_slow_database_waits_for_the_retries(backoffs: list[float]) -> None:
    writer = FakeWriter(fail=2)
    buffer = WriteBehind(writer, max_batch=500, max_delay=0.01)
    buffer.start()
    sent = events(3)
    for event in sent:
        await buffer.put(event)
    await buffer.close()
    assert writer.written == [sent]
    assert len(writer.attempts) == 3 and backoffs == [0.1, 0.2]


async def test_session_writer_stores_the_batch(sqlite_url: str) -> None:
    from sqlalchemy import select

    from db.engine import open_engine, session_factory
    from db.migrate import upgrade
    from db.models import Discussion, Reply
    from db.repositories import discussions, guilds, questions
    from db.repositories.events import ReplySeen

    now = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    engine = open_engine(sqlite_url)
    try:
        await upgrade(engine)
        sessions = session_factory(engine)
        async with sessions.begin() as session:
            await guilds.ensure_guild(session, 7, now=now, timezone="Europe/Paris", language="fr")
            [q] = await questions.add_questions(
                session, 7, [("Q ?", "fr", ["A", "B"], None)], now=now
            )
            d = await discussions.create_discussion(
                session,
                Discussion(
                    guild_id=7, question_id=q.id, question_text="Q ?", options=["A", "B"],
                    language="fr", channel_id=1, opened_at=now, closes_at=now + timedelta(days=1),
                ),
            )  # fmt: skip
        buffer = WriteBehind(session_writer(sessions), max_batch=4, max_delay=0.01)
        buffer.start()
        for i in range(1, 11):
            await buffer.put(ReplySeen(i, d.id, 7, 100 + i, "m", f"texte {i}", now))
        await buffer.close()
        async with sessions() as session:
            stored = list(await session.scalars(select(Reply).order_by(Reply.id)))
        assert [(r.id, r.text) for r in stored] == [(i, f"texte {i}") for i in range(1, 11)]
        assert buffer.batches == 3
    finally:
        await engine.dispose()


# --------------------------------------------------- a batch the database refuses for good


class Refused(ValueError):
    """Stands for a data error: the database refuses this content, every time."""


class PoisonWriter(FakeWriter):
    """Refuses any batch holding a poison event; can also be away (transient)."""

    def __init__(self, poison: set[Event], *, away: int = 0) -> None:
        super().__init__()
        self.poison = poison
        self.away = away

    async def __call__(self, batch: Sequence[Event]) -> None:
        self.attempts.append(list(batch))
        if self.away:
            self.away -= 1
            raise ConnectionError("database is away")
        if any(event in self.poison for event in batch):
            raise Refused("invalid byte sequence")
        self.written.append(list(batch))


class DeadLetterBox:
    def __init__(self) -> None:
        self.kept: list[tuple[Event, str]] = []

    async def __call__(self, event: Event, error: str) -> None:
        self.kept.append((event, error))


async def test_a_refused_event_is_set_aside_and_the_rest_written_in_order() -> None:
    sent = events(64)
    poison = {sent[5], sent[40]}
    writer, box = PoisonWriter(poison), DeadLetterBox()
    buffer = WriteBehind(writer, dead_letters=box, max_batch=64, max_delay=0.01)
    for event in sent:
        await buffer.put(event)
    await buffer.close()
    assert writer.flat == [e for e in sent if e not in poison]
    assert box.kept == [(sent[5], "Refused"), (sent[40], "Refused")]
    assert (buffer.set_aside, buffer.failures, buffer.backlog) == (2, 0, 0)
    # found by halving: a handful of attempts per poison, not one per event
    assert len(writer.attempts) <= 2 * (2 * 7 + 2)


async def test_after_write_runs_once_the_writer_has_written_what_was_queued() -> None:
    """Not after each batch: work that follows the writes waits for a flood to pass."""
    writer = FakeWriter()
    calls: list[int] = []
    buffer = WriteBehind(writer, max_batch=5, after_write=lambda: calls.append(buffer.backlog))
    buffer.start()
    for event in events(23):
        buffer.offer(event)
    await buffer.drain()
    assert [len(batch) for batch in writer.written] == [5, 5, 5, 5, 3]
    assert calls == [0]
    buffer.offer(events(1, start=23)[0])
    await buffer.drain()
    assert calls == [0, 0]


async def test_after_write_runs_when_the_last_event_is_set_aside() -> None:
    sent = events(6)
    writer, box = PoisonWriter({sent[5]}), DeadLetterBox()
    calls: list[int] = []
    buffer = WriteBehind(
        writer, dead_letters=box, max_batch=6, after_write=lambda: calls.append(buffer.backlog)
    )
    for event in sent:
        buffer.offer(event)
    await buffer.close()
    assert writer.flat == sent[:5]
    assert calls == [0]


async def test_the_database_away_while_splitting_sets_nothing_aside(
    backoffs: list[float],
) -> None:
    """A single event failing is set aside only if the database answers right after."""
    sent = events(4)
    writer, box = PoisonWriter({sent[2]}), DeadLetterBox()
    buffer = WriteBehind(writer, dead_letters=box, max_batch=4, max_delay=0.01)
    real_call = PoisonWriter.__call__

    async def away_at_the_probe(self: PoisonWriter, batch: Sequence[Event]) -> None:
        if not batch and not backoffs:
            self.attempts.append([])
            raise ConnectionError("database is away")
        await real_call(self, batch)

    PoisonWriter.__call__ = away_at_the_probe  # type: ignore[method-assign]
    try:
        for event in sent:
            await buffer.put(event)
        await buffer.close()
    finally:
        PoisonWriter.__call__ = real_call  # type: ignore[method-assign]
    assert backoffs == [0.1]  # the failed probe was retried like any outage
    assert box.kept == [(sent[2], "Refused")]  # then set aside, once
    assert writer.flat == [sent[0], sent[1], sent[3]]


async def test_transient_errors_are_retried_not_split(backoffs: list[float]) -> None:
    sent = events(8)
    writer, box = PoisonWriter(set(), away=3), DeadLetterBox()
    buffer = WriteBehind(writer, dead_letters=box, max_batch=8, max_delay=0.01)
    for event in sent:
        await buffer.put(event)
    await buffer.close()
    assert [len(a) for a in writer.attempts] == [8, 8, 8, 8]
    assert writer.written == [sent] and box.kept == [] and buffer.set_aside == 0


def _dbapi(orig: Exception, kind: Any = None) -> Exception:
    from sqlalchemy import exc

    return (kind or exc.DBAPIError)("INSERT …", {}, orig)


class _PgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("error", "for_good"),
    [
        (UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"), True),
        (_dbapi(_PgError("22021")), True),  # PostgreSQL: U+0000
        (_dbapi(_PgError("23505")), True),  # a constraint
        (ValueError("naive datetime"), True),
        (ConnectionRefusedError(), False),
        (TimeoutError(), False),
        (_dbapi(_PgError("08006")), False),  # connection failure
        (_dbapi(_PgError("57P01")), False),  # admin shutdown
        (_dbapi(_PgError("42P01")), False),  # a table missing: a deploy, not the data
        (_dbapi(Exception("database is locked")), False),  # SQLite, busy
    ],
)
def test_what_no_retry_can_fix(error: Exception, for_good: bool) -> None:
    from bot.write_behind import unwritable

    assert unwritable(error) is for_good


async def test_close_gives_up_on_a_database_that_does_not_answer_and_says_how_much_was_lost(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A stop while the database is away waited for it however long it stayed away: the
    process never exited. With a limit, the writer is stopped then, and the log counts
    the events not written (a small limit: the writer never answers here)."""
    import logging

    caplog.set_level(logging.INFO, logger="bot.write_behind")
    writer = FakeWriter()
    writer.gate.clear()  # the database takes the connection and never answers
    buffer = WriteBehind(writer, max_batch=4)
    buffer.start()
    for event in events(6):
        await buffer.put(event)
    await writer.entered.wait()
    assert await buffer.close(limit=0.05) == 6
    assert buffer.backlog == 0 and writer.written == []
    assert buffer._task is not None and buffer._task.done()
    (said,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert said.getMessage().startswith("stopping: 6 events not written")
    assert await buffer.close(limit=0.05) == 0  # closing twice is harmless


async def test_close_within_its_limit_loses_nothing(backoffs: list[float]) -> None:
    writer = FakeWriter(fail=2)
    buffer = WriteBehind(writer, max_batch=500, max_delay=0.01)
    buffer.start()
    sent = events(3)
    for event in sent:
        await buffer.put(event)
    assert await buffer.close(limit=30) == 0
    assert writer.written == [sent]


async def test_a_server_being_erased_has_its_events_dropped_and_others_go_on() -> None:
    """A server erased: ``refusing`` lets the batch being written finish first (the
    erasure then deletes what it wrote), drops that server's queued events and those put
    meanwhile, so none is written after; other servers' events are written meanwhile."""

    def of(guild: int, *ids: int) -> list[Event]:
        return [VoteRemoved(i, 1, 1, discussion_id=guild, guild_id=guild) for i in ids]

    erased, other = 7, 8
    writer = FakeWriter()
    writer.gate.clear()
    buffer = WriteBehind(writer)
    buffer.start()
    for event in [*of(erased, 1), *of(other, 2)]:
        await buffer.put(event)
    await writer.entered.wait()  # that batch is being written
    for event in [*of(erased, 3), *of(other, 4), *of(erased, 5)]:
        await buffer.put(event)  # queued behind it
    entered = asyncio.Event()
    dropped: list[int] = []

    async def erase() -> None:
        async with buffer.refusing(erased) as refusal:
            entered.set()
            assert refusal.dropped == 2
            writer.wrote.clear()
            await buffer.put(of(erased, 6)[0])
            for event in [*of(erased, 9), *of(other, 7)]:
                buffer.offer(event)
            await writer.wrote.wait()  # other servers' writes go on meanwhile
            dropped.append(refusal.dropped)

    erasing = asyncio.create_task(erase())
    await _real_sleep(0.01)
    assert not entered.is_set()  # the batch being written comes first
    writer.gate.set()
    await erasing
    await buffer.put(of(erased, 8)[0])  # after: the server may come back as a new one
    await buffer.close()
    assert dropped == [4]
    assert [e.reply_id for e in writer.written[0]] == [1, 2]
    assert [e.reply_id for e in writer.flat] == [1, 2, 4, 7, 8]
    assert buffer.backlog == 0
