"""Catch-up at a new gateway session: the requests it makes for the vote reactions.

One open discussion with R replies, each with up to V members' vote reactions, all
stored live. Then, in one run, three new gateway sessions of the same process (the
shard cut, then identified again, as when Discord will not resume a session):

* **whole read**: the process forgets which discussions it followed live (as at a
  start): who reacted is asked on every reply with votes, as every new session did
  before (main at e38e747);
* **counts trusted, nothing changed**: asked nowhere;
* **counts trusted, K replies changed during the cut** (a vote added, taken back or
  swapped): asked on those K replies only.

After each, the votes stored are checked (unchanged, or as the reactions stand).

    python bench/catch_up_reconnect.py                   # R = 300, V = 8, K = 10, SQLite
    python bench/catch_up_reconnect.py --quick           # R = 40 (CI, ~15 s)
    python bench/catch_up_reconnect.py --replies 1000 --backend both

Members vote on others' replies. Every Nth reply (``--no-vote-every``, 5 by default; 0:
none) also has a vote reaction that casts no vote, in turn its author's own, another
bot's and an opted-out member's: its counts never agree with the votes stored, so it is
asked again at every session unless the bot remembers what its last full reading found
(``catch_up_votes.unchanged``).

Goal: no reactor request at a reconnect where nothing changed, and at most one per vote
emoji on the changed replies at one where K changed.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import discord
import simcord
from _common import backends, bench_database, french_text, table
from sqlalchemy import select

from bot.clock import ManualClock
from bot.config import Settings
from bot.factory import create_bot
from bot.services.discussions import load_open
from db.models import Vote

START = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
EMOJI = {"👍": 1, "👎": -1, "🤷": 0}
READY_WAIT = 5.0
"""Virtual seconds past discord.py's wait for a new session's servers."""


async def _votes(bot: Any) -> dict[tuple[int, int], int]:
    await bot.app.buffer.drain()
    async with bot.app.sessions() as session:
        rows = await session.execute(select(Vote.reply_id, Vote.voter_id, Vote.value))
        return {(reply, voter): value for reply, voter, value in rows}


async def _reconnect(env: Any, bot: Any, cut: Any = None) -> dict[str, Any]:
    """The shard cut (``cut()`` runs meanwhile), then a new session; what it asked."""
    await env.settle()
    await bot.app.buffer.drain()
    before = len(env.http_requests)
    shard = bot.get_shard(0)._parent
    with env._bot_scope():  # SimCord's own gateway traffic, as discord.py's
        await shard.disconnect()
    if cut is not None:
        cut()
    with env._bot_scope():
        await shard.reconnect()
    await env.advance_time(READY_WAIT)
    await env.settle()
    await bot.app.buffer.drain()
    asked = env.http_requests[before:]
    reactors = [r for r in asked if "/reactions/" in r.path]
    return {"reactors": len(reactors), "requests": len(asked)}


async def run_once(
    url: str, replies: int, voters: int, changed: int, no_vote_every: int
) -> list[list[Any]]:
    clock = ManualClock(START)
    bot = create_bot(Settings(database_url=url), clock=clock, timers=False, sync_commands=False)
    rng = random.Random(7)
    async with simcord.run(bot, shard_count=1) as env:
        env.settle_timeout = max(env.settle_timeout, 60.0)
        await bot.tree.sync()
        guild = env.create_guild("Cinéphiles")
        forum = guild.create_forum_channel("debats")
        staff = guild.create_role(
            "modération", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
        )
        mod = guild.add_member(env.create_user("modo"), roles=[staff])
        members = [guild.add_member(env.create_user(f"membre{n}")) for n in range(voters)]
        robot = guild.add_member(env.create_user("autre-robot", bot=True))
        away = guild.add_member(env.create_user("retrait"))
        await mod.slash(forum, "setup", channel=forum, language="fr")  # as measured before
        await away.slash(forum, "mydata optout")
        await mod.slash(forum, "question post")
        await env.settle()
        (discussion,) = bot.app.open.all()
        backend, thread = env.backend, discussion.thread_id
        posted = []
        for n in range(replies):
            author = members[n % voters]
            message = backend.create_message(thread, author.id, french_text(rng))
            posted.append(message.id)
            others = [m for m in members if m is not author]  # her own is no vote
            for member in rng.sample(others, rng.randint(0, voters - 1)):
                backend.add_reaction(thread, message.id, rng.choice(list(EMOJI)), member.id)
            if no_vote_every and n % no_vote_every == 0:  # her own, a bot's, an opted-out's
                casts_none = (author, robot, away)[n // no_vote_every % 3]
                backend.add_reaction(thread, message.id, "🤷", casts_none.id)
        await env.settle()
        stored = await _votes(bot)
        with_votes = len({reply for reply, _ in stored})

        await load_open(bot.app)  # forgets what it followed: the whole read of main
        whole = await _reconnect(env, bot)
        assert await _votes(bot) == stored
        trusted = await _reconnect(env, bot)
        assert await _votes(bot) == stored

        expected = dict(stored)
        newcomer = guild.add_member(env.create_user("arrivée"))
        touched = rng.sample(posted, changed)

        def cut() -> None:
            for n, reply in enumerate(touched):
                voted = [(v, value) for (r, v), value in stored.items() if r == reply]
                if n % 3 == 0 or not voted:  # a vote added
                    backend.add_reaction(thread, reply, "👍", newcomer.id)
                    expected[(reply, newcomer.id)] = 1
                    continue
                voter, value = voted[0]
                emoji = next(e for e, v in EMOJI.items() if v == value)
                backend.remove_reaction(thread, reply, emoji, voter)
                del expected[(reply, voter)]
                if n % 3 == 2:  # swapped: another vote emoji
                    other = next(e for e, v in EMOJI.items() if v != value)
                    backend.add_reaction(thread, reply, other, voter)
                    expected[(reply, voter)] = EMOJI[other]

        some = await _reconnect(env, bot, cut)
        assert await _votes(bot) == expected, "a change made during the cut was missed"
        await bot.embedder.close()
        await bot.app.close()
    rows = []
    for label, figures in (
        ("whole read (main, a start)", whole),
        ("counts trusted, nothing changed", trusted),
        (f"counts trusted, {changed} replies changed", some),
    ):
        rows.append(
            [
                label,
                replies,
                with_votes,
                len(stored),
                figures["reactors"],
                figures["requests"],
            ]
        )
    goal = trusted["reactors"] == 0 and some["reactors"] <= len(EMOJI) * changed
    rows.append(["goal met" if goal else "GOAL MISSED", "", "", "", "", ""])
    return rows


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=300)
    parser.add_argument("--voters", type=int, default=8)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--no-vote-every", type=int, default=5)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.replies, args.changed = 40, 4
    ok = True
    for backend in backends(args.backend):
        async with bench_database(backend, "reconnect") as url:
            rows = await run_once(url, args.replies, args.voters, args.changed, args.no_vote_every)
        print(f"\n{backend}")
        headers = ["new session", "replies", "with votes", "votes", "reactor req", "all req"]
        print(table(headers, rows))
        ok = ok and rows[-1][0] == "goal met"
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
