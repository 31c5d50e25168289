"""``/setup`` and ``/schedule`` as a moderator uses them, and the schedule over weeks."""

from __future__ import annotations

import itertools
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import discord
import pytest
import simcord
from sqlalchemy import select

from bot.cron import next_slots
from db.models import Discussion, Guild, Question, Slot
from tests.harness import world


async def test_setup_answers_next_three_times_and_defaults(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        result = await w.setup()
        assert result.ephemeral
        embed = result.response.embeds[0]
        next_field = next(f for f in embed.fields if f.name == "Next posts")
        assert next_field.value.count("<t:") == 6  # three times, absolute and relative
        (guild,) = await w.rows(Guild)
        assert (guild.cron, guild.timezone, guild.duration_hours, guild.language) == (
            "0 18 * * mon",
            "Europe/Paris",
            72,
            "fr",
        )


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"cron": "61 * * * *"}, "not valid"),
        ({"cron": "0 18 * *"}, "5 fields"),
        ({"timezone": "Mars/Olympus"}, "Unknown time zone"),
        ({"timezone": "localtime"}, "Unknown time zone"),  # the machine's zone, not a name
        ({"timezone": "right/UTC"}, "Unknown time zone"),  # a leap-second variant's file
        ({"duration_hours": 0}, "between 1 and 720"),
        ({"duration_hours": 721}, "between 1 and 720"),
    ],
)
async def test_bad_setup_input_is_answered_ephemerally(
    sqlite_url: str, options: dict[str, object], expected: str
) -> None:
    async with world(sqlite_url, setup=False) as w:
        result = await w.setup(**options)
        assert result.ephemeral and expected in result.response.content
        assert await w.rows(Guild) == []


@pytest.mark.parametrize(
    ("cron", "expected"),
    [
        ("0 18 * *", "it needs 5 fields"),
        ("61 * * * *", "minute 0–59"),
        ("0 18 * * funday", "weekday 0–7"),
        ("0 0 30 2 *", "never comes"),
    ],
)
async def test_a_bad_cron_is_told_what_is_wrong_with_it(
    sqlite_url: str, cron: str, expected: str
) -> None:
    """Five fields with a value out of range, or a date that never comes, are not told
    they lack fields: the moderator would look for a missing one."""
    async with world(sqlite_url, setup=False) as w:
        result = await w.setup(cron=cron)
        content = result.response.content
        assert result.ephemeral and expected in content, content
        if len(cron.split()) == 5:
            assert "5 fields" not in content, content
        assert await w.rows(Guild) == []


async def test_a_zone_typed_in_any_case_is_stored_as_iana_spells_it(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        result = await w.setup(timezone="australia/lord_howe", cron="0 18 * * */2")
        assert "Australia/Lord_Howe" in str(result.response.embeds[0].to_dict())
        (guild,) = await w.rows(Guild)
        assert guild.timezone == "Australia/Lord_Howe"
        slots = next_slots(guild.cron, guild.timezone, datetime(2026, 12, 6, tzinfo=UTC), 4)
        assert [s.strftime("%a") for s in slots] == ["Sun", "Tue", "Thu", "Sat"]  # 0,2,4,6


@pytest.mark.parametrize(
    ("typed", "warned"),
    [
        ("EST", True),
        ("Etc/GMT-1", True),
        ("UTC", True),
        ("Europe/Paris", False),
        ("EST5EDT", False),
    ],
)
async def test_a_zone_that_never_changes_for_summer_is_flagged_in_the_answer(
    sqlite_url: str, typed: str, warned: bool
) -> None:
    """``EST`` is New York's winter offset all year: a moderator who meant New York saw
    posts move by an hour in March and November, with no word of it. The answer says so
    and names a city's zone; a city's zone, or ``EST5EDT`` (which does change), is not
    flagged."""
    async with world(sqlite_url, setup=False) as w:
        answer = await w.setup(timezone=typed, language="fr")  # language given: no word of it
        said = answer.response.embeds[0].description
        if warned:
            assert said == (
                f"⚠️ The {typed} zone never changes for summer time: posts will move by an hour "
                "against local clocks twice a year. Prefer a city's zone, e.g. Europe/Paris or "
                "America/New_York."
            )
        else:
            assert not said
        w.speaks(w.mod, "fr")
        again = await w.setup(timezone=typed)
        assert bool(again.response.embeds[0].description) == warned


async def test_a_city_typed_as_people_write_it_finds_its_zone(sqlite_url: str) -> None:
    """IANA writes « America/New_York », « America/Sao_Paulo »: « new york » or « são paulo »
    typed in the option suggested nothing, and « America/New York » was an unknown zone."""
    async with world(sqlite_url, setup=False) as w:
        offered = await w.mod.autocomplete(w.forum, "setup", "timezone", "new york")
        assert [c["value"] for c in offered] == ["America/New_York"]
        offered = await w.mod.autocomplete(w.forum, "setup", "timezone", "São Paulo")
        assert [c["value"] for c in offered] == ["America/Sao_Paulo"]
        result = await w.setup(timezone="America/New York")
        assert "America/New_York" in str(result.response.embeds[0].to_dict())
        (guild,) = await w.rows(Guild)
        assert guild.timezone == "America/New_York"
        refused = await w.setup(timezone="東京")
        assert refused.response.content.startswith("Unknown time zone")


async def test_an_offset_typed_finds_the_zones_at_that_offset_each_named_with_it(
    sqlite_url: str,
) -> None:
    """« GMT+1 », as a moderator in Paris says it in winter, offered only « Etc/GMT+1 »:
    POSIX signs it the other way round, an hour *behind* UTC, and each post came two hours
    late. Every zone offered is named with its offset now, and an offset typed offers the
    zones at that offset (Paris in winter, London in summer)."""
    async with world(sqlite_url, setup=False) as w:  # 23 November: Paris is UTC+1
        offered = await w.mod.autocomplete(w.forum, "setup", "timezone", "GMT+1")
        assert offered[0] == {"name": "Europe/Paris (UTC+01:00)", "value": "Europe/Paris"}
        assert all(c["name"] == f"{c['value']} (UTC+01:00)" for c in offered), offered
        assert "Etc/GMT+1" not in [c["value"] for c in offered]
        offered = await w.mod.autocomplete(w.forum, "setup", "timezone", "etc/gmt+1")
        assert offered[0] == {"name": "Etc/GMT+1 (UTC\u221201:00)", "value": "Etc/GMT+1"}
        offered = await w.mod.autocomplete(w.forum, "setup", "timezone", "UTC−5")
        assert {"America/New_York", "America/Montreal"} <= {c["value"] for c in offered}
        w.clock.set(datetime(2027, 6, 1, tzinfo=UTC))
        summer = await w.mod.autocomplete(w.forum, "setup", "timezone", "utc+01:00")
        assert "Europe/London (UTC+01:00)" in [c["name"] for c in summer]
        assert "Europe/Paris" not in [c["value"] for c in summer]  # UTC+2 in June


async def test_setup_refuses_a_channel_the_bot_cannot_post_in(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        me = w.bot.get_guild(w.guild.id).me
        locked = w.guild.create_text_channel(
            "annonces", overwrites={me: discord.PermissionOverwrite(send_messages=False)}
        )
        result = await w.setup(locked)
        assert (
            result.ephemeral
            and "Missing permissions: Send Messages, Embed Links" in result.response.content
        )
        assert await w.rows(Guild) == []


def _require_tags(w: Any, forum: Any, tags: list[str]) -> None:
    """Staff turn on "Require people to select tags when posting" (Discord's channel flag
    REQUIRE_TAG, 1 << 4, sent in CHANNEL_UPDATE; SimCord's channels carry no flags)."""
    from simcord.backend import serializers

    channel = w.env.backend.channels[forum.id]
    channel.available_tags = [
        {
            "id": str(w.env.backend.snowflake()),
            "name": name,
            "moderated": False,
            "emoji_id": None,
            "emoji_name": None,
        }
        for name in tags
    ]
    payload = dict(serializers.channel_payload(w.env.backend, channel))
    w.env.backend.emit("CHANNEL_UPDATE", {**payload, "flags": 1 << 4})


async def test_setup_refuses_a_forum_that_requires_a_tag_the_bot_cannot_give(
    sqlite_url: str,
) -> None:
    """A forum requiring a tag on every post, with no « Et vous ? » tag and no Manage
    Channels for the bot to create it: /setup answered « C'est configuré », and the first
    post, days later, failed and paused the schedule. Refused at once, saying what to do."""
    async with world(sqlite_url, setup=False) as w:
        w.speaks(w.mod, "fr")
        from simcord.backend.models.channel import Overwrite
        from simcord.enums import OverwriteType

        forum = w.guild.create_forum_channel("débats")
        deny = discord.Permissions(manage_channels=True)
        w.env.backend.set_overwrite(
            forum.id,
            Overwrite(
                target_id=w.env.backend.bot_user.id, type=OverwriteType.MEMBER, deny=deny.value
            ),
        )
        _require_tags(w, forum, ["Cinéma", "Société"])
        await w.settle()
        refused = await w.setup(forum)
        assert refused.ephemeral
        assert refused.response.content.startswith(
            "Ce forum exige une étiquette sur chaque publication"
        ), refused.response.content
        assert await w.rows(Guild) == []

        _require_tags(
            w, forum, ["Cinéma", "Et vous\u202f?"]
        )  # staff created it, as French writes it
        await w.settle()
        done = await w.setup(forum)
        assert done.response.embeds, done.response.content
        (guild,) = await w.rows(Guild)
        assert guild.channel_id == forum.id
        thread, _ = await w.post(forum)
        assert [t["name"] for t in w.env.backend.channels[forum.id].available_tags] == [
            "Cinéma",
            "Et vous\u202f?",
        ]
        assert len(w.env.backend.channels[thread.id].applied_tags) == 1


async def test_a_forum_made_to_require_a_tag_after_setup_is_flagged_before_the_post_fails(
    sqlite_url: str,
) -> None:
    """Staff turn on « require a tag » in the forum after /setup, with no « Et vous ? » tag
    and no Manage Channels for the bot: /schedule show said « ✅ Actif » until the next post
    failed and paused the schedule, and /schedule resume then resumed it, to fail again."""
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        from simcord.backend.models.channel import Overwrite
        from simcord.enums import OverwriteType

        deny = discord.Permissions(manage_channels=True)
        w.env.backend.set_overwrite(
            w.forum.id,
            Overwrite(
                target_id=w.env.backend.bot_user.id, type=OverwriteType.MEMBER, deny=deny.value
            ),
        )
        _require_tags(w, w.forum, ["Cinéma"])
        await w.settle()
        shown = await w.mod.slash(w.text, "schedule show")
        state = next(f.value for f in shown.response.embeds[0].fields if f.name == "État")
        assert state.startswith("✅ Actif\n⚠️ Ce forum exige désormais une étiquette"), state
        await w.mod.slash(w.text, "schedule pause")
        refused = await w.mod.slash(w.text, "schedule resume")
        assert refused.ephemeral and refused.response.content.startswith(
            "Ce forum exige une étiquette sur chaque publication"
        ), refused.response.content
        assert (await w.rows(Guild))[0].paused


@pytest.mark.parametrize(
    ("options", "stored"),
    [
        ({"timezone": " Europe/London "}, ("0 18 * * mon", "Europe/London")),
        ({"timezone": "Europe/London\u200b"}, ("0 18 * * mon", "Europe/London")),
        ({"cron": "\u200b0 9 * * 1\u200b"}, ("0 9 * * 1", "Europe/Paris")),
    ],
    ids=["spaces", "zero-width-zone", "zero-width-cron"],
)
async def test_setup_reads_a_value_pasted_with_spaces_or_invisible_characters(
    sqlite_url: str, options: dict[str, str], stored: tuple[str, str]
) -> None:
    """A pasted value with a space or a zero-width character around it was refused with
    a message showing the value cleaned: 'Unknown time zone: "Europe/London"'."""
    async with world(sqlite_url, setup=False) as w:
        result = await w.setup(**options)
        assert result.response.embeds, result.response.content
        (guild,) = await w.rows(Guild)
        assert (guild.cron, guild.timezone) == stored


async def test_setup_in_french_for_a_french_client(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        result = await w.mod.slash(w.forum, "setup", channel=w.forum, cron="bad")
        assert result.ephemeral
        assert "cron" in result.response.content


async def test_plain_members_cannot_run_staff_commands(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        alice = w.members[0]
        for command in ("setup", "schedule pause", "question list", "answers list"):
            with pytest.raises(simcord.SetupError):
                await alice.slash(w.forum, command)


async def test_schedule_pause_resume_and_show(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        paused = await w.mod.slash(w.forum, "schedule pause")
        state = next(f for f in paused.response.embeds[0].fields if f.name == "Status")
        assert "Paused" in state.value
        w.clock.advance(timedelta(days=8))
        await w.bot.scheduler.tick()
        assert await w.rows(Discussion) == []
        resumed = await w.mod.slash(w.forum, "schedule resume")
        assert (
            "Active"
            in next(f for f in resumed.response.embeds[0].fields if f.name == "Status").value
        )
        shown = await w.mod.slash(w.forum, "schedule show")
        assert shown.ephemeral and shown.response.embeds


async def test_resume_does_not_claim_a_schedule_whose_channel_was_deleted(
    sqlite_url: str,
) -> None:
    """The forum deleted, /schedule resume answered « Publications reprises ✅ Actif » with
    the next three post times, each of which would fail and pause again: it says the
    channel is gone and how to name another, and the pause stays."""
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        w.env.backend.delete_channel(w.forum.id)
        await w.settle()
        refused = await w.mod.slash(w.text, "schedule resume")
        assert refused.ephemeral
        assert refused.response.content.startswith("Le salon des discussions n’existe plus")
        (guild,) = await w.rows(Guild)
        assert guild.paused and guild.pause_reason == "channel_missing"
        other = w.guild.create_forum_channel("débats-2")
        await w.setup(other)
        (guild,) = await w.rows(Guild)
        assert not guild.paused and guild.channel_id == other.id


async def _slots_over(w, span: timedelta, step: timedelta) -> list[datetime]:
    end = w.clock.now() + span
    while w.clock.now() < end:
        w.clock.advance(step)
        await w.bot.scheduler.tick()
    await w.settle()
    return sorted(s.slot_at for s in await w.rows(Slot))


@pytest.mark.parametrize(
    ("zone", "start", "cron", "local", "dst_night"),
    [
        ("Europe/Paris", datetime(2026, 3, 23, tzinfo=UTC), "30 2 * * *", "02:30", "2026-03-29"),
        ("Europe/Paris", datetime(2026, 10, 19, tzinfo=UTC), "30 1 * * *", "01:30", "2026-10-25"),
        # Paris's repeated hour is 02:00-02:59 (03:00 summer time becomes 02:00 winter time)
        ("Europe/Paris", datetime(2026, 10, 19, tzinfo=UTC), "30 2 * * *", "02:30", "2026-10-25"),
        ("America/New_York", datetime(2026, 3, 2, tzinfo=UTC), "30 2 * * *", "02:30", "2026-03-08"),
        (
            "America/New_York",
            datetime(2026, 10, 26, tzinfo=UTC),
            "30 1 * * *",
            "01:30",
            "2026-11-01",
        ),
    ],
)
async def test_daily_slot_across_dst_posts_exactly_once_a_day(
    sqlite_url: str, zone: str, start: datetime, cron: str, local: str, dst_night: str
) -> None:
    from zoneinfo import ZoneInfo

    async with world(sqlite_url, setup=False) as w:
        w.clock.set(start)
        await w.setup(cron=cron, timezone=zone, duration_hours=1)
        # Ticks every half hour land on each slot's minute and on both 01:30s of the
        # fall-back night; eleven days cover the change and the bank running dry.
        slots = await _slots_over(w, timedelta(days=11), timedelta(minutes=30))
        days = [s.astimezone(ZoneInfo(zone)).date() for s in slots]
        assert len(days) >= 10
        assert all((b - a).days == 1 for a, b in itertools.pairwise(days))
        assert days.count(datetime.fromisoformat(dst_night).date()) == 1
        wall = {s.astimezone(ZoneInfo(zone)).strftime("%H:%M") for s in slots}
        assert wall <= {local, "03:30"}  # the spring-forward night posts at 03:30
        discussions = await w.rows(Discussion)
        assert len(discussions) == 9  # the bank has 9 questions; later slots find it empty
        assert len({d.slot_at for d in discussions}) == 9


async def test_month_of_weekly_slots_and_downtime_collapses_missed_slots(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        await w.setup(cron="0 18 * * 1", duration_hours=24)
        slots = await _slots_over(w, timedelta(weeks=4), timedelta(hours=1))
        assert len(slots) == 4
        assert all(s.astimezone().weekday() == 0 for s in slots)
        # Three weeks without a tick (bot down), back two hours after the third missed slot
        # (its discussion would still be open): one post at start, not three.
        w.clock.set(slots[-1] + timedelta(weeks=3, hours=2))
        await w.bot.scheduler.tick()
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(await w.rows(Slot)) == 5
        discussions = await w.rows(Discussion)
        assert len(discussions) == 5
        assert sum(d.closed_at is None for d in discussions) == 1


async def test_double_fire_and_restart_never_post_a_slot_twice(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        await w.setup(cron="0 18 * * 1")
        w.clock.set(datetime(2026, 11, 30, 17, 0, 30, tzinfo=UTC))
        await w.bot.scheduler.tick()
        await w.bot.scheduler.tick()
        await w.env.restart_bot(w.new_bot())
        w.bot = w.env.bot
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(await w.rows(Discussion)) == 1
        assert [s.status for s in await w.rows(Slot)] == ["posted"]


async def test_every_change_of_the_schedule_asks_the_scheduler_to_rebuild(sqlite_url: str) -> None:
    """The services ask the scheduler to set its timers again, whichever adapter called
    them (no cog does): after /setup, a pause, a resume, a post, a close and a reopen."""
    async with world(sqlite_url, setup=False) as w:
        rebuild = w.bot.app.on_schedule_change
        assert rebuild is not None, "the scheduler listens to the app"
        rebuilds: list[str] = []
        step = "setup"

        async def counted() -> None:
            rebuilds.append(step)
            assert rebuild is not None
            await rebuild()

        w.bot.app.on_schedule_change = counted
        await w.setup()
        for step in ("schedule pause", "schedule resume"):
            await w.mod.slash(w.forum, step)
        step = "question post"
        _, discussion = await w.post()
        for step in ("discussion close", "discussion reopen"):
            result = await w.mod.slash(w.forum, step, discussion=discussion.id)
            assert result.response is not None
        await w.settle()
        assert sorted(set(rebuilds)) == sorted(
            [
                "setup",
                "schedule pause",
                "schedule resume",
                "question post",
                "discussion close",
                "discussion reopen",
            ]
        )


async def test_setup_options_alone_validated_and_shown(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        first = await w.mod.slash(w.text, "setup", reminder_hours=24)
        assert first.ephemeral and "Choose the discussion channel first" in first.response.content
        await w.setup()
        role = w.guild.create_role("débatteurs")
        staff = w.guild.create_text_channel("moderation")
        for options, expected in (
            ({"reminder_hours": 721}, "between 0 (off) and 720 hours"),
            ({"reminder_role": w.guild.default_role}, "does not mention @everyone"),
            ({"question_role": w.guild.default_role}, "does not mention @everyone"),
            ({"categories": " , "}, "categories separated by commas"),
        ):
            refused = await w.mod.slash(w.text, "setup", **options)
            assert refused.ephemeral and expected in refused.response.content, options
        done = await w.mod.slash(
            w.text,
            "setup",
            review_channel=staff,
            reminder_hours=24,
            reminder_role=role,
            leaderboard=True,
            hide_counts=True,
            credit_suggesters=False,
        )
        fields = {f.name: f.value for f in done.response.embeds[0].fields}
        assert fields["Suggestions"] == f"<#{staff.id}>\nSuggester named on the post: off"
        assert fields["Reminder"] == f"24 hours before closing · mentions <@&{role.id}>"
        assert fields["Counts on the post"] == "hidden until the close"
        assert fields["Monthly leaderboard"] == "on"
        assert fields["Channel"] == f"<#{w.forum.id}>"  # the schedule itself is unchanged
        cleared = await w.mod.slash(w.text, "setup", clear="review_channel", reminder_hours=0)
        fields = {f.name: f.value for f in cleared.response.embeds[0].fields}
        assert fields["Suggestions"].startswith("no review channel")
        # the role stays chosen for when a reminder is set again
        assert fields["Reminder"] == (
            f"off · <@&{role.id}> will be mentioned once reminder_hours is set"
        )


@pytest.mark.parametrize(
    "change", [{"cron": "0 15 * * *"}, {"timezone": "Asia/Dubai"}], ids=["cron", "zone"]
)
async def test_a_new_schedule_starts_now_and_does_not_post_a_slot_it_never_had(
    sqlite_url: str, change: dict[str, str]
) -> None:
    async with world(sqlite_url) as w:  # set up Monday 23 Nov 12:00 UTC: Mondays 18:00 Paris
        w.clock.set(datetime(2026, 11, 23, 16, 0, tzinfo=UTC))
        await w.bot.scheduler.tick()
        assert await w.rows(Discussion) == []  # 17:00 UTC has not come yet
        await w.mod.slash(w.forum, "setup", **change)  # the option alone
        await w.bot.scheduler.tick()
        await w.settle()
        # 15:00 Paris (14:00 UTC) today, or Monday 18:00 in Dubai (14:00 UTC), had
        # passed before the new schedule existed: nothing to post until its next slot.
        assert await w.rows(Discussion) == [] and await w.rows(Slot) == []
        w.clock.set(datetime(2026, 11, 24, 14, 1, tzinfo=UTC))  # the daily cron's next slot
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(await w.rows(Discussion)) == (1 if "cron" in change else 0)


async def test_one_server_with_an_unusable_schedule_does_not_stop_the_others(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A zone the machine no longer knows (a slim image without it, a row from
    elsewhere) breaks that server's slots only: the others post and close on time."""
    from db.repositories import guilds

    async with world(sqlite_url) as w:
        async with w.app.sessions.begin() as session:
            now = w.clock.now()
            await guilds.ensure_guild(session, 1, now=now, timezone="Mars/Olympus", language="fr")
            await guilds.update_guild(
                session, 1, now, channel_id=2, channel_kind="forum", schedule_since=now
            )
        await w.app.schedule_changed()
        w.clock.set(datetime(2026, 11, 23, 17, 1, tzinfo=UTC))  # Monday 18:01 in Paris
        await w.bot.scheduler.tick()
        await w.settle()
        [posted] = await w.rows(Discussion)
        assert posted.guild_id == w.guild.id
        assert "Mars/Olympus" in caplog.text


@pytest.mark.parametrize("status", [403, 500])
async def test_a_post_in_a_text_channel_whose_thread_fails_leaves_no_orphan_message(
    sqlite_url: str, status: int
) -> None:
    """In a text channel the post is a message, then its thread: if Discord refuses the
    thread (Create Public Threads taken away, or a 5xx), the message and its buttons,
    bound to a discussion that no longer exists, must not stay in the channel."""
    async with world(sqlite_url, setup=False) as w:
        await w.setup(w.text, cron="0 18 * * 1")
        w.clock.set(datetime(2026, 11, 30, 17, 0, 30, tzinfo=UTC))  # Monday 18:00 Paris
        w.env.inject_error("POST", "/channels/*/messages/*/threads", status=status, times=None)
        await w.bot.scheduler.tick()
        await w.settle()
        assert await w.rows(Discussion) == []
        assert [m for m in w.text.history() if m.author.bot] == []


async def test_schedule_show_says_a_stored_zone_is_unusable_and_how_to_fix_it(
    sqlite_url: str,
) -> None:
    # a zone name a later tzdata dropped: stored by an earlier version, unreadable now
    async with world(sqlite_url) as w:
        async with w.bot.app.sessions.begin() as session:
            (guild,) = (await session.scalars(select(Guild))).all()
            guild.timezone = "Europe/Atlantis"
        for command in ("schedule show", "schedule pause", "schedule resume"):
            shown = await w.mod.slash(w.forum, command)
            assert shown.ephemeral and shown.response.embeds, command
            text = str(shown.response.embeds[0].to_dict())
            assert "Europe/Atlantis" in text and "not usable" in text and "/setup" in text
        assert not w.env.errors


async def test_members_figures_and_the_preview_still_answer_with_an_unusable_stored_zone(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """They answered 'something went wrong': the figures are given in UTC, the preview
    says to post by hand (nothing is posted on schedule until /setup timezone:)."""
    async with world(sqlite_url) as w:
        await w.setup(leaderboard=True)
        thread, _ = await w.post()
        alice = w.members[0]
        await alice.send(thread, "Une réponse.")
        await w.settle()
        async with w.bot.app.sessions.begin() as session:
            (guild,) = (await session.scalars(select(Guild))).all()
            guild.timezone = "Europe/Atlantis"
        with caplog.at_level(logging.ERROR):
            figures = await alice.slash(w.text, "stats")
            board = await alice.slash(w.text, "leaderboard view")
            preview = await w.mod.slash(w.text, "question preview")
        fields = {f.name: f.value for f in figures.response.embeds[0].fields}
        assert "Busiest hours (UTC)" in fields
        assert board.response.content == "Here is the leaderboard:"
        assert board.response.embeds[0].title.endswith("November 2026")
        assert preview.response.content.endswith("Post it with /question post.")
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("options", [{"reminder_hours": 72}, {"reminder_hours": 100}])
async def test_setup_refuses_a_reminder_that_would_never_be_sent(
    sqlite_url: str, options: dict[str, object]
) -> None:
    async with world(sqlite_url) as w:  # discussions last 72 h
        result = await w.setup(**options)
        assert result.ephemeral and "would never be sent" in result.response.content
        (guild,) = await w.rows(Guild)
        assert guild.reminder_hours is None


async def test_setup_refuses_a_duration_shorter_than_the_reminder(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        await w.setup(reminder_hours=24)
        result = await w.setup(duration_hours=12)
        assert result.ephemeral and "would never be sent" in result.response.content
        # she typed a duration, not a reminder: the answer names the option to change
        assert result.response.content.endswith(
            "Choose a reminder of fewer than 12 hours (/setup reminder_hours:), or 0 to turn"
            " it off."
        )
        w.speaks(w.mod, "fr")
        french = await w.setup(duration_hours=12)
        assert "moins de 12\u00a0heures (/configurer rappel_heures:)" in french.response.content
        w.speaks(w.mod, "en-US")
        (guild,) = await w.rows(Guild)
        assert (guild.duration_hours, guild.reminder_hours) == (72, 24)
        assert (await w.setup(duration_hours=12, reminder_hours=6)).response.embeds


@pytest.mark.parametrize("cron", ["* * * * *", "*/30 * * * *", "0,30 18 * * mon", "0,59 9 1 * *"])
async def test_setup_refuses_slots_closer_than_an_hour(sqlite_url: str, cron: str) -> None:
    async with world(sqlite_url) as w:
        (before,) = await w.rows(Guild)
        result = await w.setup(cron=cron, duration_hours=720)
        assert result.ephemeral and "at least 1 hour apart" in result.response.content
        (guild,) = await w.rows(Guild)
        assert (guild.cron, guild.duration_hours) == (before.cron, before.duration_hours)


@pytest.mark.parametrize(
    ("cron", "timezone"),
    [
        ("0 * * * *", "Europe/Paris"),
        ("0 18 1 * *", "UTC"),
        # on the spring-forward night 02:30 and 03:30 are one instant: one slot, not two
        ("30 2,3 * * *", "Europe/Paris"),
    ],
)
async def test_slots_an_hour_apart_or_more_are_allowed(
    sqlite_url: str, cron: str, timezone: str
) -> None:
    async with world(sqlite_url) as w:
        w.clock.set(datetime(2026, 3, 28, 12, tzinfo=UTC))
        result = await w.setup(cron=cron, timezone=timezone, duration_hours=1)
        assert result.response.embeds, result.response.content
        (guild,) = await w.rows(Guild)
        assert guild.cron == cron


async def test_the_schedule_says_when_the_next_slots_have_nothing_to_post(sqlite_url: str) -> None:
    """A bank used up is how a question of the day most often stops: /schedule show said
    'Active' and listed the next posts, and each slot then posted nothing."""

    def state(result: Any) -> str:
        return next(f.value for f in result.response.embeds[0].fields if f.name == "Status")

    async with world(sqlite_url) as w:
        assert "left" not in state(await w.mod.slash(w.forum, "schedule show"))
        for question in await w.rows(Question):
            await w.mod.slash(w.forum, "question remove", id=question.id)
        empty = state(await w.mod.slash(w.forum, "schedule show"))
        assert "Active" in empty and "No question left to post" in empty, empty
        await w.mod.slash(w.forum, "question add", text="Faut-il un ciné-club ?", category="cinéma")
        await w.mod.slash(w.forum, "question add", text="Faut-il des quotas ?", category="société")
        assert "left" not in state(await w.setup(categories="cinéma"))
        await w.post()
        used_up = state(await w.mod.slash(w.forum, "schedule show"))
        assert "No question left in the categories posted (cinéma)" in used_up, used_up


async def test_the_schedule_shows_the_language_of_the_posts(sqlite_url: str) -> None:
    """A moderator whose Discord speaks English reads /setup in English: without this line
    she learnt the posts would be in French (the server's default) from the first post."""

    def language(result: Any) -> str:
        fields = {f.name: f.value for f in result.response.embeds[0].fields}
        return fields["Language of the posts"]

    async with world(sqlite_url, setup=False) as w:
        assert language(await w.setup()) == "Français"
        assert language(await w.setup(language="en")) == "English"
        assert language(await w.mod.slash(w.forum, "schedule show")) == "English"


async def test_a_reminder_role_the_bot_cannot_notify_is_refused(sqlite_url: str) -> None:
    """Discord posts a mention of a role that is not mentionable, from a bot without the
    "Mention All Roles" permission, and notifies nobody: /setup says so and keeps none."""
    async with world(sqlite_url) as w:
        backend = w.env.backend
        (bot_role,) = [r for r in backend.get_guild(w.guild.id).roles.values() if r.managed]
        without = discord.Permissions(bot_role.permissions)
        without.mention_everyone = False
        backend.edit_role(w.guild.id, bot_role.id, {"permissions": without.value})
        await w.settle()
        quiet = w.guild.create_role("débatteurs")
        refused = await w.mod.slash(w.text, "setup", reminder_hours=24, reminder_role=quiet)
        assert refused.ephemeral and "cannot notify" in refused.response.content
        assert "Mention @everyone, @here and All Roles" in refused.response.content
        (guild,) = await w.rows(Guild)
        assert guild.reminder_role_id is None and not guild.reminder_hours
        loud = w.guild.create_role("annonces", mentionable=True)
        done = await w.mod.slash(w.text, "setup", reminder_hours=24, reminder_role=loud)
        fields = {f.name: f.value for f in done.response.embeds[0].fields}
        assert fields["Reminder"] == f"24 hours before closing · mentions <@&{loud.id}>"
        assert not w.env.errors


async def test_a_reminder_role_chosen_before_the_reminder_is_shown_as_kept(
    sqlite_url: str,
) -> None:
    """/setup reminder_role alone stored the role and answered only « Reminder: off », as if
    the choice had been lost; it says the role waits for reminder_hours."""
    async with world(sqlite_url) as w:
        loud = w.guild.create_role("annonces", mentionable=True)
        done = await w.mod.slash(w.text, "setup", reminder_role=loud)
        fields = {f.name: f.value for f in done.response.embeds[0].fields}
        assert fields["Reminder"] == (
            f"off · <@&{loud.id}> will be mentioned once reminder_hours is set"
        )
        (guild,) = await w.rows(Guild)
        assert guild.reminder_role_id == loud.id and not guild.reminder_hours
        w.speaks(w.mod, "fr")
        shown = await w.mod.slash(w.forum, "schedule show")
        fields = {f.name: f.value for f in shown.response.embeds[0].fields}
        assert fields["Rappel"] == (
            f"désactivé · <@&{loud.id}> sera mentionné une fois rappel_heures choisi"
        )


async def test_the_channel_pickers_offer_only_channels_setup_takes(sqlite_url: str) -> None:
    """Discord's picker under ``channel:`` listed voice and stage channels and categories
    (and forums under ``review_channel:``), each refused only after she picked it: it
    offers forums and text channels (announcements among them) for the discussions, text
    channels and threads for the review, as Discord offers a command's channel types."""
    from simcord.backend.errors import OptionError

    async with world(sqlite_url, members=0, setup=False) as w:
        wrong = [
            w.guild.create_voice_channel("vocal"),
            w.guild.create_stage_channel("scène"),
            w.guild.create_category("Salons"),
        ]
        for channel in wrong:
            with pytest.raises(OptionError, match="channel types"):
                await w.mod.slash(w.text, "setup", channel=channel)
        for channel in [*wrong, w.forum]:
            with pytest.raises(OptionError, match="channel types"):
                await w.mod.slash(w.text, "setup", channel=w.forum, review_channel=channel)
        news = w.guild.create_news_channel("annonces")
        done = await w.mod.slash(w.text, "setup", channel=news, review_channel=w.text)
        assert done.response.embeds, done.response.content
        thread = await w.bot.get_channel(w.text.id).create_thread(
            name="staff", type=discord.ChannelType.public_thread
        )
        staff = simcord.ChannelHandle(w.env, w.guild, w.env.backend.channels[thread.id])
        done = await w.mod.slash(w.text, "setup", review_channel=staff)
        assert done.response.embeds, done.response.content
        assert not w.env.errors


async def test_an_offset_typed_for_a_zone_is_told_how_to_pick_a_place(sqlite_url: str) -> None:
    """« UTC+2 » typed without the list was « Unknown time zone »: the answer now says it is
    an offset, how the list finds her place's zone, and the zone that keeps the offset."""
    async with world(sqlite_url) as w:
        before = (await w.rows(Guild))[0].timezone
        utc2 = await w.setup(timezone="UTC+2")
        assert utc2.ephemeral and utc2.response.content == (
            '"UTC+2" is an offset from UTC, not a time zone: most places change theirs for'
            " summer time. Choose your place's zone in the timezone option's list (type your"
            " city, or UTC+2 to see the zones at that offset today), e.g. Europe/Paris. To keep"
            " UTC+2 all year, choose Etc/GMT-2."
        ), utc2.response.content
        india = await w.setup(timezone="GMT+05:30")  # no zone keeps a half hour all year
        assert india.response.content.endswith("e.g. Europe/Paris."), india.response.content
        w.speaks(w.mod, "fr")
        french = await w.setup(timezone="gmt-5")
        assert french.response.content.startswith(
            "«\u202fgmt-5\u202f» est un décalage par rapport à UTC, pas un fuseau horaire\u00a0:"
        ) and french.response.content.endswith("choisissez Etc/GMT+5."), french.response.content
        assert (await w.rows(Guild))[0].timezone == before
        assert not w.env.errors
