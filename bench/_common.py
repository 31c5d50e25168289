"""Helpers shared by the storage benchmarks (ingest_throughput.py, queries.py).

Nothing here is part of the bot: databases made for a run, synthetic French
text, snowflakes, and table printing.
"""

from __future__ import annotations

import asyncio
import os
import random
import resource
import sys
import tempfile
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import pg  # noqa: E402

PG_DEFAULT = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
DISCORD_EPOCH_MS = 1420070400000


def pg_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL", PG_DEFAULT)


def pg_reason() -> str | None:
    """Why PostgreSQL cannot be benchmarked here, or ``None`` when a server answers."""
    return pg.unreachable(pg_url())


@asynccontextmanager
async def bench_database(backend: str, label: str) -> AsyncIterator[str]:
    """A fresh empty database for one run (SQLite file in a temp dir, or a PG database)."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix=f"etvous_bench_{label}_") as folder:
            yield f"sqlite+aiosqlite:///{Path(folder) / 'etvous.db'}"
        return
    url = await pg.create_database(pg_url(), f"etvous_bench_{label}")
    try:
        yield url
    finally:
        await pg.drop_database(pg_url(), url)


def backends(choice: str) -> list[str]:
    """The backends to run; PostgreSQL is left out, with a message, when absent."""
    chosen = ["sqlite", "postgresql"] if choice == "both" else [choice]
    if "postgresql" in chosen and (reason := pg_reason()):
        print(f"[skip] PostgreSQL: {reason}")
        chosen.remove("postgresql")
    return chosen


def snowflake(at: datetime, sequence: int) -> int:
    """A Discord id for ``at``; ``sequence`` (< 2**22) keeps ids distinct."""
    ms = int(at.timestamp() * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (sequence & 0x3FFFFF)


def snowflake_time(value: int) -> datetime:
    return datetime.fromtimestamp(((value >> 22) + DISCORD_EPOCH_MS) / 1000, tz=UTC)


SUBJECTS = [
    "le télétravail",
    "l'IA",
    "cette loi",
    "la semaine de quatre jours",
    "les transports",
    "l'école",
    "les réseaux sociaux",
    "la voiture en ville",
    "le nucléaire",
    "ce projet",
]
OPENERS = [
    "Pour moi",
    "Franchement",
    "À mon avis",
    "Je pense que",
    "Honnêtement",
    "Clairement",
    "Je ne suis pas d'accord :",
    "D'un côté",
    "Perso",
    "Je rejoins ce qui a été dit :",
]
CLAUSES = [
    "{s} est une bonne idée si on l'encadre correctement",
    "{s} coûte trop cher pour ce que ça rapporte",
    "on manque de recul sur {s}, il faudrait des études sérieuses",
    "ça dépend vraiment du contexte et des gens concernés",
    "{s} change la vie de beaucoup de monde, en bien comme en mal",
    "les arguments contre {s} ne tiennent pas longtemps",
    "il faut écouter ceux qui vivent {s} au quotidien",
    "j'ai vu autour de moi que {s} marche plutôt bien",
    "c'est une question de moyens plus que de principe",
    "personne n'en parle mais {s} pose un vrai problème d'égalité",
]
NAMES = [
    "alice",
    "bruno",
    "chloé",
    "david",
    "emma",
    "farid",
    "gaëlle",
    "hugo",
    "inès",
    "jules",
    "karim",
    "léa",
    "mathis",
    "nora",
    "oscar",
    "paule",
    "quentin",
    "rose",
    "samir",
    "théo",
]


def french_text(rng: random.Random) -> str:
    """A reply of realistic length (mostly 60-400 characters, a few longer)."""
    subject = rng.choice(SUBJECTS)
    parts = [rng.choice(OPENERS)]
    for _ in range(rng.choice((1, 1, 2, 2, 3, 5))):
        parts.append(rng.choice(CLAUSES).format(s=subject) + rng.choice((".", ",", " !", "...")))
    return " ".join(parts)


def member_name(rng: random.Random, user_id: int) -> str:
    return f"{NAMES[user_id % len(NAMES)]}{user_id % 997}"


def rss_mb() -> float:
    """This process's resident memory now, in MiB (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def maxrss_mb() -> float:
    """This process's peak resident memory, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append(
            "  ".join(
                value.ljust(widths[i]) if i == 0 else value.rjust(widths[i])
                for i, value in enumerate(row)
            )
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float):
        if value != value:
            return "-"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def run(main: object) -> None:
    asyncio.run(main)  # type: ignore[arg-type]
