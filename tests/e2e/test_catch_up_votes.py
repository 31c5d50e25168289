"""What members did while the bot was away, caught up at start: votes and threads.

A vote cast on the card is not a reaction: Discord's reaction count says
nothing about it, so it must not hide a reaction added while the bot was away.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import simcord

from bot import custom_ids
from db.models import Vote
from tests.harness import World, world


async def _restart_after(w: World, away: list[Awaitable[Any]]) -> None:
    """Stop the bot, let members act (``away``: coroutines), start a new one."""
    await w.settle()
    await w.env._detach_bot()
    await w.bot.app.close()
    for act in away:
        await act
    new_bot = w.new_bot()
    await simcord.env._attach_bot(w.env, new_bot)
    w.bot = new_bot
    await w.settle()


async def _votes(w: World) -> dict[tuple[int, int], int]:
    return {(v.reply_id, v.voter_id): v.value for v in await w.rows(Vote)}


async def test_a_reaction_while_away_counts_beside_a_card_vote_of_the_same_value(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=4) as w:
        thread, discussion = await w.post()
        alice, bruno, chloe, david = w.members
        reply = await alice.send(thread, "Les studios vont tout automatiser.")
        await w.settle()
        post = w.post_message(discussion)
        card = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        await bruno.click(
            card.response.message, custom_id=custom_ids.vote(discussion.id, reply.id, 1)
        )
        await david.react(reply, "👎")  # a reaction stored live: counted as one
        await w.settle()
        await _restart_after(w, [chloe.react(reply, "👍")])
        expected = {(reply.id, bruno.id): 1, (reply.id, chloe.id): 1, (reply.id, david.id): -1}
        assert await _votes(w) == expected
        before = len(w.env.http_requests)
        await w.bot.on_ready()  # a second new session changes nothing, and asks no reacting members
        await w.settle()
        assert await _votes(w) == expected
        assert not [r for r in w.env.http_requests[before:] if "/reactions/" in r.path]
        assert not w.env.errors
