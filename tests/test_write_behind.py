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


async def test_events_arriving_while_collecting_join_the_batch() -> None:
    writer = FakeWriter()
    max_delay = 2.0
    buffer = WriteBehind(writer, max_batch=2, max_delay=max_delay)
    buffer.start()
    first, second = events(2)
    started = time.monotonic()
    await buffer.put(first)
    for _ in range(5):  # let the writer task start collecting
        await _real_sleep(0)
    assert writer.attempts == []  # still waiting for more, within max_delay
    await buffer.put(second)  # the batch is full: written before max_delay is over
    await asyncio.wait_for(buffer.drain(), timeout=5)
    assert writer.written == [[first, second]]
    assert time.monotonic() - started < max_delay
    await buffer.close()


async def test_a_lone_event_is_flushed_within_max_delay() -> None:
    writer = FakeWriter()
    max_delay = 0.02
    buffer = WriteBehind(writer, max_batch=500, max_delay=max_delay)
    buffer.start()
    [event] = events(1)
    started = time.monotonic()
    await buffer.put(event)
    # nobody drains or closes: the writer flushes by itself once max_delay has passed
    await asyncio.wait_for(writer.wrote.wait(), timeout=5)
    elapsed = time.monotonic() - started
    assert writer.written == [[event]]
    assert max_delay * 0.5 <= elapsed < max_delay + 1.0  # generous: shared CI machines
    assert buffer.backlog == 0
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
    await asyncio.wait_for(writer.entered.wait(), timeout=5)
    later = events(4, start=100)  # arrive while the first batch is failing
    writer.gate.set()
    await asyncio.wait_for(writer.failed.wait(), timeout=5)
    for event in later:
        await buffer.put(event)
    await asyncio.wait_for(buffer.drain(), timeout=5)

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
    await asyncio.wait_for(writer.entered.wait(), timeout=5)  # the writer holds event 0
    for event in sent[1:4]:
        await asyncio.wait_for(buffer.put(event), timeout=1)  # room for three
    assert buffer.backlog == 4

    with pytest.raises(TimeoutError):
        await asyncio.wait_for(buffer.put(sent[4]), timeout=0.05)
    assert buffer.backlog == 4  # waited instead of growing

    waiting = asyncio.create_task(buffer.put(sent[4]))
    for _ in range(5):
        await _real_sleep(0)
    assert not waiting.done()
    writer.gate.set()  # the database is back
    await asyncio.wait_for(waiting, timeout=5)
    await asyncio.wait_for(buffer.close(), timeout=5)
    assert writer.flat == sent  # the timed-out put left nothing behind, order kept
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
    await asyncio.wait_for(buffer.close(), timeout=5)
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
    await asyncio.wait_for(buffer.close(), timeout=5)
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
