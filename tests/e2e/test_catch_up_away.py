"""What members did while the bot was away (stopped, disconnected, removed from the
server), caught up when it is back: replies, vote reactions added, taken back or
cleared, threads deleted; and nothing closed before that reading is done.

A vote cast on the card is not a reaction: Discord's reaction count says
nothing about it, so it must not hide a reaction added while the bot was away.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import timedelta
from typing import Any

import discord
import simcord
from sqlalchemy import select

from bot import custom_ids
from bot.clock import ManualClock
from db.models import Discussion, Reply, Vote
from tests.harness import START, World, from_gateway, make_bot, world

READY_WAIT = 5.0
"""Virtual seconds past discord.py's wait for a new session's servers (``guild_ready_timeout``)."""


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
        await w.bot.on_ready()  # a second new session changes nothing
        await w.settle()
        assert await _votes(w) == expected
        # This process read who reacted at its start and has followed it live since: the
        # counts agree with the votes stored (the card vote left out), nothing is asked.
        asked = [r.path for r in w.env.http_requests[before:] if "/reactions/" in r.path]
        assert asked == []
        assert not w.env.errors


async def test_a_reaction_taken_back_while_away_takes_its_vote_back_but_not_a_card_vote(
    sqlite_url: str,
) -> None:
    """Votes remember whether a reaction cast them: one whose reaction is gone was taken
    back while the bot was away; a vote cast on the card has no reaction to lose."""
    async with world(sqlite_url, members=4) as w:
        thread, discussion = await w.post()
        alice, bruno, chloe, david = w.members
        reply = await alice.send(thread, "Les studios vont tout automatiser.")
        other = await alice.send(thread, "Et les doubleurs avec.")
        await w.settle()
        post = w.post_message(discussion)
        card = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        shown = card.response.embeds[0].fields[0].value.rsplit("/", 1)[1]
        await bruno.click(
            card.response.message, custom_id=custom_ids.vote(discussion.id, int(shown), 1)
        )
        await chloe.react(reply, "👍")
        await david.react(reply, "👍")
        await david.react(other, "👎")
        await w.settle()
        assert len(await _votes(w)) == 4
        await _restart_after(w, [chloe.unreact(reply, "👍"), david.unreact(other, "👎")])
        assert await _votes(w) == {(int(shown), bruno.id): 1, (reply.id, david.id): 1}
        assert not w.env.errors


async def test_a_reaction_handed_over_while_away_is_the_new_voters_vote(
    sqlite_url: str,
) -> None:
    """Alice's 👍 taken back and Bruno's added while the bot was away: the count is the
    same, the voters are not. Catch-up compared counts only and kept Alice's vote, and
    Bruno's was never stored. Who reacted is asked on replies only (not on another bot's
    message, whose reactions are no votes)."""
    async with world(sqlite_url, members=4) as w:
        thread, _ = await w.post()
        alice, bruno, chloe, david = w.members
        reply = await chloe.send(thread, "Les studios vont tout automatiser.")
        await alice.react(reply, "👍")
        await david.react(reply, "👎")
        other_bot = w.guild.add_member(w.env.create_user("autre-bot", bot=True))
        announce = w.env.backend.create_message(thread.id, other_bot.id, "Rappel : soyez courtois.")
        w.env.backend.add_reaction(thread.id, announce.id, "👍", alice.id)
        await w.settle()
        assert await _votes(w) == {(reply.id, alice.id): 1, (reply.id, david.id): -1}
        before = len(w.env.http_requests)
        await _restart_after(w, [alice.unreact(reply, "👍"), bruno.react(reply, "👍")])
        assert await _votes(w) == {(reply.id, bruno.id): 1, (reply.id, david.id): -1}
        asked = [r.path for r in w.env.http_requests[before:] if "/reactions/" in r.path]
        assert len(asked) == 2 and all(f"/messages/{reply.id}/" in p for p in asked), asked
        assert not w.env.errors


async def test_a_member_who_changed_her_reaction_while_away_has_her_new_vote(
    sqlite_url: str,
) -> None:
    """Chloé's 👍 taken back and her 👎 added while the bot was away (she changed her
    mind): catch-up skipped her 👎 because a vote of hers was stored (the 👍 it was about
    to take back), then took the 👍 back: she was left with no vote at all."""
    async with world(sqlite_url, members=4) as w:
        thread, _ = await w.post()
        alice, bruno, chloe, david = w.members
        reply = await alice.send(thread, "Les studios vont tout automatiser.")
        other = await alice.send(thread, "Et les doubleurs avec.")
        await chloe.react(reply, "👍")
        await david.react(other, "👎")
        await bruno.react(other, "👍")
        await w.settle()
        await _restart_after(
            w,
            [
                chloe.unreact(reply, "👍"),
                chloe.react(reply, "👎"),
                david.unreact(other, "👎"),
                david.react(other, "🤷"),
                bruno.unreact(other, "👍"),
                bruno.react(other, "👎"),
            ],
        )
        assert await _votes(w) == {
            (reply.id, chloe.id): -1,
            (other.id, david.id): 0,
            (other.id, bruno.id): -1,
        }
        assert not w.env.errors


async def test_a_thread_deleted_while_away_closes_its_discussion_as_a_live_deletion_does(
    sqlite_url: str,
) -> None:
    """In a text channel the question post outlives its thread: it must be drawn closed,
    as after a live deletion, not take stances for a discussion no one can reply in
    (nor owe a closing summary that has nowhere to go)."""
    async with world(sqlite_url) as w:
        await w.setup(w.text)
        thread, discussion = await w.post(w.text)
        said = await w.members[0].send(thread, "Avant la suppression.")
        await _restart_after(w, [_delete_channel(w, thread.id)])
        (row,) = await w.rows(Discussion)
        assert row.closed_at is not None and w.app.open.get(discussion.id) is None
        (erased,) = await w.rows(Reply)  # its messages went with it: erased as deleted ones
        assert erased.id == said.id and erased.deleted and erased.text == ""
        assert _buttons_off(w.post_message(discussion))  # the post outlives its thread
        assert not w.env.errors


async def test_a_text_channel_post_whose_thread_is_deleted_is_drawn_closed(
    sqlite_url: str,
) -> None:
    """Else it said the discussion was open, with buttons that only answer 'closed'."""
    async with world(sqlite_url) as w:
        await w.setup(w.text)
        thread, discussion = await w.post(w.text)
        assert not _buttons_off(w.post_message(discussion))
        w.env.backend.delete_channel(thread.id)
        await w.settle()
        (row,) = await w.rows(Discussion)
        assert row.closed_at is not None
        assert _buttons_off(w.post_message(discussion))
        assert not w.env.errors


def _buttons_off(post: Any) -> bool:
    buttons = [item for row in post.components for item in row.children]
    return bool(buttons) and all(button.disabled for button in buttons)


async def _delete_channel(w: World, channel_id: int) -> None:
    w.env.backend.delete_channel(channel_id)


class _TickDuringStartUp:
    """The scheduler's timers firing while the bot starts: APScheduler runs a close
    whose time passed while the bot was away as soon as it starts, long before the
    gateway's READY (start-up still imports the analysis, connects, identifies)."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot

    async def start(self) -> None:
        await self.bot.scheduler.tick()

    async def stop(self) -> None:
        return None


async def test_a_discussion_due_to_close_while_away_keeps_what_was_written_before_its_close(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        await alice.send(thread, "Avant la panne.")
        await w.settle()
        await w.env._detach_bot()
        await w.bot.app.close()
        late = await bruno.send(thread, "Pendant la panne, avant la clôture.")
        w.clock.set(discussion.closes_at + timedelta(hours=1))
        new_bot = w.new_bot()
        new_bot.attached.append(_TickDuringStartUp(new_bot))
        await simcord.env._attach_bot(w.env, new_bot)
        w.bot = new_bot
        await w.settle()
        (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
        assert row.closed_at is not None  # closed all the same, once caught up
        texts = {r.id: r.text for r in await w.rows(Reply)}
        assert texts[late.id] == "Pendant la panne, avant la clôture."
        assert not w.env.errors


async def test_a_close_due_while_the_gateway_is_down_waits_for_the_resumed_catch_up(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        await alice.send(thread, "Avant la coupure.")
        await w.settle()
        shard = w.bot.get_shard(0)._parent  # SimCord's shard: events are dropped while closed
        await from_gateway(w.env, shard.disconnect())
        missed = await bruno.send(thread, "Pendant la coupure, avant la clôture.")
        w.clock.set(discussion.closes_at + timedelta(minutes=1))
        await w.bot.scheduler.tick()  # the timers keep firing while the gateway is down
        await w.settle()
        shard.ws.open = True
        w.env.backend.emit("RESUMED", {"__shard_id__": 0})
        await w.settle()
        await w.bot.scheduler.tick()
        await w.settle()
        (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
        assert row.closed_at is not None
        texts = {r.id: r.text for r in await w.rows(Reply)}
        assert texts[missed.id] == "Pendant la coupure, avant la clôture."
        assert not w.env.errors


async def test_reactions_cleared_by_a_moderator_take_their_votes_back_at_once(
    sqlite_url: str,
) -> None:
    """A moderator removes every reaction of a reply, or one emoji's: the votes those
    reactions cast go at once (not only at the next start's catch-up); votes cast on
    the card stay."""
    async with world(sqlite_url, members=4) as w:
        thread, discussion = await w.post()
        alice, bruno, chloe, david = w.members
        reply = await alice.send(thread, "Les studios vont tout automatiser.")
        other = await bruno.send(thread, "Et les doubleurs avec.")
        await w.settle()
        card = await david.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        shown = int(card.response.embeds[0].fields[0].value.rsplit("/", 1)[1])
        await david.click(
            card.response.message, custom_id=custom_ids.vote(discussion.id, shown, -1)
        )
        await bruno.react(reply, "👍")
        await chloe.react(reply, "👎")
        await chloe.react(other, "👍")
        await alice.react(other, "👎")
        await w.settle()
        assert len(await _votes(w)) == 5
        w.env.backend.clear_reactions(thread.id, reply.id)
        w.env.backend.clear_reaction(thread.id, other.id, "👍")
        await w.settle()
        assert await _votes(w) == {(shown, david.id): -1, (other.id, alice.id): -1}
        await w.restart()  # catch-up agrees
        assert await _votes(w) == {(shown, david.id): -1, (other.id, alice.id): -1}
        assert not w.env.errors


async def test_vote_reactions_in_any_skin_tone_are_votes_live_and_caught_up(
    sqlite_url: str,
) -> None:
    """Discord's picker reacts in the member's chosen skin tone: 👍🏽 is a 👍."""
    async with world(sqlite_url, members=4) as w:
        thread, _ = await w.post()
        alice, bruno, chloe, david = w.members
        reply = await alice.send(thread, "Les studios vont tout automatiser.")
        await bruno.react(reply, "👍🏽")
        await chloe.react(reply, "👎🏿")
        await w.settle()
        assert await _votes(w) == {(reply.id, bruno.id): 1, (reply.id, chloe.id): -1}
        await chloe.unreact(reply, "👎🏿")
        await w.settle()
        assert await _votes(w) == {(reply.id, bruno.id): 1}
        await _restart_after(w, [david.react(reply, "🤷🏾‍♂️"), bruno.unreact(reply, "👍🏽")])
        assert await _votes(w) == {(reply.id, david.id): 0}
        assert not w.env.errors


async def test_a_forwarded_message_replies_to_nothing(sqlite_url: str) -> None:
    """A forward's reference names the message forwarded, maybe in another channel: it
    is not a reply to it (a reply's reference is kept, live and caught up)."""
    async with world(sqlite_url) as w:
        thread, _ = await w.post()
        alice, bruno = w.members[:2]
        elsewhere = await bruno.send(w.text, "Un article à lire.")
        first = await bruno.send(thread, "Mon avis.")
        forwarded = await alice.forward(elsewhere, thread)
        answer = await alice.send(thread, "Je ne suis pas d'accord.", reply_to=first)
        await _restart_after(
            w,
            [
                alice.forward(first, thread),
                alice.send(thread, "Pendant la panne.", reply_to=first),
            ],
        )
        rows = {r.id: r.reply_to for r in await w.rows(Reply)}
        assert rows[forwarded.id] is None and rows[answer.id] == first.id
        assert sorted(rows.values(), key=str) == sorted(
            [None, None, None, first.id, first.id], key=str
        )
        assert not w.env.errors


async def test_an_erased_reply_still_on_discord_costs_nothing_at_each_start(
    sqlite_url: str,
) -> None:
    """Its author erased her data: the message stays in the thread with its reactions.
    Catch-up knows it is erased and neither queues it nor asks who reacted, at every start."""
    async with world(sqlite_url) as w:
        thread, _ = await w.post()
        alice, bruno = w.members[:2]
        hers = await alice.send(thread, "Un avis que je retirerai.")
        await bruno.react(hers, "👍")
        await w.settle()
        asked = await alice.slash(thread, "mydata delete")
        await alice.click(asked.response.message, label="Yes, erase everything")
        await w.settle()
        before = len(w.env.http_requests)
        await w.bot.on_ready()
        await w.settle()
        asked_who = [r for r in w.env.http_requests[before:] if f"/messages/{hers.id}/" in r.path]
        assert asked_who == []
        (row,) = await w.rows(Reply)
        assert row.deleted and row.text == "" and await w.rows(Vote) == []
        assert not w.env.errors


async def test_replies_written_while_the_bot_was_kicked_are_read_when_it_is_invited_back(
    sqlite_url: str,
) -> None:
    """Removed from a server, the bot sees nothing there; invited back, its open
    discussions are open again, and what members wrote meanwhile is read then (not only
    at the next start, maybe after they closed). SimCord has no "invite again": the test
    puts the same server back and announces it with GUILD_CREATE, as Discord does."""

    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        before = await alice.send(thread, "Avant l'expulsion.")
        await w.settle()
        kicked = w.remove_bot()
        await w.settle()
        kicked.restore()
        meanwhile = await bruno.send(thread, "Pendant l'expulsion.")
        await w.settle()
        kicked.invite()
        await w.settle()
        assert w.app.open.get(discussion.id) is not None
        texts = {r.id: r.text for r in await w.rows(Reply)}
        assert texts == {before.id: "Avant l'expulsion.", meanwhile.id: "Pendant l'expulsion."}
        assert not w.env.errors


async def test_a_close_due_while_the_gateway_is_down_waits_for_a_new_sessions_catch_up(
    sqlite_url: str,
) -> None:
    """The session could not resume: a new one (READY) reads every open thread first."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        await w.settle()
        shard = w.bot.get_shard(0)._parent
        await from_gateway(w.env, shard.disconnect())
        missed = await w.members[1].send(thread, "Pendant la coupure, avant la clôture.")
        w.clock.set(discussion.closes_at + timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
        assert row.closed_at is None  # waits for the catch-up
        await from_gateway(w.env, shard.reconnect())  # IDENTIFY: READY, a new session
        await w.env.advance_time(READY_WAIT)  # discord.py waits for the servers, then is ready
        await w.settle()
        await w.bot.scheduler.tick()
        await w.settle()
        (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
        assert row.closed_at is not None
        assert missed.id in {r.id for r in await w.rows(Reply)}
        assert not w.env.errors


async def test_one_shard_of_a_process_reconnecting_holds_back_its_own_servers_closes_only(
    sqlite_url: str,
) -> None:
    """A process running two shards: when one cannot resume, discord.py calls no
    ``on_ready`` (only ``on_shard_ready``); that shard is caught up then. Meanwhile the
    other shard's servers close on time."""
    clock = ManualClock(START)
    bot = make_bot(sqlite_url, clock, shard_count=2)
    async with simcord.run(bot) as env:
        env.settle_timeout = max(env.settle_timeout, 30.0)
        await bot.tree.sync()
        posted = []
        for shard_id in (0, 1):
            guild = env.create_guild(f"Serveur {shard_id}", shard_id=shard_id)
            forum = guild.create_forum_channel("debats")
            staff = guild.create_role(
                "modé", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
            )
            mod = guild.add_member(env.create_user(f"modo{shard_id}"), roles=[staff])
            member = guild.add_member(env.create_user(f"membre{shard_id}"))
            await mod.slash(forum, "setup", channel=forum)
            await mod.slash(forum, "question post")
            await env.settle()
            async with bot.app.sessions() as session:
                row = await session.scalar(
                    select(Discussion).where(Discussion.guild_id == guild.id)
                )
            thread = simcord.ChannelHandle(env, guild, env.backend.channels[row.thread_id])
            posted.append((row, thread, member))
        (quiet, _, _), (cut, cut_thread, cut_member) = posted
        shard = bot.get_shard(1)._parent
        await from_gateway(env, shard.disconnect())
        missed = await cut_member.send(cut_thread, "Pendant la coupure, avant la clôture.")
        clock.set(max(quiet.closes_at, cut.closes_at) + timedelta(minutes=1))
        await bot.scheduler.tick()
        await env.settle()
        assert _closed(bot, quiet.id) and not _closed(bot, cut.id)
        await from_gateway(env, shard.reconnect())  # READY for shard 1 only
        await env.advance_time(READY_WAIT)
        await env.settle()
        await bot.scheduler.tick()
        await env.settle()
        await bot.app.buffer.drain()
        assert _closed(bot, cut.id)
        async with bot.app.sessions() as session:
            assert await session.get(Reply, missed.id) is not None
        assert not env.errors


def _closed(bot: Any, discussion_id: int) -> bool:
    return bot.app.open.get(discussion_id) is None
