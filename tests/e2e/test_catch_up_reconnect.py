"""A new gateway session of a running bot (its session could not resume): votes changed
during the cut are caught up, and who reacted is asked only on the replies whose vote
counts differ from the votes stored (one request per vote emoji and 100 of its members,
at every reconnect, on every reply with votes, was rate-limit pressure for nothing).

A reconnect trusts equal counts: the bot followed every reaction live until the cut. A
start after being down does not (see ``test_catch_up_away``): who reacted is asked on
every reply with votes, as a reaction handed over from one member to another while the
bot was away leaves the counts as they were.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from bot import custom_ids
from db.models import Reply, ReplyRevision, Vote
from tests.harness import World, from_gateway, world

READY_WAIT = 5.0
"""Virtual seconds past discord.py's wait for a new session's servers (``guild_ready_timeout``)."""


async def _reconnect(w: World, cut: list[Awaitable[Any]]) -> list[str]:
    """The gateway cut (members act meanwhile: ``cut``), then a new session; returns the
    paths of the reactor lists the bot asked for."""
    await w.settle()
    before = len(w.env.http_requests)
    shard = w.bot.get_shard(0)._parent
    await from_gateway(w.env, shard.disconnect())
    for act in cut:
        await act
    await from_gateway(w.env, shard.reconnect())  # IDENTIFY: READY, a new session
    await w.env.advance_time(READY_WAIT)
    await w.settle()
    return [r.path for r in w.env.http_requests[before:] if "/reactions/" in r.path]


async def _votes(w: World) -> dict[tuple[int, int], int]:
    return {(v.reply_id, v.voter_id): v.value for v in await w.rows(Vote)}


async def _stored(w: World) -> tuple[Any, ...]:
    replies = [(r.id, r.text, r.deleted, r.edited_at) for r in await w.rows(Reply)]
    votes = [(v.reply_id, v.voter_id, v.value, v.at, v.by_reaction) for v in await w.rows(Vote)]
    return replies, votes, len(await w.rows(ReplyRevision))


async def test_a_reconnect_with_nothing_changed_asks_no_one_who_reacted(sqlite_url: str) -> None:
    """Reactions of every vote emoji, in a skin tone, beside a card vote: the counts
    agree with the votes stored, nothing is asked and nothing is stored."""
    async with world(sqlite_url, members=4) as w:
        thread, discussion = await w.post()
        alice, bruno, chloe, david = w.members
        first = await alice.send(thread, "Les studios vont tout automatiser.")
        second = await bruno.send(thread, "Et les doubleurs avec.")
        await w.settle()
        card = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        shown = int(card.response.embeds[0].fields[0].value.rsplit("/", 1)[1])
        await alice.click(
            card.response.message, custom_id=custom_ids.vote(discussion.id, shown, -1)
        )
        await bruno.react(first, "👍🏽")
        await chloe.react(first, "👍")
        await david.react(first, "👎")
        await chloe.react(second, "🤷")
        await david.react(second, "👍")
        await w.settle()
        assert len(await _votes(w)) == 6
        stored = await _stored(w)
        asked = await _reconnect(w, [])
        assert asked == []
        assert await _stored(w) == stored
        assert not w.env.errors


async def test_a_vote_added_during_a_reconnect_is_caught_asking_only_its_reply(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=4) as w:
        thread, _ = await w.post()
        alice, bruno, chloe, david = w.members
        first = await alice.send(thread, "Les studios vont tout automatiser.")
        second = await bruno.send(thread, "Et les doubleurs avec.")
        await chloe.react(first, "👍")
        await david.react(second, "👎")
        await w.settle()
        asked = await _reconnect(w, [david.react(first, "👍")])
        assert await _votes(w) == {
            (first.id, chloe.id): 1,
            (first.id, david.id): 1,
            (second.id, david.id): -1,
        }
        assert asked and all(f"/messages/{first.id}/" in path for path in asked), asked
        assert not w.env.errors


async def test_a_vote_taken_back_during_a_reconnect_is_taken_back(sqlite_url: str) -> None:
    async with world(sqlite_url, members=4) as w:
        thread, _ = await w.post()
        alice, _, chloe, david = w.members
        reply = await alice.send(thread, "Les studios vont tout automatiser.")
        await chloe.react(reply, "👍")
        await david.react(reply, "👍")
        await w.settle()
        asked = await _reconnect(w, [chloe.unreact(reply, "👍")])
        assert await _votes(w) == {(reply.id, david.id): 1}
        assert asked
        assert not w.env.errors


async def test_a_vote_swapped_during_a_reconnect_is_her_new_vote(sqlite_url: str) -> None:
    """Chloé's 👍 taken back and her 👎 added: as many reactions as before, not as many
    of each vote."""
    async with world(sqlite_url, members=4) as w:
        thread, _ = await w.post()
        alice, bruno, chloe, _ = w.members
        reply = await alice.send(thread, "Les studios vont tout automatiser.")
        await chloe.react(reply, "👍")
        await bruno.react(reply, "👎")
        await w.settle()
        await _reconnect(w, [chloe.unreact(reply, "👍"), chloe.react(reply, "👎")])
        assert await _votes(w) == {(reply.id, chloe.id): -1, (reply.id, bruno.id): -1}
        assert not w.env.errors


async def test_a_reaction_handed_over_during_a_reconnect_is_the_new_voters_from_the_next_start(
    sqlite_url: str,
) -> None:
    """The price of trusting counts at a reconnect: Alice's 👍 taken back and Bruno's
    added during the cut leave the counts as they were, and Alice keeps the vote until
    the next start, which asks who reacted on every reply with votes."""
    async with world(sqlite_url, members=4) as w:
        thread, _ = await w.post()
        alice, bruno, chloe, _ = w.members
        reply = await chloe.send(thread, "Les studios vont tout automatiser.")
        await alice.react(reply, "👍")
        await w.settle()
        await _reconnect(w, [alice.unreact(reply, "👍"), bruno.react(reply, "👍")])
        assert await _votes(w) == {(reply.id, alice.id): 1}
        await w.restart()
        assert await _votes(w) == {(reply.id, bruno.id): 1}
        assert not w.env.errors


async def test_a_reopened_discussion_is_read_whole_at_the_next_session(sqlite_url: str) -> None:
    """While it was closed the bot followed none of its reactions: Alice's 👍 taken back and
    Bruno's added then leave the counts as they were, and the next session asks who
    reacted there as at a start."""
    async with world(sqlite_url, members=4) as w:
        thread, discussion = await w.post()
        alice, bruno, chloe, _ = w.members
        reply = await chloe.send(thread, "Les studios vont tout automatiser.")
        await alice.react(reply, "👍")
        await w.settle()
        await w.mod.slash(w.forum, "discussion close", discussion=discussion.id)
        await w.settle()
        await alice.unreact(reply, "👍")
        await bruno.react(reply, "👍")
        await w.mod.slash(w.forum, "discussion reopen", discussion=discussion.id)
        await w.settle()
        assert await _votes(w) == {(reply.id, alice.id): 1}
        asked = await _reconnect(w, [])
        assert asked
        assert await _votes(w) == {(reply.id, bruno.id): 1}
        assert not w.env.errors


async def _reactions_casting_no_vote(w: World) -> tuple[Any, Any]:
    """Alice's reply, with Bruno's 👍 (a vote) beside reactions that cast none: Alice's own
    👍, another bot's 👎, and Chloé's 🤷 once she opted out; and a reply of Bruno's."""
    thread, _ = await w.post()
    alice, bruno, chloe, _ = w.members
    robot = w.guild.add_member(w.env.create_user("autre-robot", bot=True))
    reply = await alice.send(thread, "Les studios vont tout automatiser.")
    other = await bruno.send(thread, "Et les doubleurs avec.")
    await chloe.slash(w.text, "mydata optout")
    await alice.react(reply, "👍")
    await bruno.react(reply, "👍")
    await robot.react(reply, "👎")
    await chloe.react(reply, "🤷")
    await alice.react(other, "👎")
    await w.settle()
    assert await _votes(w) == {(reply.id, bruno.id): 1, (other.id, alice.id): -1}
    return reply, other


async def test_reactions_that_cast_no_vote_are_asked_once_then_not_at_each_reconnect(
    sqlite_url: str,
) -> None:
    """The counts of Alice's reply never agree with its votes. The start reads who reacts
    there; the next sessions ask no one while nothing changed, and ask again when a vote
    changes there during a cut."""
    async with world(sqlite_url, members=4) as w:
        reply, other = await _reactions_casting_no_vote(w)
        alice, bruno, _, david = w.members
        await w.restart()
        assert await _reconnect(w, []) == []
        assert await _reconnect(w, []) == []
        asked = await _reconnect(w, [david.react(reply, "👎")])
        assert asked and all(f"/messages/{reply.id}/" in path for path in asked), asked
        assert await _votes(w) == {
            (reply.id, bruno.id): 1,
            (reply.id, david.id): -1,
            (other.id, alice.id): -1,
        }
        assert await _reconnect(w, []) == []
        asked = await _reconnect(w, [bruno.unreact(reply, "👍")])
        assert asked and all(f"/messages/{reply.id}/" in path for path in asked), asked
        assert await _votes(w) == {(reply.id, david.id): -1, (other.id, alice.id): -1}
        assert not w.env.errors


async def test_a_reply_followed_live_is_asked_at_the_first_reconnect_only(sqlite_url: str) -> None:
    async with world(sqlite_url, members=4) as w:
        reply, _ = await _reactions_casting_no_vote(w)
        asked = await _reconnect(w, [])
        assert asked and all(f"/messages/{reply.id}/" in path for path in asked), asked
        assert await _reconnect(w, []) == []
        assert not w.env.errors


async def test_a_live_reaction_after_the_reading_makes_the_next_session_ask_again(
    sqlite_url: str,
) -> None:
    """Alice takes back her own 👍 live and David adds one during the cut: the counts are as
    the start found them, and so are the votes stored; the reply is asked all the same,
    and David's vote stored."""
    async with world(sqlite_url, members=4) as w:
        reply, other = await _reactions_casting_no_vote(w)
        alice, bruno, _, david = w.members
        await w.restart()
        await alice.unreact(reply, "👍")
        await w.settle()
        asked = await _reconnect(w, [david.react(reply, "👍")])
        assert asked
        assert await _votes(w) == {
            (reply.id, bruno.id): 1,
            (reply.id, david.id): 1,
            (other.id, alice.id): -1,
        }
        assert not w.env.errors
