"""What members do after a discussion's closing time, before the bot has closed it.

The bot closes at its next tick (or at start, when it was away at closing time):
until then the discussion is still open in memory, and everything that arrives
stamped after the closing time must be left out, as new messages already are.
Both clocks (the bot's and the simulated Discord's) read the same instant here.
"""

from __future__ import annotations

from datetime import timedelta

import simcord

from db.models import Reply, ReplyRevision, Vote
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
