"""Timing the repository and service calls behind the commands, each in its own
session as the bot opens them: ``/answers list`` (keyset pages of a server, a
discussion, an author, deep pages), ``/mydata show``, the discussion
autocomplete, closing a discussion."""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from _large_database import NOW, Dataset, GuildData

RUNS = 200
GOAL_MS = 20.0
"""The goal: p99 of every operation within this many milliseconds."""

Op = Callable[[random.Random], Awaitable[Any]]


async def timed(op: Op, runs: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    for _ in range(5):  # warm the pool and the statement caches
        await op(rng)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await op(rng)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def operations(sessions: Any, data: Dataset) -> dict[str, Op]:
    """The measured operations by name, each drawing its server and ids from ``rng``."""
    from bot.services import export as _export  # noqa: F401  (imported as the bot does)

    guilds = data.guilds
    largest = max(guilds, key=lambda g: g.replies)

    def guild(rng: random.Random) -> GuildData:
        return rng.choice(guilds)

    return {
        **_answers_pages(sessions, guild, largest),
        **_member_and_discussion_ops(sessions, guild),
    }


def _answers_pages(
    sessions: Any, guild: Callable[[random.Random], GuildData], largest: GuildData
) -> dict[str, Op]:
    """``/answers list``: keyset pages (``replies.page``), never OFFSET."""
    from db.repositories import replies

    async def page_guild(rng: random.Random) -> Any:
        g = guild(rng)
        async with sessions() as s:
            return await replies.page(s, g.id, limit=10)

    async def page_largest(rng: random.Random) -> Any:
        async with sessions() as s:
            return await replies.page(s, largest.id, limit=10)

    async def page_deep(rng: random.Random) -> Any:
        g = guild(rng)
        before = rng.choice(g.sample_reply_ids) if g.sample_reply_ids else None
        async with sessions() as s:
            return await replies.page(s, g.id, before_id=before, limit=10)

    async def page_discussion(rng: random.Random) -> Any:
        g = guild(rng)
        async with sessions() as s:
            first = await replies.page(s, g.id, discussion_id=rng.choice(g.discussions), limit=10)
            if first:  # the next page, as the "more" button asks it
                await replies.page(
                    s,
                    g.id,
                    discussion_id=first[0][0].discussion_id,
                    before_id=first[-1][0].id,
                    limit=10,
                )
            return first

    async def page_author(rng: random.Random) -> Any:
        g = guild(rng)
        author = rng.choice(g.heavy if rng.random() < 0.5 else g.members)
        async with sessions() as s:
            return await replies.page(s, g.id, author_id=author, limit=10)

    return {
        "/answers list (server)": page_guild,
        "/answers list (largest server)": page_largest,
        "/answers list (deep page, before_id)": page_deep,
        "/answers list (discussion, 2 pages)": page_discussion,
        "/answers list (author)": page_author,
    }


def _member_and_discussion_ops(
    sessions: Any, guild: Callable[[random.Random], GuildData]
) -> dict[str, Op]:
    """``/mydata show``, the discussion autocomplete, and closing a discussion."""
    from db.repositories import discussions, members, replies

    async def my_data(rng: random.Random) -> Any:
        g = guild(rng)
        user = rng.choice(g.heavy if rng.random() < 0.5 else g.members)
        async with sessions() as s:  # as bot.services.mydata.my_data
            counts = await members.counts(s, g.id, user)
            stances = await members.stances_of(s, g.id, user)
            recent = await replies.page(s, g.id, author_id=user, limit=10)
        return counts, stances, recent

    async def autocomplete(rng: random.Random) -> Any:
        g = guild(rng)
        typed = rng.choice(
            ["", "", "télé", "IA", "voiture", "nucl", "xyz", str(rng.choice(g.discussions))[:2]]
        )
        async with sessions() as s:
            return await discussions.search(s, g.id, typed, limit=25)

    async def close(rng: random.Random) -> Any:
        g = guild(rng)
        discussion_id = rng.choice(g.open)
        async with sessions.begin() as s:
            closed = await discussions.mark_closed(s, discussion_id, NOW)
            counts = await discussions.stance_counts(s, discussion_id)
        return closed, counts, discussion_id

    return {
        "/mydata show": my_data,
        "discussion autocomplete": autocomplete,
        "close a discussion": close,
    }


async def measure_close(sessions: Any, op: Op, runs: int) -> list[float]:
    """Closing changes the row: each run closes an open one, then reopens it untimed."""
    from db.repositories import discussions

    rng = random.Random(5)
    samples = []
    for i in range(runs + 5):
        started = time.perf_counter()
        _, _, discussion_id = await op(rng)
        elapsed = (time.perf_counter() - started) * 1000
        async with sessions.begin() as s:
            await discussions.reopen(s, discussion_id, NOW + timedelta(days=3))
        if i >= 5:
            samples.append(elapsed)
    return samples
