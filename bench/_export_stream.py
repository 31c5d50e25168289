"""The JSONL export streamed from a large database, run in a fresh process:
rows per second, and the resident memory it adds (it must not grow with the rows)."""

from __future__ import annotations

import time
from typing import Any

from _common import maxrss_mb, rss_mb

from db.engine import open_engine, session_factory


async def child_export(url: str, warm_id: int, guild_ids: list[int]) -> dict[str, Any]:
    """Stream the JSONL export of ``guild_ids``; rows/s and the memory it added.

    ``warm_id`` (a small server) is exported once first: connection, imports,
    statement compilation and (PostgreSQL) prepared statements are then warm.
    """
    from bot.services.export import jsonl

    engine = open_engine(url)
    sessions = session_factory(engine)
    async with sessions() as s:
        async for _ in jsonl(s, warm_id):
            pass
    base_rss, base_max = rss_mb(), maxrss_mb()
    lines = replies = 0
    size = 0
    started = time.perf_counter()
    for guild_id in guild_ids:
        async with sessions() as s:
            async for line in jsonl(s, guild_id):
                lines += 1
                size += len(line)
                if line.startswith('{"type": "reply"'):
                    replies += 1
    elapsed = time.perf_counter() - started
    await engine.dispose()
    return {
        "lines": lines,
        "replies": replies,
        "bytes": size,
        "seconds": elapsed,
        "rss_before": base_rss,
        "maxrss_growth": maxrss_mb() - base_max,
        "maxrss": maxrss_mb(),
    }
