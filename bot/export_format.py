"""The export format: what each line of an export holds, and its one writer.

JSON Lines, one object a line, ids as strings, times ISO 8601 UTC ("Z"):
a ``discussion`` line, then that discussion's ``reply``, ``stance`` and
``reaction`` lines. :mod:`bot.analysis.jsonl` reads it back (the analysis
keeps its pure reader); :mod:`bot.services.export` streams the stored rows
through the writers here, and so does every other producer of exports (the
member's download, the benchmarks' synthetic servers).

Every line is exactly what ``json.dumps(record, ensure_ascii=False)`` writes
for the record. The row writers (:func:`reply_lines` and its siblings) build
it with one format string per row, strings going through the C escaper
``json`` itself uses, so an export costs a few microseconds a row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from json.encoder import encode_basestring as _enc
from typing import Any

CSV_ID_COLUMNS = frozenset({"discussion_id", "reply_id", "author_id", "reply_to"})
"""The CSV export's columns holding ids (Discord's are 17 to 19 digits, past the 15 a
spreadsheet's number keeps): the ``excel`` variant writes them as text formulas."""

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
"""The CSV export: one row per reply (for spreadsheets)."""

_ID_AT = tuple(column in CSV_ID_COLUMNS for column in CSV_COLUMNS)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """A text cell of the CSV export that spreadsheets show as typed: one a member
    could have written as a formula (``=HYPERLINK(…)``) gets a leading ``'``,
    as OWASP advises against CSV injection."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def excel_id(value: int | str) -> str:
    """An id cell of the ``excel`` variant: the text formula ``="123456789012345678"``,
    which Excel and LibreOffice Calc show as the id's digits when the file is opened,
    where a bare number would be rounded past 15 digits (``1,23457E+18``). Only an int
    (the stored id) is written so; ``""`` (no id) stays empty, anything else is a
    ``TypeError``: user text never reaches a formula."""
    if value == "":
        return ""
    if type(value) is not int:
        raise TypeError(f"an id cell takes an int, not {type(value).__name__}")
    return f'="{value}"'


class _Rfc4180(csv.Dialect):
    """RFC 4180: commas, fields quoted with ``"`` only when they hold the separator, a
    quote or a line break (a quote doubled inside), CRLF after every record."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL


class _ExcelSemicolon(_Rfc4180):
    """The same with semicolons: the list separator of a French (and most European)
    Excel, which opens a comma file in one column."""

    delimiter = ";"


CSV_DIALECTS: dict[str, type[csv.Dialect]] = {"rfc4180": _Rfc4180, "excel": _ExcelSemicolon}
"""The CSV export's variants: ``rfc4180`` (commas, the default: for tools, and an
English Excel) and ``excel`` (semicolons: a French Excel opens it in columns). Both
are UTF-8 starting with a byte-order mark (Excel reads a file without one in the
system's code page, accents garbled), CRLF, with the same quoting and the same cells,
but for ids: ``excel`` writes each cell of :data:`CSV_ID_COLUMNS` as
:func:`excel_id` (``="…"``), so a double-clicked file keeps every id whole."""

_TEXT_IDS = frozenset({"excel"})
"""The variants whose id cells are :func:`excel_id` text formulas."""

DEFAULT_CSV_DIALECT = "rfc4180"

_BOM = "\ufeff"


class CsvWriter:
    """The CSV export's one writer, a row at a time, in one of :data:`CSV_DIALECTS`
    (an unknown name is a ``KeyError``: callers check it first)."""

    __slots__ = ("_buffer", "_text_ids", "_writer")

    def __init__(self, dialect: str = DEFAULT_CSV_DIALECT) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, dialect=CSV_DIALECTS[dialect])
        self._text_ids = dialect in _TEXT_IDS

    def header(self) -> str:
        """The file's start: the byte-order mark, the columns."""
        return _BOM + self.row(CSV_COLUMNS)

    def row(self, cells: Iterable[object]) -> str:
        """One record, its line end included."""
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        self._writer.writerow(cells)
        return buffer.getvalue()

    def reply(
        self,
        discussion_id: int,
        question: str,
        reply: Sequence[Any],
        declared_stance: str,
    ) -> str:
        """A reply's row: ``reply`` as :func:`reply_lines` reads rows; every text cell
        (question, name, stance, text) through :func:`spreadsheet_text`, times as they
        are, ids as they are too (``rfc4180``) or as :func:`excel_id` (``excel``)."""
        _, rid, aid, name, text, created, edited, reply_to, _ = reply
        cells = (
            discussion_id,
            spreadsheet_text(question),
            rid,
            aid,
            spreadsheet_text(name),
            iso(created),
            iso(edited) or "",
            reply_to or "",
            spreadsheet_text(declared_stance),
            spreadsheet_text(text),
        )
        if self._text_ids:
            return self.row(
                excel_id(cell) if is_id else cell for cell, is_id in zip(cells, _ID_AT, strict=True)
            )
        return self.row(cells)


_Q = '"'
_NULL = "null"
_UTC = "+00:00"
_Z = "Z"


def iso(value: datetime | None) -> str | None:
    """A UTC time as the export writes it (``2026-01-01T18:00:00Z``)."""
    return value.isoformat().replace(_UTC, _Z) if value is not None else None


def _sid(value: int | str | None) -> str | None:
    return str(value) if value is not None else None


def record_line(record: Mapping[str, Any]) -> str:
    """One record as its line (the writer of every line the row writers do not build)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def discussion_record(d: Any) -> dict[str, Any]:
    """The ``discussion`` record of a discussion (a model, or a row with the model's names)."""
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


def download_reply_record(reply: Any, revisions: Sequence[Any] = ()) -> dict[str, Any]:
    """A reply in a member's own download (``/mydata``): hers, so no author id; the name
    stored with it (hers when she wrote it), every earlier version (oldest first) and
    whether she wrote it in the form."""
    return {
        "type": "reply",
        "id": str(reply.id),
        "discussion_id": str(reply.discussion_id),
        "author_name": reply.author_name,
        "text": reply.text,
        "created_at": iso(reply.created_at),
        "edited_at": iso(reply.edited_at),
        "reply_to": _sid(reply.reply_to),
        "via_form": bool(reply.via_modal),
        "revisions": [
            {"text": revision.text, "replaced_at": iso(revision.edited_at)}
            for revision in revisions
        ],
    }


def download_stance_record(discussion_id: int, option: str | None, at: datetime) -> dict[str, Any]:
    """A declared stance in a member's own download (``/mydata``): her choice now."""
    return {"type": "stance", "discussion_id": str(discussion_id), "option": option, "at": iso(at)}


def download_stance_change_record(
    discussion_id: int, option: str | None, at: datetime
) -> dict[str, Any]:
    """One of her stance clicks, in her download (the history of her choices); ``option``
    null: she withdrew her stance."""
    return {
        "type": "stance_change",
        "discussion_id": str(discussion_id),
        "option": option,
        "at": iso(at),
    }


def download_vote_record(vote: Any) -> dict[str, Any]:
    """One of her votes on a reply, in her download (1 agree, -1 disagree, 0 pass;
    ``via_reaction``: cast by a reaction on the reply, not on the voting card)."""
    return {
        "type": "vote",
        "reply_id": str(vote.reply_id),
        "discussion_id": str(vote.discussion_id),
        "value": int(vote.value),
        "at": iso(vote.at),
        "via_reaction": bool(vote.by_reaction),
    }


def download_preference_record(
    opted_out: bool, hidden_from_leaderboard: bool, updated_at: datetime
) -> dict[str, Any]:
    """Her choices: storing (opt-out) and showing on the monthly leaderboard."""
    return {
        "type": "preference",
        "opted_out": opted_out,
        "hidden_from_leaderboard": hidden_from_leaderboard,
        "updated_at": iso(updated_at),
    }


def download_suggestion_record(suggestion: Any) -> dict[str, Any]:
    """A question she suggested, in her download: as she wrote it (or as staff edited
    it), the name stored with it, and what became of it (``question_id``: the bank's
    question made of it). Who decided is staff's, not hers: left out."""
    return {
        "type": "suggestion",
        "id": str(suggestion.id),
        "text": suggestion.text,
        "options": list(suggestion.options),
        "category": suggestion.category,
        "author_name": suggestion.author_name,
        "language": suggestion.language,
        "status": suggestion.status,
        "reason": suggestion.reason,
        "created_at": iso(suggestion.created_at),
        "decided_at": iso(suggestion.decided_at),
        "question_id": _sid(suggestion.question_id),
    }


def download_privacy_record(
    reason: str, starts_at: datetime | None, ends_at: datetime | None
) -> dict[str, Any]:
    """A span in which nothing of hers is stored: an opt-out, or an erasure up to its end."""
    return {
        "type": "privacy_interval",
        "reason": reason,
        "starts_at": iso(starts_at),
        "ends_at": iso(ends_at),
    }


_EDITED_AFTER_VOTES = ', "edited_after_votes": true'


def reply_lines(rows: Sequence[Any]) -> list[str]:
    """``reply`` lines of rows ``(discussion_id, id, author_id, author_name, text,
    created_at, edited_at, reply_to, edited_after_votes)``; ``"edited_after_votes": true``
    only on a reply whose text changed after a vote it still counts (older exports lack it)."""
    return [
        f'{{"type": "reply", "id": "{rid}", "discussion_id": "{did}", "author_id": "{aid}", '
        f'"author_name": {_enc(name)}, "text": {_enc(text)}, '
        f'"created_at": "{created.isoformat().replace(_UTC, _Z)}", "edited_at": '
        f"{_NULL if edited is None else _Q + edited.isoformat().replace(_UTC, _Z) + _Q}, "
        f'"reply_to": {_NULL if reply_to is None else _Q + str(reply_to) + _Q}'
        f"{_EDITED_AFTER_VOTES if marked else ''}}}\n"
        for did, rid, aid, name, text, created, edited, reply_to, marked in rows
    ]


def stance_lines(rows: Sequence[Any], options: Sequence[str]) -> list[str]:
    """``stance`` lines of rows ``(discussion_id, author_id, option index, at)``."""
    count = len(options)
    return [
        f'{{"type": "stance", "discussion_id": "{did}", "author_id": "{uid}", "option": '
        f"{_enc(options[option]) if 0 <= option < count else _NULL}, "
        f'"at": {_NULL if at is None else _Q + at.isoformat().replace(_UTC, _Z) + _Q}}}\n'
        for did, uid, option, at in rows
    ]


def reaction_lines(rows: Sequence[Any]) -> list[str]:
    """``reaction`` lines (a vote: 1 agree, -1 disagree, 0 pass) of rows
    ``(discussion_id, reply_id, user_id, value)``."""
    return [
        f'{{"type": "reaction", "discussion_id": "{did}", "reply_id": "{rid}", '
        f'"user_id": "{vid}", "value": {int(value)}}}\n'
        for did, rid, vid, value in rows
    ]
