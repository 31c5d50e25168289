"""Staff told in their review channel, once, that the schedule cannot post: a permission
taken, the channel deleted, the bank used up at a slot. They learnt it only from
``/schedule show``, often days later."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import update

from bot.scheduler import POST_ATTEMPTS
from db.models import Discussion, Guild, Question, Slot
from tests.e2e.test_faults import MONDAY_SLOT, NEXT_MONDAY_SLOT, _deny_posting
from tests.harness import world


def _notices(w: Any, channel: Any) -> list[dict[str, Any]]:
    """What the bot posted in ``channel`` (its review channel), as sent."""
    path = f"/channels/{channel.id}/messages"
    return [r.json for r in w.env.http_requests if r.method == "POST" and r.path.endswith(path)]


async def test_a_slot_refused_for_a_permission_tells_staff_once_in_their_language(
    sqlite_url: str,
) -> None:
    """Send Messages taken from the bot in the forum: the slot fails and pauses the
    schedule; one notice in the review channel, in French, says what the bot lacks and the
    command that resumes it; later ticks add none. Resumed, then refused anew: told anew."""
    async with world(sqlite_url, setup=False) as w:
        staff = w.guild.create_text_channel("modération")
        await w.setup(cron="0 18 * * 1", language="fr", review_channel=staff)
        _deny_posting(w)
        await w.settle()
        w.clock.set(MONDAY_SLOT + timedelta(seconds=30))
        await w.bot.scheduler.tick()
        await w.settle()
        assert [s.status for s in await w.rows(Slot)] == ["failed"]
        (notice,) = _notices(w, staff)
        said = notice["content"]
        assert said.startswith(
            "⚠️ Programme suspendu\u00a0: le bot ne peut plus publier les questions dans "
            f"<#{w.forum.id}>. Il lui manque\u00a0: Envoyer des messages, "
        ), said
        assert said.endswith(
            ". Donnez-lui ces permissions dans le salon, puis lancez /programme reprendre."
        ), said
        assert notice["allowed_mentions"] == {"parse": []}
        for _ in range(3):  # the safety net ticking on: not told again
            w.clock.advance(timedelta(minutes=1))
            await w.bot.scheduler.tick()
        await w.settle()
        assert len(_notices(w, staff)) == 1
        assert _notices(w, w.forum) == [] and not w.forum.threads

        w.env.backend.delete_overwrite(w.forum.id, w.env.backend.bot_user.id)
        await w.settle()
        await w.mod.slash(w.text, "schedule resume")
        _deny_posting(w)
        await w.settle()
        w.clock.set(NEXT_MONDAY_SLOT + timedelta(seconds=30))
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(_notices(w, staff)) == 2
        assert not w.env.errors


async def test_the_channel_deleted_tells_staff_and_no_review_channel_posts_nothing(
    sqlite_url: str,
) -> None:
    """The discussion forum deleted: the schedule pauses at once; the next tick tells staff
    (in English here) to pick another channel. A server with no review channel is told
    nothing: ``/schedule show`` stays the place."""
    async with world(sqlite_url, setup=False) as w:
        staff = w.guild.create_text_channel("staff")
        await w.setup(cron="0 18 * * 1", language="en", review_channel=staff)
        w.env.backend.delete_channel(w.forum.id)
        await w.settle()
        await w.bot.scheduler.tick()
        await w.bot.scheduler.tick()
        await w.settle()
        assert [n["content"] for n in _notices(w, staff)] == [
            "⚠️ Schedule paused: the discussion channel was deleted. Pick another one with "
            "/setup channel:."
        ]

    async with world(sqlite_url, setup=False) as w:
        await w.setup(cron="0 18 * * 1")
        w.env.backend.delete_channel(w.forum.id)
        await w.settle()
        await w.bot.scheduler.tick()
        await w.settle()
        bot_posts = [
            r for r in w.env.http_requests if r.method == "POST" and r.path.endswith("/messages")
        ]
        assert bot_posts == []
        (guild,) = await w.rows(Guild)
        assert guild.paused and guild.pause_reason == "channel_missing"


async def test_a_slot_that_finds_the_bank_used_up_tells_staff_once_until_a_post(
    sqlite_url: str,
) -> None:
    """The bank used up at a slot: staff are told to add questions, once, not at each of
    the following slots; after a slot posts again, a bank used up anew is told anew."""
    async with world(sqlite_url, setup=False) as w:
        staff = w.guild.create_text_channel("modération")
        await w.setup(cron="0 18 * * 1", review_channel=staff)
        async with w.app.sessions.begin() as session:
            await session.execute(update(Question).values(status="posted"))
        for week in range(2):
            w.clock.set(MONDAY_SLOT + timedelta(weeks=week, seconds=5))
            await w.bot.scheduler.tick()
            await w.settle()
        assert [s.status for s in await w.rows(Slot)] == ["failed", "failed"]
        (notice,) = _notices(w, staff)
        assert notice["content"] == (
            "⚠️ Aucune question n’a été publiée à ce créneau\u00a0: toutes les questions de la "
            "banque ont été publiées. Ajoutez-en avec /question ajouter ou /question "
            "importer\u202f; le créneau suivant publiera la première."
        )
        await w.mod.slash(w.text, "question add", text="Faut-il un ciné-club ?")
        w.clock.set(MONDAY_SLOT + timedelta(weeks=2, seconds=5))
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(await w.rows(Discussion)) == 1
        w.clock.set(MONDAY_SLOT + timedelta(weeks=3, seconds=5))
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(_notices(w, staff)) == 2
        assert not w.env.errors


async def test_a_slot_failing_on_every_try_tells_staff_once_with_its_time(
    sqlite_url: str,
) -> None:
    """Discord answering 503 at each of a slot's tries: the slot fails (the schedule is
    not paused: a blip is no server problem) and staff learn it once, with the slot's time
    (shown by Discord in each reader's zone) and what to do; a second failed slot before
    any post adds nothing; once a slot posts, a failure is told anew."""
    async with world(sqlite_url, setup=False) as w:
        staff = w.guild.create_text_channel("modération")
        await w.setup(cron="0 18 * * 1", language="fr", review_channel=staff)
        w.env.inject_error("POST", "/channels/*/threads", status=503, times=None)
        for week in range(2):
            w.clock.set(MONDAY_SLOT + timedelta(weeks=week, seconds=5))
            for _ in range(POST_ATTEMPTS + 1):
                await w.bot.scheduler.tick()
                w.clock.advance(timedelta(minutes=1))
            await w.settle()
        assert [s.status for s in await w.rows(Slot)] == ["failed", "failed"]
        (notice,) = _notices(w, staff)
        assert notice["content"] == (
            f"⚠️ La question prévue le <t:{int(MONDAY_SLOT.timestamp())}:F> n’a pas été "
            "publiée\u00a0: la publication a échoué 3 fois de suite, le plus souvent une "
            "panne passagère de Discord. Elle reste dans la banque, et le programme "
            "continue\u00a0: le créneau suivant publiera comme prévu, et /question publier "
            "en publie une maintenant."
        )
        assert notice["allowed_mentions"] == {"parse": []}
        assert not (await w.rows(Guild))[0].paused

        w.env.backend.faults.clear()
        w.clock.set(MONDAY_SLOT + timedelta(weeks=2, seconds=5))
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(await w.rows(Discussion)) == 1
        w.env.inject_error("POST", "/channels/*/threads", status=503, times=None)
        w.clock.set(MONDAY_SLOT + timedelta(weeks=3, seconds=5))
        for _ in range(POST_ATTEMPTS + 1):
            await w.bot.scheduler.tick()
            w.clock.advance(timedelta(minutes=1))
        await w.settle()
        assert len(_notices(w, staff)) == 2
        assert not w.env.errors


async def test_a_pause_met_without_a_review_channel_is_told_once_one_is_named(
    sqlite_url: str,
) -> None:
    """Send Messages taken while staff had named no review channel: nothing could be told.
    Naming one later tells the pause still standing there, once."""
    async with world(sqlite_url, setup=False) as w:
        await w.setup(cron="0 18 * * 1", language="en")
        _deny_posting(w)
        await w.settle()
        w.clock.set(MONDAY_SLOT + timedelta(seconds=30))
        await w.bot.scheduler.tick()
        await w.settle()
        assert (await w.rows(Guild))[0].pause_reason == "missing_permissions"

        staff = w.guild.create_text_channel("staff")
        await w.mod.slash(w.text, "setup", review_channel=staff)
        for _ in range(3):
            w.clock.advance(timedelta(minutes=1))
            await w.bot.scheduler.tick()
        await w.settle()
        (notice,) = _notices(w, staff)
        assert notice["content"].startswith("⚠️ Schedule paused: the bot can no longer post"), (
            notice["content"]
        )
        assert not w.env.errors


async def test_naming_the_same_review_channel_again_tells_the_pause_no_twice(
    sqlite_url: str,
) -> None:
    """A pause told in the review channel: ``/setup`` naming that same channel again (with
    another option, or alone) does not tell it again; naming another one does, there."""
    async with world(sqlite_url, setup=False) as w:
        staff = w.guild.create_text_channel("staff")
        await w.setup(cron="0 18 * * 1", language="en", review_channel=staff)
        _deny_posting(w)
        await w.settle()
        w.clock.set(MONDAY_SLOT + timedelta(seconds=30))
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(_notices(w, staff)) == 1

        await w.mod.slash(w.text, "setup", review_channel=staff)
        await w.mod.slash(w.text, "setup", review_channel=staff, reminder_hours=2)
        for _ in range(3):
            w.clock.advance(timedelta(minutes=1))
            await w.bot.scheduler.tick()
        await w.settle()
        assert len(_notices(w, staff)) == 1  # the same channel: told there already

        other = w.guild.create_text_channel("staff-2")
        await w.mod.slash(w.text, "setup", review_channel=other)
        w.clock.advance(timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(_notices(w, other)) == 1 and len(_notices(w, staff)) == 1
        assert not w.env.errors
