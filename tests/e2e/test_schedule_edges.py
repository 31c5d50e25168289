"""The schedule at its edges, as a moderator meets them: a ``/setup`` while a slot is due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.cron import next_slots
from db.models import Discussion, Guild, Slot
from tests.e2e.test_import_stall import MAX_STALL
from tests.harness import world
from tests.loop_monitor import loop_use

MONDAY_SLOT = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # 18:00 in Paris


async def test_naming_the_channel_again_at_the_slot_keeps_the_slot(sqlite_url: str) -> None:
    """Re-running ``/setup channel:`` (the same one) at the very moment of a slot: the
    schedule did not change, the slot is still owed."""
    async with world(sqlite_url, setup=False) as w:
        await w.setup(cron="0 18 * * 1")
        w.clock.set(MONDAY_SLOT)
        await w.setup()
        await w.bot.scheduler.tick()
        await w.settle()
        assert [s.slot_at for s in await w.rows(Slot)] == [MONDAY_SLOT]
        assert len(await w.rows(Discussion)) == 1


async def test_moving_the_channel_while_a_failed_slot_waits_posts_it_in_the_new_one(
    sqlite_url: str,
) -> None:
    """The slot's post failed once (Discord 500) and waits for the next tick; the moderator,
    seeing nothing posted, names another forum: the slot is posted there, not dropped."""
    async with world(sqlite_url, setup=False) as w:
        await w.setup(cron="0 18 * * 1")
        w.clock.set(MONDAY_SLOT + timedelta(seconds=30))
        w.env.inject_error("POST", "/channels/*/threads", status=500, times=1)
        await w.bot.scheduler.tick()
        await w.settle()
        assert await w.rows(Discussion) == []
        other = w.guild.create_forum_channel("debats-bis")
        w.clock.advance(timedelta(seconds=15))
        await w.setup(other)
        w.clock.advance(timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        (discussion,) = await w.rows(Discussion)
        assert (discussion.slot_at, discussion.channel_id) == (MONDAY_SLOT, other.id)
        assert len(other.threads) == 1 and w.forum.threads == []


@pytest.mark.parametrize("typed", ["0 18 * * mon", " 0  18 * *  lundi ", "00 18 * * MON"])
async def test_the_same_cron_typed_differently_keeps_a_slot_waiting_for_its_retry(
    sqlite_url: str, typed: str
) -> None:
    """The slot's post failed once (Discord 500) and waits for the next tick; the moderator,
    seeing nothing posted, types the schedule again as ``mon`` where it was stored as
    ``1``: the same slots, no change; the slot's retry still posts it. A real change still
    applies from now."""
    async with world(sqlite_url, setup=False) as w:
        await w.setup(cron="0 18 * * 1")
        w.clock.set(MONDAY_SLOT + timedelta(seconds=30))
        w.env.inject_error("POST", "/channels/*/threads", status=500, times=1)
        await w.bot.scheduler.tick()
        await w.settle()
        assert await w.rows(Discussion) == []
        w.clock.advance(timedelta(seconds=15))
        await w.setup(cron=typed)
        w.clock.advance(timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        assert [d.slot_at for d in await w.rows(Discussion)] == [MONDAY_SLOT]
        (guild,) = await w.rows(Guild)
        assert guild.schedule_since is not None and guild.schedule_since < MONDAY_SLOT
        w.clock.advance(timedelta(minutes=1))
        await w.setup(cron="0 18 * * 2")
        (guild,) = await w.rows(Guild)
        assert guild.schedule_since == w.clock.now()


async def test_resume_on_a_running_schedule_keeps_a_slot_waiting_for_its_retry(
    sqlite_url: str,
) -> None:
    """The post failed once; the moderator, seeing nothing, runs ``/schedule resume`` on a
    schedule that was never paused: nothing changed, the slot's retry still posts it. A
    real pause still drops the slots it covered."""
    async with world(sqlite_url, setup=False) as w:
        await w.setup(cron="0 18 * * 1")
        w.clock.set(MONDAY_SLOT + timedelta(seconds=30))
        w.env.inject_error("POST", "/channels/*/threads", status=500, times=1)
        await w.bot.scheduler.tick()
        w.clock.advance(timedelta(seconds=15))
        await w.mod.slash(w.forum, "schedule resume")
        w.clock.advance(timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        assert [d.slot_at for d in await w.rows(Discussion)] == [MONDAY_SLOT]

        await w.mod.slash(w.forum, "schedule pause")
        w.clock.set(MONDAY_SLOT + timedelta(weeks=1, hours=1))
        await w.mod.slash(w.forum, "schedule resume")
        await w.bot.scheduler.tick()
        await w.settle()
        assert [d.slot_at for d in await w.rows(Discussion)] == [MONDAY_SLOT]


@pytest.mark.parametrize(
    ("zone", "cron", "before", "expected"),
    [
        (  # 8 Mar: 02:00 does not exist, posted at 03:00 EDT, the instant of the 03:00 slot
            "America/New_York",
            "0 2,3 * * *",
            datetime(2026, 3, 7, 12, tzinfo=UTC),
            ["2026-03-08 07:00", "2026-03-09 06:00", "2026-03-09 07:00"],
        ),
        (
            "Europe/Paris",
            "30 2,3 * * *",
            datetime(2026, 3, 28, 12, tzinfo=UTC),
            ["2026-03-29 01:30", "2026-03-30 00:30", "2026-03-30 01:30"],
        ),
    ],
)
async def test_the_next_posts_on_a_spring_forward_night_are_each_shown_once(
    sqlite_url: str, zone: str, cron: str, before: datetime, expected: list[str]
) -> None:
    """Two wall-clock times that fall on one instant are one post (claimed once): the
    answer's "Next posts" shows it once, and the three posts that will really come."""
    async with world(sqlite_url, setup=False) as w:
        w.clock.set(before)
        answer = await w.setup(cron=cron, timezone=zone)
        shown = next(f for f in answer.response.embeds[0].fields if f.name == "Next posts")
        stamps = [int(line.split("<t:")[1].split(":")[0]) for line in shown.value.splitlines()]
        assert [
            datetime.fromtimestamp(s, UTC).strftime("%Y-%m-%d %H:%M") for s in stamps
        ] == expected


@pytest.mark.parametrize(
    ("back_before_next", "posted"),
    [
        (timedelta(minutes=30), [MONDAY_SLOT]),  # the missed one waits: the next is on time
        (timedelta(hours=2), [MONDAY_SLOT - timedelta(weeks=1), MONDAY_SLOT]),  # posted late
    ],
    ids=["just-before", "hours-before"],
)
async def test_a_missed_slot_is_not_posted_just_before_the_next_one(
    sqlite_url: str, back_before_next: timedelta, posted: list[datetime]
) -> None:
    """Down over a week's slot and back shortly before the next one: the missed question is
    not posted minutes before the next (two questions at once); back hours before, it is
    (its discussions last 30 days: one opened late would still be open)."""
    async with world(sqlite_url, setup=False) as w:  # Monday 23 Nov 12:00 UTC
        await w.setup(cron="0 18 * * 1", duration_hours=720)
        w.clock.set(MONDAY_SLOT - back_before_next)
        await w.bot.scheduler.tick()
        w.clock.set(MONDAY_SLOT)
        await w.bot.scheduler.tick()
        await w.settle()
        assert sorted(d.slot_at for d in await w.rows(Discussion)) == posted


async def test_a_slot_missed_longer_than_a_discussion_lasts_is_skipped(sqlite_url: str) -> None:
    """Down over a week's slot (discussions last 72 h) and back days after: the discussion
    it would have opened would already be closed, so the question is not posted late (it
    stays in the bank); the slot is recorded as skipped, not failed, and the next one posts
    on time."""
    async with world(sqlite_url, setup=False) as w:  # Monday 23 Nov 12:00 UTC
        await w.setup(cron="0 18 * * 1")
        missed = MONDAY_SLOT - timedelta(weeks=1)
        w.clock.set(missed + timedelta(hours=72))  # its discussion's closing time: too late
        await w.bot.scheduler.tick()
        await w.settle()
        assert await w.rows(Discussion) == [] and w.forum.threads == []
        assert [(s.slot_at, s.status) for s in await w.rows(Slot)] == [(missed, "skipped")]
        shown = await w.mod.slash(w.text, "schedule show")
        state = next(f for f in shown.response.embeds[0].fields if f.name == "Status")
        assert state.value == "✅ Active", state.value
        w.clock.set(MONDAY_SLOT + timedelta(seconds=5))
        await w.bot.scheduler.tick()
        await w.settle()
        assert [d.slot_at for d in await w.rows(Discussion)] == [MONDAY_SLOT]
        assert [(s.slot_at, s.status) for s in await w.rows(Slot)] == [
            (missed, "skipped"),
            (MONDAY_SLOT, "posted"),
        ]
        assert not w.env.errors


def _next_posts(answer: Any) -> list[str]:
    """The dates of the "Next posts" an answer of ``/setup`` shows, as UTC days."""
    shown = next(f for f in answer.response.embeds[0].fields if f.name == "Next posts")
    stamps = [int(line.split("<t:")[1].split(":")[0]) for line in shown.value.splitlines()]
    return [datetime.fromtimestamp(s, UTC).strftime("%Y-%m-%d") for s in stamps]


@pytest.mark.parametrize("months", ["jan-dec/3", "JAN/3", "1-12/3"])
async def test_a_step_on_named_months_is_kept(sqlite_url: str, months: str) -> None:
    """« 0 18 1 jan-dec/3 * » is the first of January, April, July and October. APScheduler
    reads a month's name and drops what follows it: the server was posting every month
    (« jan/3 »: every January) while the answer showed the cron as typed."""
    async with world(sqlite_url, setup=False) as w:
        answer = await w.setup(cron=f"0 18 1 {months} *", duration_hours=24)
        assert _next_posts(answer) == ["2027-01-01", "2027-04-01", "2027-07-01"]
        for day in ("2027-01-01", "2027-02-01", "2027-03-01", "2027-04-01"):
            w.clock.set(datetime.fromisoformat(f"{day}T18:00+01:00"))  # 18:00 in Paris or past
            await w.bot.scheduler.tick()
            await w.settle()
        posted = [d.slot_at.date().isoformat() for d in await w.rows(Discussion)]
        assert posted == ["2027-01-01", "2027-04-01"]


@pytest.mark.parametrize(
    ("field", "cron"),
    [
        ("month", "0 18 1 jan! *"),
        ("month", "0 18 1 jan5 *"),
        ("month", "0 18 1 jan-dec. *"),
        ("day", "0 18 last5 * *"),
        ("day", "0 18 last/2 * *"),
    ],
)
async def test_what_follows_a_name_in_a_cron_field_is_not_dropped(
    sqlite_url: str, field: str, cron: str
) -> None:
    """A month's name or ``last`` followed by anything was read as the name alone (« jan5 »
    as January): a typing slip became a schedule nobody meant. It is refused, in French too."""
    async with world(sqlite_url, setup=False) as w:
        w.speaks(w.mod, "fr")
        refused = await w.setup(cron=cron)
        content = refused.response.content or ""
        assert refused.ephemeral and "n’est pas valide\u00a0: un champ" in content, content
        assert await w.rows(Guild) == []


async def test_a_date_that_never_comes_is_refused_without_holding_the_loop(
    sqlite_url: str,
) -> None:
    """Finding that « the 31st of February, April, June, September or November » never comes
    searched every year up to 9999: 1.1-1.4 s of the event loop, every other server's clicks
    waiting (the bot's bound is 100 ms; see test_import_stall)."""
    async with world(sqlite_url, setup=False) as w:
        for cron in ("0 18 31 2,4,6,9,11 *", "0 18 30 2 1", "0 18 30-31 2 *"):
            with loop_use() as use:
                refused = await w.setup(cron=cron)
                await w.settle()
            assert refused.ephemeral and "never comes" in refused.response.content, cron
            assert use.longest < MAX_STALL, (cron, use.longest, use.culprit)
        for cron in ("0 18 29 2 1", "0 18 last 2 *", "0 18 31 1-12/2 *"):  # rare, but they come
            assert (await w.setup(cron=cron)).response.embeds, cron


async def test_two_servers_on_the_same_schedule_each_post_in_their_own_channel(
    sqlite_url: str,
) -> None:
    """Two servers, one cron, one tick: each gets its own question in its own forum, from
    its own bank, and one slot each."""
    import discord

    async with world(sqlite_url) as w:
        other = w.env.create_guild("Autre serveur")
        forum = other.create_forum_channel("idées")
        staff = other.create_role("équipe", permissions=discord.Permissions(manage_guild=True))
        mod = other.add_member(w.env.create_user("modo2"), roles=[staff])
        assert (await mod.slash(forum, "setup", channel=forum)).response.embeds
        w.clock.set(MONDAY_SLOT + timedelta(seconds=5))
        await w.bot.scheduler.tick()
        await w.settle()
        posted = {d.guild_id: d for d in await w.rows(Discussion)}
        assert set(posted) == {w.guild.id, other.id}
        assert posted[w.guild.id].channel_id == w.forum.id
        assert posted[other.id].channel_id == forum.id
        assert len(w.forum.threads) == 1 and len(forum.threads) == 1
        assert posted[w.guild.id].question_id != posted[other.id].question_id
        assert sorted(s.guild_id for s in await w.rows(Slot)) == sorted([w.guild.id, other.id])


async def test_a_slot_that_finds_the_bank_empty_posts_nothing_and_the_next_one_posts(
    sqlite_url: str,
) -> None:
    """The bank used up at the slot: nothing is posted, nothing breaks, the schedule stays
    active (it is no Discord problem), and the slot is not owed later; once staff add a
    question, the next slot posts it."""
    async with world(sqlite_url) as w:
        from db.models import Question

        for question in await w.rows(Question):
            await w.mod.slash(w.forum, "question remove", id=question.id)
        w.clock.set(MONDAY_SLOT + timedelta(seconds=5))
        await w.bot.scheduler.tick()
        await w.settle()
        assert [(s.slot_at, s.status) for s in await w.rows(Slot)] == [(MONDAY_SLOT, "failed")]
        assert await w.rows(Discussion) == [] and w.forum.threads == []
        (guild,) = await w.rows(Guild)
        assert not guild.paused
        await w.mod.slash(w.forum, "question add", text="Faut-il un ciné-club ?")
        w.clock.advance(timedelta(minutes=5))
        await w.bot.scheduler.tick()
        await w.settle()
        assert await w.rows(Discussion) == []  # the week's slot is not posted late
        w.clock.set(MONDAY_SLOT + timedelta(weeks=1, seconds=5))
        await w.bot.scheduler.tick()
        await w.settle()
        (discussion,) = await w.rows(Discussion)
        assert discussion.question_text == "Faut-il un ciné-club\u202f?"
        assert not w.env.errors


async def test_two_slots_half_an_hour_apart_on_a_lord_howe_dst_night_post_once(
    sqlite_url: str,
) -> None:
    """Australia/Lord_Howe moves its clocks by 30 minutes: on its spring-forward night,
    01:30 and 02:30 are half an hour apart. The second slot is skipped (recorded as such):
    posts stay at least an hour apart, as the README says; the next day's post is on time."""
    async with world(sqlite_url, setup=False) as w:
        w.clock.set(datetime(2027, 9, 1, tzinfo=UTC))  # the DST night beyond /setup's check
        await w.setup(cron="30 1,2 * * *", timezone="Australia/Lord_Howe", duration_hours=12)
        first, second, next_day = next_slots(
            "30 1,2 * * *", "Australia/Lord_Howe", datetime(2027, 10, 2, 12, tzinfo=UTC), 3
        )
        assert second - first == timedelta(minutes=30)
        for at in (first, second, next_day):
            w.clock.set(at + timedelta(seconds=30))
            await w.bot.scheduler.tick()
            await w.settle()
        assert [d.slot_at for d in await w.rows(Discussion)] == [first, next_day]
        statuses = {s.slot_at: s.status for s in await w.rows(Slot)}
        assert (statuses[first], statuses[second], statuses[next_day]) == (
            "posted",
            "skipped",
            "posted",
        )
        assert not w.env.errors
