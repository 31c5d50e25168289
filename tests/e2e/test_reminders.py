"""The reminder before a discussion closes: posted once, pinging nobody but a chosen role."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import custom_ids
from bot.i18n import t
from bot.services.reminders import time_left
from db.models import Guild, Reminder
from tests.harness import world

BEFORE = timedelta(hours=24)


def _reminders(thread: Any) -> list[Any]:
    return [m for m in thread.history() if m.content.lstrip().startswith(("⏰", "<@&"))]


def _sent_to(w: Any, thread: Any) -> list[Any]:
    return [
        r
        for r in w.env.http_requests
        if r.method == "POST" and r.path == f"/channels/{thread.id}/messages"
    ]


async def _debate(w: Any, thread: Any, discussion: Any) -> None:
    post = w.post_message(discussion)
    alice, bruno = w.members[:2]
    await alice.send(thread, "Oui, c'est inévitable.")
    await alice.send(thread, "Et ça ouvre la création à tous.")
    await bruno.send(thread, "Non, un film sans acteurs n'a pas d'âme.")
    await alice.click(post, custom_id=custom_ids.stance(discussion.id, 0))
    await bruno.click(post, custom_id=custom_ids.stance(discussion.id, 1))
    await w.members[2].click(post, custom_id=custom_ids.stance(discussion.id, 1))
    await w.settle()


async def test_reminder_once_with_figures_no_ping_and_not_again_after_a_restart(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        await w.setup(reminder_hours=24)
        thread, discussion = await w.post()
        await _debate(w, thread, discussion)
        w.clock.set(discussion.closes_at - BEFORE - timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        assert _reminders(thread) == []  # not yet

        w.clock.set(discussion.closes_at - BEFORE + timedelta(seconds=30))
        await w.bot.scheduler.tick()
        await w.bot.scheduler.tick()
        await w.settle()
        (reminder,) = _reminders(thread)
        lines = reminder.content.splitlines()
        assert lines[0].startswith("⏰ **Plus que 24 heures** pour participer")
        assert f"<t:{int(discussion.closes_at.timestamp())}:R>" in lines[0]
        assert lines[1] == "Jusqu’ici\u00a0: 3 participants · 3 réponses."
        assert lines[2] == "Positions\u00a0: Oui — 1 · Non — 2 · Nuancé — 0"
        assert _sent_to(w, thread)[-1].json["allowed_mentions"] == {"parse": []}

        old, w.bot = w.bot, w.new_bot()
        await w.env.restart_bot(w.bot)  # on_ready ticks once
        await old.app.close()  # SimCord detaches a bot without closing it
        w.clock.advance(timedelta(minutes=5))
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(_reminders(thread)) == 1
        (row,) = await w.rows(Reminder)
        assert (row.status, row.message_id) == ("posted", reminder.id)
        assert not w.env.errors


async def test_reminder_mentions_the_chosen_role_only_and_hides_hidden_counts(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        role = w.guild.create_role("débatteurs")
        await w.setup(reminder_hours=24, reminder_role=role, hide_counts=True)
        thread, discussion = await w.post()
        await _debate(w, thread, discussion)
        w.clock.set(discussion.closes_at - timedelta(hours=2))  # the bot was away: late, once
        await w.bot.scheduler.tick()
        await w.settle()
        (reminder,) = _reminders(thread)
        assert reminder.content.startswith(f"<@&{role.id}> ⏰ **Plus que 2 heures**")
        assert "Positions" not in reminder.content and "Oui" not in reminder.content
        mentions = _sent_to(w, thread)[-1].json["allowed_mentions"]
        assert mentions["parse"] == [] and [int(r) for r in mentions["roles"]] == [role.id]
        assert not mentions.get("users") and not mentions.get("replied_user")


async def test_no_reminder_when_off_or_when_the_discussion_is_shorter(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        await w.setup(duration_hours=12)
        async with w.bot.app.sessions.begin() as session:  # stored before /setup refused it
            (guild,) = (await session.scalars(select(Guild))).all()
            guild.reminder_hours = 24
        thread, discussion = await w.post()
        w.clock.set(discussion.closes_at - timedelta(hours=1))
        await w.bot.scheduler.tick()
        await w.setup(reminder_hours=0)
        _, later = await w.post()
        w.clock.set(later.closes_at - timedelta(hours=1))
        await w.bot.scheduler.tick()
        await w.settle()
        assert _reminders(thread) == [] and await w.rows(Reminder) == []


async def test_reminder_retried_after_a_discord_error_and_again_after_a_reopen(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        await w.setup(reminder_hours=24)
        thread, discussion = await w.post()
        w.clock.set(discussion.closes_at - BEFORE + timedelta(seconds=1))
        w.env.inject_error("POST", f"/channels/{thread.id}/messages", status=500, times=1)
        await w.bot.scheduler.tick()
        await w.settle()
        assert _reminders(thread) == [] and await w.rows(Reminder) == []  # given back
        w.clock.advance(timedelta(minutes=1))  # the safety net's next tick
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(_reminders(thread)) == 1

        w.clock.set(discussion.closes_at + timedelta(minutes=1))
        await w.bot.scheduler.tick()  # closed
        await w.mod.slash(w.text, "discussion reopen", discussion=discussion.id)
        (reopened,) = [d for d in w.app.open.all() if d.id == discussion.id]
        w.clock.set(reopened.closes_at - BEFORE + timedelta(seconds=1))
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(_reminders(thread)) == 2  # one per closing time
        assert not w.env.errors


async def test_two_processes_post_the_reminder_once(database_url: str) -> None:
    """Two bot processes on one database, both ticking when the reminder is due
    (as in the deploy-overlap test: a second ``App`` with its own engine and
    instance name, posting through the attached bot's Discord connection)."""
    from bot.app import App
    from bot.config import Settings
    from bot.scheduler import Scheduler

    async with world(database_url) as w:
        await w.setup(reminder_hours=24)
        thread, discussion = await w.post()
        other = App.build(Settings(database_url=database_url), clock=w.clock)
        other.instance = "deploy-new:2"
        second = Scheduler(other, w.bot, timers=False)
        try:
            w.clock.set(discussion.closes_at - BEFORE + timedelta(seconds=30))
            await asyncio.gather(
                w.bot.scheduler.tick(), second.tick(), w.bot.scheduler.tick(), second.tick()
            )
            await w.settle()
        finally:
            await other.close()
        assert len(_reminders(thread)) == 1
        (row,) = await w.rows(Reminder)
        assert row.status == "posted"
        assert not w.env.errors


async def test_a_reminder_claimed_by_a_process_that_died_is_posted_once_the_claim_is_stale(
    database_url: str,
) -> None:
    from db.repositories import reminders

    async with world(database_url) as w:
        await w.setup(reminder_hours=24)
        thread, discussion = await w.post()
        await w.settle()
        due = discussion.closes_at - BEFORE + timedelta(seconds=30)
        w.clock.set(due)
        async with w.bot.app.sessions.begin() as session:
            await reminders.claim(
                session, discussion.id, discussion.closes_at, owner="killed:1", now=due
            )
        await w.bot.scheduler.tick()
        await w.settle()
        assert _reminders(thread) == []  # a fresh claim may be another process at work
        w.clock.advance(timedelta(minutes=15))
        await w.bot.scheduler.tick()
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(_reminders(thread)) == 1
        (row,) = await w.rows(Reminder)
        assert row.status == "posted"
        assert not w.env.errors


async def test_a_reminder_sent_but_not_recorded_before_the_process_died_is_not_posted_again(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process dies between Discord taking the reminder and its record (here the
    record's write fails, then the process stops): the claim it left is settled from
    the thread, where the reminder is (its role mention first), not given back to be
    posted a second time."""
    from sqlalchemy.exc import OperationalError

    from db.repositories import reminders

    async with world(sqlite_url) as w:
        role = w.guild.create_role("débatteurs")
        await w.setup(reminder_hours=24, reminder_role=role)
        thread, discussion = await w.post()
        await w.settle()
        real = reminders.finish

        async def lost(*args: Any, **kwargs: Any) -> None:
            raise OperationalError("UPDATE reminders", {}, Exception("disk I/O error"))

        monkeypatch.setattr(reminders, "finish", lost)
        w.clock.set(discussion.closes_at - BEFORE + timedelta(seconds=30))
        await w.bot.scheduler.tick()
        await w.settle()
        (reminder,) = _reminders(thread)
        monkeypatch.setattr(reminders, "finish", real)
        await w.restart()  # the process that sent it is gone
        for _ in range(3):
            w.clock.advance(timedelta(minutes=6))  # past the claim's staleness, twice
            await w.bot.scheduler.tick()
            await w.settle()
        assert [m.id for m in _reminders(thread)] == [reminder.id]
        (row,) = await w.rows(Reminder)
        assert (row.status, row.message_id) == ("posted", reminder.id)
        assert not w.env.errors


async def test_a_reminder_discord_took_while_answering_an_error_is_not_posted_again(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Discord answers 500 to the post yet keeps the message (its own bad moment after
    the write): the claim was given back and the next tick posted it a second time."""
    import discord

    async with world(sqlite_url) as w:
        await w.setup(reminder_hours=24)
        thread, discussion = await w.post()
        await w.settle()
        send = discord.abc.Messageable.send
        failed: list[int] = []

        async def taken_then_failed(self: Any, content: Any = None, **kwargs: Any) -> Any:
            message = await send(self, content, **kwargs)
            if str(content).startswith("⏰") and not failed:
                failed.append(message.id)
                raise discord.HTTPException(_Answer(500), "Internal Server Error")
            return message

        monkeypatch.setattr(discord.abc.Messageable, "send", taken_then_failed)
        w.clock.set(discussion.closes_at - BEFORE + timedelta(seconds=30))
        await w.bot.scheduler.tick()
        for _ in range(2):
            w.clock.advance(timedelta(minutes=1))
            await w.bot.scheduler.tick()
        await w.settle()
        assert [m.id for m in _reminders(thread)] == failed
        (row,) = await w.rows(Reminder)
        assert (row.status, row.message_id) == ("posted", failed[0])
        assert not w.env.errors


class _Answer:
    """What ``discord.HTTPException`` reads of an HTTP answer."""

    def __init__(self, status: int) -> None:
        self.status = status
        self.reason = "Internal Server Error"


async def test_a_thread_staff_locked_is_not_reminded_until_it_is_unlocked(
    sqlite_url: str,
) -> None:
    """Staff locked a heated thread: a reminder inviting members to take part, where they
    cannot write, is not posted; unlocked before the close, the thread gets it then."""
    async with world(sqlite_url) as w:
        await w.setup(reminder_hours=24)
        thread, discussion = await w.post()
        await _debate(w, thread, discussion)
        w.env.backend.edit_channel(thread.id, {}, thread_metadata={"locked": True})
        await w.settle()
        w.clock.set(discussion.closes_at - BEFORE + timedelta(seconds=30))
        await w.bot.scheduler.tick()
        await w.settle()
        assert _reminders(thread) == []
        assert [r.status for r in await w.rows(Reminder)] == []

        w.env.backend.edit_channel(thread.id, {}, thread_metadata={"locked": False})
        await w.settle()
        w.clock.advance(timedelta(hours=2))
        await w.bot.scheduler.tick()
        await w.settle()
        (reminder,) = _reminders(thread)
        assert reminder.content.startswith("⏰ **Plus que 22 heures** pour participer")
        assert not w.env.errors


@pytest.mark.parametrize(
    ("before", "said"),
    [
        (timedelta(hours=1), "⏰ **Plus qu’une heure** pour participer"),
        (timedelta(minutes=1), "⏰ **Plus qu’une minute** pour participer"),
        (timedelta(minutes=20), "⏰ **Plus que 20 minutes** pour participer"),
    ],
    ids=["an-hour", "a-minute", "minutes"],
)
async def test_a_french_reminder_of_one_hour_or_minute_elides_its_que(
    sqlite_url: str, before: timedelta, said: str
) -> None:
    """A server reminding an hour before the close (or a reminder posted late) read
    « Plus que 1 heure » in every thread: French says « Plus qu’une heure »."""
    async with world(sqlite_url) as w:
        await w.setup(reminder_hours=1)
        thread, discussion = await w.post()
        w.clock.set(discussion.closes_at - before)
        await w.bot.scheduler.tick()
        await w.settle()
        (reminder,) = _reminders(thread)
        assert reminder.content.startswith(said), reminder.content
        english = t("reminder-time", "en", left=time_left(timedelta(hours=1), "en"), closes="X")
        assert english.startswith("⏰ **1 hour left** to take part")
