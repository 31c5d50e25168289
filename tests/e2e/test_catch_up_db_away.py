"""The database away just as the bot, back from an outage, reads the threads again.

The process started (the database answered at start-up), then the database went
away before the gateway's READY: the catch-up cannot read what is stored. What
members wrote while the bot was away must not be lost for that: the discussions
are read again at the next ticks, and none closes before it is read, even when
its closing time passed while the bot was away.

PostgreSQL only, through the TCP proxy of ``test_db_outage.py`` (switched off and
on by the test), with the write-behind's backoff on the virtual clock.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta

import pytest
import simcord

from db.models import Discussion, Reply
from tests.e2e.test_db_outage import virtual_backoff
from tests.faults_proxy import TcpProxy
from tests.harness import world


@pytest.fixture
def proxy(postgres_url: str) -> Iterator[TcpProxy]:
    with TcpProxy.for_url(postgres_url) as running:
        yield running


class _DatabaseAwayBeforeReady:
    """Runs at the end of start-up, before the gateway connects: the database goes away."""

    def __init__(self, proxy: TcpProxy) -> None:
        self.proxy = proxy

    async def start(self) -> None:
        self.proxy.down()

    async def stop(self) -> None:
        return None


async def test_the_database_away_during_the_catch_up_loses_nothing_written_while_away(
    postgres_url: str,
    proxy: TcpProxy,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with world(proxy.url_through(postgres_url)) as w:
        virtual_backoff(monkeypatch, w.env)
        w.clock.set(w.env.now())
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        before = await alice.send(thread, "Avant la panne.")
        await w.settle()
        await w.env._detach_bot()
        await w.bot.app.close()
        away = await bruno.send(thread, "Pendant la panne, avant la clôture.")
        w.clock.set(discussion.closes_at + timedelta(hours=1))
        w.bot = w.new_bot()
        w.bot.attached.append(_DatabaseAwayBeforeReady(proxy))
        with caplog.at_level(logging.WARNING, logger="bot.services.catch_up"):
            await simcord.env._attach_bot(w.env, w.bot)
            await w.env.settle()
        assert any(f"discussion {discussion.id}" in r.getMessage() for r in caplog.records)
        proxy.up()
        await w.bot.scheduler.tick()  # reads it again, then closes it
        await w.settle()
        texts = {r.id: r.text for r in await w.rows(Reply)}
        assert texts == {
            before.id: "Avant la panne.",
            away.id: "Pendant la panne, avant la clôture.",
        }
        (row,) = await w.rows(Discussion)
        assert row.closed_at is not None
        assert not w.env.errors
