"""The export streamed to a web download: the CLI's format, never held in memory."""

from __future__ import annotations

from collections.abc import AsyncIterator

from bot.app import App
from bot.errors import NotFound, UserError
from bot.export_format import CSV_DIALECTS, DEFAULT_CSV_DIALECT
from bot.services import export
from bot.write_behind import INTERACTIVE_WAIT
from db.repositories import discussions as discussion_repo

FORMATS = {"csv": "text/csv", "jsonl": "application/x-ndjson"}


async def check(
    app: App,
    guild_id: int,
    discussion_id: int | None,
    fmt: str,
    dialect: str = DEFAULT_CSV_DIALECT,
) -> None:
    """Refuse an unknown format or CSV variant, or a discussion that is not the server's,
    before streaming."""
    if fmt not in FORMATS:
        raise UserError("error-format")
    if dialect not in CSV_DIALECTS:
        raise UserError("error-csv-dialect")
    if discussion_id is not None:
        async with app.sessions() as session:
            if await discussion_repo.get_discussion(session, guild_id, discussion_id) is None:
                raise NotFound("discussion")


async def chunks(
    app: App,
    guild_id: int,
    discussion_id: int | None,
    fmt: str,
    dialect: str = DEFAULT_CSV_DIALECT,
    *,
    actor_id: int,
    actor_name: str | None = None,
) -> AsyncIterator[bytes]:
    """The export in ``fmt`` (a CSV in ``dialect``), a few rows at a time (audit-logged
    as ``/answers export``)."""
    await check(app, guild_id, discussion_id, fmt, dialect)
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    await export.log_export(app, guild_id, discussion_id, actor_id=actor_id, actor_name=actor_name)
    pending: list[str] = []
    size = 0
    async with app.sessions() as session:
        async for text in export.stream(session, guild_id, discussion_id, fmt, dialect):
            pending.append(text)
            size += len(text)
            if size >= 64_000:
                yield "".join(pending).encode("utf-8")
                pending, size = [], 0
    if pending:
        yield "".join(pending).encode("utf-8")
