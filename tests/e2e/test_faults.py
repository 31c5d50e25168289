"""Nothing lost, nobody let in: the bot under faults.

Discord answering 5xx and 429, the bot killed in a flood and restarted, the
database away for 30 seconds, two processes on one database during a deploy,
and the server changed under the bot (channel or thread deleted, permissions
removed, the bot removed and invited again).

About SimCord and discord.py's own retries: in production ``discord.http``
retries a request itself (5 tries; 5xx after ``1 + 2 * tries`` seconds, 429
after ``retry_after``) before raising. SimCord replaces
``HTTPClient.request`` wholesale, so an injected fault reaches the bot on
the first try: each injected failure here stands for a request that failed
*after* discord.py's retries. The bot's own bounded retries (three ticks for
a scheduled post, three edits for a live count) are what these tests count.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import discord
import pytest
import simcord

from bot import custom_ids
from bot.scheduler import POST_ATTEMPTS
from db.models import Discussion, Guild, Question, Reply, Slot, Stance
from tests.harness import world

MONDAY_SLOT = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # 18:00 in Paris
NEXT_MONDAY_SLOT = MONDAY_SLOT + timedelta(weeks=1)


def _requests(w: Any, method: str, suffix: str) -> list[Any]:
    return [r for r in w.env.http_requests if r.method == method and r.path.endswith(suffix)]


def _counts(post: discord.Message) -> list[int]:
    lines = post.embeds[0].fields[0].value.splitlines()
    return [int(line.rsplit("—", 1)[1]) for line in lines]


async def _weekly(w: Any) -> None:
    await w.setup(cron="0 18 * * 1")
    w.clock.set(MONDAY_SLOT + timedelta(seconds=30))


# --------------------------------------------------------------- Discord 5xx / 429


@pytest.mark.parametrize("status", [500, 502, 429])
async def test_post_retried_across_ticks_when_discord_fails_twice(
    sqlite_url: str, status: int
) -> None:
    async with world(sqlite_url, setup=False) as w:
        await _weekly(w)
        w.env.inject_error("POST", "/channels/*/threads", status=status, times=2)
        for _ in range(POST_ATTEMPTS + 2):  # the safety net ticks once a minute
            await w.bot.scheduler.tick()
            w.clock.advance(timedelta(minutes=1))
        await w.settle()
        attempts = _requests(w, "POST", f"/channels/{w.forum.id}/threads")
        assert len(attempts) == 3  # two refused, one accepted, none after
        assert len(w.forum.threads) == 1
        (slot,) = await w.rows(Slot)
        (discussion,) = await w.rows(Discussion)
        assert (slot.slot_at, slot.status, slot.discussion_id) == (
            MONDAY_SLOT,
            "posted",
            discussion.id,
        )
        assert discussion.thread_id == w.forum.threads[0].id
        assert not (await w.rows(Guild))[0].paused  # a Discord blip is not a server problem
        assert not w.env.errors


async def test_post_failing_for_good_fails_the_slot_cleanly_and_next_slot_posts(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, setup=False) as w:
        await _weekly(w)
        w.env.inject_error("POST", "/channels/*/threads", status=503, times=None)
        for _ in range(POST_ATTEMPTS + 3):
            await w.bot.scheduler.tick()
            w.clock.advance(timedelta(minutes=1))
        await w.settle()
        assert len(_requests(w, "POST", f"/channels/{w.forum.id}/threads")) == POST_ATTEMPTS
        assert [(s.slot_at, s.status) for s in await w.rows(Slot)] == [(MONDAY_SLOT, "failed")]
        # Nothing half-written: no discussion row, the question is back in the bank.
        assert await w.rows(Discussion) == []
        assert w.forum.threads == []
        assert {q.status for q in await w.rows(Question)} == {"ready"}
        assert not (await w.rows(Guild))[0].paused
        assert not list(w.bot.app.open.all())

        w.env.backend.faults.clear()  # Discord is back
        w.clock.set(NEXT_MONDAY_SLOT + timedelta(seconds=5))
        await w.bot.scheduler.tick()
        await w.settle()
        slots = {s.slot_at: s.status for s in await w.rows(Slot)}
        assert slots == {MONDAY_SLOT: "failed", NEXT_MONDAY_SLOT: "posted"}
        (discussion,) = await w.rows(Discussion)
        assert discussion.slot_at == NEXT_MONDAY_SLOT and len(w.forum.threads) == 1
        assert not w.env.errors


@pytest.mark.parametrize("status", [500, 429])
async def test_refused_post_edits_never_cost_a_click(sqlite_url: str, status: int) -> None:
    """Live-count edits refused by Discord: the member is answered, the stance kept,
    one edit per refresh (no retry storm), and the next refresh shows the truth."""
    async with world(sqlite_url) as w:
        _, discussion = await w.post()
        post = w.post_message(discussion)
        edit_path = f"/messages/{discussion.message_id}"
        before = len(_requests(w, "PATCH", edit_path))
        w.env.inject_error("PATCH", f"/channels/*{edit_path}", status=status, times=None)
        alice, bruno = w.members[:2]
        first = await alice.click(post, custom_id=custom_ids.stance(discussion.id, 0))
        assert first.ephemeral and "Oui" in first.response.content
        await w.env.advance_time(10)
        await w.settle()
        assert len(_requests(w, "PATCH", edit_path)) - before == 1
        assert _counts(w.post_message(discussion))[:2] == [0, 0]  # stale, not wrong forever

        w.env.backend.faults.clear()
        second = await bruno.click(post, custom_id=custom_ids.stance(discussion.id, 1))
        assert second.ephemeral and "Non" in second.response.content
        await w.env.advance_time(10)
        await w.settle()
        assert len(_requests(w, "PATCH", edit_path)) - before == 2
        assert _counts(w.post_message(discussion))[:2] == [1, 1]
        assert {(s.user_id, s.option) for s in await w.rows(Stance)} == {
            (alice.id, 0),
            (bruno.id, 1),
        }
        assert not w.env.errors


# ------------------------------------------------ killed in a flood, restarted

FLOOD = 5_000


@pytest.fixture
def discord_history_after() -> Iterator[None]:
    """Make SimCord's ``GET /channels/{id}/messages?after=`` answer as Discord does.

    Discord returns the ``limit`` messages right after the cursor; SimCord 3.2.1
    returns the newest ``limit`` messages after it, so discord.py's paging
    (``after`` = newest id of the page) stops after one page: a catch-up of more
    than 100 messages would lose all but the last 100 *in the simulator only*.
    """
    from simcord.http import router

    handlers = router._ROUTES["GET"]
    index = next(
        i
        for i, (parts, _) in enumerate(handlers)
        if parts == ["channels", "{channel_id}", "messages"]
    )
    parts, original = handlers[index]

    def history(ctx: Any) -> Any:
        if "after" not in ctx.params or "before" in ctx.params or "around" in ctx.params:
            return original(ctx)
        limit = int(ctx.params.get("limit", 50))
        ctx.params["limit"] = 10**9
        newest_first = original(ctx)
        return newest_first[-limit:]

    handlers[index] = (parts, history)
    try:
        yield
    finally:
        handlers[index] = (parts, original)


async def _no_catch_up(*_: object) -> int:
    return 0


async def test_killed_in_a_flood_then_restarted_stores_every_reply_once(
    postgres_url: str, discord_history_after: None
) -> None:
    """5,000 replies; the process dies (its tasks cancelled, nothing flushed) half-way.

    The first 2,500 arrive through the gateway (SimCord's backend creates them and
    broadcasts MESSAGE_CREATE to the bot, faster than actors could); the bot is
    killed once its writer has stored a first batch, with events still in its
    buffer and not yet written. The other 2,500 are posted while no bot runs: they exist only in
    the thread's history. A new process on the same database catches up.

    PostgreSQL only: on SQLite the killed writer's connection, cancelled inside
    its transaction, keeps the file's write lock in this process (an OS would
    release it with the dead process), so the new writer waits out SQLite's
    10 s busy timeout, past SimCord's 5 s settle.
    """
    async with world(postgres_url, members=4) as w:
        thread, discussion = await w.post()
        backend = w.env.backend
        authors = [m.id for m in w.members]
        sent: list[int] = []
        for n in range(FLOOD // 2):
            sent.append(backend.create_message(thread.id, authors[n % 4], f"réponse {n}").id)
        buffer = w.bot.app.buffer
        while buffer.batches == 0:  # noqa: ASYNC110 (until a first batch is stored, not all)
            await asyncio.sleep(0)
        assert buffer.backlog > 0
        killed = w.bot
        await w.env._detach_bot()  # kill: tasks cancelled, no close(), no flush
        lost_in_buffer = killed.app.buffer.backlog
        await killed.app.engine.dispose()
        async with w.app.sessions() as session:
            from sqlalchemy import func, select

            stored_at_kill = await session.scalar(select(func.count()).select_from(Reply))
        # Really mid-flood: part of the first half never reached the database
        # (queued in the buffer, or not even dispatched yet).
        assert stored_at_kill < FLOOD // 2, (stored_at_kill, lost_in_buffer)

        for n in range(FLOOD // 2, FLOOD):
            sent.append(backend.create_message(thread.id, authors[n % 4], f"réponse {n}").id)

        # Restart. SimCord gives READY handlers at most 5 s to finish, and reading
        # 5,000 messages of history can take longer on a busy machine, so the
        # start-up catch-up (the very function on_ready calls) runs right after
        # the attach, with a longer wait.
        from bot.services import catch_up

        w.bot = w.new_bot()
        real_catch_up = catch_up.catch_up
        catch_up.catch_up = _no_catch_up  # type: ignore[assignment]
        try:
            await simcord.env._attach_bot(w.env, w.bot)
        finally:
            catch_up.catch_up = real_catch_up
        await catch_up.catch_up(w.bot.app, w.bot)
        await w.settle(limit=120)
        replies = await w.rows(Reply, Reply.discussion_id == discussion.id)
        ids = [r.id for r in replies]
        assert len(ids) == FLOOD and len(set(ids)) == FLOOD
        assert set(ids) == set(sent)
        texts = {r.id: r.text for r in replies}
        assert texts[sent[0]] == "réponse 0" and texts[sent[-1]] == f"réponse {FLOOD - 1}"
        assert not w.env.errors


# --------------------------------------------------- the server changed under the bot


def _field(result: Any, name: str) -> str:
    embed = result.response.embeds[0]
    return next(f.value for f in embed.fields if f.name == name)


async def _shown_state(w: Any, channel: Any) -> tuple[str, str]:
    shown = await w.mod.slash(channel, "schedule show")
    assert shown.ephemeral
    return _field(shown, "Status"), _field(shown, "Open discussions")


async def test_thread_deleted_under_the_bot_closes_its_discussion(sqlite_url: str) -> None:
    """SimCord deletes the thread (``backend.delete_channel``): THREAD_DELETE reaches the bot."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        reply = await w.members[0].send(thread, "Avant la suppression.")
        await w.settle()
        w.env.backend.delete_channel(thread.id)
        await w.settle()
        (row,) = await w.rows(Discussion)
        assert row.closed_at is not None and w.bot.app.open.get(discussion.id) is None
        (erased,) = await w.rows(Reply)  # its messages went with it: erased as deleted ones
        assert erased.id == reply.id and erased.deleted and erased.text == ""
        state, open_count = await _shown_state(w, w.text)
        assert "Active" in state and open_count == "0"  # the schedule itself is fine
        w.clock.set(MONDAY_SLOT + timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(await w.rows(Discussion)) == 2  # the next slot posts normally
        assert not w.env.errors


async def test_channel_deleted_under_the_bot_pauses_and_says_why(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        await w.post()
        w.env.backend.delete_channel(w.forum.id)
        await w.settle()
        state, open_count = await _shown_state(w, w.text)
        assert state.startswith("⏸️ Paused:") and "channel was deleted" in state
        assert open_count == "0"
        # Staff running any command are told too; plain members are not.
        listed = await w.mod.slash(w.text, "question list")
        assert listed.response.content is None or "Posting is paused" not in listed.response.content
        added = await w.mod.slash(w.text, "question add", text="Une nouvelle question ?")
        assert "⚠️ Posting is paused: the discussion channel was deleted" in added.response.content
        mine = await w.members[0].slash(w.text, "mydata show")
        assert "Posting is paused" not in (mine.response.content or "")
        (row,) = await w.rows(Discussion)
        assert row.closed_at is not None
        w.clock.set(MONDAY_SLOT + timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        assert await w.rows(Slot) == []  # paused: nothing claimed, nothing posted
        # /setup on another channel resumes it.
        await w.setup(w.text)
        state, _ = await _shown_state(w, w.text)
        assert "Active" in state
        assert not w.env.errors


async def test_permissions_removed_pause_at_the_next_post_and_say_why(sqlite_url: str) -> None:
    """SimCord sets a channel overwrite (``backend.set_overwrite``) denying the bot."""
    from simcord.backend.models.channel import Overwrite
    from simcord.enums import OverwriteType

    async with world(sqlite_url, setup=False) as w:
        await _weekly(w)
        deny = discord.Permissions(send_messages=True, send_messages_in_threads=True)
        deny.create_public_threads = True
        w.env.backend.set_overwrite(
            w.forum.id,
            Overwrite(
                target_id=w.env.backend.bot_user.id, type=OverwriteType.MEMBER, deny=deny.value
            ),
        )
        await w.settle()
        await w.bot.scheduler.tick()
        await w.settle()
        assert await w.rows(Discussion) == [] and w.forum.threads == []
        assert [s.status for s in await w.rows(Slot)] == ["failed"]
        state, _ = await _shown_state(w, w.text)
        assert state.startswith("⏸️ Paused:") and "lacks permissions" in state
        assert {q.status for q in await w.rows(Question)} == {"ready"}
        assert not w.env.errors


def _deny_posting(w: Any) -> None:
    """A channel overwrite taking Send Messages (and its kin) from the bot in the forum."""
    from simcord.backend.models.channel import Overwrite
    from simcord.enums import OverwriteType

    deny = discord.Permissions(send_messages=True, send_messages_in_threads=True)
    w.env.backend.set_overwrite(
        w.forum.id,
        Overwrite(target_id=w.env.backend.bot_user.id, type=OverwriteType.MEMBER, deny=deny.value),
    )


async def test_resume_is_refused_while_the_bot_still_cannot_post_and_says_what_it_lacks(
    sqlite_url: str,
) -> None:
    """Paused because Discord refused the post, the schedule answered /schedule resume with
    « ✅ Actif » and the next three post times while the bot still could not post: the next
    slot failed and paused it again, a week later. The pause also told staff to « relancer
    /configurer », which does not resume it."""
    async with world(sqlite_url, setup=False) as w:
        w.speaks(w.mod, "fr")
        await _weekly(w)
        _deny_posting(w)
        await w.settle()
        await w.bot.scheduler.tick()
        await w.settle()
        shown = await w.mod.slash(w.text, "schedule show")
        state = _field(shown, "État")
        assert "corrigez-les, puis /programme reprendre" in state, state
        refused = await w.mod.slash(w.text, "schedule resume")
        assert refused.ephemeral and refused.response.content.startswith(
            "Le bot ne peut pas publier dans ce salon. Permissions manquantes\u00a0: "
            "Envoyer des messages"
        ), refused.response.content
        (guild,) = await w.rows(Guild)
        assert guild.paused and guild.pause_reason == "missing_permissions"

        w.env.backend.delete_overwrite(w.forum.id, w.env.backend.bot_user.id)
        await w.settle()
        resumed = await w.mod.slash(w.text, "schedule resume")
        assert _field(resumed, "État") == "✅ Actif"
        w.clock.set(NEXT_MONDAY_SLOT + timedelta(seconds=5))
        await w.bot.scheduler.tick()
        await w.settle()
        assert [d.slot_at for d in await w.rows(Discussion)] == [NEXT_MONDAY_SLOT]
        assert not w.env.errors


async def test_the_schedule_shown_active_says_the_next_post_will_fail(sqlite_url: str) -> None:
    """Send Messages taken from the bot in the forum between two slots: /schedule show said
    « ✅ Active » and listed the next posts, each of which would be refused; staff learnt it
    only once the slot had failed."""
    async with world(sqlite_url) as w:
        _deny_posting(w)
        await w.settle()
        state, _ = await _shown_state(w, w.text)
        assert state.startswith("✅ Active\n⚠️ The bot can no longer post in the discussion "), state
        assert "it lacks Send Messages" in state, state
        w.env.backend.delete_overwrite(w.forum.id, w.env.backend.bot_user.id)
        await w.settle()
        state, _ = await _shown_state(w, w.text)
        assert state == "✅ Active"


async def test_bot_kicked_then_invited_again_stays_paused_and_says_why(sqlite_url: str) -> None:
    """Removed from the server (GUILD_DELETE), then invited again (``World.remove_bot``)."""
    async with world(sqlite_url) as w:
        _, discussion = await w.post()
        kicked = w.remove_bot()
        await w.settle()
        (guild,) = await w.rows(Guild)
        assert (guild.present, guild.paused, guild.pause_reason) == (False, True, "kicked")
        assert w.bot.app.open.get(discussion.id) is None
        w.clock.set(MONDAY_SLOT + timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        assert await w.rows(Slot) == []  # nothing is posted in a server the bot left

        kicked.invite()
        await w.settle()
        (guild,) = await w.rows(Guild)
        assert (guild.present, guild.paused, guild.pause_reason) == (True, True, "rejoined")
        state, _ = await _shown_state(w, w.text)
        assert state.startswith("⏸️ Paused:") and "removed and invited again" in state
        w.clock.advance(timedelta(weeks=1))
        await w.bot.scheduler.tick()
        await w.settle()
        assert await w.rows(Slot) == []  # stays paused until staff look
        assert not w.env.errors


# ------------------------------------------------- two processes during a deploy overlap


async def test_deploy_overlap_two_processes_post_each_slot_once(database_url: str) -> None:
    """Two bot processes on one database, both ticking for the same due slot.

    Simulated: SimCord runs one bot per event loop, so the second process is a
    second ``App`` (own engine, own instance name, same database URL and clock)
    with its own ``Scheduler``, posting through the attached bot's Discord
    connection. What is real: two engines, two claimants, concurrent ticks; the
    database's unique slot key is the only thing keeping them apart.
    """
    from bot.app import App
    from bot.config import Settings
    from bot.scheduler import Scheduler

    async with world(database_url, setup=False) as w:
        await _weekly(w)
        other = App.build(Settings(database_url=database_url), clock=w.clock)
        other.instance = "deploy-new:2"
        second = Scheduler(other, w.bot, timers=False)
        try:
            for week in range(3):
                w.clock.set(MONDAY_SLOT + timedelta(weeks=week, seconds=30))
                await asyncio.gather(
                    w.bot.scheduler.tick(), second.tick(), w.bot.scheduler.tick(), second.tick()
                )
            await w.settle()
        finally:
            await other.close()
        slots = await w.rows(Slot)
        assert sorted(s.slot_at for s in slots) == [
            MONDAY_SLOT + timedelta(weeks=n) for n in range(3)
        ]
        assert {s.status for s in slots} == {"posted"}
        discussions = await w.rows(Discussion)
        assert len(discussions) == 3 and len(w.forum.threads) == 3
        assert {s.discussion_id for s in slots} == {d.id for d in discussions}
        assert len(_requests(w, "POST", f"/channels/{w.forum.id}/threads")) == 3
        assert not w.env.errors


# ------------------------------------------ a process that died holding a slot's claim


async def _claimed_by_a_dead_process(w: Any) -> None:
    from db.repositories import slots

    async with w.bot.app.sessions.begin() as session:
        await slots.claim(
            session, w.guild.id, MONDAY_SLOT, owner="killed-host:4242", now=w.clock.now()
        )


async def test_a_slot_claimed_by_a_process_that_died_is_posted_once_the_claim_is_stale(
    database_url: str,
) -> None:
    """Killed between claiming the slot and posting: the claim stays 'claimed'. A live
    process may hold it for seconds; one this old belongs to nobody, so the slot is
    tried again instead of that week's question being lost."""
    async with world(database_url, setup=False) as w:
        await _weekly(w)
        await _claimed_by_a_dead_process(w)
        await w.bot.scheduler.tick()
        await w.settle()
        assert await w.rows(Discussion) == []  # a fresh claim may be another process at work
        w.clock.advance(timedelta(minutes=15))
        await w.bot.scheduler.tick()
        await w.bot.scheduler.tick()
        await w.settle()
        [discussion] = await w.rows(Discussion)
        [slot] = await w.rows(Slot)
        assert (slot.slot_at, slot.status, slot.discussion_id) == (
            MONDAY_SLOT,
            "posted",
            discussion.id,
        )
        assert len(w.forum.threads) == 1
        assert not w.env.errors


def _paused_after_first_call(
    scalar: Callable[..., Awaitable[Any]], read: asyncio.Event, go: asyncio.Event
) -> Callable[..., Awaitable[Any]]:
    """``scalar`` that, once it has answered for the first time, waits for ``go``: the
    second process has read the stale claim and looked for its discussion (none yet),
    and acts on what it read only after the first process has settled the claim,
    claimed the slot again and posted. Nothing it holds locks a row meanwhile, so the
    first process is not kept waiting (a pause after the settling's writes held their
    row lock, and the first process waited out the database's lock timeout)."""

    async def paused(*args: Any, **kwargs: Any) -> Any:
        answer = await scalar(*args, **kwargs)
        if not read.is_set():
            read.set()
            await go.wait()
        return answer

    return paused


async def test_a_stale_claim_settled_by_two_processes_at_once_is_posted_once(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes on one database (shards, a deploy) both settle the claim a killed
    process left. The second read it, stale, just before the first settled it, claimed
    the slot again and posted; the second then removed the slot's record by its key (the
    first's, 'posted' by now), found the slot due and posted the question a second time."""
    from bot.app import App
    from bot.config import Settings
    from bot.scheduler import Scheduler
    from db.repositories import slots

    async with world(database_url, setup=False) as w:
        await _weekly(w)
        await _claimed_by_a_dead_process(w)
        w.clock.advance(timedelta(minutes=15))
        other = App.build(Settings(database_url=database_url), clock=w.clock)
        other.instance = "shard-two:2"
        second = Scheduler(other, w.bot, timers=False)
        read, go = asyncio.Event(), asyncio.Event()
        settle = slots.recover_stale

        async def recover_stale(session: Any, *, claimed_before: datetime) -> int:
            if session.get_bind() is other.engine.sync_engine and not read.is_set():
                session.scalar = _paused_after_first_call(session.scalar, read, go)
            return await settle(session, claimed_before=claimed_before)

        monkeypatch.setattr(slots, "recover_stale", recover_stale)
        try:
            ticking = asyncio.create_task(second.tick())
            await read.wait()
            await w.bot.scheduler.tick()  # settles the claim, claims again and posts
            await w.settle()
            go.set()
            await ticking
            await w.bot.scheduler.tick()
            await w.settle()
        finally:
            await other.close()
        assert len(await w.rows(Discussion)) == 1 and len(w.forum.threads) == 1
        [slot] = await w.rows(Slot)
        assert (slot.slot_at, slot.status) == (MONDAY_SLOT, "posted")


async def test_a_stale_claim_whose_discussion_was_recorded_is_not_posted_again(
    database_url: str,
) -> None:
    """Killed after the discussion was stored but before its slot was marked posted:
    the slot is marked posted, nothing is posted a second time."""
    async with world(database_url, setup=False) as w:
        await _weekly(w)
        await w.bot.scheduler.tick()
        await w.settle()
        [discussion] = await w.rows(Discussion)
        from sqlalchemy import update

        async with w.bot.app.sessions.begin() as session:
            await session.execute(
                update(Slot).values(status="claimed", discussion_id=None, claimed_by="dead:1")
            )
        w.clock.advance(timedelta(minutes=15))
        await w.bot.scheduler.tick()
        await w.settle()
        [slot] = await w.rows(Slot)
        assert (slot.status, slot.discussion_id) == ("posted", discussion.id)
        assert len(await w.rows(Discussion)) == 1 and len(w.forum.threads) == 1


async def test_an_erasure_clean_up_discord_times_out_on_does_not_keep_discussions_open(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Taking an erased member's words off Discord timed out (no HTTP answer at all): the
    error left the tick before its reminders and closes, and did so at every tick while
    Discord kept timing out, so no discussion of any server closed. Each step of the tick
    fails alone now; that one is tried again at the next tick."""
    from bot.services import mydata

    async def times_out(*_: Any, **__: Any) -> int:
        raise TimeoutError

    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        await w.members[0].send(thread, "Une réponse avant la clôture.")
        await w.settle()
        monkeypatch.setattr(mydata, "remove_erased_texts", times_out)
        w.clock.set(discussion.closes_at + timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        closed = {d.id: d.closed_at for d in await w.rows(Discussion)}
        assert closed[discussion.id] is not None
        assert any("close" in m.content for m in thread.history())
        failed = [r for r in caplog.records if "erasures" in r.getMessage()]
        assert failed and failed[0].exc_info is not None
