"""Deletions made while the bot is away, in discussions it had already closed.

A closed discussion keeps its content as of closing time, but a message its
author deleted must lose its stored text, even when the bot was offline at the
time: at start, catch-up checks the recently closed threads for deletions only.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import timedelta
from typing import Any

import simcord

from bot.services.catch_up import CLOSED_CATCH_UP_DAYS
from db.models import Reply, ReplyRevision
from tests.harness import World, world


async def _close(w: World, discussion_id: int) -> None:
    result = await w.mod.slash(w.forum, "discussion close", discussion=discussion_id)
    assert result.ephemeral
    await w.settle()


async def _restart_after(w: World, away: list[Awaitable[Any]]) -> None:
    """Stop the bot, let members act (``away``: coroutines), start a new one."""
    await w.env._detach_bot()
    for act in away:
        await act
    new_bot = w.new_bot()
    await simcord.env._attach_bot(w.env, new_bot)
    w.bot = new_bot
    await w.settle()


def _history_reads(w: World, thread_id: int) -> int:
    return sum(
        1
        for request in w.env.http_requests
        if request.method == "GET" and request.path.startswith(f"/channels/{thread_id}/messages")
    )


async def test_a_deletion_while_away_in_a_closed_discussion_is_erased(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        kept = await alice.send(thread, "Je garde ce message.")
        doomed = await bruno.send(thread, "Je retirerai ce message.")
        await w.settle()
        await _close(w, discussion.id)
        await _restart_after(
            w,
            [
                bruno.delete(doomed),
                alice.edit(kept, "Modifié après la clôture."),
                bruno.send(thread, "Écrit après la clôture."),
            ],
        )
        replies = {r.id: r for r in await w.rows(Reply)}
        assert set(replies) == {kept.id, doomed.id}  # the late message is not stored
        assert replies[doomed.id].deleted and replies[doomed.id].text == ""
        assert replies[kept.id].text == "Je garde ce message."  # as of closing time
        assert await w.rows(ReplyRevision) == []
        await w.bot.on_ready()  # a second new session changes nothing
        await w.settle()
        assert {r.id: (r.text, r.deleted) for r in await w.rows(Reply)} == {
            r.id: (r.text, r.deleted) for r in replies.values()
        }
        assert not w.env.errors


async def test_only_recently_closed_threads_with_stored_text_are_read(sqlite_url: str) -> None:
    """The cost stays bounded: old closed discussions, and closed ones with nothing
    left to erase, cost no request at start."""
    async with world(sqlite_url) as w:
        old_thread, old = await w.post()
        old_reply = await w.members[0].send(old_thread, "Dans une vieille discussion.")
        await w.settle()
        await _close(w, old.id)
        w.clock.advance(timedelta(days=CLOSED_CATCH_UP_DAYS + 1))
        empty_thread, empty = await w.post()
        await _close(w, empty.id)
        recent_thread, recent = await w.post()
        await w.members[1].send(recent_thread, "Dans une discussion récente.")
        await w.settle()
        await _close(w, recent.id)
        before = len(w.env.http_requests)
        await _restart_after(w, [w.members[0].delete(old_reply)])
        del w.env.http_requests[:before]
        assert _history_reads(w, old_thread.id) == 0
        assert _history_reads(w, empty_thread.id) == 0
        assert _history_reads(w, recent_thread.id) == 1
        assert not w.env.errors
