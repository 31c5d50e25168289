"""Pol.is open-data conversations as discussions, for the tests and the benchmarks.

The reader takes the export as Pol.is's open data writes it and what a spreadsheet or
another export run may make of it: columns found by name (in any order, any case, ``_``
or a space for ``-``), a byte-order mark, CRLF, blank lines, short rows, numbers written
``1.0``, timestamps in seconds or milliseconds, optional columns absent (``datetime``,
``moderated``, ``author-id``, ``group-id``). What it cannot read (a file or a needed column
absent, a value that is no number) stops that conversation only, with the reason; what it
reads differently from the open data's own (a vote row without a value, comments.csv not
UTF-8, votes whose signs look inverted) it says in the conversation's notes.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.shared_folder import shared_dir
from bot.analysis.model import Discussion, Reply, Vote

VOTE_VALUES = (-1, 0, 1)


class UnreadableExport(ValueError):
    """A conversation's export that cannot be read, with the reason."""


@dataclass(frozen=True)
class PolisConversation:
    name: str
    discussion: Discussion
    groups: dict[str, int]
    """Pol.is's group of every participant it clustered."""
    notes: tuple[str, ...] = ()
    """What was read otherwise than the open data's own format (dropped rows, fallbacks)."""


@dataclass(frozen=True)
class Unreadable:
    name: str
    reason: str


def read_polis(folder: Path) -> PolisConversation:
    """The conversation in ``folder``, Pol.is's group of every participant it clustered,
    and notes on anything read otherwise than the open data's own format.

    Moderated-out comments are dropped from the replies, as Pol.is drops
    them; votes on them stay: Pol.is counts them towards a member's
    participation and keeps those comments as zeroed columns, which the
    analysis reproduces for replies voted on but absent from the replies.
    Votes are in time order (stable: ties keep the file's order), so a
    voter's latest vote is the last one. Raises :class:`UnreadableExport`.
    """
    notes: list[str] = []
    comments = _rows(folder / "comments.csv", ("comment-id",), notes)
    replies = _replies(comments, notes)
    votes = _votes(_rows(folder / "votes.csv", ("comment-id", "voter-id", "vote"), notes), notes)
    notes.extend(_sign_check(comments, votes))
    known = {c["comment-id"].strip() for c in comments.rows}
    unknown = [v for v in votes if v.reply_id not in known]
    if unknown:
        notes.append(
            f"votes.csv: {len(unknown)} votes on {len({v.reply_id for v in unknown})} comment-ids"
            " absent from comments.csv (kept, as votes on moderated-out comments are)"
        )
    groups = _groups(_rows(folder / "participants-votes.csv", ("participant",), notes), notes)
    discussion = Discussion(id=folder.name, question="", options=(), replies=replies, votes=votes)
    return PolisConversation(folder.name, discussion, groups, tuple(notes))


def _replies(comments: _Table, notes: list[str]) -> tuple[Reply, ...]:
    """The comments not moderated out, in time order, the earliest of each id."""
    if "timestamp" in comments.columns:
        comments.rows.sort(key=lambda c: _number(c, "timestamp", comments.path))
    first = _first_of_each_id(comments.rows)
    if len(first) < len(comments.rows):
        notes.append(
            f"comments.csv: {len(comments.rows) - len(first)} rows with an empty or repeated"
            " comment-id left out (the earliest of each id kept)"
        )
    if "moderated" not in comments.columns:
        notes.append("comments.csv has no moderated column: every comment kept")
    return tuple(
        Reply(
            id=c["comment-id"].strip(),
            author_id=c.get("author-id", ""),
            text=c.get("comment-body", ""),
        )
        for c in first
        if c.get("moderated", "").strip() == "" or _integer(c, "moderated", comments.path) != -1
    )


def _votes(table: _Table, notes: list[str]) -> tuple[Vote, ...]:
    """Every vote with a value and both ids, in time order (ties: the file's order)."""
    rows = table.rows
    if "timestamp" in table.columns:
        rows.sort(key=lambda v: _number(v, "timestamp", table.path))
    else:
        notes.append("votes.csv has no timestamp column: its row order taken as time order")
    kept = [v for v in rows if all(v[k].strip() for k in ("vote", "comment-id", "voter-id"))]
    if len(kept) < len(rows):
        notes.append(
            f"votes.csv: {len(rows) - len(kept)} rows with an empty vote, comment-id or voter-id dropped"
        )
    votes = tuple(
        Vote(v["comment-id"].strip(), v["voter-id"].strip(), _integer(v, "vote", table.path))
        for v in kept
    )
    odd = sorted({v.value for v in votes} - set(VOTE_VALUES))
    if odd:
        raise UnreadableExport(f"votes.csv: vote values other than -1, 0, 1: {odd}")
    return votes


def _groups(participants: _Table, notes: list[str]) -> dict[str, int]:
    """Pol.is's group of every participant it clustered (a blank group-id: not clustered)."""
    if "group-id" not in participants.columns:
        notes.append("participants-votes.csv has no group-id column: Pol.is grouped no one")
    return {
        p["participant"].strip(): _integer(p, "group-id", participants.path)
        for p in participants.rows
        if p.get("group-id", "").strip() != ""
    }


def load_polis(folder: Path) -> tuple[Discussion, dict[str, int]]:
    """The conversation in ``folder`` and Pol.is's group of every participant it clustered
    (:func:`read_polis` without its notes)."""
    conv = read_polis(folder)
    return conv.discussion, conv.groups


def _first_of_each_id(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    seen: set[str] = set()
    first = []
    for row in rows:
        cid = row["comment-id"].strip()
        if cid and cid not in seen:
            seen.add(cid)
            first.append(row)
    return first


@dataclass
class _Table:
    path: Path
    columns: tuple[str, ...]
    rows: list[dict[str, str]]


def _column_key(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(" ", "-")


def _rows(path: Path, required: tuple[str, ...], notes: list[str]) -> _Table:
    """Every non-blank row of a CSV export by normalised column name (short rows padded)."""
    if not path.is_file():
        raise UnreadableExport(f"{path.name} is absent")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = raw.decode("cp1252", errors="replace")
        notes.append(
            f"{path.name} is not UTF-8 ({error.reason} at byte {error.start}): read as cp1252"
        )
    try:
        header, *body = csv.reader(io.StringIO(text, newline=""))
    except ValueError:
        raise UnreadableExport(f"{path.name} is empty") from None
    except csv.Error as error:
        raise UnreadableExport(f"{path.name}: {error}") from None
    columns = tuple(_column_key(h) for h in header)
    missing = [c for c in required if c not in columns]
    if missing:
        raise UnreadableExport(
            f"{path.name} has no column {', '.join(missing)} (columns: {', '.join(header[:12])})"
        )
    width = len(columns)
    rows = [
        dict(zip(columns, row + [""] * (width - len(row)), strict=False))
        for row in body
        if any(row)
    ]
    return _Table(path, columns, rows)


def _number(row: dict[str, str], column: str, path: Path) -> float:
    try:
        return float(row[column])
    except ValueError:
        raise UnreadableExport(f"{path.name}: {column} {row[column]!r} is no number") from None


def _integer(row: dict[str, str], column: str, path: Path) -> int:
    value = _number(row, column, path)
    if not value.is_integer():
        raise UnreadableExport(f"{path.name}: {column} {row[column]!r} is no whole number")
    return int(value)


def _sign_check(comments: _Table, votes: tuple[Vote, ...]) -> list[str]:
    """A note when comments.csv's agree/disagree counts match votes.csv read with the signs
    inverted better than as written (the open data: 1 agree, -1 disagree)."""
    if "agrees" not in comments.columns or "disagrees" not in comments.columns:
        return []
    latest = {(v.reply_id, v.user_id): v.value for v in votes}
    counts = Counter((reply, value) for (reply, _), value in latest.items())
    same = inverted = 0
    for c in comments.rows:
        cid, agrees, disagrees = (
            c["comment-id"].strip(),
            c["agrees"].strip(),
            c["disagrees"].strip(),
        )
        written = (str(counts[cid, 1]), str(counts[cid, -1]))
        same += (agrees, disagrees) == written
        inverted += (disagrees, agrees) == written and written[0] != written[1]
    if inverted > same:
        return [
            f"votes.csv looks sign-inverted: comments.csv's agrees match its -1 votes on {inverted}"
            f" comments, its 1 votes on {same} (read as written: 1 agree, -1 disagree)"
        ]
    return []


def polis_root() -> Path:
    return shared_dir() / "eval" / "polis"


def conversation_folders() -> list[Path]:
    """Every conversation folder under :func:`polis_root`, in name order (none when it is
    absent): each folder there that is not hidden and holds a CSV file (one without any
    is no conversation, e.g. an archive tool's ``__MACOSX``: see :func:`other_folders`)."""
    return [p for p in _folders() if any(p.glob("*.csv"))]


def other_folders() -> list[Path]:
    """The folders under :func:`polis_root` that hold no CSV file, hence no conversation."""
    return [p for p in _folders() if not any(p.glob("*.csv"))]


def _folders() -> list[Path]:
    root = polis_root()
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def read_conversations(
    limit: int | None = None,
) -> tuple[list[PolisConversation], list[Unreadable]]:
    """The readable conversations (the first ``limit`` of them) and the others with why."""
    read: list[PolisConversation] = []
    unreadable: list[Unreadable] = []
    for folder in conversation_folders():
        if limit is not None and len(read) >= limit:
            break
        try:
            read.append(read_polis(folder))
        except UnreadableExport as error:
            unreadable.append(Unreadable(folder.name, str(error)))
    return read, unreadable


def load_conversations(limit: int | None = None) -> list[PolisConversation]:
    """The readable conversations (:func:`read_conversations` without the others)."""
    return read_conversations(limit)[0]


def comment_texts(folder: Path) -> list[str]:
    """Every comment of a conversation, moderated-out ones included (none when unreadable)."""
    try:
        table = _rows(folder / "comments.csv", ("comment-id",), [])
    except UnreadableExport:
        return []
    return [c.get("comment-body", "") for c in table.rows]
