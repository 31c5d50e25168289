"""The export streamed from a large database, run in a fresh process: JSONL (what
``analyze`` reads), or the CSV in one of its variants (``csv``: commas; ``excel``:
semicolons); rows per second, and the resident memory it adds (it must not grow with the
rows)."""

from __future__ import annotations

import time
from typing import Any

from _common import maxrss_mb, rss_mb

from db.engine import open_engine, session_factory

FORMATS = {"jsonl": ("jsonl", "rfc4180"), "csv": ("csv", "rfc4180"), "excel": ("csv", "excel")}
"""What the child is asked for: the format and the CSV variant it streams."""


async def child_export(
    url: str, warm_id: int, guild_ids: list[int], fmt: str = "jsonl"
) -> dict[str, Any]:
    """Stream the export of ``guild_ids`` in ``fmt`` (``jsonl``, ``csv`` or ``excel``);
    rows/s and the memory it added. A CSV's lines are its rows (a reply each, and the
    header), each yielded alone.

    ``warm_id`` (a small server) is exported once first: connection, imports,
    statement compilation and (PostgreSQL) prepared statements are then warm.
    """
    from bot.services.export import stream

    kind, dialect = FORMATS[fmt]
    engine = open_engine(url)
    sessions = session_factory(engine)
    async with sessions() as s:
        async for _ in stream(s, warm_id, None, kind, dialect):
            pass
    base_rss, base_max = rss_mb(), maxrss_mb()
    lines = replies = 0
    size = 0
    started = time.perf_counter()
    for guild_id in guild_ids:
        async with sessions() as s:
            async for line in stream(s, guild_id, None, kind, dialect):
                lines += 1
                size += len(line)
                if kind == "csv" or line.startswith('{"type": "reply"'):
                    replies += 1
            replies -= kind == "csv"  # the header
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
