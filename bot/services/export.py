"""The export format (JSONL, or CSV for spreadsheets), streamed row by row.

JSONL lines, ids as strings, times ISO 8601 UTC:
``discussion``, then its ``reply``, ``stance`` and ``reaction`` lines.
Deleted replies and opted-out members are never exported.

Each line is what ``json.dumps(record, ensure_ascii=False)`` writes for the
record, built from a row tuple with one format string (strings go through
the same C escaper ``json`` uses), so the hot loop costs a few microseconds
a row. A server is read with three streamed queries per batch of
discussions (replies, stances, votes), merged discussion by discussion.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from json.encoder import encode_basestring
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

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

_enc = encode_basestring
"""The string escaper ``json.dumps(..., ensure_ascii=False)`` uses (C)."""


def iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def _sid(value: int | None) -> str | None:
    return str(value) if value is not None else None


def discussion_line(d: Any) -> dict[str, Any]:
    """The ``discussion`` record of a discussion (model or row with the model's names)."""
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


_Q = '"'
_NULL = "null"
_UTC = "+00:00"
_Z = "Z"


def _reply_lines(rows: Sequence[Any]) -> list[str]:
    return [
        f'{{"type": "reply", "id": "{rid}", "discussion_id": "{did}", "author_id": "{aid}", '
        f'"author_name": {_enc(name)}, "text": {_enc(text)}, '
        f'"created_at": "{created.isoformat().replace(_UTC, _Z)}", "edited_at": '
        f"{_NULL if edited is None else _Q + edited.isoformat().replace(_UTC, _Z) + _Q}, "
        f'"reply_to": {_NULL if reply_to is None else _Q + str(reply_to) + _Q}}}\n'
        for did, rid, aid, name, text, created, edited, reply_to in rows
    ]


def _stance_lines(rows: Sequence[Any], options: list[str]) -> list[str]:
    count = len(options)
    return [
        f'{{"type": "stance", "discussion_id": "{did}", "author_id": "{uid}", "option": '
        f"{_enc(options[option]) if 0 <= option < count else _NULL}, "
        f'"at": {_NULL if at is None else _Q + at.isoformat().replace(_UTC, _Z) + _Q}}}\n'
        for did, uid, option, at in rows
    ]


def _reaction_lines(rows: Sequence[Any]) -> list[str]:
    return [
        f'{{"type": "reaction", "discussion_id": "{did}", "reply_id": "{rid}", '
        f'"user_id": "{vid}", "value": {int(value)}}}\n'
        for did, rid, vid, value in rows
    ]


async def _batches(
    session: AsyncSession, guild_id: int, discussion_id: int | None
) -> AsyncIterator[list[str]]:
    """The JSONL lines, a list at a time (a discussion line, or up to a partition of rows)."""
    found = await export_repo.discussions(session, guild_id, discussion_id)
    for start in range(0, len(found), export_repo.DISCUSSION_BATCH):
        batch = found[start : start + export_repo.DISCUSSION_BATCH]
        replies, stances, votes = await export_repo.streams(session, [d.id for d in batch])
        assert votes is not None
        try:
            for d in batch:
                yield [json.dumps(discussion_line(d), ensure_ascii=False) + "\n"]
                while (rows := await replies.next_rows(d.id)) is not None:
                    yield _reply_lines(rows)
                options = list(d.options)
                while (rows := await stances.next_rows(d.id)) is not None:
                    yield _stance_lines(rows, options)
                while (rows := await votes.next_rows(d.id)) is not None:
                    yield _reaction_lines(rows)
        finally:
            for stream_ in (replies, stances, votes):
                await stream_.close()


async def jsonl(
    session: AsyncSession, guild_id: int, discussion_id: int | None = None
) -> AsyncIterator[str]:
    """The JSONL export, one line at a time."""
    async for lines in _batches(session, guild_id, discussion_id):
        for line in lines:
            yield line


async def records(
    session: AsyncSession, guild_id: int, discussion_id: int | None = None
) -> AsyncIterator[dict[str, Any]]:
    """The export as records (the JSONL lines read back), for tools and tests."""
    async for lines in _batches(session, guild_id, discussion_id):
        for line in lines:
            yield json.loads(line)


async def csv_rows(
    session: AsyncSession, guild_id: int, discussion_id: int | None = None
) -> AsyncIterator[str]:
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
                    for _, rid, aid, name, text, created, edited, reply_to in rows:
                        buffer.seek(0)
                        buffer.truncate()
                        writer.writerow(
                            (
                                d.id,
                                d.question_text,
                                rid,
                                aid,
                                name,
                                iso(created),
                                iso(edited) or "",
                                reply_to or "",
                                declared.get(aid, ""),
                                text,
                            )
                        )
                        yield buffer.getvalue()
        finally:
            await replies.close()
            await stances.close()


def stream(
    session: AsyncSession, guild_id: int, discussion_id: int | None, fmt: str
) -> AsyncIterator[str]:
    """The export in ``fmt`` (``csv`` or ``jsonl``), as text chunks."""
    source = csv_rows if fmt == "csv" else jsonl
    return source(session, guild_id, discussion_id)
