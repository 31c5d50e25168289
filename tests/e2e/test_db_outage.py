"""The database away for 30 seconds while members keep talking: nothing is lost.

PostgreSQL is reached through a TCP proxy (``tests/faults_proxy.py``) that the
test switches off (open connections cut, new ones reset at once) and on again.
While it is off, members reply in the thread, click stances, react with votes
and post through the reply modal. Every click must be answered at once (the
bot answers from memory and queues), nothing may reach the database, and
nothing may be lost: when the proxy comes back the write-behind buffer writes
it all, each row once, and the log says what happened.

About time: SimCord 3.2.1 gives a bot-owned ``asyncio.sleep`` a virtual timer
*and* a real-time fallback, and ``settle()`` waits in real time for any sleep
due before its 5 s deadline. The writer's backoff (0.1 s doubling to 5 s) is
such a chain of short sleeps: left alone, every member action during the
outage would wait on it in real time until its settle deadline and then fail
("bot did not settle"). So the test declares the backoff for what it is, an
intentional wait on something outside the bot: ``virtual_backoff`` routes
``bot.write_behind``'s sleeps of 0.1 s and more (the backoff; the batch collector
polls every 25 ms and is left alone) through ``env.external_wait``, which
makes them fire only when ``env.advance_time`` reaches them. The writer code
is unchanged (``tests/test_write_behind.py`` patches the same name).
``advance_time(30)`` then runs the thirty seconds of outage, a dozen attempts
each really connecting to the proxy and really refused, in a fraction of a
second of real time.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
import simcord
from sqlalchemy import func, select

import bot.write_behind
from bot import custom_ids
from bot.i18n import t
from db.engine import open_engine, session_factory
from db.models import Reply, Stance, StanceChange, Vote
from tests.faults_proxy import TcpProxy
from tests.harness import world

OUTAGE = 30.0
NOTED = ("Noted", "C’est noté", "C'est noté")
BACKOFF_FLOOR = 0.1
"""The first backoff delay; the collector's polling sleeps are shorter."""

_real_sleep = asyncio.sleep


def virtual_backoff(monkeypatch: pytest.MonkeyPatch, env: Any) -> None:
    async def sleep(delay: float, result: Any = None) -> Any:
        if delay < BACKOFF_FLOOR:
            return await _real_sleep(delay, result)
        try:
            return await env.external_wait(
                _real_sleep(delay, result), reason="write-behind backoff while the database is away"
            )
        except simcord.SetupError:  # not in bot-owned work (e.g. at shutdown)
            return await _real_sleep(delay, result)

    class AsyncioWithVirtualBackoff:
        def __getattr__(self, name: str) -> Any:
            return sleep if name == "sleep" else getattr(asyncio, name)

    monkeypatch.setattr(bot.write_behind, "asyncio", AsyncioWithVirtualBackoff())


@pytest.fixture
def proxy(postgres_url: str) -> Iterator[TcpProxy]:
    with TcpProxy.for_url(postgres_url) as running:
        yield running


async def _direct_count(url: str, model: Any) -> int:
    """Rows in the real database, bypassing the proxy (and the bot's buffer)."""
    engine = open_engine(url)
    try:
        async with session_factory(engine)() as session:
            return int(await session.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        await engine.dispose()


async def test_database_away_30s_nothing_lost_members_answered(
    postgres_url: str,
    proxy: TcpProxy,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.INFO, logger="bot.write_behind")
    async with world(proxy.url_through(postgres_url), members=4) as w:
        virtual_backoff(monkeypatch, w.env)
        thread, discussion = await w.post()
        post = w.post_message(discussion)
        alice, bruno, chloe, david = w.members
        before = await alice.send(thread, "Avant la coupure.")
        await w.settle()
        assert await _direct_count(postgres_url, Reply) == 1

        proxy.down()
        buffer = w.app.buffer
        replies = [before]
        for n, member in enumerate(w.members):
            replies.append(await member.send(thread, f"Pendant la coupure, réponse {n}."))
        clicks = []
        for member, option in ((alice, 0), (bruno, 1), (chloe, 0), (david, 1), (alice, 1)):
            result = await member.click(post, custom_id=custom_ids.stance(discussion.id, option))
            assert result.ephemeral and result.response.content.startswith(NOTED), result
            clicks.append(result)
        await bruno.react(before, "👍")
        await chloe.react(before, "👎")
        await david.react(replies[1], "👍")  # alice's reply, sent during the outage
        await alice.react(replies[2], "🤷")  # bruno's
        await w.env.settle()
        await w.env.advance_time(OUTAGE)

        assert buffer.failures >= 5, buffer.failures  # it kept trying...
        assert buffer.backlog == 4 + 5 + 4  # ...and kept everything
        assert proxy.refused >= buffer.failures
        assert await _direct_count(postgres_url, Reply) == 1  # nothing got through
        assert await _direct_count(postgres_url, StanceChange) == 0

        proxy.up()
        await w.env.advance_time(6)  # the next retry (backoff at most 5 s)
        await w.settle()
        assert buffer.backlog == 0 and buffer.failures == 0

        stored = await w.rows(Reply, Reply.discussion_id == discussion.id)
        assert sorted(r.id for r in stored) == sorted(m.id for m in replies)
        assert {r.id: r.text for r in stored}[replies[4].id] == "Pendant la coupure, réponse 3."
        assert {(s.user_id, s.option) for s in await w.rows(Stance)} == {
            (alice.id, 1),
            (bruno.id, 1),
            (chloe.id, 0),
            (david.id, 1),
        }
        changes = await w.rows(StanceChange)
        assert len(changes) == 5
        assert {(v.reply_id, v.voter_id, v.value) for v in await w.rows(Vote)} == {
            (before.id, bruno.id, 1),
            (before.id, chloe.id, -1),
            (replies[1].id, david.id, 1),
            (replies[2].id, alice.id, 0),
        }
        assert await _direct_count(postgres_url, Reply) == 5
        assert await _direct_count(postgres_url, Vote) == 4

        messages = [r.getMessage() for r in caplog.records if r.name == "bot.write_behind"]
        failed = [m for m in messages if re.match(r"database write of \d+ events failed", m)]
        assert failed and all("retry in" in m for m in failed)
        assert any(
            re.match(r"database writes resumed after \d+ failed attempts", m) for m in messages
        )

        # The live counts on the question post catch up too (the refresher kept
        # the post dirty while the database was away instead of forgetting it).
        await w.env.advance_time(10)
        await w.env.settle()
        lines = w.post_message(discussion).embeds[0].fields[0].value.splitlines()
        assert [int(line.rsplit("—", 1)[1]) for line in lines][:2] == [1, 3]
        assert not w.env.errors


async def test_voting_card_during_outage_is_answered_then_works_again(
    postgres_url: str, proxy: TcpProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The voting card needs the database (it reads the replies after flushing the
    buffer). While the database is away the click is answered, ephemerally and
    within Discord's 3 s, with "try again in a moment" (it used to wait on the
    buffer for the whole outage and never answer); once it is back the card works."""
    async with world(proxy.url_through(postgres_url), members=3) as w:
        virtual_backoff(monkeypatch, w.env)
        thread, discussion = await w.post()
        post = w.post_message(discussion)
        alice, bruno, _ = w.members
        await alice.send(thread, "Avant la coupure.")
        await w.settle()

        proxy.down()
        during = await bruno.send(thread, "Pendant la coupure.")
        started = w.env.now()  # the simulated Discord's clock
        result = await alice.click(post, custom_id=custom_ids.card(discussion.id))
        assert (w.env.now() - started).total_seconds() < 3.0
        assert result.ephemeral and result.response is not None
        assert result.response.content in {
            t("error-database-unavailable", lang) for lang in ("en", "fr")
        }

        proxy.up()
        await w.env.advance_time(6)
        await w.settle()
        result = await alice.click(post, custom_id=custom_ids.card(discussion.id))
        assert result.ephemeral and result.response.embeds
        assert result.response.embeds[0].description == "Pendant la coupure."
        assert [r.id for r in await w.rows(Reply, Reply.author_id == bruno.id)] == [during.id]
        assert w.app.buffer.backlog == 0


async def test_a_stop_while_the_database_is_away_exits_after_its_wait_and_counts_the_loss(
    postgres_url: str,
    proxy: TcpProxy,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SIGTERM (or Ctrl-C) while the database is away: the stop waited for the database
    however long it stayed away, and the process never exited. It waits
    ``STOP_FLUSH_SECONDS`` (a small value here), then the bot closes, the log saying how
    many events were not written."""
    caplog.set_level(logging.INFO, logger="bot.write_behind")
    async with world(proxy.url_through(postgres_url), members=2, stop_flush_seconds=0.5) as w:
        virtual_backoff(monkeypatch, w.env)
        thread, _ = await w.post()
        await w.settle()
        proxy.down()
        for n, member in enumerate(w.members):
            await member.send(thread, f"Pendant la coupure, réponse {n}.")
        await w.env.settle()
        assert w.app.buffer.backlog == 2
        async with asyncio.timeout(20):  # a bound for failing, not a wait: it took forever
            await w.bot.close()
        assert w.bot.is_closed()
        messages = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
        assert any(m.startswith("stopping: 2 events not written") for m in messages), messages
        proxy.up()
        assert await _direct_count(postgres_url, Reply) == 0
