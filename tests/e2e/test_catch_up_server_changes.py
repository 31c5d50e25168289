"""What changed in the server while the bot was away: the discussion channel deleted,
the bot removed from the server, a thread archived and locked; and the bot started twice
in a row.

Found at start as it would have been seen live: a deleted discussion channel pauses
the schedule and staff are told why (not "Active" until the next post fails); a server
that removed the bot is left (its discussions set aside, not closed as if their threads
were deleted); what members wrote before a thread was locked is read.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import simcord

from db.models import Discussion, Guild, Reply
from tests.harness import World, world


def _field(result: Any, name: str) -> str:
    return str(next(f.value for f in result.response.embeds[0].fields if f.name == name))


async def test_the_forum_deleted_while_away_pauses_the_schedule_and_staff_are_told(
    sqlite_url: str,
) -> None:
    """Discord deletes a forum's posts with it, and their messages. As after a live
    deletion: the discussion closes, what was said there is erased as deleted messages
    are, the schedule is paused, and staff read why."""
    async with world(sqlite_url) as w:
        thread, _ = await w.post()
        said = await w.members[0].send(thread, "Avant la suppression.")
        await w.stop()
        w.env.backend.delete_channel(thread.id)  # the forum's posts go with it
        w.env.backend.delete_channel(w.forum.id)
        await w.start()
        (row,) = await w.rows(Discussion)
        assert row.closed_at is not None
        (erased,) = await w.rows(Reply)
        assert erased.id == said.id and erased.deleted and erased.text == ""
        shown = await w.mod.slash(w.text, "schedule show")
        assert shown.ephemeral
        state = _field(shown, "Status")
        assert state.startswith("⏸️ Paused:") and "channel was deleted" in state, state
        added = await w.mod.slash(w.text, "question add", text="Une nouvelle question ?")
        assert "Posting is paused: the discussion channel was deleted" in added.response.content
        assert not w.env.errors


async def test_removed_from_the_server_while_away_then_invited_back_loses_nothing(
    sqlite_url: str,
) -> None:
    """The bot was removed from the server while it was stopped. At start that server is
    not among its servers: it is left as at a live removal (the schedule paused, its
    discussions set aside, not closed as if their threads were deleted). Invited back,
    they are open again and what members wrote meanwhile is read. SimCord has no "invite
    again": the test puts the same server back and announces it with GUILD_CREATE."""

    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        before = await alice.send(thread, "Avant l'expulsion.")
        await w.stop()
        kicked = w.remove_bot()
        await w.start()
        (row,) = await w.rows(Discussion)
        assert row.closed_at is None  # its thread was not deleted: only out of reach
        assert w.app.open.get(discussion.id) is None
        kicked.restore()
        meanwhile = await bruno.send(thread, "Pendant l'expulsion.")
        kicked.invite()
        await w.settle()
        assert w.app.open.get(discussion.id) is not None
        texts = {r.id: r.text for r in await w.rows(Reply)}
        assert texts == {before.id: "Avant l'expulsion.", meanwhile.id: "Pendant l'expulsion."}
        shown = await w.mod.slash(w.text, "schedule show")
        assert _field(shown, "Status").startswith("⏸️ Paused:")
        assert not w.env.errors


async def test_a_thread_archived_and_locked_while_away_is_read_and_closes_on_time(
    sqlite_url: str,
) -> None:
    """A moderator archived and locked the thread while the bot was away: it leaves the
    bot's cache, yet what was written before is read, and the discussion closes once,
    at its time, with its summary."""
    async with world(sqlite_url) as w:
        w.clock.set(w.env.now())
        thread, discussion = await w.post()
        before = await w.members[0].send(thread, "Avant la panne.")
        await w.stop()
        away = await w.members[1].send(thread, "Pendant la panne, avant le verrou.")
        w.env.backend.edit_channel(
            thread.id, {}, thread_metadata={"archived": True, "locked": True}
        )
        await w.start()
        assert {r.id for r in await w.rows(Reply)} == {before.id, away.id}
        (row,) = await w.rows(Discussion)
        assert row.closed_at is None  # not closed by the lock: it is the moderators' call
        w.clock.set(discussion.closes_at + timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        await w.bot.scheduler.tick()
        await w.settle()
        (row,) = await w.rows(Discussion)
        assert row.closed_at is not None
        bot_id = w.env.backend.bot_user.id
        summaries = [
            m
            for m in w.env.backend.messages[thread.id].values()
            if m.author_id == bot_id and m.id != discussion.message_id
        ]
        assert len(summaries) == 1
        assert not w.env.errors


async def test_started_twice_in_a_row_every_reply_is_stored_once(sqlite_url: str) -> None:
    """The first process is stopped as soon as it started; the second reads the whole
    history again, with what was written in between: nothing twice, nothing missing."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        first = await w.members[0].send(thread, "Avant la panne.")
        await w.stop()
        backend = w.env.backend
        written = [first.id]
        for n in range(230):
            written.append(backend.create_message(thread.id, w.members[n % 3].id, f"avis {n}").id)
        short_lived = w.new_bot()
        await simcord.env._attach_bot(w.env, short_lived)
        await w.env._detach_bot()
        await short_lived.app.close()
        for n in range(5):
            written.append(backend.create_message(thread.id, w.members[n % 3].id, f"encore {n}").id)
        await w.start()
        ids = [r.id for r in await w.rows(Reply, Reply.discussion_id == discussion.id)]
        assert sorted(ids) == sorted(written)
        assert not w.env.errors


async def test_invited_back_while_away_posts_again_once_staff_resume(sqlite_url: str) -> None:
    """Removed from the server while running, invited back while stopped: at start the
    server is among its servers again (no "join" event: it was there at READY). It is
    back as after a live invitation: the schedule waits for staff, its discussions are
    open again with what was written meanwhile, and /schedule resume posts again (the
    server stayed marked 'removed': resume said so, and nothing was ever posted)."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        backend = w.env.backend
        server = backend.guilds[w.guild.id]
        kept = {i: backend.channels[i] for i in [*server.channel_ids, *server.thread_ids]}
        messages = {i: backend.messages.get(i, {}) for i in kept}
        backend.remove_guild(w.guild.id)  # removed live
        await w.settle()
        await w.stop()
        backend.guilds[w.guild.id] = server  # invited back while the bot is stopped
        backend.channels.update(kept)
        backend.messages.update(messages)
        meanwhile = await w.members[0].send(thread, "Pendant l'absence du bot.")
        await w.start()
        assert w.app.open.get(discussion.id) is not None
        assert meanwhile.id in {r.id for r in await w.rows(Reply)}
        shown = await w.mod.slash(w.text, "schedule show")
        assert _field(shown, "Status").startswith("⏸️ Paused:")
        await w.mod.slash(w.text, "schedule resume")
        (guild,) = await w.rows(Guild)
        assert guild.present and not guild.paused
        before = len(await w.rows(Discussion))
        w.clock.set(w.clock.now() + timedelta(days=8))  # past the next weekly slot
        await w.bot.scheduler.tick()
        await w.settle()
        assert len(await w.rows(Discussion)) == before + 1
        assert not w.env.errors


def _review_field(shown: Any) -> str:
    return str(next(f.value for f in shown.response.embeds[0].fields if f.name == "Propositions"))


@pytest.mark.parametrize("kind", ["channel", "thread"])
async def test_a_review_channel_deleted_while_away_is_no_longer_the_review_channel(
    sqlite_url: str, kind: str
) -> None:
    """Deleted live, the staff channel (or thread) stops being the review channel; deleted
    while the bot was stopped, it stayed configured: /schedule show named a channel that
    was gone, and each new suggestion's card failed unseen. Found at start, it goes as it
    would have gone live."""
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        staff = w.guild.create_text_channel("moderation")
        if kind == "thread":
            thread = w.env.backend.create_thread(staff.id, "propositions", w.mod.id)
            staff = simcord.ChannelHandle(w.env, w.guild, thread)
        await w.setup(review_channel=staff)
        await w.stop()
        w.env.backend.delete_channel(staff.id)
        await w.start()
        (guild,) = await w.rows(Guild)
        assert guild.review_channel_id is None
        shown = await w.mod.slash(w.text, "schedule show")
        assert f"<#{staff.id}>" not in _review_field(shown)
        assert "elles attendent dans /question propositions" in _review_field(shown)
        assert not w.env.errors


def _active_threads_only(w: World) -> None:
    """Discord lists a server's active threads only when a session starts (SimCord lists
    archived ones too): an archived thread is out of the bot's cache at start."""

    def strip(event: str, payload: Any) -> None:
        if event == "GUILD_CREATE" and isinstance(payload, dict):
            threads = payload.get("threads") or []
            payload["threads"] = [t for t in threads if not t["thread_metadata"]["archived"]]

    w.env.backend.subscribers.insert(0, strip)


@pytest.mark.parametrize("fault", [None, 403, 500])
async def test_a_review_thread_archived_while_away_stays_the_review_channel(
    sqlite_url: str, fault: int | None
) -> None:
    """An archived thread is out of the bot's cache at start, as a deleted one is: Discord
    is asked, and only its « not found » lets the review channel go. An archived thread,
    a refusal or Discord's bad moment change nothing."""
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        staff = w.guild.create_text_channel("moderation")
        thread = w.env.backend.create_thread(staff.id, "propositions", w.mod.id)
        await w.setup(review_channel=simcord.ChannelHandle(w.env, w.guild, thread))
        await w.stop()
        w.env.backend.edit_channel(thread.id, {}, thread_metadata={"archived": True})
        _active_threads_only(w)
        if fault is not None:
            w.env.inject_error("GET", f"/channels/{thread.id}", status=fault, times=5)
        before = len(w.env.http_requests)
        await w.start()
        asked = [r for r in w.env.http_requests[before:] if r.path == f"/channels/{thread.id}"]
        assert asked and w.bot.get_channel(thread.id) is None
        (guild,) = await w.rows(Guild)
        assert guild.review_channel_id == thread.id
        w.env.backend.faults.clear()
        shown = await w.mod.slash(w.text, "schedule show")
        assert f"<#{thread.id}>" in _review_field(shown)
        assert not w.env.errors
