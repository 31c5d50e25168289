"""Exporting a server's stored answers (JSONL, or CSV for spreadsheets: commas, or
semicolons for a French Excel), streamed.

The format and its writers are in :mod:`bot.export_format`. Deleted replies
and opted-out members are never exported. A server is read with three
streamed queries per batch of discussions (replies, stances, votes), merged
discussion by discussion.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing

from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App
from bot.export_format import (
    DEFAULT_CSV_DIALECT,
    CsvWriter,
    discussion_record,
    reaction_lines,
    record_line,
    reply_lines,
    stance_lines,
)
from db.repositories import audit
from db.repositories import export as export_repo


async def _batches(
    session: AsyncSession, guild_id: int, discussion_id: int | None
) -> AsyncGenerator[list[str], None]:
    """The JSONL lines, a list at a time (a discussion line, or up to a partition of rows)."""
    found = await export_repo.discussions(session, guild_id, discussion_id)
    for start in range(0, len(found), export_repo.DISCUSSION_BATCH):
        batch = found[start : start + export_repo.DISCUSSION_BATCH]
        replies, stances, votes = await export_repo.streams(session, [d.id for d in batch])
        assert votes is not None
        try:
            for d in batch:
                yield [record_line(discussion_record(d))]
                while (rows := await replies.next_rows(d.id)) is not None:
                    yield reply_lines(rows)
                options = list(d.options)
                while (rows := await stances.next_rows(d.id)) is not None:
                    yield stance_lines(rows, options)
                while (rows := await votes.next_rows(d.id)) is not None:
                    yield reaction_lines(rows)
        finally:
            for stream_ in (replies, stances, votes):
                await stream_.close()


async def jsonl(
    session: AsyncSession, guild_id: int, discussion_id: int | None = None
) -> AsyncGenerator[str, None]:
    """The JSONL export, one line at a time."""
    async with aclosing(_batches(session, guild_id, discussion_id)) as batches:
        async for lines in batches:
            for line in lines:
                yield line


async def csv_rows(
    session: AsyncSession,
    guild_id: int,
    discussion_id: int | None = None,
    dialect: str = DEFAULT_CSV_DIALECT,
) -> AsyncGenerator[str, None]:
    """CSV text in ``dialect`` (:data:`~bot.export_format.CSV_DIALECTS`), one row per
    reply, starting with a BOM so Excel reads UTF-8."""
    writer = CsvWriter(dialect)
    yield writer.header()
    found = await export_repo.discussions(session, guild_id, discussion_id)
    for start in range(0, len(found), export_repo.DISCUSSION_BATCH):
        batch = found[start : start + export_repo.DISCUSSION_BATCH]
        replies, stances, _ = await export_repo.streams(
            session, [d.id for d in batch], with_votes=False
        )
        try:
            for d in batch:
                options = list(d.options)
                declared = {
                    user_id: options[option]
                    for _, user_id, option, _ in await stances.all_rows(d.id)
                    if 0 <= option < len(options)
                }
                question = d.question_text
                while (rows := await replies.next_rows(d.id)) is not None:
                    for row in rows:
                        yield writer.reply(d.id, question, row, declared.get(row[2], ""))
        finally:
            await replies.close()
            await stances.close()


def stream(
    session: AsyncSession,
    guild_id: int,
    discussion_id: int | None,
    fmt: str,
    dialect: str = DEFAULT_CSV_DIALECT,
) -> AsyncGenerator[str, None]:
    """The export in ``fmt`` (``csv``, in ``dialect``, or ``jsonl``), as text chunks;
    closed by whoever stops early (``aclosing``), so its cursors close while the
    database is still open."""
    if fmt == "csv":
        return csv_rows(session, guild_id, discussion_id, dialect)
    return jsonl(session, guild_id, discussion_id)


def file_name(guild_id: int, discussion_id: int | None, fmt: str, dialect: str) -> str:
    """The download's name: ``etvous-<server>[-<discussion>][-excel].<fmt>``."""
    part = f"-{discussion_id}" if discussion_id else ""
    variant = f"-{dialect}" if fmt == "csv" and dialect != DEFAULT_CSV_DIALECT else ""
    return f"etvous-{guild_id}{part}{variant}.{fmt}"


async def log_export(
    app: App,
    guild_id: int,
    discussion_id: int | None,
    *,
    actor_id: int | None,
    actor_name: str | None = None,
) -> None:
    """The audit log's line for staff's export (``/answers export``, the web room's
    download): who, and of which discussion (no target: the whole server's)."""
    async with app.sessions.begin() as session:
        await audit.record(
            session,
            guild_id,
            "export",
            actor_id=actor_id,
            actor_name=actor_name,
            target=str(discussion_id) if discussion_id else None,
            now=app.clock.now(),
        )
