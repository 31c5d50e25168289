"""The async engine and session factory.

SQLite runs in WAL mode with foreign keys on; PostgreSQL through asyncpg.
Nothing is opened at import: :func:`open_engine` is called by the bot
factory, the CLI and the tests.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

SessionFactory = async_sessionmaker[AsyncSession]


LOCK_WAIT_SECONDS = 10.0
"""How long a connection waits for what another holds, unless told otherwise."""


def _sqlite_pragmas(lock_wait_ms: int, dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={lock_wait_ms:d}")
    cursor.close()


SQLITE_BUSY = 5
PG_LOCK_NOT_AVAILABLE = "55P03"


def is_locked(error: BaseException) -> bool:
    """``error`` says another connection held the database, a table or a row past the
    wait allowed (SQLite's busy timeout, PostgreSQL's ``lock_timeout``)."""
    cause = getattr(error, "orig", None) or error
    if getattr(cause, "sqlstate", None) == PG_LOCK_NOT_AVAILABLE:
        return True
    return getattr(cause, "sqlite_errorcode", 0) & 0xFF == SQLITE_BUSY


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _asyncpg_url(url: str) -> str | URL:
    """``url`` with libpq's ``sslmode`` (what hosted PostgreSQL hands out) as asyncpg's
    ``ssl``, which takes the same values."""
    parsed = make_url(url)
    mode = parsed.query.get("sslmode")
    if mode is None:
        return url
    return parsed.difference_update_query(["sslmode"]).update_query_dict({"ssl": mode})


def open_engine(url: str, *, lock_wait: float = LOCK_WAIT_SECONDS, **kwargs: Any) -> AsyncEngine:
    """An engine for ``url``; SQLite gets its pragmas on every connection. A lock another
    connection holds is waited for ``lock_wait`` seconds on both backends (PostgreSQL
    waits forever by default: a CLI command then failed a minute later as "unreachable")."""
    sqlite = is_sqlite(url)
    # an error's message would quote the statement's values: a member's words in the log
    kwargs.setdefault("hide_parameters", True)
    lock_wait_ms = max(1, round(lock_wait * 1000))
    if sqlite:
        kwargs.setdefault("connect_args", {"timeout": 30})
    else:
        kwargs.setdefault("pool_pre_ping", True)
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault(
            "connect_args",
            {
                "timeout": 10,
                "command_timeout": 60,
                "server_settings": {"lock_timeout": str(lock_wait_ms)},
            },
        )
    engine = create_async_engine(url if sqlite else _asyncpg_url(url), **kwargs)
    if sqlite:
        event.listen(engine.sync_engine, "connect", partial(_sqlite_pragmas, lock_wait_ms))
    return engine


def session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, expire_on_commit=False)
