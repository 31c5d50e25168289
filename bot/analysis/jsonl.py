"""Read the export format (JSON Lines, streamed) into :class:`Discussion` objects.

One object per line, told apart by ``"type"``: ``discussion``, ``reply``,
``stance`` (a member's declared option; a later line replaces an earlier one)
and ``reaction`` (an agree/disagree/pass vote on a reply; the latest counts).
Ids may be numbers or strings in the file; they are strings once read. A bad
line is skipped and reported with its line number: truncated or invalid
JSON, nested too deeply, longer than :data:`MAX_LINE_BYTES`, or not UTF-8.
An empty file raises :class:`EmptyExportError`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import starmap
from pathlib import Path
from typing import Any, BinaryIO, cast

from bot.analysis._gc import paused_gc
from bot.analysis.model import DeclaredStance, Discussion, Reply, Vote


class EmptyExportError(ValueError):
    """The export holds no line at all (or only blank lines)."""


class ExportWarning(str):
    """What was skipped, in English (``"line N: reason"``); ``code`` and ``values``
    name it for a caller that words it in another language, ``line`` is ``None``
    for a discussion the file lacks."""

    code: str
    values: dict[str, Any]
    line: int | None

    def __new__(cls, english: str, code: str, line: int | None, **values: Any) -> ExportWarning:
        warning = super().__new__(cls, english)
        warning.code, warning.values, warning.line = code, values, line
        return warning


class _LineError(ValueError):
    """Why a line is skipped: ``str()`` in English, ``code`` and ``values`` to word it."""

    def __init__(self, english: str, code: str, **values: Any) -> None:
        super().__init__(english)
        self.code, self.values = code, values


def _line_warning(number: int, reason: BaseException) -> ExportWarning:
    """The warning for line ``number``; what it quotes of the line cut to 200 characters."""
    if isinstance(reason, _LineError):
        values = {k: v[:200] if isinstance(v, str) else v for k, v in reason.values.items()}
        english = f"line {number}: {str(reason)[:200]}"
        return ExportWarning(english, reason.code, number, **values)
    if isinstance(reason, json.JSONDecodeError):
        return ExportWarning(f"line {number}: invalid JSON", "invalid-json", number)
    if isinstance(reason, RecursionError):
        return ExportWarning(f"line {number}: nested too deeply", "nested", number)
    detail = str(reason)[:200]
    return ExportWarning(f"line {number}: {detail}", "other", number, detail=detail)


@dataclass(slots=True)
class ExportRead:
    discussions: list[Discussion]
    warnings: list[ExportWarning] = field(default_factory=list)
    """One per skipped input line (``"line N: reason"``), then one per discussion missing."""


@dataclass(slots=True)
class _Draft:
    head: dict[str, Any]
    replies: list[Reply] = field(default_factory=list)
    reply_ids: set[str] = field(default_factory=set)
    stances: dict[str, str] = field(default_factory=dict)
    votes: dict[tuple[str, str], int] = field(default_factory=dict)


_REQUIRED = {
    "discussion": ("id", "question", "options"),
    "reply": ("id", "discussion_id", "author_id", "text"),
    "stance": ("discussion_id", "author_id", "option"),
    "reaction": ("discussion_id", "reply_id", "user_id", "value"),
}


_SCAN: Callable[[str, int], tuple[object, int]] = vars(json.JSONDecoder())["scan_once"]
"""The C scanner ``json.loads`` itself runs (``scan_once`` of the default decoder)."""


def _sid(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _LineError("an id must be a string or an integer", "id-type")
    return str(value)


MAX_LINE_BYTES = 1_000_000
"""A line longer than this is skipped unread (a reply is at most a few kilobytes)."""


class _BadLine(str):
    """A line that could not be read; its value is why."""

    __slots__ = ()


_TOO_LONG = _LineError(f"longer than {MAX_LINE_BYTES:,} bytes", "too-long", max=MAX_LINE_BYTES)
_NOT_UTF8 = _LineError("not UTF-8 text", "not-utf8")
_UNREADABLE = {str(error): error for error in (_TOO_LONG, _NOT_UTF8)}


@contextmanager
def _open_lines(source: str | Path | Iterable[str]) -> Iterator[Iterable[str]]:
    if isinstance(source, str | Path):
        with Path(source).open("rb") as fh:
            yield _decoded_lines(fh)
    else:
        yield source


def _decoded_lines(fh: BinaryIO) -> Iterator[str]:
    """The file's lines as text, each read whole only within :data:`MAX_LINE_BYTES`."""
    first = True
    while raw := fh.readline(MAX_LINE_BYTES + 1):
        if first:
            raw, first = raw.removeprefix(b"\xef\xbb\xbf"), False
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := fh.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass  # the rest of the line, dropped as it is read
            yield _BadLine(_TOO_LONG)
            continue
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            yield _BadLine(_NOT_UTF8)


def read_export(source: str | Path | Iterable[str]) -> ExportRead:
    """Discussions of an export file (a path) or of an iterable of lines.

    Lines are read one at a time. Replies, stances and reactions may come
    before or after their discussion line; those whose discussion never
    appears are reported once at the end.
    """
    with paused_gc():
        return _read(source)


def _read(source: str | Path | Iterable[str]) -> ExportRead:
    drafts: dict[str, _Draft] = {}
    order: list[str] = []
    warnings: list[ExportWarning] = []
    orphans: dict[str, int] = {}
    seen_any = False
    with _open_lines(source) as lines:
        for number, raw in enumerate(lines, start=1):
            if type(raw) is _BadLine:
                seen_any = True
                warnings.append(_line_warning(number, _UNREADABLE[raw]))
                continue
            if not raw or raw.isspace():
                continue
            seen_any = True
            try:
                _apply(_parse(raw), drafts, order)
            except (ValueError, TypeError, RecursionError) as exc:
                warnings.append(_line_warning(number, exc))
    if not seen_any:
        raise EmptyExportError("the export file is empty")
    discussions = []
    for did in order:
        draft = drafts[did]
        if not draft.head:
            orphans[did] = len(draft.replies) + len(draft.stances) + len(draft.votes)
            continue
        discussions.append(_build(draft))
    for did, n in orphans.items():
        english = f"discussion {did}: {n} line(s) refer to it but it is not in the file"
        warnings.append(ExportWarning(english, "orphans", None, id=did, count=n))
    return ExportRead(discussions, warnings)


def _draft(drafts: dict[str, _Draft], order: list[str], did: str) -> _Draft:
    draft = drafts.get(did)
    if draft is None:
        draft = drafts[did] = _Draft(head={})
        order.append(did)
    return draft


def _parse(raw: str) -> dict[str, Any]:
    """The JSON object of one line (``json.loads`` semantics and errors)."""
    if raw[0] == "{":
        # the C scanner straight away: ``json.loads`` without its two whitespace regexes
        try:
            row, end = _SCAN(raw, 0)
        except StopIteration:  # "{" and nothing more: the standard path says why
            row, end = None, -1
        if end >= 0 and (end == len(raw) or raw[end:] == "\n"):
            return cast(dict[str, Any], row)
    row = json.loads(raw)  # anything unusual: the exact error of the standard path
    if not isinstance(row, dict):
        raise _LineError("not a JSON object", "not-object")
    return row


def _missing(kind: str, row: dict[str, Any]) -> _LineError:
    missing = [k for k in _REQUIRED[kind] if k not in row]
    fields = ", ".join(missing)
    return _LineError(f"{kind} without {fields}", "missing", kind=kind, fields=fields)


def _apply(row: dict[str, Any], drafts: dict[str, _Draft], order: list[str]) -> None:
    kind = row.get("type")
    # the most frequent kinds first; every required key is read before any check
    if kind == "reaction":
        try:
            did, rid = row["discussion_id"], row["reply_id"]
            uid, value = row["user_id"], row["value"]
        except KeyError:
            raise _missing(kind, row) from None
        if type(value) is not int or value not in (-1, 0, 1):
            raise _LineError("reaction value must be -1, 0 or 1", "reaction-value")
        draft = _draft(drafts, order, did if type(did) is str else _sid(did))
        rid = rid if type(rid) is str else _sid(rid)
        draft.votes[(rid, uid if type(uid) is str else _sid(uid))] = value
    elif kind == "reply":
        try:
            rid, did, aid, text = row["id"], row["discussion_id"], row["author_id"], row["text"]
        except KeyError:
            raise _missing(kind, row) from None
        if type(text) is not str:
            raise _LineError("text must be a string", "text-type")
        get = row.get
        to = get("reply_to")
        created = get("created_at")
        reply = Reply(
            rid if type(rid) is str else _sid(rid),
            aid if type(aid) is str else _sid(aid),
            text,
            str(get("author_name") or ""),
            None if created is None else str(created),
            None if to is None else _sid(to),
            get("edited_after_votes") is True,  # absent from older exports: not marked
        )
        draft = _draft(drafts, order, did if type(did) is str else _sid(did))
        if reply.id in draft.reply_ids:  # two exports joined: each reply counted once
            raise _LineError(f"reply {reply.id} appears twice", "reply-twice", id=reply.id)
        draft.reply_ids.add(reply.id)
        draft.replies.append(reply)
    elif kind == "stance":
        _apply_stance(row, drafts, order)
    elif kind == "discussion":
        _apply_discussion(row, drafts, order)
    else:
        hash(kind)  # an unhashable "type" is a TypeError, as it always was
        raise _LineError(f"unknown type {kind!r}", "unknown-type", kind=repr(kind))


def _apply_stance(row: dict[str, Any], drafts: dict[str, _Draft], order: list[str]) -> None:
    try:
        did, author, option = row["discussion_id"], row["author_id"], row["option"]
    except KeyError:
        raise _missing("stance", row) from None
    draft = _draft(drafts, order, _sid(did))
    author = _sid(author)
    if option is None:
        draft.stances.pop(author, None)
    else:
        draft.stances[author] = str(option)


def _apply_discussion(row: dict[str, Any], drafts: dict[str, _Draft], order: list[str]) -> None:
    missing = [k for k in _REQUIRED["discussion"] if k not in row]
    if missing:
        raise _missing("discussion", row)
    did = _sid(row["id"])
    options = row["options"]
    if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
        raise _LineError("options must be a list of strings", "options-type")
    if not isinstance(row["question"], str):
        raise _LineError("question must be a string", "question-type")
    draft = _draft(drafts, order, did)
    if draft.head:
        raise _LineError(f"discussion {did} appears twice", "twice", id=did)
    draft.head = row


def _build(draft: _Draft) -> Discussion:
    head = draft.head
    guild = head.get("guild_id")
    return Discussion(
        id=_sid(head["id"]),
        question=head["question"],
        options=tuple(head["options"]),
        language=str(head.get("language") or "fr"),
        replies=tuple(draft.replies),
        stances=tuple(starmap(DeclaredStance, draft.stances.items())),
        votes=tuple(Vote(r, u, v) for (r, u), v in draft.votes.items()),
        guild_id=None if guild is None else _sid(guild),
        closed=head.get("closed_at") is not None,
    )
