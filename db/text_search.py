"""Accent- and case-insensitive search in reply texts, the same on SQLite and PostgreSQL.

A reply matches when every term of the query occurs in its folded text
(lower case, Latin accents removed: "Éthique" is found by "ethiq").
Searches are always within one discussion, read through its
``(discussion_id, id)`` index newest first, so the cost is bounded by the
discussion (``bench/web_routes.py`` measures it at 1,000,000 replies), no
second copy of the text is kept and nothing is left behind when a reply is
erased. SQLite folds with a function registered on each connection;
PostgreSQL with ``lower`` and ``translate`` over the same table of letters.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal

SEPARATOR = "\x1f"
MAX_TERMS = 8


def _base_letter(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _folding_table() -> tuple[str, str]:
    """Letters of Latin-1 and Latin Extended-A that fold to one other letter.

    Upper-case letters are in it too (``Œ`` → ``œ``), so PostgreSQL folds them
    even where its ``lower`` knows only ASCII (a database in the C locale).
    """
    sources, targets = [], []
    for code in range(0xC0, 0x180):
        char = chr(code)
        base = _base_letter(char)
        if len(base) == 1 and base != char:
            sources.append(char)
            targets.append(base)
    return "".join(sources), "".join(targets)


FOLD_FROM, FOLD_TO = _folding_table()
_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str) -> str:
    """``text`` as searched: lower case, accents of Latin letters removed."""
    return text.lower().translate(_TABLE)


def terms(query: str) -> tuple[str, ...]:
    """The folded terms of a search box: words, or phrases in double quotes."""
    found: list[str] = []
    parts = query.split('"')
    for index, part in enumerate(parts):
        if index % 2:  # inside quotes: one phrase
            phrase = " ".join(fold(part).split())
            if phrase:
                found.append(phrase)
        else:
            found.extend(word for word in fold(part).split() if word)
    unique = list(dict.fromkeys(term[:100] for term in found))
    return tuple(unique[:MAX_TERMS])


def _sqlite_match(text: str | None, pattern: str) -> int:
    if not text:
        return 0
    folded = fold(text)
    return int(all(term in folded for term in pattern.split(SEPARATOR)))


def register_sqlite_functions(dbapi_connection: Any) -> None:
    dbapi_connection.create_function("etvous_match", 2, _sqlite_match, deterministic=True)


def matches(dialect: str, column: Any, folded_terms: tuple[str, ...]) -> ColumnElement[bool]:
    """A condition: ``column`` contains every term (already folded)."""
    if dialect == "sqlite":
        return func.etvous_match(column, literal(SEPARATOR.join(folded_terms))) == 1
    folded = func.translate(func.lower(column), literal(FOLD_FROM), literal(FOLD_TO))
    return and_(*(func.strpos(folded, literal(term)) > 0 for term in folded_terms))
