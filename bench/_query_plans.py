"""Checking that every measured statement uses an index (EXPLAIN / EXPLAIN QUERY PLAN)."""

from __future__ import annotations

import random
import re
from datetime import timedelta
from typing import Any

from _large_database import NOW
from _query_latency import Op
from sqlalchemy import event


def _tiny_seq_scan(line: str) -> bool:
    """A PostgreSQL scan of a table of a page or two (``member_preferences``).

    PostgreSQL reads a one-page table whole rather than through its index,
    whatever the index; such a scan costs less than 10 (about ten pages).
    """
    match = re.search(r"cost=[\d.]+\.\.([\d.]+)", line)
    return match is not None and float(match.group(1)) < 10


def _unindexed(backend: str, plan: list[str]) -> list[str]:
    bad = []
    for line in plan:
        if backend == "sqlite":
            # "SCAN replies" without "USING ... INDEX" reads the whole table.
            if (
                line.strip().startswith("SCAN")
                and "USING" not in line
                and "CONSTANT ROW" not in line
            ):
                bad.append(line)
        elif "Seq Scan" in line and not _tiny_seq_scan(line):
            bad.append(line)
    return bad


async def explain_all(
    backend: str, engine: Any, sessions: Any, ops: dict[str, Op]
) -> list[list[Any]]:
    captured: list[tuple[str, str, Any]] = []
    current = {"name": ""}

    def capture(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        head = statement.lstrip().split(None, 1)[0].upper()
        if head in {"SELECT", "UPDATE", "DELETE", "WITH"} and not many:
            captured.append((current["name"], statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        rng = random.Random(3)
        for name, op in ops.items():
            current["name"] = name
            result = await op(rng)
            if name == "close a discussion":
                from db.repositories import discussions

                async with sessions.begin() as s:
                    await discussions.reopen(s, result[2], NOW + timedelta(days=3))
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)
    rows = []
    seen: set[tuple[str, str]] = set()
    async with engine.connect() as conn:
        for name, statement, parameters in captured:
            if (name, statement) in seen or "closes_at=" in statement.replace(" ", ""):
                continue
            seen.add((name, statement))
            prefix = "EXPLAIN QUERY PLAN " if backend == "sqlite" else "EXPLAIN "
            result = await conn.exec_driver_sql(prefix + statement, parameters)
            plan = [str(r[-1]) if backend == "sqlite" else str(r[0]) for r in result]
            bad = _unindexed(backend, plan)
            summary = "; ".join(
                p.strip()
                for p in plan
                if "SCAN" in p or "SEARCH" in p or "Index" in p or "Scan" in p or "TEMP" in p
            )
            rows.append(
                [
                    name,
                    " ".join(statement.split())[:60],
                    "NO INDEX: " + "; ".join(bad) if bad else "index",
                    summary[:110],
                ]
            )
        await conn.rollback()
    return rows
