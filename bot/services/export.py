"""The export format (JSONL, or CSV for spreadsheets), streamed row by row.

JSONL lines, ids as strings, times ISO 8601 UTC:
``discussion``, then its ``reply``, ``stance`` and ``reaction`` lines.
Deleted replies and opted-out members are never exported.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Discussion
from db.repositories import export as export_repo

CSV_COLUMNS = (
    "discussion_id",
    "question",
    "reply_id",
    "author_id",
    "author_name",
    "created_at",
    "edited_at",
    "reply_to",
    "declared_stance",
    "text",
)


def iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def _sid(value: int | None) -> str | None:
    return str(value) if value is not None else None


def discussion_line(d: Discussion) -> dict[str, Any]:
    return {
        "type": "discussion",
        "id": str(d.id),
        "guild_id": str(d.guild_id),
        "question": d.question_text,
        "options": list(d.options),
        "language": d.language,
        "channel_id": str(d.channel_id),
        "thread_id": _sid(d.thread_id),
        "opened_at": iso(d.opened_at),
        "closes_at": iso(d.closes_at),
        "closed_at": iso(d.closed_at),
    }


async def records(
    session: AsyncSession, guild_id: int, discussion_id: int | None = None
) -> AsyncIterator[dict[str, Any]]:
    for d in await export_repo.discussions(session, guild_id, discussion_id):
        yield discussion_line(d)
        async for r in export_repo.replies(session, d.id):
            yield {
                "type": "reply",
                "id": str(r.id),
                "discussion_id": str(r.discussion_id),
                "author_id": str(r.author_id),
                "author_name": r.author_name,
                "text": r.text,
                "created_at": iso(r.created_at),
                "edited_at": iso(r.edited_at),
                "reply_to": _sid(r.reply_to),
            }
        options = list(d.options)
        for s in await export_repo.stances(session, d.id):
            yield {
                "type": "stance",
                "discussion_id": str(s.discussion_id),
                "author_id": str(s.user_id),
                "option": options[s.option] if 0 <= s.option < len(options) else None,
                "at": iso(s.at),
            }
        async for v in export_repo.votes(session, d.id):
            yield {
                "type": "reaction",
                "discussion_id": str(v.discussion_id),
                "reply_id": str(v.reply_id),
                "user_id": str(v.voter_id),
                "value": int(v.value),
            }


async def jsonl(
    session: AsyncSession, guild_id: int, discussion_id: int | None = None
) -> AsyncIterator[str]:
    async for record in records(session, guild_id, discussion_id):
        yield json.dumps(record, ensure_ascii=False) + "\n"


async def csv_rows(
    session: AsyncSession, guild_id: int, discussion_id: int | None = None
) -> AsyncIterator[str]:
    """CSV text, one row per reply, starting with a BOM so Excel reads UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield "\ufeff" + buffer.getvalue()
    for d in await export_repo.discussions(session, guild_id, discussion_id):
        options = list(d.options)
        declared = {
            s.user_id: options[s.option]
            for s in await export_repo.stances(session, d.id)
            if 0 <= s.option < len(options)
        }
        async for r in export_repo.replies(session, d.id):
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(
                (
                    d.id,
                    d.question_text,
                    r.id,
                    r.author_id,
                    r.author_name,
                    iso(r.created_at),
                    iso(r.edited_at) or "",
                    r.reply_to or "",
                    declared.get(r.author_id, ""),
                    r.text,
                )
            )
            yield buffer.getvalue()


async def stream(
    session: AsyncSession, guild_id: int, discussion_id: int | None, fmt: str
) -> AsyncIterator[str]:
    source = csv_rows if fmt == "csv" else jsonl
    async for chunk in source(session, guild_id, discussion_id):
        yield chunk
