"""What forgetting a server that removed the bot costs, and what it holds up meanwhile.

The database of ``bench/queries.py`` (bulk-loaded: 50 servers, the largest with about
12 % of the replies, stances, votes), then its largest server set as removed 31 days
ago and forgotten as the daily job does it (``db.repositories.servers.forget_server``,
one transaction: every table's rows of that server, then its row and what cascades).
Meanwhile another server's small writes go on, one after another, as the bot's
write-behind makes them: the longest one waited is what members of the other servers
could notice (nothing is lost: a write that waits past ``DATABASE_LOCK_WAIT_SECONDS``
is kept and tried again).

Baseline, the same run: the retention erasure of the second-largest server's replies
(``replies.erase_older_than``, the daily job's other part), rows a second.

    python bench/forget_server.py                 # 400,000 replies, SQLite and PostgreSQL
    python bench/forget_server.py --quick         # 20,000 replies (CI)
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import backends, bench_database, table
from _large_database import NOW, fill
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import open_engine, session_factory
from db.models import Guild, Reply, Stance, Vote
from db.repositories import replies, servers

Sessions = async_sessionmaker[AsyncSession]


async def _owned(sessions: Sessions, guild_id: int) -> int:
    """The server's replies, votes and stances: the bulk of what it holds."""
    async with sessions() as session:
        total = 0
        for model in (Reply, Vote, Stance):
            counted = select(func.count()).select_from(model).where(model.guild_id == guild_id)
            total += await session.scalar(counted) or 0
        return int(total)


async def _other_writes(sessions: Sessions, guild_id: int, stop: asyncio.Event) -> list[float]:
    """Small writes of another server, one after another, until ``stop``: each one's time."""
    waits = []
    while not stop.is_set():
        mark = time.perf_counter()
        async with sessions.begin() as session:
            await session.execute(update(Guild).where(Guild.id == guild_id).values(updated_at=NOW))
        waits.append(time.perf_counter() - mark)
        await asyncio.sleep(0.005)
    return waits


async def run_backend(backend: str, total: int) -> list[object]:
    async with bench_database(backend, "forget") as url:
        data, _ = await fill(backend, url, total)
        by_size = sorted(data.guilds, key=lambda g: -g.replies)
        largest, second, quiet = by_size[0], by_size[1], by_size[-1]
        engine = open_engine(url)
        sessions = session_factory(engine)
        try:
            removed = NOW - timedelta(days=31)
            async with sessions.begin() as session:
                await session.execute(
                    update(Guild)
                    .where(Guild.id == largest.id)
                    .values(present=False, left_at=removed, paused=True, pause_reason="kicked")
                )
            rows = await _owned(sessions, largest.id)
            stop = asyncio.Event()
            writer = asyncio.create_task(_other_writes(sessions, quiet.id, stop))
            await asyncio.sleep(0.05)
            mark = time.perf_counter()
            async with sessions.begin() as session:
                forgotten = await servers.forget_server(session, largest.id, NOW)
            seconds = time.perf_counter() - mark
            stop.set()
            waits = await writer
            assert forgotten and await _owned(sessions, largest.id) == 0

            erased_rows = await _owned(sessions, second.id)
            mark = time.perf_counter()
            async with sessions.begin() as session:
                erased = await replies.erase_older_than(session, second.id, NOW)
            erase_seconds = time.perf_counter() - mark
        finally:
            await engine.dispose()
    return [
        backend,
        f"{largest.replies:,}",
        f"{rows:,}",
        f"{seconds:.2f}",
        f"{rows / seconds:,.0f}",
        f"{max(waits) * 1000:.0f}",
        f"{erased:,} of {erased_rows:,}",
        f"{erase_seconds:.2f}",
        f"{erased / erase_seconds:,.0f}",
    ]


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=400_000)
    parser.add_argument("--quick", action="store_true", help="20,000 replies (CI)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    total = 20_000 if args.quick else args.replies
    results = [await run_backend(b, total) for b in backends(args.backend)]
    print(
        table(
            [
                "backend",
                "its replies",
                "rows (replies, votes, stances)",
                "forget (s)",
                "rows/s",
                "another server's longest write (ms)",
                "baseline: retention erases",
                "(s)",
                "replies/s",
            ],
            results,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
