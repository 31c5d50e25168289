"""/discussion extend: staff keep a lively discussion open longer; the post, the thread,
the closing, replies after the old time and the reminder all follow the new time."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.services import reminders
from bot.services import summary as summary_service
from db.models import AuditEntry, Discussion, Reminder, Reply
from tests.harness import world


def _stamp(when: object) -> str:
    return f"<t:{int(when.timestamp())}:R>"  # type: ignore[attr-defined]


async def test_an_extended_discussion_stays_open_and_closes_at_its_new_time(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        await w.setup(reminder_hours=2)
        thread, discussion = await w.post()
        was = discussion.closes_at
        w.clock.set(was - timedelta(hours=1))  # the reminder's time has come
        await w.bot.scheduler.tick()
        await w.settle()
        result = await w.mod.slash(thread, "discussion extend", hours=24)  # in the thread
        new = was + timedelta(hours=24)
        assert result.ephemeral
        assert result.response.content == (
            f"Discussion #{discussion.id} extended: it closes {_stamp(new)}."
        )
        (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
        assert row.closes_at == new and w.app.open.get(discussion.id).closes_at == new
        said = [m.content for m in thread.history()]
        assert f"⏳ La discussion est prolongée\u00a0: clôture {_stamp(new)}." in said
        post = w.post_message(discussion)
        assert _stamp(new) in str(post.embeds[0].to_dict())  # the post's closing time
        (entry,) = await w.rows(AuditEntry, AuditEntry.action == "extend")
        assert (entry.actor_id, entry.target) == (w.mod.id, str(discussion.id))

        w.clock.set(was + timedelta(minutes=5))  # past the old time: still open
        await w.bot.scheduler.tick()
        await w.members[0].send(thread, "Encore un argument, après l'ancienne heure.")
        await w.settle()
        (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
        assert row.closed_at is None
        assert [r.text for r in await w.rows(Reply)] == [
            "Encore un argument, après l'ancienne heure."
        ]

        w.clock.set(new - timedelta(hours=1))
        await w.bot.scheduler.tick()
        await w.settle()
        reminders = await w.rows(Reminder)
        assert sorted(r.closes_at for r in reminders) == [was, new]  # one per closing time

        w.clock.set(new + timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
        assert row.closed_at is not None
        assert not w.env.errors


async def test_a_discussion_whose_closing_is_pending_is_extended_from_now(
    database_url: str,
) -> None:
    """On both backends: the closing time is moved only from the one read (no lost move)."""
    async with world(database_url) as w:
        thread, discussion = await w.post()
        w.clock.set(discussion.closes_at + timedelta(minutes=3))  # due, no tick yet
        await w.mod.slash(thread, "discussion extend", hours=2)
        async with w.app.sessions() as session:
            row = await session.scalar(select(Discussion).where(Discussion.id == discussion.id))
        assert row.closes_at == w.clock.now() + timedelta(hours=2)
        await w.bot.scheduler.tick()
        await w.settle()
        (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
        assert row.closed_at is None


async def test_refusals_change_nothing(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        thread, discussion = await w.post()
        was = discussion.closes_at
        left = (w.clock.now() + timedelta(hours=720) - was) // timedelta(hours=1)
        too_long = await w.mod.slash(thread, "discussion extend", hours=720)
        assert too_long.response.content == (
            "Une discussion ne peut pas rester ouverte plus de 720 heures à partir de maintenant\u00a0:"
            f" ajoutez-en {left} au plus."
        )
        nowhere = await w.mod.slash(w.text, "discussion extend", hours=2)
        assert nowhere.response.content == (
            "Indiquez une discussion, ou lancez la commande dans son fil."
        )
        (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
        assert row.closes_at == was
        w.clock.set(w.clock.now() + timedelta(minutes=30))  # 30 minutes short of a last hour
        await w.mod.slash(thread, "discussion extend", hours=left)
        again = await w.mod.slash(thread, "discussion extend", hours=1)
        assert again.response.content == (
            "Une discussion ne peut pas rester ouverte plus de 720 heures à partir de maintenant,"
            " et la clôture de celle-ci est déjà à cette limite."
        )
        w.speaks(w.mod, "en-US")
        english = await w.mod.slash(thread, "discussion extend", hours=1)
        assert english.response.content == (
            "A discussion cannot stay open more than 720 hours from now, and this one already"
            " closes at that limit."
        )
        w.speaks(w.mod, "fr")
        (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
        assert row.closes_at == was + timedelta(hours=left)  # the refused hour not added
        await w.mod.slash(thread, "discussion close")
        closed = await w.mod.slash(w.text, "discussion extend", hours=2, discussion=discussion.id)
        assert closed.response.content == (
            f"La discussion n°\u00a0{discussion.id} est close\u00a0: rouvrez-la avec /discussion rouvrir."
        )
        assert len(await w.rows(AuditEntry, AuditEntry.action == "extend")) == 1  # up to the limit
        assert not w.env.errors


async def test_a_discussion_extended_while_the_scheduler_closes_another_stays_open(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two discussions due at the same tick: while the first one's summary is written, a
    moderator extends the second. The tick read both as due before; the second is no longer
    due and stays open, as she was told (both backends)."""
    async with world(database_url) as w:
        _, first = await w.post()
        thread, second = await w.post()
        w.clock.set(first.closes_at + timedelta(minutes=1))
        writing, extended = asyncio.Event(), asyncio.Event()
        post_closing = summary_service.post_closing

        async def while_writing(app: Any, client: Any, discussion: Any) -> bool:
            if discussion.id == first.id:
                writing.set()
                await extended.wait()
            return await post_closing(app, client, discussion)

        monkeypatch.setattr(summary_service, "post_closing", while_writing)
        tick = asyncio.create_task(w.bot.scheduler.tick())
        await writing.wait()
        result = await w.mod.slash(thread, "discussion extend", hours=24)
        new = w.clock.now() + timedelta(hours=24)
        assert result.response.content == (
            f"Discussion #{second.id} extended: it closes {_stamp(new)}."
        )
        extended.set()
        await tick
        await w.settle()
        rows = {r.id: r for r in await w.rows(Discussion)}
        assert rows[first.id].closed_at is not None
        assert rows[second.id].closed_at is None and rows[second.id].closes_at == new
        assert w.app.open.get(second.id) is not None
        said = [m.content for m in thread.history()]
        assert not any("clos" in (s or "").lower() and "prolong" not in s for s in said), said
        assert not w.env.errors


async def test_a_discussion_extended_while_the_tick_reminds_another_is_not_reminded_of_its_old_time(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two reminders due at one tick: while the first is written, a moderator extends the
    second discussion. Its thread does not get "⏰ only 2 hours left, it closes at <the old
    time>" after "⏳ extended": it is reminded before its new time (both backends)."""
    async with world(database_url) as w:
        await w.setup(reminder_hours=2)
        _, first = await w.post()
        thread, second = await w.post()
        was = second.closes_at
        w.clock.set(was - timedelta(hours=1))
        writing, extended = asyncio.Event(), asyncio.Event()
        message = reminders._message

        async def while_writing(app: Any, discussion: Any, guild: Any, now: Any) -> Any:
            if discussion.id == first.id:
                writing.set()
                await extended.wait()
            return await message(app, discussion, guild, now)

        monkeypatch.setattr(reminders, "_message", while_writing)
        tick = asyncio.create_task(w.bot.scheduler.tick())
        await writing.wait()
        await w.mod.slash(thread, "discussion extend", hours=24)
        extended.set()
        await tick
        await w.settle()
        said = [m.content or "" for m in thread.history()]
        assert not any(_stamp(was) in s and "⏰" in s for s in said), said
        new = was + timedelta(hours=24)
        w.clock.set(new - timedelta(hours=1))
        await w.bot.scheduler.tick()
        await w.settle()
        said = [m.content or "" for m in thread.history()]
        assert any(_stamp(new) in s and "⏰" in s for s in said), said
        assert not w.env.errors
