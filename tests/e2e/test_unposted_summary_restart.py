"""A closing summary that failed survives a restart: the next tick after it posts
what is missing, once, and the attempts keep counting across restarts."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from typing import Any

import discord
import pytest

from bot.services import summary as summary_service
from db.models import UnpostedSummary
from tests.harness import World, world

CLOSED = "🔒 La discussion est close"


async def _discussion(w: World) -> tuple[Any, Any]:
    thread, discussion = await w.post()
    for member, text in zip(
        w.members,
        (
            "Oui, la technique avance vite et les coûts baissent.",
            "Non, un film sans acteurs humains n'a aucune âme.",
            "Peut-être, si les comédiens sont payés pour leur image.",
        ),
        strict=True,
    ):
        await member.send(thread, text)
    await w.settle()
    return thread, discussion


def _summaries(thread: Any) -> list[Any]:
    return [
        m
        for m in thread.history()
        if m.embeds and (m.embeds[0].title or "").startswith("Résumé de")
    ]


async def _tick(w: World) -> None:
    await w.bot.scheduler.tick()
    await w.settle()
    w.clock.advance(timedelta(minutes=1))


async def test_a_summary_half_posted_before_a_restart_is_finished_once_after_it(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The closing text and the summary's embeds go as two messages (the real renderer
    # splits only past Discord's limits, which a lively discussion needs to reach).
    render = summary_service.summary_messages

    def two_messages(*args: Any, **kwargs: Any) -> list[Any]:
        first, *rest = render(*args, **kwargs)
        return [replace(first, embeds=(), attachments=()), replace(first, content=None), *rest]

    monkeypatch.setattr(summary_service, "summary_messages", two_messages)
    async with world(database_url, members=3) as w:
        thread, discussion = await _discussion(w)

        # Discord takes the closing text, then refuses the summary's embeds once.
        send = discord.Thread.send
        refused: list[int] = []

        async def refuse_the_embeds_once(self: Any, *args: Any, **kwargs: Any) -> Any:
            if self.id == thread.id and kwargs.get("embeds") and not refused:
                refused.append(self.id)
                w.env.inject_error("POST", f"/channels/{thread.id}/messages", status=400)
            return await send(self, *args, **kwargs)

        monkeypatch.setattr(discord.Thread, "send", refuse_the_embeds_once)
        w.clock.advance(timedelta(hours=72, minutes=1))
        await _tick(w)
        assert refused
        (row,) = await w.rows(UnpostedSummary)
        assert (row.discussion_id, row.guild_id, row.attempts, row.posted) == (
            discussion.id,
            w.guild.id,
            1,
            1,
        )
        assert row.failed_at == w.clock.now() - timedelta(minutes=1)
        contents = [m.content for m in thread.history()]
        assert sum(c.startswith(CLOSED) for c in contents) == 1
        assert "essai 1" in contents[-1]
        assert _summaries(thread) == []

        await w.restart()  # the old process's memory is gone; the row is not
        await _tick(w)
        mine = [m for m in thread.history() if m.author.id == w.bot.user.id]
        assert sum(m.content.startswith(CLOSED) for m in mine) == 1  # not posted again
        (summary,) = _summaries(thread)
        assert summary.embeds[0].title == f"Résumé de la discussion n°\u00a0{discussion.id}"
        assert mine[-1].id == summary.id  # after the closing text and the notice
        assert await w.rows(UnpostedSummary) == []
        fetched = await w.bot.fetch_channel(thread.id)
        assert fetched.locked and fetched.archived

        await _tick(w)
        assert len([m for m in thread.history() if m.author.id == w.bot.user.id]) == len(mine)
        assert not w.env.errors


async def test_attempts_keep_counting_across_restarts_then_staff_are_told_it_gave_up(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("the analysis broke")

    monkeypatch.setattr(summary_service, "analyse", broken)
    async with world(database_url, members=3) as w:
        thread, _ = await _discussion(w)
        w.clock.advance(timedelta(hours=72, minutes=1))
        for _ in range(summary_service.CLOSING_ATTEMPTS):
            await _tick(w)
            await w.restart()
        await _tick(w)
        await _tick(w)
        notices = [m.content for m in thread.history() if m.content.startswith("⚠️")]
        assert [("(essai" in n, "après 3 essais" in n) for n in notices] == [
            (True, False),
            (True, False),
            (False, True),
        ]
        assert "essai 1" in notices[0] and "essai 2" in notices[1]
        assert await w.rows(UnpostedSummary) == []
        assert not any(m.content.startswith(CLOSED) for m in thread.history())


async def test_two_processes_post_a_failed_summary_once(database_url: str) -> None:
    """Two bot processes on one database tick together when a failed summary is due
    again (a second ``App`` with its own engine, as in the reminders' test)."""
    from bot.app import App
    from bot.config import Settings
    from bot.scheduler import Scheduler

    async with world(database_url, members=3) as w:
        thread, _ = await _discussion(w)
        w.env.inject_error("POST", f"/channels/{thread.id}/messages", status=400)
        w.clock.advance(timedelta(hours=72, minutes=1))
        await _tick(w)
        assert len(await w.rows(UnpostedSummary)) == 1
        other = App.build(Settings(database_url=database_url), clock=w.clock)
        other.instance = "deploy-new:2"
        second = Scheduler(other, w.bot, timers=False)
        try:
            await asyncio.gather(
                w.bot.scheduler.tick(), second.tick(), w.bot.scheduler.tick(), second.tick()
            )
            await w.settle()
        finally:
            await other.close()
        closings = [m for m in thread.history() if m.content.startswith(CLOSED)]
        assert len(closings) == 1 and len(_summaries(thread)) == 1
        assert await w.rows(UnpostedSummary) == []
        assert not w.env.errors


async def test_staff_are_told_without_a_promise_when_the_failure_cannot_be_recorded(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Discord refuses the summary and the database refuses to record the attempt
    (away as well): staff still get a notice, and it promises no retry."""
    from db.repositories import unposted

    async def database_away(*args: Any, **kwargs: Any) -> int:
        raise ConnectionRefusedError("the database is away")

    monkeypatch.setattr(unposted, "failed", database_away)
    async with world(sqlite_url, members=3) as w:
        thread, _ = await _discussion(w)
        w.env.inject_error("POST", f"/channels/{thread.id}/messages", status=400)
        w.clock.advance(timedelta(hours=72, minutes=1))
        await _tick(w)
        (notice,) = [m.content for m in thread.history() if m.content.startswith("⚠️")]
        assert "après 1 essai." in notice and "réessaiera" not in notice
        assert (await w.bot.fetch_channel(thread.id)).locked  # the closing went on


async def test_a_process_dying_before_the_post_leaves_the_summary_owed(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The closing and the summary it owes are written together: a process that dies
    between the closing and the post leaves it owed, and after its claim lapses a
    tick of the restarted bot posts it once."""
    from db.repositories.unposted import CLAIM_FOR

    async with world(database_url, members=3) as w:
        thread, discussion = await _discussion(w)

        async def dies_before_posting(*args: Any, **kwargs: Any) -> bool:
            return True  # the process stops here: nothing is posted, nothing recorded

        with monkeypatch.context() as patched:
            patched.setattr(summary_service, "post_closing", dies_before_posting)
            w.clock.advance(timedelta(hours=72, minutes=1))
            await _tick(w)
        (row,) = await w.rows(UnpostedSummary)
        assert (row.discussion_id, row.attempts, row.posted, row.failed_at) == (
            discussion.id,
            0,
            0,
            None,
        )
        assert row.claimed_by == w.app.instance
        await w.restart()
        w.app.instance = "after-the-crash:2"  # a new process (same pid in this test)
        await _tick(w)
        assert not any(m.content.startswith(CLOSED) for m in thread.history())  # still claimed
        w.clock.advance(CLAIM_FOR)
        await _tick(w)
        assert sum(m.content.startswith(CLOSED) for m in thread.history()) == 1
        assert len(_summaries(thread)) == 1
        assert await w.rows(UnpostedSummary) == []
        await _tick(w)
        assert sum(m.content.startswith(CLOSED) for m in thread.history()) == 1


@pytest.mark.parametrize("away", ["still writing", "unreachable"])
async def test_a_summary_the_database_cannot_give_yet_waits_without_a_word(
    database_url: str, monkeypatch: pytest.MonkeyPatch, away: str
) -> None:
    """The database still writing a catch-up's backlog past the wait (« still writing »),
    or gone between the close and the summary's read: Discord and the summary are fine.
    Before, each tick counted an attempt and posted « n'a pas pu être publié (essai n) »
    in the thread, and a database away three minutes meant « given up » for good."""
    from sqlalchemy.exc import OperationalError

    from bot.errors import StorageUnavailable
    from bot.services import plain

    real_load = plain.load_with_history
    ticks_away = 4  # more than the attempts a failing Discord gets

    async def load_while_away(*args: Any, **kwargs: Any) -> Any:
        if ticks_away:
            if away == "still writing":
                raise StorageUnavailable()
            raise OperationalError("SELECT", {}, ConnectionRefusedError("connection refused"))
        return await real_load(*args, **kwargs)

    monkeypatch.setattr(plain, "load_with_history", load_while_away)
    async with world(database_url, members=3) as w:
        thread, discussion = await _discussion(w)
        w.clock.advance(timedelta(hours=72, minutes=1))
        for _ in range(ticks_away):
            await _tick(w)
            (row,) = await w.rows(UnpostedSummary)
            assert (row.attempts, row.claimed_by) == (0, None)  # owed, nothing counted
            ticks_away -= 1
        assert not [m for m in thread.history() if m.content.startswith("⚠️")]
        assert _summaries(thread) == []
        await _tick(w)  # the database answers again
        mine = [m for m in thread.history() if m.author.id == w.bot.user.id]
        assert sum(m.content.startswith(CLOSED) for m in mine) == 1
        (summary,) = _summaries(thread)
        assert summary.embeds[0].title == f"Résumé de la discussion n°\u00a0{discussion.id}"
        assert await w.rows(UnpostedSummary) == []
        assert not [m for m in thread.history() if m.content.startswith("⚠️")]
