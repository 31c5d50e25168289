"""Cutting a line that holds several questions, keeping follow-ups with theirs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from bot.importer.grammar import words_of, wordset

_BOUNDARY: Final = re.compile(r"(?<!\?)\?+\s+")
"""Only from a run's first "?": "Pourquoi a???…" once read each mark again (quadratic)."""
_OPENING_MARKS: Final = "«\"“‘'([¿¡ \u00a0\u202f"
_FR_CONNECTIVES: Final = (
    ("et",),
    ("ou",),
    ("si", "oui"),
    ("si", "non"),
    ("si", "c'est"),
    ("sinon",),
    ("dans", "ce", "cas"),
    ("le", "cas", "échéant"),
    ("auquel", "cas"),
    ("mais",),
    ("pourquoi", "pas"),
)
_EN_CONNECTIVES: Final = (
    ("and",),
    ("or",),
    ("but",),
    ("if", "so"),
    ("if", "not"),
    ("in", "that", "case"),
    ("otherwise",),
    ("why", "not"),
)
_ANAPHORS: Final = wordset(
    "cela ça ceci ces cette cet celui celle ceux celles it its this that these those they them such"
)
_CLITICS: Final = frozenset({"en", "y"})


def _starts_with(words: list[str], phrases: Iterable[tuple[str, ...]]) -> bool:
    return any(tuple(words[: len(p)]) == p for p in phrases)


def _is_follow_up(piece: str) -> bool:
    words = words_of(piece)
    if len(words) <= 3:
        return True
    if _starts_with(words, _FR_CONNECTIVES) or _starts_with(words, _EN_CONNECTIVES):
        return True
    if any(word in _ANAPHORS for word in words):
        return True
    # Clitic "en"/"y" near the start: "Quelles en seraient…", "Comment y parvenir",
    # "Qu'en pensez-vous". Position 0 is left out: "En quoi…" is a question word.
    if any(word in _CLITICS for word in words[1:3]):
        return True
    return any(word.split("'", 1)[-1] in _CLITICS for word in words[:3] if "'" in word)


def _pieces(line: str) -> list[str]:
    """Cut after each "?" that is followed by a new sentence (a capital letter)."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        after = match.end()
        while after < len(line) and line[after] in _OPENING_MARKS:
            after += 1
        if line[after : after + 1].isupper():
            pieces.append(line[start : match.end()].strip())
            start = match.end()
    pieces.append(line[start:].strip())
    return [piece for piece in pieces if piece]


def split_questions(line: str) -> list[str]:
    """The questions a line holds: independent ones apart, follow-ups kept."""
    groups: list[list[str]] = []
    for piece in _pieces(line):
        if groups and _is_follow_up(piece):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return [" ".join(group) for group in groups]
