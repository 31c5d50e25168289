"""Throw-away PostgreSQL databases, for the tests and the benchmarks alike.

Every function takes the URL of a database the server already has (its
``postgres`` maintenance rights are used to create and drop the others).
"""

from __future__ import annotations

import socket
import uuid
from urllib.parse import urlsplit


def unreachable(url: str) -> str | None:
    """Why no PostgreSQL server answers at ``url``, or ``None`` when one does."""
    parts = urlsplit(url.replace("+asyncpg", ""))
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), 1):
            return None
    except OSError as error:
        return f"no PostgreSQL server answers at {parts.hostname}:{parts.port} ({error})"


async def _admin(url: str, statement: str) -> None:
    import asyncpg

    parts = urlsplit(url.replace("+asyncpg", ""))
    connection = await asyncpg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        database=(parts.path or "/test").lstrip("/") or "test",
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def create_database(url: str, prefix: str, template: str | None = None) -> str:
    """A new database beside ``url``'s, empty or a copy of the database at ``template``
    (which nobody may be connected to); returns its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""
    await _admin(url, f'CREATE DATABASE "{name}"{copy}')
    return f"{url.rsplit('/', 1)[0]}/{name}"


async def drop_database(url: str, made: str) -> None:
    """Drop the database at ``made`` (connections and all), through ``url``'s."""
    name = made.rsplit("/", 1)[1]
    await _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
