"""What members do after a discussion's closing time, before the bot has closed it.

The bot closes at its next tick (or at start, when it was away at closing time):
until then the discussion is still open in memory, and everything that arrives
stamped after the closing time must be left out, as new messages already are.
Both clocks (the bot's and the simulated Discord's) read the same instant here.
"""

from __future__ import annotations

from datetime import timedelta

import simcord

from db.models import Discussion, Reply, ReplyRevision, Vote
from tests.harness import World, world


async def _past_closing_time(w: World) -> None:
    w.clock.advance(timedelta(hours=73))
    await w.env.advance_time(73 * 3600)


async def test_edits_and_reactions_after_closing_time_are_left_out(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        w.clock.set(w.env.now())
        thread, _ = await w.post()
        alice, bruno = w.members[:2]
        early = await alice.send(thread, "Avant la clôture.")
        await w.settle()
        await _past_closing_time(w)
        late = await bruno.send(thread, "Après la clôture.")
        await bruno.edit(late, "Après la clôture, modifié.")
        await alice.edit(early, "Avant la clôture, modifié après.")
        await bruno.react(early, "👍")
        await w.settle()
        assert [r.text for r in await w.rows(Reply)] == ["Avant la clôture."]
        assert await w.rows(ReplyRevision) == []
        assert await w.rows(Vote) == []


async def test_catch_up_leaves_out_what_was_written_after_closing_time(sqlite_url: str) -> None:
    """The bot was away at closing time: at start it reads the thread before it closes."""
    async with world(sqlite_url) as w:
        w.clock.set(w.env.now())
        thread, _ = await w.post()
        alice, bruno = w.members[:2]
        early = await alice.send(thread, "Avant la clôture.")
        await w.settle()
        await w.env._detach_bot()
        await alice.edit(early, "Avant la clôture, corrigé pendant la panne.")
        await _past_closing_time(w)
        await bruno.send(thread, "Écrit après la clôture, pendant la panne.")
        await alice.edit(early, "Modifié après la clôture.")
        new_bot = w.new_bot()
        await simcord.env._attach_bot(w.env, new_bot)
        w.bot = new_bot
        await w.settle()
        assert [r.text for r in await w.rows(Reply)] == ["Avant la clôture."]


async def test_a_reply_written_in_time_and_edited_after_closing_while_away_is_left_out(
    sqlite_url: str,
) -> None:
    """Written while the bot was away, before the closing time, and edited after it:
    Discord keeps only the edited text, stamped after the close. Live, such an edit is
    left out (the text written in time is kept); at start there is no text written in
    time to keep, and the one written after the close is not stored either."""
    async with world(sqlite_url) as w:
        w.clock.set(w.env.now())
        thread, _ = await w.post()
        alice, bruno = w.members[:2]
        await w.stop()
        kept = await alice.send(thread, "Écrit à temps, pendant la panne.")
        rewritten = await bruno.send(thread, "Écrit à temps aussi.")
        await _past_closing_time(w)
        await bruno.edit(rewritten, "Réécrit après la clôture.")
        await w.start()
        assert [(r.id, r.text) for r in await w.rows(Reply)] == [
            (kept.id, "Écrit à temps, pendant la panne.")
        ]
        (row,) = await w.rows(Discussion)
        assert row.closed_at is not None
        bot_id = w.env.backend.bot_user.id
        shown = [
            str(m.embeds)
            for m in w.env.backend.messages[thread.id].values()
            if m.author_id == bot_id
        ]
        assert not any("Réécrit après la clôture" in s for s in shown)
        assert not w.env.errors


async def test_a_reply_edited_after_closing_during_a_resumed_cut_is_left_out(
    sqlite_url: str,
) -> None:
    """The same during a gateway cut the session resumes from: the safety net that reads
    what came after the newest stored reply stores no text written after the close."""
    async with world(sqlite_url) as w:
        w.clock.set(w.env.now())
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        await alice.send(thread, "Avant la coupure.")
        await w.settle()
        shard = w.bot.get_shard(0)._parent  # SimCord's shard: events are dropped while closed
        shard.ws.open = False
        rewritten = await bruno.send(thread, "Écrit à temps, pendant la coupure.")
        await _past_closing_time(w)
        await bruno.edit(rewritten, "Réécrit après la clôture.")
        await w.settle()
        shard.ws.open = True
        w.env.backend.emit("RESUMED", {"__shard_id__": 0})
        await w.settle()
        await w.bot.scheduler.tick()
        await w.settle()
        assert [r.text for r in await w.rows(Reply)] == ["Avant la coupure."]
        (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
        assert row.closed_at is not None
        assert not w.env.errors
