"""Accent- and case-insensitive search in reply texts, the same on SQLite and PostgreSQL.

A reply matches when every term of the query occurs in its folded text
(lower case, Latin accents removed: "Éthique" is found by "ethiq"; "ß" and "ẞ" one letter; one apostrophe:
"don’t" and "l’IA" are found by "don't" and "l'ia"; the ligatures spelled out: "cœur"
and "coeur" find each other, as French writes both; French spacing read as typed: a
no-break space is a space, and "pourquoi?" finds "Pourquoi ?" and "Pourquoi\u202f?", as
``"pourquoi ?"`` finds "Pourquoi?").
A search reads one discussion, through its ``(discussion_id, id)`` index newest first,
or, across a server (the web room's ``/search``), a window of its newest replies
(``repositories.review``), so the cost is bounded by the discussion or the window
(``bench/web_routes.py`` measures both at 1,000,000 replies), no
second copy of the text is kept and nothing is left behind when a reply is
erased.

The database never folds: each letter of a term becomes the class of every
letter that folds to it (``e`` → ``[eEéÉèÈ…]``), matched natively by SQLite's
``GLOB`` and PostgreSQL's regular expressions (no function called per row:
``translate`` with this table cost PostgreSQL 130 µs a reply).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import ColumnElement, and_, literal, or_

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
NO_BREAK_SPACES = "\u00a0\u202f"
"""The spaces French sets before ``: ; ! ?`` and inside « » (the bank's questions, a French
keyboard's replies): searched as a plain space."""
_LETTERS_FROM, _LETTERS_TO = _folding_table()
FOLD_FROM = _LETTERS_FROM + APOSTROPHES + NO_BREAK_SPACES
FOLD_TO = _LETTERS_TO + "'" * len(APOSTROPHES) + " " * len(NO_BREAK_SPACES)
_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str) -> str:
    """``text`` as searched: lower case, accents of Latin letters removed, one apostrophe,
    one space.

    Letter by letter (``str.lower`` of a whole text writes a word-final Greek
    sigma differently, which no database pattern does).
    """
    return "".join(char.lower() for char in text).translate(_TABLE)


LIGATURES = {"œ": "oe", "æ": "ae"}
"""Letters French writes joined or spelled out: phones join them ("cœur"), most French
keyboards have no "œ" ("coeur")."""
_SPELLED = str.maketrans(LIGATURES)


def searched(text: str) -> str:
    """``text`` as a search reads it: folded, its ligatures spelled out. A reply matches
    when every term occurs in it."""
    return fold(text).translate(_SPELLED)


PHRASE_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»", '"'))
"""Quotes a phone (smart punctuation) or a French keyboard writes around a phrase."""

HIGH_MARKS = ";:!?"
"""Marks French sets a space before and English does not: a term holds none before them
(a phrase's "vous ?" is "vous?"), and a text may hold one space there or none."""
_SPACE_BEFORE_MARK = re.compile(rf" +(?=[{re.escape(HIGH_MARKS)}])")


def _pasted_invisible(char: str) -> bool:
    """A format character a word copied from a page or a message carries unseen (a
    zero-width space, a soft hyphen, a direction mark or override): not searched for. The
    zero-width joiner and the tag characters stay: they draw an emoji (👩‍💻, a flag)."""
    return (
        unicodedata.category(char) == "Cf"
        and char != "\u200d"
        and not 0xE0020 <= ord(char) <= 0xE007F
    )


def terms(query: str) -> tuple[str, ...]:
    """The terms of a search box as :func:`searched` reads them: words, or phrases in
    double quotes (straight, curly or French); the invisible characters a copied word
    carries left out (:func:`_pasted_invisible`).

    The query is put in NFC first, as stored text is (``bot.stored_text``): an accent
    typed decomposed (``e`` + U+0301) then folds like ``é``.
    """
    found: list[str] = []
    query = "".join(char for char in query if not _pasted_invisible(char))
    parts = unicodedata.normalize("NFC", query).translate(PHRASE_QUOTES).split('"')
    for index, part in enumerate(parts):
        if index % 2:  # inside quotes: one phrase
            phrase = _SPACE_BEFORE_MARK.sub("", " ".join(searched(part).split()))
            if phrase:
                found.append(phrase)
        else:
            found.extend(word for word in searched(part).split() if word)
    unique = list(dict.fromkeys(term[:100] for term in found))
    return tuple(unique[:MAX_TERMS])


def find(folded_text: str, term: str) -> int:
    """Where ``term`` first occurs in a text already :func:`searched` (-1: nowhere), one space
    or none before each of its marks, as the database finds it."""
    pattern = "".join(
        (" ?" if index and char in HIGH_MARKS and term[index - 1] != " " else "") + re.escape(char)
        for index, char in enumerate(term)
    )
    found = re.search(pattern, folded_text)
    return found.start() if found else -1


def first_found(text: str, found_terms: tuple[str, ...]) -> int:
    """Where in ``text`` (as stored, not folded) the earliest of ``found_terms`` (from
    :func:`terms`) begins, as the search finds it (-1: none): ``text`` read as
    :func:`searched` reads it, each of its letters taken back to the one it comes from (a
    ligature spelled out, or a letter whose lower case is longer, "İ", reads as two)."""
    read: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):  # searched letter by letter: the same reading
        as_searched = searched(char)
        read.append(as_searched)
        origin.extend([index] * len(as_searched))
    whole = "".join(read)
    found = [at for at in (find(whole, term) for term in found_terms) if at >= 0]
    return origin[min(found)] if found else -1


CAPITAL_SHARP_S = "\u1e9e"
"""« ẞ », German's capital « ß » (« STRAẞE »), outside the Latin blocks read below: its
lower case is « ß », so it is found by « ß » as « É » by « é », and « ẞ » typed finds
« ß ». (« ss » stays two letters, as « ß ».upper() writes them: reading « ß » as « ss »
would double every SQLite pattern holding « ss », « aussi » or « classe ».)"""


def _universe() -> dict[str, frozenset[str]]:
    """For each folded letter, the letters of the Latin blocks that fold to it."""
    found: dict[str, set[str]] = {}
    latin = map(chr, range(0x20, 0x250))
    for char in [*latin, CAPITAL_SHARP_S, *APOSTROPHES, *NO_BREAK_SPACES]:
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


MAX_LIGATURE_PAIRS = 4
"""A term's "oe" and "ae" read either way, and the space a text may hold or not before its
marks (:data:`HIGH_MARKS`), up to this many in all (SQLite's ``GLOB`` has no alternation or
optional letter: each one doubles the patterns); further ones are matched as typed."""

Reading = tuple[list[str], ...]
"""Letters in a row, each as the letters a text may hold there (none: nothing there)."""


def _letters(term: str, index: int) -> list[str]:
    """The letters a text may hold for ``term[index]``: its first letter may be the
    second half of a ligature ("euvre" is in "œuvre"), its last the first half ("co" is
    in "cœur")."""
    char = term[index]
    found = variants(char)
    if index == 0:
        found += [c for lig, out in LIGATURES.items() if out[1] == char for c in variants(lig)]
    if index == len(term) - 1:
        found += [c for lig, out in LIGATURES.items() if out[0] == char for c in variants(lig)]
    return sorted(set(found))


def _readings(term: str) -> list[tuple[Reading, ...]]:
    """The term, a letter or an "oe" / "ae" at a time, each with the ways a text may
    write it: one, or for a pair its two letters or its ligature."""
    ligature_of = {out: lig for lig, out in LIGATURES.items()}
    units: list[tuple[Reading, ...]] = []
    pairs = index = 0
    while index < len(term):
        mark = index and term[index] in HIGH_MARKS and term[index - 1] != " "
        if mark and pairs < MAX_LIGATURE_PAIRS:  # "vous?": "vous?", "vous ?" or "vous\u202f?"
            units.append(((), (variants(" "),)))
            pairs += 1
        pair = term[index : index + 2]
        if pair in ligature_of and pairs < MAX_LIGATURE_PAIRS:
            spelled = (_letters(term, index), _letters(term, index + 1))
            units.append((spelled, (variants(ligature_of[pair]),)))
            pairs += 1
            index += 2
        else:
            units.append(((_letters(term, index),),))
            index += 1
    return units


def _glob_letter(options: list[str]) -> str:
    if len(options) == 1 and options[0] not in "*?[]":
        return options[0]
    ordered = sorted(options, key=lambda c: (c != "]", c == "^"))  # "]" first, "^" never first
    return "[" + "".join(ordered) + "]"


def glob_patterns(term: str) -> list[str]:
    """SQLite ``GLOB`` patterns (case-sensitive, so every case is listed) for text holding
    ``term``: one for each way of writing its ligature pairs."""
    patterns = [""]
    for unit in _readings(term):
        ways = ["".join(_glob_letter(options) for options in reading) for reading in unit]
        patterns = [p + way for p in patterns for way in ways]
    return ["*" + p + "*" for p in patterns]


def regex_pattern(term: str) -> str:
    """A PostgreSQL regular expression for text holding ``term`` (every letter escaped)."""

    def code(c: str) -> str:
        return f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}"

    def letters(reading: Reading) -> str:
        return "".join("[" + "".join(code(c) for c in options) + "]" for options in reading)

    parts = []
    for unit in _readings(term):
        ways = [letters(reading) for reading in unit]
        if len(ways) == 1:
            parts.append(ways[0])
        elif "" in ways:  # a space or none
            parts.append("(?:" + "|".join(way for way in ways if way) + ")?")
        else:
            parts.append("(?:" + "|".join(ways) + ")")
    return "".join(parts)


def matches(dialect: str, column: Any, folded_terms: tuple[str, ...]) -> ColumnElement[bool]:
    """A condition: ``column`` contains every term (already folded)."""
    if dialect == "sqlite":
        return and_(
            *(or_(*(column.op("GLOB")(literal(p)) for p in glob_patterns(t))) for t in folded_terms)
        )
    return and_(*(column.op("~")(literal(regex_pattern(t))) for t in folded_terms))
