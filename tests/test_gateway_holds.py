"""Closing waits for the catch-up of every shard whose gateway dropped: a catch-up only
releases the drops that came before it started (what came after it has not read)."""

from __future__ import annotations

from typing import Any

from bot.clock import ManualClock
from tests.harness import START, make_bot

ON_SHARD_0 = 2 << 22
ON_SHARD_1 = 1 << 22


def _scheduler(sqlite_url: str) -> Any:
    return make_bot(sqlite_url, ManualClock(START), shard_count=2).scheduler


async def test_a_shard_dropping_again_while_it_is_read_stays_held(sqlite_url: str) -> None:
    scheduler = _scheduler(sqlite_url)
    await scheduler.gateway_caught_up()  # the start's catch-up
    scheduler.gateway_lost(1)
    started = scheduler.catch_up_starts()
    scheduler.gateway_lost(1)  # gone again while its catch-up reads
    await scheduler.gateway_caught_up(1, started=started)
    assert not scheduler._may_close(ON_SHARD_1) and scheduler._may_close(ON_SHARD_0)
    started = scheduler.catch_up_starts()
    await scheduler.gateway_caught_up(1, started=started)
    assert scheduler._may_close(ON_SHARD_1)


async def test_a_shard_dropping_during_the_whole_catch_up_stays_held(sqlite_url: str) -> None:
    scheduler = _scheduler(sqlite_url)
    scheduler.gateway_lost(0)  # before the ready's catch-up reads: it reads it
    assert not scheduler._may_close(ON_SHARD_0)
    started = scheduler.catch_up_starts()
    scheduler.gateway_lost(1)  # while it reads
    await scheduler.gateway_caught_up(started=started)
    assert scheduler._may_close(ON_SHARD_0) and not scheduler._may_close(ON_SHARD_1)
    await scheduler.gateway_caught_up(1, started=scheduler.catch_up_starts())
    assert scheduler._may_close(ON_SHARD_1)
