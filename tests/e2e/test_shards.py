"""Two bot processes, one per shard, on one PostgreSQL database.

Each process is a real ``EtVousBot`` (``SHARD_COUNT=2``, ``SHARD_IDS=0`` or
``1``) on its own SimCord environment, in its own thread with its own event
loop (SimCord allows one live environment per loop), with its own engine on
the same database. Each environment hosts the two servers of its shard, as
Discord shows a process only its shards' guilds. Both processes start at the
same moment (so both run the migrations at once on the empty database), set
up their servers, tick their schedulers twice at the same instant for the
same Monday slot, and their members reply.

What is simulated: the two SimCord backends are two separate "Discords".
Real Discord mints every snowflake once; two backends would mint the same
ids, so the second environment's clock starts a day later and its ids (guilds,
channels, members, messages) never meet the first's. SimCord routes a guild's
events only to the shard that owns it, so a guild of the other shard is
invisible to a process (checked below); what makes the other shard's servers
visible to a process is the shared database, where every server's schedule
lives: each scheduler must act on its own servers only (``owns_guild``).
Alembic keeps its migration context in module globals, shared by the two
threads; the PostgreSQL migration lock (``db.migrate.upgrade``) serialises
the two start-up upgrades, so it holds here as between real processes (the
last test runs two real OS processes to show the race it closes).
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import discord
import simcord
from sqlalchemy import select

from bot.clock import ManualClock
from db.engine import open_engine, session_factory
from db.models import Discussion, Guild, Reply, Slot
from tests.harness import START, make_bot

SHARDS = 2
MONDAY_SLOT = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # 18:00 in Paris
ID_OFFSET = 24 * 3600.0
"""Seconds the second environment's clock starts ahead: disjoint snowflakes."""
TIMEOUT = 20.0


@dataclass
class Process:
    """What one process did, reported back to the test's thread."""

    shard: int
    url: str
    barrier: threading.Barrier
    guild_ids: list[int] = field(default_factory=list)
    forum_ids: list[int] = field(default_factory=list)
    threads_by_forum: dict[int, list[int]] = field(default_factory=dict)
    thread_posts: list[str] = field(default_factory=list)
    replies_sent: list[int] = field(default_factory=list)
    foreign_guild_seen: bool | None = None
    errors: list[BaseException] = field(default_factory=list)
    failure: BaseException | None = None

    async def together(self) -> None:
        """Wait for the other process (without blocking this loop's other work)."""
        await asyncio.to_thread(self.barrier.wait, TIMEOUT)

    def run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as error:  # reported to the test's thread
            self.failure = error
            self.barrier.abort()

    async def _main(self) -> None:
        clock = ManualClock(START)
        bot = make_bot(self.url, clock, shard_count=SHARDS, shard_ids=(self.shard,))
        bot.app.instance = f"etvous-shard-{self.shard}"  # hostname:pid, were it a process
        await self.together()  # start at once: both upgrade the empty database
        async with simcord.run(bot) as env:
            await bot.tree.sync()
            if self.shard:
                await env.advance_time(ID_OFFSET * self.shard)
            servers = []
            for n in range(2):
                guild = env.create_guild(f"Shard {self.shard} serveur {n}", shard_id=self.shard)
                assert (guild.id >> 22) % SHARDS == self.shard
                forum = guild.create_forum_channel("debats")
                staff = guild.create_role(
                    "modération", permissions=discord.Permissions(manage_guild=True)
                )
                mod = guild.add_member(env.create_user(f"modo{self.shard}{n}"), roles=[staff])
                members = [guild.add_member(env.create_user(f"m{self.shard}{n}{k}")) for k in "ab"]
                servers.append((guild, forum, mod, members))
                self.guild_ids.append(guild.id)
                self.forum_ids.append(forum.id)
            # A server of the other shard in this backend: never shown to this process.
            foreign = env.create_guild("Autre shard", shard_id=1 - self.shard)
            foreign.create_forum_channel("debats")
            await env.settle()
            self.foreign_guild_seen = bot.get_guild(foreign.id) is not None

            await self.together()
            for _, forum, mod, _ in servers:
                result = await mod.slash(forum, "setup", channel=forum, cron="0 18 * * 1")
                assert result.response is not None and result.ephemeral, result
            await env.settle()

            await self.together()  # both servers of both shards are configured
            clock.set(MONDAY_SLOT + timedelta(seconds=30))
            await self.together()
            await asyncio.gather(bot.scheduler.tick(), bot.scheduler.tick())
            await env.settle()
            await self.together()
            await bot.scheduler.tick()  # a late safety-net tick: nothing left to do
            await env.settle()

            for guild, forum, _, members in servers:
                (thread,) = forum.threads
                handle = simcord.ChannelHandle(env, guild, env.backend.channels[thread.id])
                for member in members:
                    for k in range(2):
                        sent = await member.send(handle, f"{member.name} répond ({k}).")
                        self.replies_sent.append(sent.id)
            await env.settle()
            await bot.app.buffer.drain()

            for _, forum, _, _ in servers:
                self.threads_by_forum[forum.id] = [t.id for t in forum.threads]
            self.thread_posts = [
                r.path
                for r in env.http_requests
                if r.method == "POST" and r.path.endswith("/threads")
            ]
            self.errors = list(env.errors)
            await self.together()  # keep both processes up until both are done


def _run_processes(url: str) -> list[Process]:
    barrier = threading.Barrier(SHARDS)
    processes = [Process(shard, url, barrier) for shard in range(SHARDS)]
    threads = [
        threading.Thread(target=p.run, name=f"shard-{p.shard}", daemon=True) for p in processes
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive(), "a process hung"
    for process in processes:
        if process.failure is not None and not isinstance(
            process.failure, threading.BrokenBarrierError
        ):
            raise process.failure
    for process in processes:
        if process.failure is not None:
            raise process.failure
    return processes


async def _stored(url: str) -> dict[str, list[Any]]:
    engine = open_engine(url)
    try:
        async with session_factory(engine)() as session:
            return {
                name: list(await session.scalars(select(model)))
                for name, model in (
                    ("guilds", Guild),
                    ("slots", Slot),
                    ("discussions", Discussion),
                    ("replies", Reply),
                )
            }
    finally:
        await engine.dispose()


def test_two_shard_processes_post_each_slot_once_and_store_each_reply_once(
    postgres_url: str,
) -> None:
    processes = _run_processes(postgres_url)
    stored = asyncio.run(_stored(postgres_url))

    all_guilds = [g for p in processes for g in p.guild_ids]
    assert len(set(all_guilds)) == 4
    assert sorted(g.id for g in stored["guilds"]) == sorted(all_guilds)

    slots = stored["slots"]
    assert sorted((s.guild_id, s.slot_at) for s in slots) == sorted(
        (g, MONDAY_SLOT) for g in all_guilds
    )
    assert {s.status for s in slots} == {"posted"}
    discussions = {d.id: d for d in stored["discussions"]}
    assert len(discussions) == 4
    assert sorted(s.discussion_id for s in slots) == sorted(discussions)

    for process in processes:
        assert process.foreign_guild_seen is False
        # One thread per server of this shard, posted by this process, nowhere else.
        assert sorted(process.thread_posts) == sorted(
            f"/channels/{forum}/threads" for forum in process.forum_ids
        )
        mine = [d for d in discussions.values() if d.guild_id in process.guild_ids]
        assert sorted(d.channel_id for d in mine) == sorted(process.forum_ids)
        for d in mine:
            assert process.threads_by_forum[d.channel_id] == [d.thread_id]
        claimed_by = {s.claimed_by for s in slots if s.guild_id in process.guild_ids}
        assert len(claimed_by) == 1  # one process claimed its own slots...
        assert not process.errors
    owners = [{s.claimed_by for s in slots if s.guild_id in p.guild_ids} for p in processes]
    assert owners[0] != owners[1]  # ...and not the other's

    sent = [r for p in processes for r in p.replies_sent]
    assert len(sent) == 16 and len(set(sent)) == 16
    replies = stored["replies"]
    assert sorted(r.id for r in replies) == sorted(sent)  # each reply once
    for reply in replies:
        assert discussions[reply.discussion_id].guild_id == reply.guild_id


MIGRATE = (
    "import asyncio, sys\n"
    "from db.engine import open_engine\n"
    "from db.migrate import upgrade\n"
    "async def main():\n"
    "    engine = open_engine(sys.argv[1])\n"
    "    await upgrade(engine)\n"
    "    await engine.dispose()\n"
    "asyncio.run(main())\n"
)


def test_two_processes_starting_at_once_on_an_empty_database_both_migrate(
    postgres_url: str,
) -> None:
    """Real OS processes this time (Alembic's context is per process): both run
    the start-up upgrade on the empty database at the same moment. Without the
    migration lock the second fails with a duplicate ``pg_type`` key."""
    import subprocess
    import sys

    from tests.conftest import REPO

    runs = [
        subprocess.Popen(
            [sys.executable, "-c", MIGRATE, postgres_url],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(SHARDS)
    ]
    errors = [run.communicate(timeout=60)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    stored = asyncio.run(_stored(postgres_url))
    assert stored["guilds"] == []  # the schema is there, and empty
