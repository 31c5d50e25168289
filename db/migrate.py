"""Alembic, driven from code: the bot and the CLI upgrade to head at start.

A database already at head, as it nearly always is, is told apart without Alembic: its
one stored revision is the head the migration files' names give (:func:`head_revision`).
Importing Alembic and reading every migration cost each start of the CLI about 0.35 s of
CPU, and each bot or web room started in a process about 0.06 s."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db.engine import is_locked

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATION_FILE = re.compile(r"(\d{4})_\w+\.py")
"""A migration's file name: its revision (``0014``, revising the number before it), then
what it does. ``tests/storage/test_migrations.py`` holds every file to it."""


@cache
def head_revision() -> str:
    """The newest migration's revision, from the files' names alone (no Alembic)."""
    versions = resources.files("db") / "migrations" / "versions"
    found = (MIGRATION_FILE.fullmatch(entry.name) for entry in versions.iterdir())
    return max(match.group(1) for match in found if match)


def _stored_revisions(connection: Connection) -> list[str] | None:
    """The revisions the database says it is at; ``None`` before its first migration."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version"))
    return [str(revision) for revision in rows.scalars()]


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

    script_location = Path(str(resources.files("db") / "migrations"))
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class UnknownRevision(Exception):
    """The database's schema revision is none of this code's: a newer version of the bot
    migrated it (or another Alembic program made it). Nothing was changed."""

    def __init__(self, revision: str) -> None:
        super().__init__(revision)
        self.revision = revision


def _check_revision(connection: Connection, cfg: Config) -> None:
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    known = {script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()}
    for current in MigrationContext.configure(connection).get_current_heads():
        if current not in known:
            raise UnknownRevision(current)


def _run(connection: Connection, action: str, revision: str) -> None:
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    _check_revision(connection, cfg)
    if action == "upgrade":
        command.upgrade(cfg, revision)
    else:
        command.downgrade(cfg, revision)


STATS_DRIFT = 2.0
"""SQLite: the replies' row count may drift this much from the last ANALYZE."""


def refresh_sqlite_statistics(connection: Connection) -> bool:
    """Give SQLite's planner statistics: ANALYZE when missing or stale, else ``PRAGMA optimize``.

    SQLite keeps no statistics by itself. ``PRAGMA optimize`` (3.40) only
    re-analyzes tables that the same connection has queried, so at start it
    does little; the row count of ``replies`` is compared with the one the
    last ANALYZE saw, and a full ANALYZE runs when it drifted by more than
    :data:`STATS_DRIFT` times (about 0.1 s for 200,000 replies).
    ``True`` when ANALYZE ran.
    """
    if connection.dialect.name != "sqlite":
        return False
    has_table = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).first()
    seen = None
    if has_table is not None:
        stat = connection.exec_driver_sql(
            "SELECT stat FROM sqlite_stat1 WHERE tbl = 'replies' AND stat IS NOT NULL LIMIT 1"
        ).scalar()
        seen = int(str(stat).split()[0]) if stat else None
    rows = int(connection.exec_driver_sql("SELECT count(*) FROM replies").scalar() or 0)
    stale = seen is None or not (seen / STATS_DRIFT <= rows <= seen * STATS_DRIFT)
    if stale and rows >= 1_000:
        connection.exec_driver_sql("ANALYZE")
        return True
    connection.exec_driver_sql("PRAGMA optimize")
    return False


MIGRATION_LOCK = 0x657476_6F7573
"""PostgreSQL advisory lock key held while migrating ("etvous")."""


@asynccontextmanager
async def _migrating(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection in one transaction for migrations (DDL included); on SQLite with
    foreign keys off.

    SQLite alters a table (Alembic's batch mode) by copying it into a new one and
    dropping the old: with foreign keys on, that drop deletes every row that
    references it (``ON DELETE CASCADE``: a reply's votes and earlier versions). The
    pragma is a no-op inside a transaction, so it is set before one begins, and put
    back (the engine's connections all have it on) once the migration is over.
    """
    async with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            await connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            await connection.commit()
        try:
            async with connection.begin():
                if sqlite:
                    # Python's sqlite3 opens a transaction only before a data change and
                    # runs DDL in autocommit: a migration failing (or the process killed)
                    # halfway would leave its first columns without its revision number,
                    # and every later start failing on them. SQLite's DDL is
                    # transactional once a transaction is open. IMMEDIATE takes the write
                    # lock before the revision is read: a second process migrating at the
                    # same time waits (busy timeout), then finds the schema at head.
                    await connection.exec_driver_sql("BEGIN IMMEDIATE")
                yield connection
        finally:
            if sqlite:
                await connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                await connection.commit()


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    async with _migrating(engine) as connection:
        if connection.dialect.name == "postgresql":
            # Processes starting together (shards, a deploy) migrate one at a
            # time: the second waits (as long as a statement may run, not the
            # engine's lock wait: a migration may take longer), then finds the
            # schema at head.
            await connection.exec_driver_sql("SET LOCAL lock_timeout = 0")
            await connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
            )
        at_head = revision == "head" and (
            await connection.run_sync(_stored_revisions) == [head_revision()]
        )
        if not at_head:  # behind, empty, or a revision of a newer bot: Alembic tells
            await connection.run_sync(_run, "upgrade", revision)
        if revision == "head":
            await connection.run_sync(refresh_sqlite_statistics)


class NotWritable(Exception):
    """The database can be read but not written (a read-only file or user, a replica):
    ``reason`` is what it answered."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def check_writable(engine: AsyncEngine) -> None:
    """:class:`NotWritable` unless a write goes through (it is rolled back): a bot that
    cannot store would answer members and keep everything in memory, retrying."""
    from sqlalchemy.exc import DBAPIError

    async with engine.connect() as connection:
        try:
            await connection.execute(text("UPDATE alembic_version SET version_num = version_num"))
        except DBAPIError as error:
            if is_locked(error):
                raise  # not refused: held by another process for now
            said = str(error.orig).strip().splitlines()
            raise NotWritable(said[0] if said else type(error.orig).__name__) from None
        finally:
            await connection.rollback()


async def downgrade(engine: AsyncEngine, revision: str = "base") -> None:
    async with _migrating(engine) as connection:
        await connection.run_sync(_run, "downgrade", revision)
