"""What a process running for months keeps in memory of servers, members and weeks gone.

Found by ``bench/memory_soak.py``: each server that removed the bot stayed in the
process's language, problem and bank-lock maps and in its member counts (and every start
loaded every server ever left); every opt-out and erasure of every member stayed as a
span in memory for ever, and every start and full catch-up loaded them all again.
"""

from __future__ import annotations

from datetime import timedelta

from db.models import Reply
from tests.harness import World, from_gateway, world


def _spans(w: World) -> int:
    """Opt-out and erasure spans the process keeps in memory."""
    return sum(len(spans) for spans in w.app.optouts._spans.values())


async def test_a_server_that_removed_the_bot_is_forgotten_by_the_process(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        gid = w.guild.id
        await w.mod.slash(w.text, "question add", text="Une nouvelle question ?")
        await w.mod.slash(w.text, "stats")
        await w.settle()
        assert gid in w.app.guild_languages and gid in w.app.bank_locks
        assert len(w.bot.member_counts._known) == 1

        kicked = w.remove_bot()
        await w.settle()
        assert gid not in w.app.guild_languages
        assert gid not in w.app.guild_problems
        assert gid not in w.app.bank_locks
        assert len(w.bot.member_counts._known) == 0

        await w.restart()  # a new process does not load it either
        assert gid not in w.app.guild_languages
        assert gid not in w.app.guild_problems

        kicked.invite()  # invited back: known again, and staff told why it is paused
        await w.settle()
        assert w.app.guild_languages[gid] == "fr"
        assert w.app.guild_problems[gid] == "rejoined"
        assert not w.env.errors


async def test_opt_outs_of_past_weeks_are_not_kept_in_memory(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        alice = w.members[0]
        for _ in range(3):
            await alice.slash(w.text, "mydata optout")
            await alice.slash(w.text, "mydata optin")
        await w.settle()
        assert _spans(w) == 3
        # SimCord's Discord clock starts on 1 Jan 2026, the bot's on 23 Nov: her spans are
        # months old at the next tick (before the Monday post, which would open a thread)
        w.clock.advance(timedelta(hours=3))
        await w.bot.scheduler.tick()
        await w.settle()
        assert _spans(w) == 0
        await w.restart()  # nor loaded again at start
        assert _spans(w) == 0
        assert not w.env.errors


async def test_an_opt_out_during_an_open_discussion_is_kept_while_it_is_open(
    sqlite_url: str,
) -> None:
    """Its span still judges what catch-up finds in the open thread."""
    async with world(sqlite_url) as w:
        await w.post()
        alice = w.members[0]
        await alice.slash(w.text, "mydata optout")
        await alice.slash(w.text, "mydata optin")
        await w.settle()
        w.clock.advance(timedelta(days=2))
        await w.bot.scheduler.tick()
        await w.settle()
        assert _spans(w) == 1
        assert not w.env.errors


async def test_a_reopened_discussion_still_leaves_out_what_was_written_while_opted_out(
    sqlite_url: str,
) -> None:
    """Once the discussion closed, Alice's span was forgotten; reopened, its thread is
    read again (the resumed session's catch-up reads what came after the newest stored
    reply): what she wrote while opted out stays out."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        await bruno.send(thread, "Avant.")
        await w.settle()
        await w.env.advance_time(1.0)  # Discord's clock moves between them
        await alice.slash(w.text, "mydata optout")
        await w.env.advance_time(1.0)
        hidden = await alice.send(thread, "Écrit pendant le retrait.")
        await w.env.advance_time(1.0)
        await alice.slash(w.text, "mydata optin")
        await w.env.advance_time(1.0)
        await w.mod.slash(w.forum, "discussion close", discussion=discussion.id)
        await w.settle()
        w.clock.advance(timedelta(hours=3))  # months after by the bot's clock (see above)
        await w.bot.scheduler.tick()
        await w.settle()
        assert _spans(w) == 0  # nothing open in the server any more
        await w.mod.slash(w.forum, "discussion reopen", discussion=discussion.id)
        await w.settle()
        shard = w.bot.get_shard(0)._parent
        await from_gateway(w.env, shard.disconnect())
        shard.ws.open = True
        w.env.backend.emit("RESUMED", {"__shard_id__": 0})
        await w.settle()
        stored = {r.id for r in await w.rows(Reply)}
        assert hidden.id not in stored
        assert not w.env.errors


async def test_the_scheduler_keeps_next_slots_only_of_servers_it_posts_for(
    sqlite_url: str,
) -> None:
    """Each server's next slot is kept between rebuilds of the wake-ups; one of a server
    that removed the bot (or paused) was kept for ever."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    async with world(sqlite_url) as w:
        await w.setup()
        timers = AsyncIOScheduler(timezone="UTC")
        timers.start(paused=True)  # production's timers, paused: the test's clock ticks
        w.bot.scheduler._aps = timers
        try:
            await w.bot.scheduler.rebuild()
            assert w.guild.id in w.bot.scheduler._next_posts
            w.remove_bot()
            await w.settle()
            await w.bot.scheduler.rebuild()
            assert w.guild.id not in w.bot.scheduler._next_posts
        finally:
            timers.shutdown(wait=False)
        assert not w.env.errors


async def test_the_scheduler_forgets_the_retries_of_servers_it_no_longer_posts_for(
    sqlite_url: str,
) -> None:
    """A slot refused by Discord waits for its retry (its count kept in memory); the
    server removing the bot meanwhile left that count for ever, one per such slot."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from tests.e2e.test_faults import MONDAY_SLOT

    async with world(sqlite_url, setup=False) as w:
        await w.setup(cron="0 18 * * 1")
        timers = AsyncIOScheduler(timezone="UTC")
        timers.start(paused=True)  # production's timers, paused: the test's clock ticks
        w.bot.scheduler._aps = timers
        try:
            w.env.inject_error("POST", "/channels/*/threads", status=503, times=None)
            w.clock.set(MONDAY_SLOT + timedelta(seconds=5))
            await w.bot.scheduler.tick()
            await w.settle()
            assert list(w.bot.scheduler._attempts) == [(w.guild.id, MONDAY_SLOT)]
            w.remove_bot()
            await w.settle()
            await w.bot.scheduler.rebuild()
            assert w.bot.scheduler._attempts == {}
        finally:
            timers.shutdown(wait=False)
        assert not w.env.errors
