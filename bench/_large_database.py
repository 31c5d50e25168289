"""The large database the query benchmark runs on, bulk-loaded (not through the bot).

1,000,000 replies (by default) over 2,000 discussions in 50 servers: server
sizes skewed (the largest holds ~12% of the replies), members posting with a
heavy tail, French replies of realistic length, 1% deleted, stances, votes,
a few opted-out members; the newest 20 discussions of each server are open.
Rows are deterministic and produced in chunks, so the loader's memory stays flat.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from _common import french_text, member_name, snowflake

from db.engine import open_engine
from db.migrate import upgrade
from db.models import DEFAULT_CRON, DEFAULT_DURATION_HOURS

GUILDS = 50
DISCUSSIONS = 2_000
OPEN_PER_GUILD = 20
EPOCH = datetime(2024, 1, 1, 18, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
OPTIONS = ["Oui", "Non", "Nuancé"]
QUESTIONS = [
    "Le télétravail devrait-il devenir un droit ?",
    "Faut-il interdire les smartphones à l'école ?",
    "L'IA devrait-elle remplacer les développeurs juniors ?",
    "Faut-il taxer les robots ?",
    "Quelle place pour la voiture en ville ?",
    "La semaine de quatre jours est-elle une bonne idée ?",
    "Les réseaux sociaux doivent-ils vérifier l'âge des utilisateurs ?",
    "Faut-il relancer le nucléaire ?",
]


@dataclass
class GuildData:
    id: int
    discussions: list[int] = field(default_factory=list)
    open: list[int] = field(default_factory=list)
    members: list[int] = field(default_factory=list)
    replies: int = 0
    sample_reply_ids: list[int] = field(default_factory=list)
    heavy: list[int] = field(default_factory=list)


@dataclass
class Dataset:
    guilds: list[GuildData]
    replies: int = 0
    stances: int = 0
    votes: int = 0


def _sqlite_time(value: datetime | None) -> str | None:
    """SQLAlchemy's SQLite DateTime storage format (UTC, no offset)."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") if value else None


class Generator:
    """Deterministic rows, produced in chunks so the loader's memory stays flat."""

    def __init__(self, total_replies: int, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.total = total_replies
        weights = [1 / (g + 1) ** 0.8 for g in range(GUILDS)]
        scale = sum(weights)
        self.sizes = [max(1, round(total_replies * w / scale)) for w in weights]
        self.sizes[0] += total_replies - sum(self.sizes)
        self.texts = [french_text(self.rng) for _ in range(4_000)]
        self.data = Dataset(
            guilds=[GuildData(id=snowflake(EPOCH - timedelta(days=400), g)) for g in range(GUILDS)]
        )
        self.sequence = 0

    def next_id(self, at: datetime) -> int:
        self.sequence += 1
        return snowflake(at, self.sequence)

    def guild_rows(self) -> list[tuple[Any, ...]]:
        return [
            (g.id, 1_000 + i, "forum", "fr", EPOCH - timedelta(days=400))
            for i, g in enumerate(self.data.guilds)
        ]

    def discussion_plan(self) -> list[dict[str, Any]]:
        """2,000 discussions, weekly per server; the newest 20 of each are open."""
        plan = []
        per_guild = DISCUSSIONS // GUILDS
        next_id = 1
        for g_index, guild in enumerate(self.data.guilds):
            members = max(60, self.sizes[g_index] // 20)
            guild.members = [guild.id + 10_000 + m * 13 for m in range(members)]
            guild.heavy = guild.members[: max(3, members // 50)]
            for k in range(per_guild):
                opened = EPOCH + timedelta(days=7 * k, hours=g_index)
                is_open = k >= per_guild - OPEN_PER_GUILD
                closes = NOW + timedelta(days=3) if is_open else opened + timedelta(hours=72)
                plan.append(
                    {
                        "id": next_id,
                        "guild": guild,
                        "question": QUESTIONS[(k + g_index) % len(QUESTIONS)],
                        "opened": opened,
                        "closes": closes,
                        "closed": None if is_open else closes,
                        "thread_id": self.next_id(opened),
                        "message_id": self.next_id(opened),
                    }
                )
                guild.discussions.append(next_id)
                if is_open:
                    guild.open.append(next_id)
                next_id += 1
        return plan

    def author(self, guild: GuildData) -> int:
        # A heavy tail: a few members write much of it.
        index = min(len(guild.members) - 1, int(self.rng.paretovariate(1.1)) - 1)
        if self.rng.random() < 0.6:
            index = self.rng.randrange(len(guild.members))
        return guild.members[index]

    def replies_for(self, discussion: dict[str, Any], count: int) -> Iterator[tuple[Any, ...]]:
        guild = discussion["guild"]
        rng = self.rng
        opened = discussion["opened"]
        previous: int | None = None
        step = 72 * 3600 / max(1, count)
        for i in range(count):
            at = opened + timedelta(seconds=(i + rng.random()) * step)
            reply_id = self.next_id(at)
            author = self.author(guild)
            deleted = rng.random() < 0.01
            reply_to = previous if previous is not None and rng.random() < 0.1 else None
            previous = reply_id
            if rng.random() < 0.02 and len(guild.sample_reply_ids) < 400:
                guild.sample_reply_ids.append(reply_id)
            edited = at + timedelta(minutes=5) if rng.random() < 0.03 else None
            yield (
                reply_id,
                discussion["id"],
                guild.id,
                author,
                "" if deleted else member_name(rng, author),
                "" if deleted else rng.choice(self.texts),
                at,
                edited,
                reply_to,
                deleted,
                False,
            )


REPLY_COLUMNS = (
    "id",
    "discussion_id",
    "guild_id",
    "author_id",
    "author_name",
    "text",
    "created_at",
    "edited_at",
    "reply_to",
    "deleted",
    "via_modal",
)


class Loader:
    """Writes rows in chunks: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, backend: str, url: str) -> None:
        self.backend = backend
        self.url = url
        self.sqlite: sqlite3.Connection | None = None
        self.pg: Any = None

    async def __aenter__(self) -> Loader:
        if self.backend == "sqlite":
            self.sqlite = sqlite3.connect(self.url.split("///", 1)[1])
            self.sqlite.execute("PRAGMA synchronous=OFF")
        else:
            import asyncpg

            self.pg = await asyncpg.connect(self.url.replace("+asyncpg", ""))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.sqlite is not None:
            self.sqlite.execute("PRAGMA synchronous=NORMAL")
            self.sqlite.close()
        if self.pg is not None:
            await self.pg.close()

    async def rows(
        self, table_name: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> None:
        if not rows:
            return
        if self.sqlite is not None:
            converted = [
                tuple(
                    _sqlite_time(v)
                    if isinstance(v, datetime)
                    else json.dumps(v, ensure_ascii=False)
                    if isinstance(v, list)
                    else v
                    for v in row
                )
                for row in rows
            ]
            marks = ", ".join("?" * len(columns))
            with self.sqlite:
                self.sqlite.executemany(
                    f"INSERT INTO {table_name} ({', '.join(columns)}) VALUES ({marks})", converted
                )
        else:
            converted = [
                tuple(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in row)
                for row in rows
            ]
            await self.pg.copy_records_to_table(
                table_name, records=converted, columns=list(columns)
            )

    async def analyze(self) -> None:
        if self.pg is not None:
            await self.pg.execute("VACUUM ANALYZE")


async def fill(backend: str, url: str, total: int) -> tuple[Dataset, float]:
    """A migrated database at ``url`` filled with ``total`` replies; its figures and seconds."""
    started = time.perf_counter()
    engine = open_engine(url)
    await upgrade(engine)
    await engine.dispose()
    gen = Generator(total)
    plan = gen.discussion_plan()
    async with Loader(backend, url) as load:
        created = EPOCH - timedelta(days=400)
        await _load_guilds(load, gen, created)
        await _load_discussions(load, plan, created)
        await _load_answers(load, gen, plan)
        optouts = [
            (g.id, m, True, created)
            for g in gen.data.guilds
            for m in g.members[len(g.members) // 2 :: 200]
        ]
        await load.rows(
            "member_preferences", ("guild_id", "user_id", "opted_out", "updated_at"), optouts
        )
        await load.analyze()
    return gen.data, time.perf_counter() - started


async def _load_guilds(load: Loader, gen: Generator, created: datetime) -> None:
    columns = (
        "id",
        "channel_id",
        "channel_kind",
        "language",
        "created_at",
        "updated_at",
        "cron",
        "timezone",
        "duration_hours",
        "paused",
        "present",
    )
    rows = [
        (
            g.id,
            1_000 + i,
            "forum",
            "fr",
            created,
            created,
            DEFAULT_CRON,
            "Europe/Paris",
            DEFAULT_DURATION_HOURS,
            False,
            True,
        )
        for i, g in enumerate(gen.data.guilds)
    ]
    await load.rows("guilds", columns, rows)


async def _load_discussions(load: Loader, plan: list[dict[str, Any]], created: datetime) -> None:
    """One question per discussion, and the discussions."""
    await load.rows(
        "questions",
        ("id", "guild_id", "position", "text", "language", "options", "status", "created_at"),
        [
            (d["id"], d["guild"].id, d["id"], d["question"], "fr", OPTIONS, "posted", created)
            for d in plan
        ],
    )
    columns = (
        "id",
        "guild_id",
        "question_id",
        "question_text",
        "options",
        "language",
        "channel_id",
        "thread_id",
        "message_id",
        "opened_at",
        "closes_at",
        "closed_at",
        "slot_at",
    )
    rows = [
        (
            d["id"],
            d["guild"].id,
            d["id"],
            d["question"],
            OPTIONS,
            "fr",
            1_000,
            d["thread_id"],
            d["message_id"],
            d["opened"],
            d["closes"],
            d["closed"],
            d["opened"],
        )
        for d in plan
    ]
    await load.rows("discussions", columns, rows)


STANCE_COLUMNS = ("discussion_id", "user_id", "guild_id", "option", "at")
VOTE_COLUMNS = ("reply_id", "voter_id", "discussion_id", "guild_id", "value", "at")
FLUSH_ROWS = 50_000


async def _load_answers(load: Loader, gen: Generator, plan: list[dict[str, Any]]) -> None:
    """Replies, stances and votes, discussion by discussion, written in chunks."""
    by_guild: dict[int, list[dict[str, Any]]] = {}
    for d in plan:
        by_guild.setdefault(d["guild"].id, []).append(d)
    pending = _Pending(load, gen.data)
    rng = gen.rng
    for g_index, guild in enumerate(gen.data.guilds):
        discussions = by_guild[guild.id]
        weights = [rng.uniform(0.5, 1.5) for _ in discussions]
        scale = gen.sizes[g_index] / sum(weights)
        counts = [int(w * scale) for w in weights]
        counts[-1] += gen.sizes[g_index] - sum(counts)
        for d, count in zip(discussions, counts, strict=True):
            _answer(gen, guild, d, count, pending)
            guild.replies += count
            if len(pending.replies) >= FLUSH_ROWS:
                await pending.write_replies()
            if len(pending.votes) >= FLUSH_ROWS:  # their replies first (foreign keys)
                await pending.write_all()
    await pending.write_all()


def _answer(
    gen: Generator, guild: GuildData, d: dict[str, Any], count: int, pending: _Pending
) -> None:
    """One discussion's replies, then its stances, then its votes."""
    rng = gen.rng
    reply_ids: list[int] = []
    authors: set[int] = set()
    for row in gen.replies_for(d, count):
        pending.replies.append(row)
        reply_ids.append(row[0])
        authors.add(row[3])
    for user in authors:
        if rng.random() < 0.35:
            pending.stances.append(
                (d["id"], user, guild.id, rng.randrange(3), d["opened"] + timedelta(hours=1))
            )
    seen: set[tuple[int, int]] = set()
    for _ in range(count // 3):
        pair = (rng.choice(reply_ids), rng.choice(guild.members))
        if pair in seen:
            continue
        seen.add(pair)
        pending.votes.append(
            (
                pair[0],
                pair[1],
                d["id"],
                guild.id,
                rng.choice((1, 1, -1, 0)),
                d["opened"] + timedelta(hours=2),
            )
        )


class _Pending:
    """Rows generated and not written yet, and the figures of what was written."""

    def __init__(self, load: Loader, data: Dataset) -> None:
        self.load, self.data = load, data
        self.replies: list[tuple[Any, ...]] = []
        self.stances: list[tuple[Any, ...]] = []
        self.votes: list[tuple[Any, ...]] = []

    async def write_replies(self) -> None:
        await self.load.rows("replies", REPLY_COLUMNS, self.replies)
        self.data.replies += len(self.replies)
        self.replies = []

    async def write_all(self) -> None:
        await self.write_replies()
        await self.load.rows("stances", STANCE_COLUMNS, self.stances)
        await self.load.rows("votes", VOTE_COLUMNS, self.votes)
        self.data.stances += len(self.stances)
        self.data.votes += len(self.votes)
        self.stances, self.votes = [], []
