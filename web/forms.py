"""Reading what a page was asked: ids, cursors and the replies' filters, validated.

A malformed value is a :class:`~bot.errors.UserError` (a clear 400 page in
the server's language); an id that names nothing is left to the service,
which answers ``NotFound`` for unknown and foreign ids alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Literal, TypeVar, cast

from bot.errors import NotFound, UserError
from bot.services.review import ReplyFilters

T = TypeVar("T")

MAX_ID = 2**63 - 1
MAX_QUERY = 200
FIRST_DAY, LAST_DAY = date(1970, 1, 1), date(9998, 12, 31)
"""The dates a filter may name: the day after the last one, and the first one's
midnight in any time zone, must still be dates (``0001-01-01`` and
``9999-12-31`` are not)."""

_DIGITS = re.compile(r"[0-9]{1,20}")
"""ASCII digits only: ``str.isdigit`` also takes ``²`` and ``٣``."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
"""No search box sends these; SQLite's ``GLOB`` would end its pattern at a NUL."""


def _number(text: str) -> int | None:
    """A positive 64-bit id written in ASCII digits, else ``None``."""
    if not _DIGITS.fullmatch(text) or not 0 < int(text) <= MAX_ID:
        return None
    return int(text)


def snowflake(text: str | None, what: str = "discussion") -> int:
    """A positive 64-bit id from a path; anything else names nothing (404)."""
    value = _number(text or "")
    if value is None:
        raise NotFound(what)
    return value


def optional_id(query: Mapping[str, str], name: str) -> int | None:
    raw = query.get(name, "").strip()
    if not raw:
        return None
    value = _number(raw)
    if value is None:
        raise UserError("web-bad-filter", name=name, hint="id")
    return value


def _date(query: Mapping[str, str], name: str) -> date | None:
    raw = query.get(name, "").strip()
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise UserError("web-bad-filter", name=name, hint="date") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UserError("web-bad-filter", name=name, hint="date")
    return day


def _choice(query: Mapping[str, str], name: str, allowed: tuple[str, ...], default: str) -> str:
    raw = query.get(name, "").strip() or default
    if raw not in allowed:
        raise UserError("web-bad-filter", name=name)
    return raw


def cursor(query: Mapping[str, str], name: str = "after") -> tuple[int, int] | None:
    """``<id>`` or ``<votes>.<id>``, as the pages write them."""
    raw = query.get(name, "").strip()
    if not raw:
        return None
    head, _, tail = raw.partition(".")
    parts = (head, tail) if tail else ("0", head)
    if not all(_DIGITS.fullmatch(p) and int(p) <= MAX_ID for p in parts):
        raise UserError("web-bad-filter", name=name)
    return int(parts[0]), int(parts[1])


def write_cursor(value: tuple[int, int] | None, sort: str) -> str:
    if value is None:
        return ""
    return f"{value[0]}.{value[1]}" if sort == "votes" else str(value[1])


class FiltersMistyped(UserError):
    """The replies' form's fields typed wrong, all of them, in the form's order; as a
    :class:`UserError`, the first one's (a page showing no form says that one)."""

    def __init__(self, errors: list[UserError]) -> None:
        super().__init__(errors[0].key, **errors[0].args_)
        self.errors = errors


def search_text(query: Mapping[str, str]) -> str:
    """The search box's ``q``, at most :data:`MAX_QUERY` characters, no control character."""
    text = query.get("q", "").strip()
    if len(text) > MAX_QUERY or _CONTROL.search(text):
        raise UserError("web-bad-filter", name="q", hint="search")
    return text


def _option(query: Mapping[str, str]) -> int | None:
    raw = query.get("option", "").strip()
    if raw and not (_DIGITS.fullmatch(raw) and int(raw) < 100):
        raise UserError("web-bad-filter", name="option")
    return int(raw) if raw else None


def _until(query: Mapping[str, str], since: date | None) -> date | None:
    until = _date(query, "until")
    if since and until and since > until:
        raise UserError("web-bad-filter", name="until", hint="order")
    return until


def reply_filters(query: Mapping[str, str]) -> ReplyFilters:
    """The replies' filters; :class:`FiltersMistyped` names every field typed wrong (a
    cursor's own error first: a link's, not the form's)."""
    after = cursor(query)
    errors: list[UserError] = []

    def read(field: Callable[[], T], default: T) -> T:
        try:
            return field()
        except UserError as error:
            errors.append(error)
            return default

    text = read(lambda: search_text(query), "")
    option = read(lambda: _option(query), None)
    basis = read(lambda: _choice(query, "basis", ("declared", "inferred"), "declared"), "")
    member = read(lambda: optional_id(query, "member"), None)
    since = read(lambda: _date(query, "since"), None)
    until = read(lambda: _until(query, since), None)
    votes = read(lambda: _choice(query, "votes", ("any", "with", "without"), "any"), "")
    sort = read(lambda: _choice(query, "sort", ("new", "old", "votes"), "new"), "")
    if errors:
        raise FiltersMistyped(errors)
    return ReplyFilters(
        q=text,
        option=option,
        basis=cast(Literal["declared", "inferred"], basis),
        member=member,
        since=since,
        until=until,
        votes=None if votes == "any" else cast(Literal["with", "without"], votes),
        sort=cast(Literal["new", "old", "votes"], sort),
        after=after,
    )


def filter_query(filters: ReplyFilters) -> dict[str, str]:
    """The filters as query parameters (for the next page and the exports' links)."""
    values = {
        "q": filters.q,
        "option": "" if filters.option is None else str(filters.option),
        "basis": filters.basis if filters.option is not None else "",
        "member": "" if filters.member is None else str(filters.member),
        "since": filters.since.isoformat() if filters.since else "",
        "until": filters.until.isoformat() if filters.until else "",
        "votes": filters.votes or "",
        "sort": "" if filters.sort == "new" else filters.sort,
    }
    return {k: v for k, v in values.items() if v}
