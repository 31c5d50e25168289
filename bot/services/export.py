"""Exporting a server's stored answers (JSONL, or CSV for spreadsheets), streamed.

The format and its writers are in :mod:`bot.export_format`. Deleted replies
and opted-out members are never exported. A server is read with three
streamed queries per batch of discussions (replies, stances, votes), merged
discussion by discussion.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncGenerator
from contextlib import aclosing

from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App
from bot.export_format import (
    CSV_COLUMNS,
    discussion_record,
    iso,
    reaction_lines,
    record_line,
    reply_lines,
    spreadsheet_text,
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
    session: AsyncSession, guild_id: int, discussion_id: int | None = None
) -> AsyncGenerator[str, None]:
    """CSV text, one row per reply, starting with a BOM so Excel reads UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield "\ufeff" + buffer.getvalue()
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
                while (rows := await replies.next_rows(d.id)) is not None:
                    for _, rid, aid, name, text, created, edited, reply_to, _ in rows:
                        buffer.seek(0)
                        buffer.truncate()
                        writer.writerow(
                            (
                                d.id,
                                spreadsheet_text(d.question_text),
                                rid,
                                aid,
                                spreadsheet_text(name),
                                iso(created),
                                iso(edited) or "",
                                reply_to or "",
                                spreadsheet_text(declared.get(aid, "")),
                                spreadsheet_text(text),
                            )
                        )
                        yield buffer.getvalue()
        finally:
            await replies.close()
            await stances.close()


def stream(
    session: AsyncSession, guild_id: int, discussion_id: int | None, fmt: str
) -> AsyncGenerator[str, None]:
    """The export in ``fmt`` (``csv`` or ``jsonl``), as text chunks; closed by whoever
    stops early (``aclosing``), so its cursors close while the database is still open."""
    source = csv_rows if fmt == "csv" else jsonl
    return source(session, guild_id, discussion_id)


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
