"""Accent- and case-insensitive search in reply texts, the same on SQLite and PostgreSQL.

A reply matches when every term of the query occurs in its folded text
(lower case, Latin accents removed: "Éthique" is found by "ethiq"; one apostrophe:
"don’t" and "l’IA" are found by "don't" and "l'ia").
Searches are always within one discussion, read through its
``(discussion_id, id)`` index newest first, so the cost is bounded by the
discussion (``bench/web_routes.py`` measures it at 1,000,000 replies), no
second copy of the text is kept and nothing is left behind when a reply is
erased.

The database never folds: each letter of a term becomes the class of every
letter that folds to it (``e`` → ``[eEéÉèÈ…]``), matched natively by SQLite's
``GLOB`` and PostgreSQL's regular expressions (no function called per row:
``translate`` with this table cost PostgreSQL 130 µs a reply).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy import ColumnElement, and_, literal

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


APOSTROPHES = "’‘ʼ"
"""Apostrophes phones and word processors write for "'" ("don’t", "l’IA"): searched alike."""
_LETTERS_FROM, _LETTERS_TO = _folding_table()
FOLD_FROM, FOLD_TO = _LETTERS_FROM + APOSTROPHES, _LETTERS_TO + "'" * len(APOSTROPHES)
_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str) -> str:
    """``text`` as searched: lower case, accents of Latin letters removed, one apostrophe.

    Letter by letter (``str.lower`` of a whole text writes a word-final Greek
    sigma differently, which no database pattern does).
    """
    return "".join(char.lower() for char in text).translate(_TABLE)


def terms(query: str) -> tuple[str, ...]:
    """The folded terms of a search box: words, or phrases in double quotes.

    The query is put in NFC first, as stored text is (``bot.stored_text``): an accent
    typed decomposed (``e`` + U+0301) then folds like ``é``.
    """
    found: list[str] = []
    parts = unicodedata.normalize("NFC", query).split('"')
    for index, part in enumerate(parts):
        if index % 2:  # inside quotes: one phrase
            phrase = " ".join(fold(part).split())
            if phrase:
                found.append(phrase)
        else:
            found.extend(word for word in fold(part).split() if word)
    unique = list(dict.fromkeys(term[:100] for term in found))
    return tuple(unique[:MAX_TERMS])


def _universe() -> dict[str, frozenset[str]]:
    """For each folded letter, the letters of the Latin blocks that fold to it."""
    found: dict[str, set[str]] = {}
    for char in [*map(chr, range(0x20, 0x250)), *APOSTROPHES]:
        folded = fold(char)
        if len(folded) == 1:
            found.setdefault(folded, set()).add(char)
    return {k: frozenset(v) for k, v in found.items()}


_FOLDING_TO = _universe()


def variants(char: str) -> list[str]:
    """Every letter a text may hold where a folded term holds ``char``."""
    found = set(_FOLDING_TO.get(char, ()))
    found.add(char)
    upper = char.upper()
    if len(upper) == 1 and fold(upper) == char:
        found.add(upper)
    return sorted(found)


def glob_pattern(term: str) -> str:
    """SQLite ``GLOB`` (case-sensitive, so every case is listed) for text holding ``term``."""
    parts = []
    for char in term:
        options = variants(char)
        if len(options) == 1 and char not in "*?[]":
            parts.append(char)
        else:
            options.sort(key=lambda c: (c != "]", c == "^"))  # "]" first, "^" never first
            parts.append("[" + "".join(options) + "]")
    return "*" + "".join(parts) + "*"


def regex_pattern(term: str) -> str:
    """A PostgreSQL regular expression for text holding ``term`` (every letter escaped)."""

    def code(c: str) -> str:
        return f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}"

    return "".join("[" + "".join(code(c) for c in variants(char)) + "]" for char in term)


def matches(dialect: str, column: Any, folded_terms: tuple[str, ...]) -> ColumnElement[bool]:
    """A condition: ``column`` contains every term (already folded)."""
    if dialect == "sqlite":
        return and_(*(column.op("GLOB")(literal(glob_pattern(t))) for t in folded_terms))
    return and_(*(column.op("~")(literal(regex_pattern(t))) for t in folded_terms))
