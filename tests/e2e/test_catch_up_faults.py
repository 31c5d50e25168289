"""Catch-up when Discord does not give the whole history back: the bot lost the right
to read it in one channel, or a page of it failed (Discord's bad moment).

What the bot could not read must not be taken for deleted, and must not be lost:
the other threads are caught up all the same, a discussion whose history failed
is read again at the next tick and is not closed before, and the log says which
discussion and why.
"""

from __future__ import annotations

import logging

import discord
import pytest
import simcord
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType

from db.models import Reply
from tests.harness import World, world


async def _down(w: World) -> None:
    """The bot stops: members go on acting, no one stores what they do."""
    await w.settle()
    await w.env._detach_bot()
    await w.bot.app.close()


async def _up(w: World) -> None:
    """A new process starts (``on_ready`` catches up)."""
    w.bot = w.new_bot()
    await simcord.env._attach_bot(w.env, w.bot)
    await w.settle()


def _deny_history(w: World, channel_id: int) -> None:
    """A moderator takes Read Message History from the bot in that channel (its threads too)."""
    deny = discord.Permissions(read_message_history=True).value
    overwrite = Overwrite(target_id=w.env.backend.bot_user.id, type=OverwriteType.MEMBER, deny=deny)
    w.env.backend.set_overwrite(channel_id, overwrite)


async def test_a_history_the_bot_may_no_longer_read_is_not_taken_for_deleted_replies(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Discord answers an empty history (not an error) to a bot without Read Message
    History. The replies stored in that forum's threads, open or recently closed, must
    stay; the text channel's discussion is caught up as usual; the log says why the
    forum's were not."""
    async with world(sqlite_url) as w:
        alice, bruno = w.members[:2]
        closed_thread, closed = await w.post()
        kept_closed = await alice.send(closed_thread, "Dans une discussion close.")
        await w.settle()
        await w.mod.slash(w.forum, "discussion close", discussion=closed.id)
        forum_thread, in_forum = await w.post()
        kept_open = await alice.send(forum_thread, "Dans le forum.")
        await w.setup(w.text)
        text_thread, in_text = await w.post(w.text)
        before = await bruno.send(text_thread, "Dans le salon.")
        await _down(w)
        _deny_history(w, w.forum.id)
        away = await bruno.send(text_thread, "Pendant la panne.")
        with caplog.at_level(logging.WARNING, logger="bot.services.collection"):
            await _up(w)
        replies = {r.id: (r.text, r.deleted) for r in await w.rows(Reply)}
        assert replies == {
            kept_closed.id: ("Dans une discussion close.", False),
            kept_open.id: ("Dans le forum.", False),
            before.id: ("Dans le salon.", False),
            away.id: ("Pendant la panne.", False),
        }
        said = [r.getMessage() for r in caplog.records]
        assert any(
            f"discussion {in_forum.id}" in line and "Read Message History" in line for line in said
        ), said
        assert any(
            f"discussion {closed.id}" in line and "Read Message History" in line for line in said
        ), said
        assert not any(f"discussion {in_text.id}" in line for line in said), said
        assert not w.env.errors
