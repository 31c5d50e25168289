"""Catch-up when Discord does not give the whole history back: the bot lost the right
to read it in one channel, or a page of it failed (Discord's bad moment).

What the bot could not read must not be taken for deleted, and must not be lost:
the other threads are caught up all the same, a discussion whose history failed
is read again at the next tick and is not closed before, and the log says which
discussion and why.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import discord
import pytest
import simcord
from simcord.backend.errors import BackendError
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType
from simcord.http import router
from sqlalchemy import select

from bot.services.catch_up import CATCH_UP_ATTEMPTS
from db.models import Discussion, Reply
from tests.harness import World, from_gateway, world


def _deny_history(w: World, channel_id: int) -> None:
    """A moderator takes Read Message History from the bot in that channel (its threads too)."""
    deny = discord.Permissions(read_message_history=True).value
    overwrite = Overwrite(target_id=w.env.backend.bot_user.id, type=OverwriteType.MEMBER, deny=deny)
    w.env.backend.set_overwrite(channel_id, overwrite)


async def test_a_history_the_bot_may_no_longer_read_is_not_taken_for_deleted_replies(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Discord answers an empty history (not an error) to a bot without Read Message
    History. The replies stored in that forum's threads, open or recently closed, must
    stay; the text channel's discussion is caught up as usual; the log says why the
    forum's were not."""
    async with world(sqlite_url) as w:
        alice, bruno = w.members[:2]
        closed_thread, closed = await w.post()
        kept_closed = await alice.send(closed_thread, "Dans une discussion close.")
        await w.settle()
        await w.mod.slash(w.forum, "discussion close", discussion=closed.id)
        forum_thread, in_forum = await w.post()
        kept_open = await alice.send(forum_thread, "Dans le forum.")
        await w.setup(w.text)
        text_thread, in_text = await w.post(w.text)
        before = await bruno.send(text_thread, "Dans le salon.")
        await w.stop()
        _deny_history(w, w.forum.id)
        away = await bruno.send(text_thread, "Pendant la panne.")
        with caplog.at_level(logging.WARNING, logger="bot.services.catch_up"):
            await w.start()
        replies = {r.id: (r.text, r.deleted) for r in await w.rows(Reply)}
        assert replies == {
            kept_closed.id: ("Dans une discussion close.", False),
            kept_open.id: ("Dans le forum.", False),
            before.id: ("Dans le salon.", False),
            away.id: ("Pendant la panne.", False),
        }
        said = [r.getMessage() for r in caplog.records]
        assert any(
            f"discussion {in_forum.id}" in line and "Read Message History" in line for line in said
        ), said
        assert any(
            f"discussion {closed.id}" in line and "Read Message History" in line for line in said
        ), said
        assert not any(f"discussion {in_text.id}" in line for line in said), said
        assert not w.env.errors


@contextmanager
def _failing_history_page(channel_id: int, status: int, times: int) -> Iterator[list[int]]:
    """Discord fails ``times`` times on a later page of ``channel_id``'s history (the first
    one read fine): what discord.py hands over once its own retries are spent (a 500), at
    once (a 503), or for a rate limit it will not wait out (a 429; it waits most out
    itself). Yields the statuses given, to check the faults were met."""
    handlers = router._ROUTES["GET"]
    index = next(
        i
        for i, (parts, _) in enumerate(handlers)
        if parts == ["channels", "{channel_id}", "messages"]
    )
    parts, original = handlers[index]
    given: list[int] = []

    def history(ctx: Any) -> Any:
        if (
            ctx.int_arg("channel_id") == channel_id
            and "before" in ctx.params
            and len(given) < times
        ):
            given.append(status)
            raise BackendError(status, 0, "Discord's bad moment (injected by the test)")
        return original(ctx)

    handlers[index] = (parts, history)
    try:
        yield given
    finally:
        handlers[index] = (parts, original)


async def _second_server(w: World) -> tuple[Any, Any, Discussion]:
    """Another server the same bot serves, with its forum set up and a question posted;
    returns its member, the thread and the discussion."""
    guild = w.env.create_guild("Lecteurs")
    forum = guild.create_forum_channel("debats")
    staff = guild.create_role(
        "modé", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
    )
    mod = guild.add_member(w.env.create_user("modo2"), roles=[staff])
    member = guild.add_member(w.env.create_user("irène"))
    await mod.slash(forum, "setup", channel=forum)
    await mod.slash(forum, "question post")
    await w.settle()
    (row,) = await w.rows(Discussion, Discussion.guild_id == guild.id)
    thread = simcord.ChannelHandle(w.env, guild, w.env.backend.channels[row.thread_id])
    return member, thread, row


async def _closed(w: World, discussion_id: int) -> bool:
    (row,) = await w.rows(Discussion, Discussion.id == discussion_id)
    return row.closed_at is not None


async def _count(w: World, discussion_id: int) -> tuple[int, int]:
    """Stored replies of the discussion, and distinct ones."""
    await w.app.buffer.drain()
    async with w.app.sessions() as session:
        rows = list(
            await session.scalars(select(Reply.id).where(Reply.discussion_id == discussion_id))
        )
    return len(rows), len(set(rows))


AWAY = 250
"""Replies written while the bot was away in one thread: three pages of history."""


@pytest.mark.parametrize("status", [500, 503, 429])
async def test_a_history_page_failing_at_start_is_read_again_before_its_discussion_closes(
    sqlite_url: str, caplog: pytest.LogCaptureFixture, status: int
) -> None:
    """Two servers; both discussions' closing time passed while the bot was away. The
    busy thread's second page of history fails: the other server's discussion is caught
    up and closes; the busy one is not closed on what was read of it, it is read again at
    the next tick, whole, and closes then, every reply stored once."""
    async with world(sqlite_url) as w:
        w.clock.set(w.env.now())  # one instant for the bot and Discord
        busy_thread, busy = await w.post()
        first = await w.members[0].send(busy_thread, "Avant la panne.")
        other_member, other_thread, other = await _second_server(w)
        await w.stop()
        authors = [m.id for m in w.members]
        for n in range(AWAY):  # members writing while no bot runs: straight into the history
            w.env.backend.create_message(busy_thread.id, authors[n % len(authors)], f"avis {n}")
        late = await other_member.send(other_thread, "Pendant la panne, avant la clôture.")
        w.clock.set(max(busy.closes_at, other.closes_at) + timedelta(hours=1))
        # Failing at the catch-up and at the tick that follows it at start.
        with (
            _failing_history_page(busy_thread.id, status, times=2) as given,
            caplog.at_level(logging.WARNING, logger="bot.services.catch_up"),
        ):
            await w.start()
        assert await _closed(w, other.id)
        assert late.id in {r.id for r in await w.rows(Reply, Reply.discussion_id == other.id)}
        assert not await _closed(w, busy.id)  # not closed on a third of its history
        assert given == [status, status]
        assert any(f"discussion {busy.id}" in r.getMessage() for r in caplog.records)
        await w.bot.scheduler.tick()  # the next tick reads it again, then closes it
        await w.settle()
        assert await _count(w, busy.id) == (AWAY + 1, AWAY + 1)
        assert first.id in {r.id for r in await w.rows(Reply, Reply.discussion_id == busy.id)}
        assert await _closed(w, busy.id)
        assert not w.env.errors


async def test_a_history_failing_at_every_tick_lets_its_discussion_close_in_the_end(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Discord failing for good: the discussion is not held open for ever. After
    ``CATCH_UP_ATTEMPTS`` reads it closes on what was read, and the log says what is
    missing."""
    async with world(sqlite_url) as w:
        w.clock.set(w.env.now())
        thread, discussion = await w.post()
        await w.stop()
        for n in range(150):
            w.env.backend.create_message(thread.id, w.members[n % 3].id, f"avis {n}")
        w.clock.set(discussion.closes_at + timedelta(hours=1))
        with _failing_history_page(thread.id, 500, times=CATCH_UP_ATTEMPTS) as given:
            await w.start()  # the catch-up, then the tick at start
            for _ in range(CATCH_UP_ATTEMPTS - 3):
                await w.bot.scheduler.tick()
                await w.settle()
                assert not await _closed(w, discussion.id)
            with caplog.at_level(logging.ERROR, logger="bot.services.catch_up"):
                await w.bot.scheduler.tick()
                await w.settle()
            assert len(given) == CATCH_UP_ATTEMPTS
        assert await _closed(w, discussion.id)
        assert await _count(w, discussion.id) == (100, 100)  # the first page, read each time
        assert [r.getMessage() for r in caplog.records if "given up" in r.getMessage()]
        assert not w.env.errors


async def test_a_deletion_in_a_closed_discussion_whose_history_failed_is_erased_at_the_next_tick(
    sqlite_url: str,
) -> None:
    """She deleted her reply in a closed discussion while the bot was away, and Discord
    failed the check at start: her text must not wait for the next restart (weeks, maybe)
    to be erased."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        kept = await alice.send(thread, "Je garde ce message.")
        doomed = await bruno.send(thread, "Je retirerai ce message.")
        await w.settle()
        await w.mod.slash(w.forum, "discussion close", discussion=discussion.id)
        await w.settle()
        await w.stop()
        await bruno.delete(doomed)
        w.env.inject_error("GET", f"/channels/{thread.id}/messages", status=500, times=2)
        await w.start()  # the check at start and at the tick that follows it fail
        await w.bot.scheduler.tick()
        await w.settle()
        replies = {r.id: (r.text, r.deleted) for r in await w.rows(Reply)}
        assert replies == {kept.id: ("Je garde ce message.", False), doomed.id: ("", True)}
        assert not w.env.errors


async def test_a_resumed_session_does_not_stand_for_a_history_read_whole(
    sqlite_url: str,
) -> None:
    """After a failed page, a resumed gateway session reads only what came after the
    newest stored reply: that does not make up for the pages not read. The discussion
    stays held until its whole history is read."""
    async with world(sqlite_url) as w:
        w.clock.set(w.env.now())
        thread, discussion = await w.post()
        await w.stop()
        for n in range(AWAY):
            w.env.backend.create_message(thread.id, w.members[n % 3].id, f"avis {n}")
        w.clock.set(discussion.closes_at + timedelta(hours=1))
        with _failing_history_page(thread.id, 500, times=2):
            await w.start()
        shard = w.bot.get_shard(0)._parent
        await from_gateway(w.env, shard.disconnect())
        shard.ws.open = True
        w.env.backend.emit("RESUMED", {"__shard_id__": 0})
        await w.settle()
        await w.bot.scheduler.tick()
        await w.settle()
        assert await _count(w, discussion.id) == (AWAY, AWAY)
        assert await _closed(w, discussion.id)
        assert not w.env.errors
