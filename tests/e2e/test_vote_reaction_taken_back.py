"""A vote reaction taken back live while the member still reacts with another: her
vote changes only if the one taken back was it."""

from __future__ import annotations

from db.models import Vote
from tests.harness import world


async def test_a_vote_reaction_taken_back_that_was_not_her_vote_leaves_her_vote(
    database_url: str,
) -> None:
    """👍, 🤷 then 👎 (her vote: 👎, the latest); taking 🤷 back, which was not her vote,
    leaves her 👎: the reply's reactions list 👎 first (another member's), 👍 after it,
    and the 👍 she reacts with further down that list must not become her vote. The same
    with a vote she cast on the card: a reaction taken back that was not it leaves it."""
    async with world(database_url) as w:
        thread, _ = await w.post()
        alice, bruno, chloe = w.members
        reply = await alice.send(thread, "Le cinéma restera humain.")
        await chloe.react(reply, "👎")
        for emoji in ("👍", "🤷", "👎"):
            await bruno.react(reply, emoji)
        await w.settle()
        assert {v.voter_id: v.value for v in await w.rows(Vote)} == {bruno.id: -1, chloe.id: -1}
        await bruno.unreact(reply, "🤷")
        await w.settle()
        assert {v.voter_id: v.value for v in await w.rows(Vote)} == {bruno.id: -1, chloe.id: -1}
        await bruno.unreact(reply, "👎")  # now her 👍, still there, is her vote
        await w.settle()
        assert {v.voter_id: v.value for v in await w.rows(Vote)} == {bruno.id: 1, chloe.id: -1}
        assert not w.env.errors


async def test_another_bot_taking_back_a_vote_reaction_is_given_no_vote(
    database_url: str,
) -> None:
    """A suggestion bot puts 👍 and 👎 under every message, then takes 👎 back: a bot's
    reactions are nobody's vote, added or left."""
    async with world(database_url) as w:
        thread, _ = await w.post()
        alice = w.members[0]
        other_bot = w.guild.add_member(w.env.create_user("sondages", bot=True))
        reply = await alice.send(thread, "Le cinéma restera humain.")
        await other_bot.react(reply, "👍")
        await other_bot.react(reply, "👎")
        await other_bot.unreact(reply, "👎")
        await w.settle()
        assert await w.rows(Vote) == []
        assert not w.env.errors
