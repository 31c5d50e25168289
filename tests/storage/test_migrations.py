"""Migrations on each backend: head matches the models, down and up again work."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from db.engine import open_engine
from db.migrate import downgrade, upgrade
from db.models import Base
from tests.cli_run import cli


def _diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_head_matches_models_then_down_and_up_again(database_url: str) -> None:
    engine = open_engine(database_url)
    try:
        await upgrade(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
            tables = await connection.run_sync(_tables)
        assert tables == set(Base.metadata.tables) | {"alembic_version"}

        await downgrade(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) == {"alembic_version"}

        await upgrade(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
    finally:
        await engine.dispose()


async def test_upgrade_twice_is_a_no_op(database_url: str) -> None:
    engine = open_engine(database_url)
    try:
        await upgrade(engine)
        await upgrade(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
    finally:
        await engine.dispose()


def test_cli_db_upgrade(database_url: str, tmp_path: Path) -> None:
    done = cli("db", "upgrade", "--database-url", database_url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "up to date" in done.stdout
    assert "Traceback" not in done.stderr

    async def check() -> None:
        engine = open_engine(database_url)
        try:
            async with engine.connect() as connection:
                assert await connection.run_sync(_diff) == []
                assert await connection.run_sync(_tables) == set(Base.metadata.tables) | {
                    "alembic_version"
                }
        finally:
            await engine.dispose()

    asyncio.run(check())
