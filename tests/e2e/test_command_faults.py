"""Faults in the middle of a command: the database failing between two writes,
Discord refusing what the bot posts for a member. Each answer is clear and
localized, and nothing is left half done."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import discord
import pytest
from sqlalchemy.exc import DataError, OperationalError

from bot import custom_ids
from db.models import Discussion, Guild, Question, Reply, Slot, Suggestion
from db.repositories import discussions as discussion_repo
from db.repositories import questions as question_repo
from db.repositories import suggestions as suggestion_repo
from tests.harness import world


def _database_gone(*args: Any, **kwargs: Any) -> Any:
    raise OperationalError("UPDATE discussions", {}, Exception("connection lost"))


def _question_posts(w: Any, channel: Any) -> list[Any]:
    """What members would see of a question post in ``channel``: threads, and
    messages with the post's buttons."""
    threads = [
        c for c in w.env.backend.channels.values() if getattr(c, "parent_id", None) == channel.id
    ]
    posts = [
        m
        for m in w.env.backend.messages.get(channel.id, {}).values()
        if "etvous:stance:" in str(m.components)
    ]
    return threads + posts


@pytest.mark.parametrize("kind", ["forum", "text"])
async def test_a_post_the_database_could_not_record_is_withdrawn(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    async with world(sqlite_url, setup=False) as w:
        channel = w.forum if kind == "forum" else w.text
        await w.setup(channel=channel)
        first = min(await w.rows(Question), key=lambda q: q.position)
        monkeypatch.setattr(discussion_repo, "set_posted", _database_gone)
        failed = await w.mod.slash(channel, "question post")
        assert failed.ephemeral
        assert failed.response.content.startswith("The database is not answering right now")
        monkeypatch.undo()
        assert _question_posts(w, channel) == []
        assert await w.rows(Discussion) == []
        assert (await w.rows(Question, Question.id == first.id))[0].status == "ready"

        again = await w.mod.slash(channel, "question post")
        assert again.response.content.startswith("Discussion #")
        (discussion,) = await w.rows(Discussion)
        assert discussion.question_id == first.id and discussion.thread_id is not None


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (403, "The bot is not allowed to post in this discussion's thread"),
        (404, "This discussion is closed"),
        (503, "Discord is not answering right now; nothing was posted."),
    ],
)
async def test_a_form_reply_discord_refuses_is_answered_plainly(
    sqlite_url: str, caplog: pytest.LogCaptureFixture, status: int, expected: str
) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice = w.members[0]
        shown = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        w.env.inject_error("POST", f"/channels/{thread.id}/messages", status=status, times=None)
        with caplog.at_level(logging.ERROR):
            sent = await alice.submit_modal(shown, {custom_ids.REPLY_FORM_TEXT: "Ma réponse."})
        assert sent.ephemeral and sent.response.content.startswith(expected)
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert await w.rows(Reply) == []


async def test_clicks_not_drawn_when_the_bot_stopped_are_drawn_at_its_start(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        _, discussion = await w.post()
        alice, bruno = w.members[:2]
        await alice.click(w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 1))
        # Within the refresher's interval: stored, drawn at its next turn.
        await bruno.click(w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 0))
        await w.settle()
        await w.restart()
        counts = w.post_message(discussion).embeds[0].fields[0].value
        assert counts == "**Oui** — 1\n**Non** — 1\n**Nuancé** — 0"


async def test_a_review_card_the_database_could_not_record_is_withdrawn(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Else the card could not be updated from the list, nor removed when the member
    erases her data, and the member, told to try again, was told it was a duplicate."""
    async with world(sqlite_url) as w:
        staff = w.guild.create_text_channel("moderation")
        await w.setup(review_channel=staff)
        monkeypatch.setattr(suggestion_repo, "set_review_message", _database_gone)
        sent = await w.members[0].slash(w.text, "suggest", text="Faut-il sous-titrer les films ?")
        monkeypatch.undo()
        assert sent.ephemeral and "Your suggestion #1 is with the moderation team" in (
            sent.response.content
        )
        assert staff.history() == []
        (waiting,) = await w.rows(Suggestion)
        assert waiting.status == "pending"
        listed = await w.mod.slash(w.text, "question suggestions")
        # stored with French spacing, and listed with it (one-line echoes keep it)
        assert "Faut-il sous-titrer les films\u202f?" in listed.response.embeds[0].description


async def test_a_form_reply_to_a_thread_the_bot_cannot_see_is_answered_plainly(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice = w.members[0]
        shown = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        guild = w.bot.get_guild(w.guild.id)
        guild._remove_thread(guild.get_thread(thread.id))  # archived: out of the bot's cache
        w.env.inject_error("GET", f"/channels/{thread.id}", status=403, times=None)
        with caplog.at_level(logging.ERROR):
            sent = await alice.submit_modal(shown, {custom_ids.REPLY_FORM_TEXT: "Ma réponse."})
        assert sent.response.content.startswith("The bot is not allowed to post in this")
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_database_blip_while_posting_one_server_loses_no_slot_of_any(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It stopped the whole tick (other servers' posts, closings, reminders) and left
    the slot claimed for good: that week's question was never posted."""
    monday = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # 18:00 in Paris
    async with world(sqlite_url, setup=False) as w:
        await w.setup(cron="0 18 * * 1")
        other = w.env.create_guild("Autre")
        forum = other.create_forum_channel("f")
        staff = other.create_role(
            "staff", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
        )
        stranger = other.add_member(w.env.create_user("stranger"), roles=[staff])
        await stranger.slash(forum, "setup", channel=forum, cron="0 18 * * 1")
        w.clock.set(monday + timedelta(seconds=30))
        recorded = discussion_repo.set_posted
        calls: list[int] = []

        async def blip(*args: Any, **kwargs: Any) -> Any:
            calls.append(1)
            if len(calls) == 1:  # the first server's post
                _database_gone()
            return await recorded(*args, **kwargs)

        monkeypatch.setattr(discussion_repo, "set_posted", blip)
        await w.bot.scheduler.tick()
        await w.settle()
        assert [d.guild_id for d in await w.rows(Discussion)] == [other.id]
        w.clock.advance(timedelta(minutes=1))  # the safety net's next tick
        await w.bot.scheduler.tick()
        await w.settle()
        posted = {d.guild_id: d for d in await w.rows(Discussion)}
        assert set(posted) == {w.guild.id, other.id}
        assert all(d.thread_id is not None for d in posted.values())
        slots = {s.guild_id: (s.slot_at, s.status) for s in await w.rows(Slot)}
        assert slots == {w.guild.id: (monday, "posted"), other.id: (monday, "posted")}


async def test_a_discussion_whose_thread_was_deleted_is_not_reopened(sqlite_url: str) -> None:
    """It was 'reopened' with nowhere to answer, and its closing summary then failed."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        w.env.backend.delete_channel(thread.id)
        await w.settle()
        refused = await w.mod.slash(w.text, "discussion reopen", discussion=discussion.id)
        assert refused.ephemeral
        assert refused.response.content.startswith("This discussion's thread no longer exists")
        assert w.bot.app.open.get(discussion.id) is None
        (row,) = await w.rows(Discussion)
        assert row.closed_at is not None


async def test_a_value_the_database_refuses_is_not_told_as_the_database_away(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """It answered 'the database is not answering; nothing is lost, try again' (no retry
    helps) and logged one line without the traceback that would show the bug."""

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise DataError("INSERT INTO questions", {}, Exception("invalid byte sequence"))

    async with world(sqlite_url) as w:
        monkeypatch.setattr(question_repo, "add_questions", refused)
        with caplog.at_level(logging.WARNING):
            answer = await w.mod.slash(w.forum, "question add", text="Faut-il tout taxer ?")
        assert answer.ephemeral
        assert answer.response.content.startswith("Something went wrong on our side")
        logged = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert logged and logged[0].exc_info is not None


async def test_a_forum_that_requires_a_tag_pauses_the_schedule_and_says_what_to_do(
    sqlite_url: str,
) -> None:
    """Discord's refusal (400, code 40067) was answered 'Discord is not answering, try
    again later': retried three ticks, then every week's post failed unseen."""
    async with world(sqlite_url) as w:
        w.env.inject_error(
            "POST",
            "/channels/*/threads",
            status=400,
            code=40067,
            message="A tag is required to create a forum post in this channel",
            times=None,
        )
        refused = await w.mod.slash(w.forum, "question post")
        assert refused.response.content.startswith(
            'This forum requires a tag on every post, and it has no "Et vous ?" tag'
        )
        assert await w.rows(Discussion) == []
        (guild,) = await w.rows(Guild)
        assert guild.paused and guild.pause_reason == "forum_tag"
        shown = await w.mod.slash(w.forum, "schedule show")
        assert "the forum requires a tag on every post" in shown.response.content


@pytest.mark.parametrize(
    ("status", "code", "reason"), [(403, 50013, "missing_permissions"), (400, 40067, "forum_tag")]
)
async def test_a_manual_post_that_succeeds_lifts_the_pause_its_problem_caused(
    sqlite_url: str, status: int, code: int, reason: str
) -> None:
    """Paused because Discord refused a post; staff fix the forum and post by hand: the
    post proves the problem gone, so the schedule resumes and the answer says so. A pause
    staff chose stays."""
    async with world(sqlite_url) as w:
        w.env.inject_error("POST", "/channels/*/threads", status=status, code=code, times=1)
        await w.mod.slash(w.forum, "question post")
        (guild,) = await w.rows(Guild)
        assert guild.paused and guild.pause_reason == reason
        posted = await w.mod.slash(w.forum, "question post")
        assert "posted" in posted.response.content
        assert "schedule resumes" in posted.response.content
        (guild,) = await w.rows(Guild)
        assert not guild.paused and guild.pause_reason is None
        shown = await w.mod.slash(w.forum, "schedule show")
        assert "Paused" not in shown.response.content

        await w.mod.slash(w.forum, "schedule pause")
        again = await w.mod.slash(w.forum, "question post")
        assert "schedule resumes" not in again.response.content
        (guild,) = await w.rows(Guild)
        assert guild.paused and guild.pause_reason == "staff"


async def test_a_discussion_whose_thread_the_bot_cannot_unlock_is_not_reopened(
    sqlite_url: str,
) -> None:
    """Manage Threads taken from the bot: Discord refused the unlock, the bot logged it
    and answered « reopened » over a thread still locked, where nobody could answer. It
    says what it needs, and the discussion stays closed."""
    from simcord.backend.models.channel import Overwrite
    from simcord.enums import OverwriteType

    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        await w.mod.slash(w.forum, "discussion close", discussion=discussion.id)
        await w.settle()
        # Discord asks Manage Threads to unlock a thread; SimCord asks Manage Channels
        deny = discord.Permissions(manage_threads=True, manage_channels=True).value
        w.env.backend.set_overwrite(
            w.forum.id,
            Overwrite(target_id=w.env.backend.bot_user.id, type=OverwriteType.MEMBER, deny=deny),
        )
        refused = await w.mod.slash(w.text, "discussion reopen", discussion=discussion.id)
        await w.settle()
        assert refused.ephemeral
        assert refused.response.content.startswith("The bot cannot unlock this discussion's thread")
        assert "Manage Threads" in refused.response.content
        (row,) = await w.rows(Discussion)
        assert row.closed_at is not None
        assert w.bot.app.open.get(discussion.id) is None
        fetched = await w.bot.fetch_channel(thread.id)
        assert fetched.locked
