"""Slash commands answer (or show "thinking") before anything slow, and Discord giving no
answer after that still ends with a clear word and consistent storage.

``/discussion close`` answered first, then posted the summary, locked the thread and
redrew the question post. Discord timing out on the lock or the redraw (a time-out, a
dropped connection: no HTTP status) escaped from the close: the moderator read
« Something went wrong » over a discussion that was closed, its thread never locked by
any later tick, and trying again only said it was closed already.
"""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
import simcord

from bot.i18n import t
from db.models import AuditEntry, Discussion, Guild, Question
from tests.harness import world

FAILURES = [TimeoutError(), aiohttp.ClientConnectionError("connection reset")]
FAILURE_IDS = ["timeout", "connection"]


def _answered_at(w: Any, mark: int) -> int:
    """The index (from request ``mark``) of the bot's first answer to an interaction."""
    paths = [r.path for r in w.env.http_requests[mark:]]
    return next(i for i, p in enumerate(paths) if p.endswith("/callback"))


def _buttons_off(post: Any) -> bool:
    """Whether the question post's stance buttons are off (as on a closed discussion's)."""
    stances = [
        c for row in post.components for c in row.children if ":stance:" in (c.custom_id or "")
    ]
    return bool(stances) and all(c.disabled for c in stances)


async def _closed_stands(w: Any, closed: Any, discussion_id: int) -> None:
    """The moderator read that the discussion is closed (no error), and it is, stored."""
    said = closed.response.content
    assert f"Discussion #{discussion_id} closed." in said, said
    assert "went wrong" not in said
    (row,) = await w.rows(Discussion)
    assert row.closed_at is not None


@pytest.mark.parametrize("failure", FAILURES, ids=FAILURE_IDS)
async def test_close_says_closed_when_discord_does_not_answer_the_lock_and_locks_later(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        await w.members[0].send(thread, "Oui, sans hésiter.")
        await w.settle()
        mark = len(w.env.http_requests)
        tried: list[int] = []
        edit_channel = w.bot.http.edit_channel

        async def thread_silent(channel_id: int, *args: Any, **kwargs: Any) -> Any:
            if channel_id == thread.id:
                tried.append(len(w.env.http_requests))
                raise failure
            return await edit_channel(channel_id, *args, **kwargs)

        monkeypatch.setattr(w.bot.http, "edit_channel", thread_silent)
        closed = await w.mod.slash(thread, "discussion close")
        await w.settle()

        assert tried and _answered_at(w, mark) + mark < tried[0]  # thinking shown first
        assert closed.ephemeral
        await _closed_stands(w, closed, discussion.id)
        assert not closed.followups
        audited = [a.action for a in await w.rows(AuditEntry)]
        assert audited.count("close") == 1
        assert discussion.id in w.app.locks_owed  # a later tick locks it
        assert _buttons_off(w.post_message(discussion))

        monkeypatch.setattr(w.bot.http, "edit_channel", edit_channel)  # Discord back
        await w.bot.scheduler.tick()
        fetched = await w.bot.fetch_channel(thread.id)
        assert fetched.locked and fetched.archived
        assert discussion.id not in w.app.locks_owed

        again = await w.mod.slash(w.forum, "discussion close", discussion=discussion.id)
        assert "already closed" in again.response.content


@pytest.mark.parametrize("failure", FAILURES, ids=FAILURE_IDS)
async def test_close_says_closed_when_discord_does_not_answer_the_post_redraw(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        post = w.post_message(discussion)
        edit_message = w.bot.http.edit_message

        async def post_silent(channel_id: int, message_id: int, *args: Any, **kw: Any) -> Any:
            if message_id == post.id:
                raise failure
            return await edit_message(channel_id, message_id, *args, **kw)

        monkeypatch.setattr(w.bot.http, "edit_message", post_silent)
        closed = await w.mod.slash(thread, "discussion close")
        await w.settle()

        await _closed_stands(w, closed, discussion.id)
        fetched = await w.bot.fetch_channel(thread.id)
        assert fetched.locked and fetched.archived
        assert discussion.id in w.app.redraws_owed  # its buttons still on: a later tick

        monkeypatch.setattr(w.bot.http, "edit_message", edit_message)  # Discord back
        await w.bot.scheduler.tick()
        assert w.app.redraws_owed == set()
        assert _buttons_off(w.post_message(discussion))


async def test_close_says_closed_when_discord_does_not_give_the_thread_and_posts_later(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The thread out of the bot's cache (archived) and Discord not answering when asked
    for it: the summary is left owed to the next tick, the close stands."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        get_channel, fetch = w.bot.get_channel, w.bot.http.get_channel

        def uncached(channel_id: int) -> Any:
            return None if channel_id == thread.id else get_channel(channel_id)

        async def silent(channel_id: int) -> Any:
            if channel_id == thread.id:
                raise TimeoutError
            return await fetch(channel_id)

        monkeypatch.setattr(w.bot, "get_channel", uncached)
        monkeypatch.setattr(w.bot.http, "get_channel", silent)
        closed = await w.mod.slash(thread, "discussion close")
        await w.settle()

        await _closed_stands(w, closed, discussion.id)
        closing = t("discussion-closed", discussion.language)
        assert not any(closing in m.content for m in thread.history())

        monkeypatch.setattr(w.bot, "get_channel", get_channel)  # Discord back
        monkeypatch.setattr(w.bot.http, "get_channel", fetch)
        await w.bot.scheduler.tick()  # the summary posted, the thread locked
        await w.settle()
        said_in_thread = [m.content for m in thread.history()]
        assert sum(closing in c for c in said_in_thread) == 1
        fetched = await w.bot.fetch_channel(thread.id)
        assert fetched.locked and fetched.archived


NO_ANSWER_POST = "Discord did not respond to the post"


@pytest.mark.parametrize("failure", FAILURES, ids=FAILURE_IDS)
async def test_question_post_discord_does_not_answer_leaves_the_question_in_the_bank(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    """Creating the forum post got no answer: the discussion stayed stored without a
    thread, its question marked posted (the next /question post took the next one), and
    the moderator read « the database is not answering, nothing is lost »."""
    async with world(sqlite_url) as w:
        mark = len(w.env.http_requests)
        tried: list[int] = []

        async def forum_silent(*args: Any, **kwargs: Any) -> Any:
            tried.append(len(w.env.http_requests))
            raise failure

        start = w.bot.http.start_thread_in_forum
        monkeypatch.setattr(w.bot.http, "start_thread_in_forum", forum_silent)
        failed = await w.mod.slash(w.forum, "question post")
        await w.settle()

        assert tried and _answered_at(w, mark) + mark < tried[0]  # thinking shown first
        said = failed.response.content
        assert failed.ephemeral and NO_ANSWER_POST in said, said
        assert "went wrong" not in said and "database" not in said
        assert await w.rows(Discussion) == []
        assert [q.status for q in await w.rows(Question) if q.status != "ready"] == []

        monkeypatch.setattr(w.bot.http, "start_thread_in_forum", start)  # Discord back
        thread, discussion = await w.post()
        first = min(await w.rows(Question), key=lambda q: q.id)
        assert discussion.question_id == first.id  # the same question, not the next one
        assert discussion.thread_id == thread.id


async def test_question_post_in_a_text_channel_whose_thread_gets_no_answer_takes_the_post_back(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with world(sqlite_url) as w:
        await w.setup(w.text)

        async def thread_silent(*args: Any, **kwargs: Any) -> Any:
            raise TimeoutError

        monkeypatch.setattr(w.bot.http, "start_thread_with_message", thread_silent)
        failed = await w.mod.slash(w.text, "question post")
        await w.settle()

        assert NO_ANSWER_POST in failed.response.content, failed.response.content
        assert await w.rows(Discussion) == []
        assert w.text.history() == []  # the message, whose buttons led nowhere, is gone


async def test_help_with_no_answer_from_discord_for_the_command_ids_shows_plain_names(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asking Discord for the commands' ids (for clickable mentions) got a dropped
    connection: /help answered « Something went wrong » instead of the help."""
    async with world(sqlite_url, members=1) as w:

        async def dropped(*args: Any, **kwargs: Any) -> Any:
            raise aiohttp.ClientConnectionError("connection reset")

        monkeypatch.setattr(w.bot.http, "get_global_commands", dropped)
        monkeypatch.setattr(w.bot.http, "get_guild_commands", dropped)
        result = await w.members[0].slash(w.text, "help")
        assert result.ephemeral and result.response.embeds, result.response.content
        fields = "".join(f.value for f in result.response.embeds[0].fields)
        assert "`/mydata show`" in fields


async def _archived_staff_thread(w: Any) -> Any:
    """A staff thread archived for quiet: out of the bot's cache, asked of Discord."""
    staff = w.guild.create_text_channel("moderation")
    made = w.env.backend.create_thread(staff.id, "propositions", w.mod.id)
    w.env.backend.edit_channel(made.id, {}, thread_metadata={"archived": True})
    await w.settle()
    return simcord.ChannelHandle(w.env, w.guild, made)


async def test_setup_is_answered_before_discord_is_asked_for_an_archived_review_thread(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/setup review_channel: asked Discord for the archived thread before answering:
    Discord slow, the moderator read « The application did not respond »."""
    async with world(sqlite_url) as w:
        thread = await _archived_staff_thread(w)
        mark = len(w.env.http_requests)
        asked: list[int] = []
        get_channel = w.bot.http.get_channel

        async def watched(channel_id: int) -> Any:
            if channel_id == thread.id:
                asked.append(len(w.env.http_requests))
            return await get_channel(channel_id)

        monkeypatch.setattr(w.bot.http, "get_channel", watched)
        done = await w.setup(review_channel=thread)
        assert asked and _answered_at(w, mark) + mark < asked[0]  # thinking shown first
        assert done.ephemeral and done.response.embeds, done.response.content
        (guild,) = await w.rows(Guild)
        assert guild.review_channel_id == thread.id


@pytest.mark.parametrize("failure", FAILURES, ids=FAILURE_IDS)
async def test_setup_with_no_answer_for_the_review_thread_changes_nothing_and_says_so(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    async with world(sqlite_url) as w:
        thread = await _archived_staff_thread(w)
        get_channel = w.bot.http.get_channel

        async def silent(channel_id: int) -> Any:
            if channel_id == thread.id:
                raise failure
            return await get_channel(channel_id)

        monkeypatch.setattr(w.bot.http, "get_channel", silent)
        (before,) = await w.rows(Guild)
        failed = await w.setup(review_channel=thread, duration_hours=12)
        said = failed.response.content
        assert failed.ephemeral and "Discord did not respond" in said, said
        assert "nothing was changed" in said and "database" not in said
        (after,) = await w.rows(Guild)
        assert (after.review_channel_id, after.duration_hours) == (
            before.review_channel_id,
            before.duration_hours,
        )


@pytest.mark.parametrize("failure", FAILURES, ids=FAILURE_IDS)
async def test_reopen_with_no_answer_for_the_unlock_stays_closed_and_says_so(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    """Unlocking the thread got no answer: « the database is not answering, nothing is
    lost », and a thread Discord may have unlocked all the same was left so."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        await w.mod.slash(thread, "discussion close")
        await w.settle()
        edit_channel = w.bot.http.edit_channel

        async def thread_silent(channel_id: int, *args: Any, **kwargs: Any) -> Any:
            if channel_id == thread.id:
                raise failure
            return await edit_channel(channel_id, *args, **kwargs)

        monkeypatch.setattr(w.bot.http, "edit_channel", thread_silent)
        failed = await w.mod.slash(w.forum, "discussion reopen", discussion=discussion.id)
        await w.settle()

        said = failed.response.content
        assert failed.ephemeral and "Discord did not respond" in said, said
        assert f"discussion #{discussion.id} stays closed" in said
        assert "database" not in said and "went wrong" not in said
        (row,) = await w.rows(Discussion)
        assert row.closed_at is not None
        assert discussion.id in w.app.locks_owed  # unlocked or not: a tick locks it again

        monkeypatch.setattr(w.bot.http, "edit_channel", edit_channel)  # Discord back
        reopened = await w.mod.slash(w.forum, "discussion reopen", discussion=discussion.id)
        await w.settle()
        assert f"Discussion #{discussion.id} reopened" in reopened.response.content
        await w.bot.scheduler.tick()  # the reopening stands
        fetched = await w.bot.fetch_channel(thread.id)
        assert not fetched.locked and not fetched.archived


@pytest.mark.parametrize("failure", FAILURES, ids=FAILURE_IDS)
async def test_extend_with_no_answer_for_the_notice_says_extended(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        send_message = w.bot.http.send_message
        edit_message = w.bot.http.edit_message

        async def thread_silent(channel_id: int, *args: Any, **kwargs: Any) -> Any:
            if channel_id == thread.id:
                raise failure
            return await send_message(channel_id, *args, **kwargs)

        async def edit_silent(channel_id: int, *args: Any, **kwargs: Any) -> Any:
            if channel_id == thread.id:
                raise failure
            return await edit_message(channel_id, *args, **kwargs)

        monkeypatch.setattr(w.bot.http, "send_message", thread_silent)
        monkeypatch.setattr(w.bot.http, "edit_message", edit_silent)
        extended = await w.mod.slash(thread, "discussion extend", hours=24)
        await w.settle()

        said = extended.response.content
        assert f"Discussion #{discussion.id} extended" in said, said
        assert "database" not in said and "went wrong" not in said
        (row,) = await w.rows(Discussion)
        assert row.closes_at > discussion.closes_at
        assert discussion.id in w.app.redraws_owed  # the post's closing time: a later tick
