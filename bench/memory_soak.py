"""What a bot running for months keeps in memory, week after simulated week.

The real bot on SimCord, its scheduler driven by the harness's clock (a tick every
simulated 6 hours, as the safety net does), through W weeks:

* S servers at a time, each set up with the default schedule (a question on Monday at
  18:00, open 72 hours): the scheduler posts it and closes it (with its summary);
* each open discussion gets R replies from the gateway, vote reactions on them, a stance
  click, a reply edited and one deleted;
* each week: one member opts out and back in, one erases her data (``/mydata delete``);
  ``/stats`` and the web room's discussions page are read in every server; the gateway
  session is cut and identified again while the discussions are open (a catch-up);
* from the second week, one server removes the bot and a new one sets it up: the live
  servers stay S, the servers seen grow by one a week.

Printed per week: the size of each in-memory structure (the bot's indexes, the
scheduler's and the web room's caches, discord.py's caches, the analysis' module
caches) and the process's traced memory (tracemalloc). The baseline is the first week,
in the same run. A structure that grows with the weeks while the live data (S servers,
their open discussions) does not is a leak: the goal is that none does.

    python bench/memory_soak.py                 # S = 3 servers, W = 6 weeks, R = 8 replies (~5 min)
    python bench/memory_soak.py --quick         # S = 2, W = 4, R = 6 (CI, ~1 min)
    python bench/memory_soak.py --weeks 12
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import sys
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import discord
import simcord
from _common import bench_database, french_text, table

from bot import custom_ids
from bot.clock import ManualClock
from bot.config import Settings
from bot.factory import create_bot
from bot.services.review import ReviewRoom

START = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
"""A Monday: the default schedule posts at 18:00 UTC today."""
TICK = timedelta(hours=6)
READY_WAIT = 5.0
VIEW_TIMEOUT = 16 * 60.0
"""discord.py gives an ephemeral message's view 15 minutes."""


def _analysis_caches() -> dict[str, Callable[[], int]]:
    from bot.analysis import _text, keywords
    from bot.analysis.polis import routing
    from bot.analysis.stance import cues
    from bot.analysis.themes import _words
    from web import render

    return {
        "text: folded chunks": lambda: len(_text._FOLDED_CHUNKS),
        "text: chunks": lambda: len(_text._CHUNKS),
        "text: content chunks": lambda: len(_text._CONTENT_CHUNKS),
        "themes: words": lambda: len(_words._WORDS),
        "themes: stems": lambda: sum(len(s) for s in _words._STEMS.values()),
        "themes: chunks": lambda: len(_words._CHUNKS),
        "keywords: folded": lambda: len(keywords._FOLDED),
        "keywords: chunks": lambda: len(keywords._CHUNK_WORDS),
        "polis: extremities": lambda: len(routing._extremity_cache),
        "stance: cue tables": lambda: cues.cue_table.cache_info().currsize,
        "web: messages": lambda: render._message.cache_info().currsize,
    }


def sizes(bot: Any, room: ReviewRoom) -> dict[str, int]:
    """Every in-memory structure's size (entries; for nested ones, the inner entries)."""
    app, state = bot.app, bot._connection
    store = state._view_store
    opened = app.open
    found: dict[str, int] = {
        "open: discussions": len(opened._by_id),
        "open: by thread": len(opened._by_thread),
        "open: reactions followed": len(opened._reactions_followed),
        "open: readings (replies)": sum(len(r) for r in opened._readings.values()),
        "open: readings (discussions)": len(opened._readings),
        "open: being read": len(opened._reading) + len(opened._reacted),
        "opt-outs: pairs": len(app.optouts._pairs),
        "opt-outs: members with spans": len(app.optouts._spans),
        "opt-outs: spans": sum(len(s) for s in app.optouts._spans.values()),
        "app: guild languages": len(app.guild_languages),
        "app: guild problems": len(app.guild_problems),
        "app: bank locks": len(app.bank_locks),
        "app: unread": len(app.unread),
        "app: unchecked": len(app.unchecked),
        "scheduler: post attempts": len(bot.scheduler._attempts),
        "scheduler: reminder attempts": len(bot.scheduler._reminder_attempts),
        "scheduler: shards unread": len(bot.scheduler._unread),
        "refresher: dirty": len(bot.refresher._dirty),
        "member counts: kept": len(bot.member_counts._known),
        "member counts: asking": len(bot.member_counts._asking),
        "write-behind: queued": app.buffer._queue.qsize() + len(app.buffer._pending),
        "write-behind: waiting": len(app.buffer._waiting),
        "web room: cached": len(room._known) + len(room._opted_out) + len(room._servers),
        "discord: guilds": len(state._guilds),
        "discord: threads": sum(len(g._threads) for g in state._guilds.values()),
        "discord: channels": sum(len(g._channels) for g in state._guilds.values()),
        "discord: messages": len(state._messages or ()),
        "discord: users": len(state._users),
        "discord: views": sum(len(v) for v in store._views.values()),
        "discord: message views": len(store._synced_message_views),
        "discord: modals": len(store._modals),
        "asyncio: tasks": len(asyncio.all_tasks()),
    }
    for name, size in _analysis_caches().items():
        found[name] = size()
    return found


class Soak:
    def __init__(self, env: Any, bot: Any, clock: ManualClock, replies: int) -> None:
        self.env, self.bot, self.clock, self.replies = env, bot, clock, replies
        self.rng = random.Random(11)
        self.servers: list[dict[str, Any]] = []
        self.made = 0
        try:
            self.room = ReviewRoom(
                bot.app,
                member_count=bot.member_counts.get,
                clock=lambda: (clock.now() - START).total_seconds(),  # the simulated weeks
            )
        except TypeError:  # a checkout before the room's clock (the bench's "before" run)
            self.room = ReviewRoom(bot.app, member_count=bot.member_counts.get)

    async def settle(self) -> None:
        await self.env.settle()
        await self.bot.app.buffer.drain()

    async def new_server(self) -> None:
        env = self.env
        self.made += 1
        guild = env.create_guild(f"Serveur {self.made}")
        forum = guild.create_forum_channel("debats")
        staff = guild.create_role(
            "modération", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
        )
        mod = guild.add_member(env.create_user(f"modo{self.made}"), roles=[staff])
        members = [guild.add_member(env.create_user(f"m{self.made}-{n}")) for n in range(5)]
        await mod.slash(forum, "setup", channel=forum, language="fr")  # as measured before
        self.servers.append({"guild": guild, "forum": forum, "mod": mod, "members": members})

    def leave_server(self) -> None:
        """The oldest server removes the bot (GUILD_DELETE)."""
        server = self.servers.pop(0)
        self.env.backend.remove_guild(server["guild"].id)

    async def tick_until(self, until: datetime) -> None:
        while self.clock.now() < until:
            step = min(TICK, until - self.clock.now())
            self.clock.advance(step)  # the scheduler's clock; SimCord's moves a minute
            await self.env.advance_time(60.0)
            await self.bot.scheduler.tick()
            await self.settle()

    def _open_in(self, server: dict[str, Any]) -> list[Any]:
        return self.bot.app.open.in_guild(server["guild"].id)

    async def activity(self) -> None:
        """Replies, reactions, a stance click, an edit and a deletion in each open one."""
        backend = self.env.backend
        for server in self.servers:
            members = server["members"]
            for discussion in self._open_in(server):
                thread = discussion.thread_id
                posted = []
                for n in range(self.replies):
                    author = members[n % len(members)]
                    message = backend.create_message(thread, author.id, french_text(self.rng))
                    posted.append((message.id, author))
                    for voter in self.rng.sample(members, 3):
                        if voter is not author:
                            backend.add_reaction(thread, message.id, "👍", voter.id)
                await self.settle()
                first, author = posted[0]
                backend.edit_message(thread, first, {"content": french_text(self.rng)})
                backend.delete_message(thread, posted[-1][0])
                post = self._post(discussion)
                if post is not None:
                    await members[0].click(post, custom_id=custom_ids.stance(discussion.id, 0))
                await self.settle()

    def _post(self, discussion: Any) -> Any:
        from simcord.builders import to_discord_message

        for message in self.env.backend.messages.get(discussion.thread_id, {}).values():
            if message.id == discussion.message_id:
                return to_discord_message(self.env, message)
        return None

    async def members_weekly(self, week: int) -> None:
        for server in self.servers:
            forum, members = server["forum"], server["members"]
            quiet = members[week % len(members)]
            await quiet.slash(forum, "mydata optout")
            await quiet.slash(forum, "mydata optin")
            await server["mod"].slash(forum, "stats")
            await server["mod"].slash(
                forum, "question add", text=f"Question {week} du serveur {server['guild'].id} ?"
            )
            await self.room.discussions(server["guild"].id, before=None)
        await self.settle()

    async def erase_one(self, week: int) -> None:
        server = self.servers[-1]
        leaving = server["members"][(week + 2) % len(server["members"])]
        shown = await leaving.slash(server["forum"], "mydata delete")
        message = shown.response.message if shown.response is not None else None
        if message is not None and message.components:
            for row in message.components:
                for item in getattr(row, "children", ()):
                    if (
                        getattr(item, "custom_id", None)
                        and item.style == discord.ButtonStyle.danger
                    ):
                        await leaving.click(message, custom_id=item.custom_id)
        await self.settle()

    async def reconnect(self) -> None:
        shard = self.bot.get_shard(0)._parent
        with self.env._bot_scope():
            await shard.disconnect()
        with self.env._bot_scope():
            await shard.reconnect()
        await self.env.advance_time(READY_WAIT)
        await self.settle()

    async def week(self, week: int) -> None:
        monday = START + timedelta(weeks=week)
        if week > 0:
            self.leave_server()
            await self.settle()
            await self.new_server()
        await self.tick_until(monday + timedelta(hours=19))  # posted at 18:00
        await self.activity()
        await self.reconnect()
        await self.members_weekly(week)
        await self.erase_one(week)
        await self.env.advance_time(VIEW_TIMEOUT)  # ephemeral views time out meanwhile
        await self.tick_until(monday + timedelta(days=7))  # closed on Thursday


async def run(url: str, servers: int, weeks: int, replies: int) -> list[dict[str, int]]:
    clock = ManualClock(START)
    bot = create_bot(Settings(database_url=url), clock=clock, timers=False, sync_commands=False)
    figures: list[dict[str, int]] = []
    async with simcord.run(bot, shard_count=1) as env:
        env.settle_timeout = max(env.settle_timeout, 60.0)
        await bot.tree.sync()
        soak = Soak(env, bot, clock, replies)
        for _ in range(servers):
            await soak.new_server()
        await soak.settle()
        tracemalloc.start()
        first: tracemalloc.Snapshot | None = None
        for week in range(weeks):
            await soak.week(week)
            gc.collect()
            found = sizes(bot, soak.room)
            found["live servers"] = len(soak.servers)
            found["servers seen"] = soak.made
            found["traced KiB"] = tracemalloc.get_traced_memory()[0] // 1024
            figures.append(found)
            if week == 0:
                first = tracemalloc.take_snapshot()
            print(
                f"week {week + 1}: traced {found['traced KiB']:,} KiB, "
                f"{found['open: discussions']} open",
                file=sys.stderr,
                flush=True,
            )
        if first is not None and weeks > 1:
            grown = tracemalloc.take_snapshot().compare_to(first, "filename")
            print("\ntraced memory grown since week 1, by file (top 8):")
            for stat in grown[:8]:
                print(f"  {stat.size_diff // 1024:+,} KiB  {stat.traceback[0].filename}")
        tracemalloc.stop()
        await bot.embedder.close()
        await bot.app.close()
    return figures


LIVE = ("live servers", "servers seen", "traced KiB")
BOUNDED = {
    "discord: messages": "max_messages",
    "text: folded chunks": "100,000",
    "text: chunks": "100,000",
    "text: content chunks": "100,000",
    "themes: words": "100,000",
    "themes: stems": "2 x 100,000",
    "themes: chunks": "100,000",
    "keywords: folded": "200,000",
    "keywords: chunks": "200,000",
    "polis: extremities": "256",
    "stance: cue tables": "16",
    "web: messages": "8,192",
}
"""Caches bounded by count (a vocabulary fills them, then they are emptied): their growth
is shown, not judged."""


def report(figures: list[dict[str, int]]) -> tuple[str, list[str]]:
    """The table (a row per structure, a column per week) and what grew: a structure
    larger in the last week than in every one of the first two, and larger at the end
    of the second half than of the first (steady, not a passing peak)."""
    weeks = len(figures)
    shown = sorted({0, 1, weeks // 2, weeks - 1} & set(range(weeks)))
    headers = ["structure", *[f"week {w + 1}" for w in shown], "bound"]
    rows, grew = [], []
    for name in figures[0]:
        series = [f[name] for f in figures]
        rows.append([name, *[series[w] for w in shown], BOUNDED.get(name, "")])
        if name in LIVE or name in BOUNDED or name.startswith("asyncio") or weeks < 3:
            continue
        if series[-1] > max(series[:2]) and series[-1] > series[weeks // 2] > series[0]:
            grew.append(f"{name}: {series[0]} -> {series[weeks // 2]} -> {series[-1]}")
    return table(headers, rows), grew


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=3)
    parser.add_argument("--weeks", type=int, default=6)
    parser.add_argument("--replies", type=int, default=8)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.servers, args.weeks, args.replies = 2, 4, 6
    async with bench_database("sqlite", "soak") as url:
        figures = await run(url, args.servers, args.weeks, args.replies)
    text, grew = report(figures)
    print(f"\nSQLite, {args.servers} servers at a time, {args.weeks} weeks, {args.replies} replies")
    print(text)
    first, last = figures[0]["traced KiB"], figures[-1]["traced KiB"]
    print(f"\ntraced memory: week 1 {first:,} KiB, week {len(figures)} {last:,} KiB")
    if grew:
        print("GOAL MISSED: grew with the weeks while the live data did not:")
        for line in grew:
            print(f"  {line}")
        return 1
    print("goal met: no structure grew with the weeks")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
