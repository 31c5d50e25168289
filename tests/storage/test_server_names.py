"""Servers' names stored for the web room (migration 0015), on each backend: the column
comes and goes with its migration, keeping every row; a name is written for a server
that has a row, renamed, and made storable; a server without a row (never set up) gets
none; a server forgotten keeps no name (its row goes)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection

from bot.app import App
from bot.clock import ManualClock
from bot.config import Settings
from bot.services import retention, server_names
from db.engine import open_engine
from db.migrate import downgrade, upgrade
from db.models import Guild
from db.repositories import guilds

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
SERVER, OTHER, NEVER_SET_UP = (1_500_000_000_000_000_000 + n for n in range(3))


def _guild_columns(connection: Connection) -> set[str]:
    return {c["name"] for c in inspect(connection).get_columns("guilds")}


async def test_0015_adds_the_name_then_goes_down_keeping_the_rows(
    empty_database_url: str,
) -> None:
    engine = open_engine(empty_database_url)
    try:
        await upgrade(engine, "0014")
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO guilds (id, cron, timezone, duration_hours, language, paused,"
                    " present, created_at, updated_at) VALUES (1, '0 18 * * 1', 'UTC', 72,"
                    " 'fr', false, true, :t, :t)"
                ),
                {"t": NOW},
            )
        await upgrade(engine)
        async with engine.begin() as connection:
            assert "name" in await connection.run_sync(_guild_columns)
            stored = await connection.execute(text("SELECT id, name FROM guilds"))
            assert [tuple(row) for row in stored] == [(1, None)]  # named at the next start
            await connection.execute(text("UPDATE guilds SET name = 'Cinéphiles' WHERE id = 1"))
        await downgrade(engine, "0014")
        async with engine.connect() as connection:
            assert "name" not in await connection.run_sync(_guild_columns)
            assert (await connection.execute(text("SELECT count(*) FROM guilds"))).scalar() == 1
        await upgrade(engine)
        async with engine.connect() as connection:
            kept = await connection.execute(text("SELECT name FROM guilds WHERE id = 1"))
            assert kept.scalar() is None
    finally:
        await engine.dispose()


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[App]:
    app = App.build(Settings(database_url=database_url), clock=ManualClock(NOW))
    try:
        await upgrade(app.engine)
        async with app.sessions.begin() as session:
            for guild_id in (SERVER, OTHER):
                await guilds.ensure_guild(
                    session, guild_id, now=NOW, timezone="Europe/Paris", language="fr"
                )
        yield app
    finally:
        await app.close()


async def _names(app: App) -> dict[int, str | None]:
    async with app.sessions() as session:
        return {i: n for i, n in await session.execute(select(Guild.id, Guild.name))}


async def test_a_name_is_stored_as_given_then_renamed(app: App) -> None:
    hostile = "<b>Ciné</b> @everyone \u202eclub"
    given = {SERVER: hostile, OTHER: "Échecs", NEVER_SET_UP: "Sans réglage"}
    assert await server_names.named(app, given) == 2
    assert await _names(app) == {SERVER: hostile, OTHER: "Échecs"}  # no row made for it
    assert await server_names.named(app, given) == 0  # unchanged: nothing written

    assert await server_names.named(app, {SERVER: "Cinéphiles", OTHER: ""}) == 1
    assert await _names(app) == {SERVER: "Cinéphiles", OTHER: "Échecs"}  # "": unknown, kept
    async with app.sessions() as session:
        row = await guilds.get_guild(session, SERVER)
    assert row is not None and row.updated_at == NOW  # not a change of its settings


async def test_a_name_is_made_storable(app: App) -> None:
    """PostgreSQL refuses U+0000 and neither backend stores a lone surrogate: one such name
    must not fail the write of every other server's (one transaction)."""
    assert await server_names.named(app, {SERVER: "a\x00b\ud800" + "é" * 150, OTHER: "x"}) == 2
    names = await _names(app)
    assert names[SERVER] == "a\ufffdb\ufffd" + "é" * 96
    assert names[OTHER] == "x"


async def test_a_forgotten_server_keeps_no_name(app: App) -> None:
    await server_names.named(app, {SERVER: "Cinéphiles", OTHER: "Échecs"})
    async with app.sessions.begin() as session:  # removed 31 days ago
        await guilds.update_guild(
            session, SERVER, NOW, present=False, left_at=NOW - timedelta(days=31)
        )
    assert await retention.forget_removed_servers(app) == 1
    assert await _names(app) == {OTHER: "Échecs"}


async def test_many_servers_at_once(app: App) -> None:
    """A new session lists every server: read and written in bounded chunks."""
    many = {SERVER + 10 + n: f"serveur {n}" for n in range(guilds.NAMES_READ_AT_ONCE + 20)}
    async with app.sessions.begin() as session:
        for guild_id in many:
            await guilds.ensure_guild(session, guild_id, now=NOW, timezone="UTC", language="fr")
    assert await server_names.named(app, {**many, SERVER: "Cinéphiles"}) == len(many) + 1
    names = await _names(app)
    assert all(names[guild_id] == name for guild_id, name in many.items())
