"""A reminder Discord refuses (403: a moderator took the bot's Send Messages in Threads in
the discussion's forum): it was dropped with a line in the log, and staff, who chose to
have reminders, learnt nothing. They are told once, in the review channel, what the bot
lacks; members see nothing."""

from __future__ import annotations

from datetime import timedelta

from db.models import Reminder
from tests.e2e.test_reminders import BEFORE, _reminders
from tests.e2e.test_summary_permissions import YEARLY, _deny, _sent
from tests.harness import world


async def test_a_reminder_refused_in_its_thread_is_told_to_staff_once(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        staff = w.guild.create_text_channel("modération")
        await w.setup(cron=YEARLY, language="fr", review_channel=staff, reminder_hours=24)
        thread, discussion = await w.post()
        _deny(w, send_messages_in_threads=True)
        await w.settle()
        w.clock.set(discussion.closes_at - BEFORE + timedelta(seconds=30))
        for _ in range(2):
            await w.bot.scheduler.tick()
            await w.settle()
            w.clock.advance(timedelta(minutes=1))

        assert _reminders(thread) == []
        (row,) = await w.rows(Reminder)
        assert row.status == "failed"
        (notice,) = _sent(w, staff.id)  # once, not at every tick
        content = notice["content"]
        assert content.startswith("⚠️ Le rappel de la discussion n°\u00a01 ")
        assert f"<#{thread.id}>" in content
        assert "il manque au bot\u00a0: " in content and "fils" in content, content
        assert notice["allowed_mentions"] == {"parse": []}
        assert not w.env.errors
