"""A discussion's thread deleted on Discord, alone or with the channel holding it, live
or while the bot was stopped: every message in it was deleted with it, though Discord
sends no deletion for each one. Its stored replies are erased as each deleted message's
is (text, author, earlier versions, vector, the votes cast on them; the id stays), and
nothing shows their words again: not the database, the export, the summary or the web
room's search. The discussion stays, closed, with its stances. A thread the bot may no
longer see (Discord answers 403, not 404) is not deleted: nothing is erased.

SimCord's ``delete_channel`` sends THREAD_DELETE for a thread and CHANNEL_DELETE for a
channel, as Discord does; a channel's threads it leaves behind, where Discord deletes
them with it, without an event each (``_delete_with_its_threads``).
"""

from __future__ import annotations

from typing import Any

import aiohttp
import discord
import pytest
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType
from sqlalchemy import select

from bot import custom_ids
from db.models import (
    Base,
    Discussion,
    Reply,
    ReplyEmbedding,
    ReplyRevision,
    Stance,
    Vote,
)
from tests.discord_checks import embed_texts
from tests.e2e.test_review_login import link_of, sign_in, web_room
from tests.harness import World, world
from web.server import WebServer

WORDS = ("Zorglub", "synthétiques", "inacceptables", "Marsupilami")
"""What Alice and Bruno write in the thread that is deleted, in every version."""


async def _thread_with_replies(w: World, channel: Any = None) -> tuple[Any, Any, list[int]]:
    """A discussion where Alice writes (then edits), Bruno answers, Chloé votes on
    Alice's reply with a reaction and declares a stance. Returns the thread, the
    discussion and the ids of the replies."""
    thread, discussion = await w.post(channel)
    alice, bruno, chloe = w.members
    hers = await alice.send(thread, "Les voix Zorglub synthétiques sont inacceptables.")
    await alice.edit(hers, "Les voix Zorglub synthétiques sont vraiment inacceptables.")
    his = await bruno.send(thread, "Le Marsupilami doublé par une machine, non merci.")
    await chloe.react(hers, "👍")
    await chloe.click(w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 0))
    await w.settle()
    assert {r.id for r in await w.rows(Reply, Reply.discussion_id == discussion.id)} == {
        hers.id,
        his.id,
    }
    assert len(await w.rows(Vote)) == 1 and len(await w.rows(ReplyRevision)) == 1
    return thread, discussion, [hers.id, his.id]


async def _anything_showing(w: World) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table with a column that holds one of ``WORDS``."""
    await w.app.buffer.drain()
    found: dict[str, list[dict[str, Any]]] = {}
    async with w.app.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in (await connection.execute(select(table))).mappings():
                if any(word in str(value) for value in row.values() for word in WORDS):
                    found.setdefault(table.name, []).append(dict(row))
    return found


async def _erased_as_deleted_messages(w: World, discussion: Any, reply_ids: list[int]) -> None:
    """Each reply as a deleted message leaves it: its id only, erased by Discord; no
    version, vector or vote left; the discussion stays, closed, with its stance."""
    replies = await w.rows(Reply, Reply.discussion_id == discussion.id)
    assert [r.id for r in replies] == sorted(reply_ids)
    for reply in replies:
        assert (reply.deleted, reply.text, reply.author_id, reply.author_name) == (
            True,
            "",
            0,
            "",
        )
        assert reply.erased_by == "discord"
    assert await w.rows(ReplyRevision, ReplyRevision.reply_id.in_(reply_ids)) == []
    assert await w.rows(ReplyEmbedding, ReplyEmbedding.reply_id.in_(reply_ids)) == []
    assert await w.rows(Vote, Vote.reply_id.in_(reply_ids)) == []
    (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
    assert row.closed_at is not None and w.app.open.get(discussion.id) is None
    assert len(await w.rows(Stance, Stance.discussion_id == discussion.id)) == 1
    assert await _anything_showing(w) == {}


async def _kept(w: World, discussion: Any, reply_ids: list[int]) -> None:
    replies = await w.rows(Reply, Reply.discussion_id == discussion.id)
    assert [r.id for r in replies] == sorted(reply_ids)
    assert not any(r.deleted for r in replies)
    assert len(await w.rows(Vote)) == 1 and len(await w.rows(ReplyRevision)) == 1


async def _shown_to_staff(w: World, discussion: Any) -> str:
    """What staff see of the discussion: its export, its summary and the web room's
    search across the server for one of its words."""
    exported = await w.mod.slash(w.text, "answers export", discussion=discussion.id)
    shown = [(await exported.response.attachments[0].read()).decode()]
    summary = await w.mod.slash(w.text, "summary show", discussion=discussion.id)
    shown += [t for e in summary.response.embeds for t in embed_texts(e)]
    shown.append(summary.response.content or "")
    server: WebServer = w.bot.attached[0]
    assert server.context is not None
    async with aiohttp.ClientSession(
        f"http://127.0.0.1:{server.port}",
        cookie_jar=aiohttp.CookieJar(unsafe=True),
        connector=aiohttp.TCPConnector(force_close=True),
    ) as client:
        await sign_in(client, link_of((await w.mod.slash(w.text, "review")).response.content))
        found = await client.get("/search", params={"q": "Zorglub"})
        assert found.status == 200
        shown.append(await found.text())
    return "\n".join(shown)


def _delete_with_its_threads(w: World, channel_id: int) -> None:
    """Discord deletes a channel's threads with it and announces only the channel's
    deletion (CHANNEL_DELETE): its threads go first, silently."""
    backend = w.env.backend
    server = backend.guilds[w.guild.id]
    for thread_id in [i for i, c in backend.channels.items() if c.parent_id == channel_id]:
        del backend.channels[thread_id]
        backend.messages.pop(thread_id, None)
        if thread_id in server.thread_ids:
            server.thread_ids.remove(thread_id)
    backend.delete_channel(channel_id)


async def test_a_thread_deleted_erases_its_replies_as_deleted_messages(
    database_url: str,
) -> None:
    """A moderator deletes the thread of an open discussion: its replies were kept, with
    their text, versions and votes, shown in the export, the summary and the search."""
    async with world(database_url, attach=web_room) as w:
        thread, discussion, replies = await _thread_with_replies(w)
        assert "inacceptables" in await _shown_to_staff(w, discussion)
        # The last word, maybe not yet written to the database when the thread goes.
        last = await w.members[2].send(thread, "Marsupilami, dernier mot.")
        w.env.backend.delete_channel(thread.id)
        await w.settle()
        await _erased_as_deleted_messages(w, discussion, [*replies, last.id])
        shown = await _shown_to_staff(w, discussion)
        assert not any(word in shown for word in WORDS[1:]), shown
        assert not w.env.errors


async def test_a_closed_discussions_thread_deleted_erases_its_replies(sqlite_url: str) -> None:
    """A deleted message is erased in a closed discussion too: so is a deleted thread's
    every message (only an open discussion was handled: closed, its replies kept)."""
    async with world(sqlite_url) as w:
        await w.setup(w.text)
        thread, discussion, replies = await _thread_with_replies(w, w.text)
        closed = await w.mod.slash(w.text, "discussion close", discussion=discussion.id)
        assert closed.ephemeral
        await w.settle()
        w.env.backend.delete_channel(thread.id)
        await w.settle()
        await _erased_as_deleted_messages(w, discussion, replies)
        assert not w.env.errors


async def test_a_channel_deleted_erases_the_replies_of_every_thread_it_held(
    database_url: str,
) -> None:
    """The forum is deleted, and with it the threads of a closed and an open discussion
    (Discord sends no deletion for them): the replies of both are erased; a discussion
    held in another channel keeps its own."""
    async with world(database_url) as w:
        _, older, older_replies = await _thread_with_replies(w)
        await w.mod.slash(w.text, "discussion close", discussion=older.id)
        await w.settle()
        thread, current = await w.post()
        late = await w.members[1].send(thread, "Zorglub encore, pour la route.")
        await w.settle()
        elsewhere = w.guild.create_text_channel("ailleurs")
        await w.setup(elsewhere)
        other_thread, other = await w.post(elsewhere)
        kept = await w.members[0].send(other_thread, "Ici on garde tout, promis.")
        await w.settle()
        _delete_with_its_threads(w, w.forum.id)
        await w.settle()
        await _erased_as_deleted_messages(w, older, older_replies)
        (erased,) = await w.rows(Reply, Reply.discussion_id == current.id)
        assert erased.id == late.id and erased.deleted and erased.text == ""
        (row,) = await w.rows(Discussion, Discussion.id == current.id)
        assert row.closed_at is not None
        (mine,) = await w.rows(Reply, Reply.discussion_id == other.id)
        assert mine.id == kept.id and mine.text == "Ici on garde tout, promis."
        assert w.app.open.get(other.id) is not None
        assert not w.env.errors


@pytest.mark.parametrize("state", ["open", "closed"])
async def test_a_thread_deleted_while_away_is_erased_at_catch_up(
    sqlite_url: str, state: str
) -> None:
    """No event reached the stopped bot; at start Discord answers the thread is unknown
    (404): its replies are erased as at a live deletion, the discussion open or closed
    in the last 30 days."""
    async with world(sqlite_url) as w:
        thread, discussion, replies = await _thread_with_replies(w)
        if state == "closed":
            await w.mod.slash(w.text, "discussion close", discussion=discussion.id)
        await w.restart(away=lambda: w.env.backend.delete_channel(thread.id))
        await _erased_as_deleted_messages(w, discussion, replies)
        assert not w.env.errors


def _out_of_sight(w: World, channel_id: int, thread_id: int) -> None:
    """The bot may no longer see the channel: Discord lists only the threads it may see
    when a session starts, and answers 403 (Missing Access) when asked for the thread."""
    deny = discord.Permissions(view_channel=True)
    w.env.backend.set_overwrite(
        channel_id,
        Overwrite(target_id=w.env.backend.bot_user.id, type=OverwriteType.MEMBER, deny=deny.value),
    )

    def unseen(event: str, payload: Any) -> None:
        if event == "GUILD_CREATE" and isinstance(payload, dict):
            threads = payload.get("threads") or []
            payload["threads"] = [t for t in threads if int(t["id"]) != thread_id]

    w.env.backend.subscribers.insert(0, unseen)


@pytest.mark.parametrize("state", ["open", "closed"])
async def test_a_thread_the_bot_may_no_longer_see_keeps_its_replies(
    sqlite_url: str, state: str
) -> None:
    """The bot lost View Channel on the forum while it was stopped: its thread is not
    deleted, only out of sight. Nothing is erased, and an open discussion stays open."""
    async with world(sqlite_url) as w:
        thread, discussion, replies = await _thread_with_replies(w)
        if state == "closed":
            await w.mod.slash(w.text, "discussion close", discussion=discussion.id)
        before = len(w.env.http_requests)
        await w.restart(away=lambda: _out_of_sight(w, w.forum.id, thread.id))
        if state == "open":
            asked = [r for r in w.env.http_requests[before:] if r.path == f"/channels/{thread.id}"]
            assert asked and w.bot.get_channel(thread.id) is None  # Discord answered 403
            assert w.app.open.get(discussion.id) is not None
        await _kept(w, discussion, replies)
        assert not w.env.errors


@pytest.mark.parametrize("when", ["live", "away"])
async def test_a_server_that_removed_the_bot_keeps_its_closed_discussions_replies(
    sqlite_url: str, when: str
) -> None:
    """Removed from a server, the bot can see none of its threads: Discord no longer lets
    it read them. That says nothing of whether their messages were deleted, so the check
    for deletions in closed discussions leaves that server alone (it asked Discord about
    its threads at every start, and took the answer for deleted threads: every reply of
    its closed discussions erased)."""
    async with world(sqlite_url) as w:
        thread, discussion, replies = await _thread_with_replies(w)
        await w.mod.slash(w.text, "discussion close", discussion=discussion.id)
        await w.settle()
        if when == "live":
            w.remove_bot()
            await w.settle()
            await w.restart()
        else:
            await w.restart(away=w.remove_bot)
        before = len(w.env.http_requests)
        await w.restart()
        assert not [r for r in w.env.http_requests[before:] if str(thread.id) in r.path]
        await _kept(w, discussion, replies)
        assert not w.env.errors
