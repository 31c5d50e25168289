"""Many servers on one process's scheduler: its wake-ups are set again after every post,
close, ``/setup`` and tick, and must never hold the event loop (the bot's bound: 100 ms,
see ``test_import_stall``), nor grow with the servers times the posts of one slot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.cron import next_slots
from db.models import Discussion
from db.repositories import guilds
from tests.e2e.test_import_stall import MAX_STALL
from tests.harness import world
from tests.loop_monitor import loop_use

SERVERS = 1500
MONDAY_SLOT = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # 18:00 in Paris


def _timers(w: Any) -> AsyncIOScheduler:
    """The scheduler's timers as in production, but paused: APScheduler reads the wall
    clock, the test's clock drives the ticks; ``rebuild`` does all its work."""
    timers = AsyncIOScheduler(timezone="UTC")
    timers.start(paused=True)
    w.bot.scheduler._aps = timers
    return timers


async def test_setting_the_wake_ups_again_never_holds_the_loop(sqlite_url: str) -> None:
    """1,500 other servers, each with its own schedule: each wake-up rebuild computed every
    server's next slot in one go (0.4-0.7 s of the loop at 2,000), after every post, close,
    /setup and tick; a slot shared by many servers (the default one) was one of those per
    post. Servers' next slots are kept until they pass, the rebuild gives the loop back as
    it goes, and the rebuilds asked for during a tick are the one after it."""
    async with world(sqlite_url, members=1) as w:
        now = w.clock.now()
        async with w.app.sessions.begin() as session:
            for i in range(SERVERS):
                gid = (i + 10) << 22
                await guilds.ensure_guild(
                    session, gid, now=now, timezone="Europe/Paris", language="fr"
                )
                await guilds.update_guild(
                    session,
                    gid,
                    now,
                    channel_id=gid + 1,
                    channel_kind="forum",
                    cron=f"{i % 60} {i % 24} * * {i % 7}",
                    schedule_since=MONDAY_SLOT,  # none of theirs is owed at the tick below
                )
        timers = _timers(w)
        await w.bot.scheduler.rebuild()  # the first, at start: every server's slots computed
        try:
            w.clock.set(MONDAY_SLOT - timedelta(minutes=30))
            with loop_use() as use:
                await w.mod.slash(w.forum, "schedule pause")
                await w.mod.slash(w.forum, "schedule resume")
                await w.setup(duration_hours=48)
                await w.settle()
            assert use.longest < MAX_STALL, (use.longest, use.culprit)
            crons = ["0 18 * * mon"] + [f"{i % 60} {i % 24} * * {i % 7}" for i in range(SERVERS)]
            soonest = min(next_slots(c, "Europe/Paris", w.clock.now(), 1)[0] for c in crons)
            post = timers.get_job("post")  # one wake-up, at the soonest server's next slot
            assert post is not None and post.next_run_time == soonest
            w.clock.set(MONDAY_SLOT + timedelta(seconds=5))
            rebuilds = 0
            real = w.bot.scheduler._rebuild

            async def counted() -> None:
                nonlocal rebuilds
                rebuilds += 1
                await real()

            w.bot.scheduler._rebuild = counted  # type: ignore[method-assign]
            with loop_use() as use:
                await w.bot.scheduler.tick()
                await w.settle()
            assert use.longest < MAX_STALL, (use.longest, use.culprit)
            assert rebuilds == 1  # the post asked for one; the tick's own does it
            (discussion,) = await w.rows(Discussion)
            assert discussion.slot_at == MONDAY_SLOT
        finally:
            timers.shutdown(wait=False)
