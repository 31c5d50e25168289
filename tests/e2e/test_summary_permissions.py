"""A closing summary the bot may not post: a moderator took one of its permissions in the
discussion's forum (Send Messages in Threads, Attach Files…) while the discussion was open.

It was tried three times in three minutes, each time refused, with a notice « the bot will
try again » that the same missing permission kept out of the thread too; then given up for
good: staff were told nothing anywhere, and giving the permission back posted nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import discord
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType

from db.models import UnpostedSummary
from tests.harness import World, world

YEARLY = "0 18 1 1 *"
"""No slot falls while the discussion is open: the schedule's own notice stays out of it."""


def _deny(w: World, **taken: bool) -> None:
    """A channel overwrite on the forum taking ``taken`` from the bot."""
    w.env.backend.set_overwrite(
        w.forum.id,
        Overwrite(
            target_id=w.env.backend.bot_user.id,
            type=OverwriteType.MEMBER,
            deny=discord.Permissions(**taken).value,
        ),
    )


def _sent(w: World, channel_id: int) -> list[dict[str, Any]]:
    path = f"/channels/{channel_id}/messages"
    return [r.json for r in w.env.http_requests if r.method == "POST" and r.path.endswith(path)]


async def _tick(w: World) -> None:
    await w.bot.scheduler.tick()
    await w.settle()
    w.clock.advance(timedelta(minutes=1))


async def _open_discussion(w: World) -> tuple[Any, Any, Any]:
    staff = w.guild.create_text_channel("modération")
    await w.setup(cron=YEARLY, language="fr", review_channel=staff)
    thread, discussion = await w.post()
    for member, text in zip(
        w.members,
        ("Oui, la technique avance vite.", "Non, aucune âme.", "Peut-être, selon les cas."),
        strict=True,
    ):
        await member.send(thread, text)
    await w.settle()
    return staff, thread, discussion


async def test_a_summary_the_bot_may_not_post_waits_for_the_permission_and_staff_are_told(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        staff, thread, discussion = await _open_discussion(w)
        _deny(w, send_messages_in_threads=True)
        await w.settle()
        in_thread = len(_sent(w, thread.id))
        w.clock.set(discussion.closes_at + timedelta(seconds=5))
        for _ in range(6):  # twice the attempts a failing summary is given
            await _tick(w)

        assert len(_sent(w, thread.id)) == in_thread  # no request Discord would refuse
        (owed,) = await w.rows(UnpostedSummary)
        assert owed.attempts == 0  # held, not failing: it is not given up
        (notice,) = _sent(w, staff.id)  # told once, in the staff's channel and language
        said = notice["content"]
        assert said.startswith(
            f"⚠️ Le résumé de la discussion n°\u00a0{discussion.id} n’a pas pu être publié "
            f"dans <#{thread.id}>\u00a0: il manque au bot\u00a0: "
            "Envoyer des messages dans les fils."
        ), said
        assert "il sera publié à la minute suivante" in said, said
        assert notice["allowed_mentions"] == {"parse": []}

        w.env.backend.delete_overwrite(w.forum.id, w.env.backend.bot_user.id)
        await w.settle()
        await _tick(w)
        summaries = [m for m in thread.history() if m.author.id == w.bot.user.id and m.embeds]
        assert any((m.embeds[0].title or "").startswith("Résumé de") for m in summaries)
        assert await w.rows(UnpostedSummary) == []
        fetched = await w.bot.fetch_channel(thread.id)
        assert fetched.archived and fetched.locked  # closed again after the post
        assert len(_sent(w, staff.id)) == 1
        assert not w.env.errors


async def test_charts_refused_for_attach_files_are_held_not_given_up(sqlite_url: str) -> None:
    """Discord refuses a message with files from a bot without Attach Files (403, 50013),
    which SimCord leaves to the test to answer."""
    async with world(sqlite_url) as w:
        staff, thread, discussion = await _open_discussion(w)
        _deny(w, attach_files=True)
        await w.settle()
        w.env.inject_error("POST", f"/channels/{thread.id}/messages", status=403, times=100)
        w.clock.set(discussion.closes_at + timedelta(seconds=5))
        for _ in range(4):
            await _tick(w)
        (owed,) = await w.rows(UnpostedSummary)
        assert owed.attempts == 0
        (notice,) = _sent(w, staff.id)
        assert "il manque au bot\u00a0: Joindre des fichiers." in notice["content"]
        assert not w.env.errors


async def test_without_a_review_channel_the_thread_is_told_when_the_bot_may_write_there(
    sqlite_url: str,
) -> None:
    """Only Attach Files taken, no review channel named: the bot may still write in the
    thread, so it says there, in the server's language, what it waits for."""
    async with world(sqlite_url, setup=False, locale="en-US") as w:
        await w.setup(cron=YEARLY, language="en")
        thread, discussion = await w.post()
        await w.members[0].send(thread, "Yes, the tools get better every month.")
        _deny(w, attach_files=True)
        await w.settle()
        w.clock.set(discussion.closes_at + timedelta(seconds=5))
        for _ in range(4):
            await _tick(w)
        (notice,) = [m.content for m in thread.history() if m.content.startswith("⚠️")]
        assert notice.startswith(
            f"⚠️ The summary of discussion #{discussion.id} could not be posted in "
            f"<#{thread.id}>: the bot lacks Attach Files."
        ), notice
        fetched = await w.bot.fetch_channel(thread.id)
        assert fetched.archived and fetched.locked  # closed again after the notice
        assert [u.attempts for u in await w.rows(UnpostedSummary)] == [0]
        assert not w.env.errors


async def test_a_summary_whose_thread_discord_fails_to_give_once_is_not_dropped(
    sqlite_url: str,
) -> None:
    """The first post failed (Discord 500); the thread, archived at the close, is out of
    the cache, so the retry asks Discord for it, which answers 500 once: the summary was
    dropped for good, with no notice beyond « the bot will try again »."""
    async with world(sqlite_url) as w:
        _, thread, discussion = await _open_discussion(w)
        w.env.inject_error("POST", f"/channels/{thread.id}/messages", status=500, times=1)
        w.clock.set(discussion.closes_at + timedelta(seconds=5))
        await _tick(w)  # the close: its summary refused once
        w.env.inject_error("GET", f"/channels/{thread.id}", status=500, times=1)
        for _ in range(2):
            await _tick(w)
        titles = [m.embeds[0].title or "" for m in thread.history() if m.embeds]
        assert any(title.startswith("Résumé de") for title in titles), titles
        assert await w.rows(UnpostedSummary) == []
        assert not w.env.errors


async def test_a_summary_whose_thread_the_bot_may_no_longer_open_is_held_and_told(
    sqlite_url: str,
) -> None:
    """Discord answers 403 (Missing Access) for the archived thread of a forum the bot may no
    longer see: the summary was dropped without a word to anyone."""
    async with world(sqlite_url) as w:
        staff, thread, discussion = await _open_discussion(w)
        w.env.inject_error("POST", f"/channels/{thread.id}/messages", status=500, times=1)
        w.clock.set(discussion.closes_at + timedelta(seconds=5))
        await _tick(w)
        w.env.inject_error("GET", f"/channels/{thread.id}", status=403, code=50001, times=3)
        for _ in range(3):
            await _tick(w)
        (owed,) = await w.rows(UnpostedSummary)
        assert owed.attempts == 1  # the refused post only
        (notice,) = _sent(w, staff.id)
        assert "il manque au bot\u00a0: Voir le salon." in notice["content"], notice
        await _tick(w)  # Discord gives the thread again: posted
        assert await w.rows(UnpostedSummary) == []
        assert not w.env.errors


async def test_a_summary_owed_when_the_bot_is_removed_is_posted_once_it_is_invited_back(
    sqlite_url: str,
) -> None:
    """Removed from the server with a summary to post again: Discord refused the thread
    and the summary was dropped; invited back (its discussions kept), it was never posted."""
    async with world(sqlite_url) as w:
        _, thread, discussion = await _open_discussion(w)
        w.env.inject_error("POST", f"/channels/{thread.id}/messages", status=500, times=1)
        w.clock.set(discussion.closes_at + timedelta(seconds=5))
        await _tick(w)
        kicked = w.remove_bot()
        await w.settle()
        asked = len(w.env.http_requests)
        for _ in range(3):
            await _tick(w)
        assert len(w.env.http_requests) == asked  # nothing asked of a server it is not in
        assert [u.attempts for u in await w.rows(UnpostedSummary)] == [1]
        kicked.invite()
        await w.settle()
        await _tick(w)
        titles = [m.embeds[0].title or "" for m in thread.history() if m.embeds]
        assert any(title.startswith("Résumé de") for title in titles), titles
        assert await w.rows(UnpostedSummary) == []
        assert not w.env.errors


async def test_discussion_close_says_the_summary_waits_and_for_what(sqlite_url: str) -> None:
    """A moderator closing the discussion by hand, with no review channel named: the
    answer said « Discussion n° 1 close. » and nothing anywhere said the summary was not
    posted, nor why."""
    async with world(sqlite_url, setup=False) as w:
        w.speaks(w.mod, "fr")
        await w.setup(cron=YEARLY, language="fr")
        thread, discussion = await w.post()
        await w.members[0].send(thread, "Oui, la technique avance vite.")
        _deny(w, send_messages_in_threads=True)
        await w.settle()
        closed = await w.mod.slash(w.text, "discussion close", discussion=discussion.id)
        assert closed.ephemeral
        assert closed.response.content == (
            f"Discussion n°\u00a0{discussion.id} close. Son résumé n’a pas pu être publié dans "
            f"<#{thread.id}>\u00a0: il manque au bot\u00a0: Envoyer des messages dans les fils. "
            "Donnez-lui ces permissions dans le salon\u00a0: il sera publié à la minute suivante."
        ), closed.response.content

        w.env.backend.delete_overwrite(w.forum.id, w.env.backend.bot_user.id)
        await w.settle()
        await _tick(w)
        assert await w.rows(UnpostedSummary) == []
        assert w.app.summaries_held == {} and w.app.summaries_told == set()
        assert not w.env.errors


async def test_a_forum_the_bot_may_no_longer_see_holds_the_summary_without_asking_discord(
    sqlite_url: str,
) -> None:
    """View Channel taken on the forum: the closed thread, archived, is out of the cache; it
    is not asked of Discord at each tick (each refusal counts against the bot)."""
    async with world(sqlite_url) as w:
        staff, thread, discussion = await _open_discussion(w)
        w.env.inject_error("POST", f"/channels/{thread.id}/messages", status=500, times=1)
        w.clock.set(discussion.closes_at + timedelta(seconds=5))
        await _tick(w)  # closed, its summary refused once: the thread archived
        _deny(w, view_channel=True)
        await w.settle()
        asked = len(w.env.http_requests)
        for _ in range(3):
            await _tick(w)
        thread_path = f"/channels/{thread.id}"
        assert not [r for r in w.env.http_requests[asked:] if r.path.startswith(thread_path)]
        (notice,) = _sent(w, staff.id)
        assert "il manque au bot\u00a0: Voir le salon." in notice["content"], notice
        assert [u.attempts for u in await w.rows(UnpostedSummary)] == [1]
        assert not w.env.errors
