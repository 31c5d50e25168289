"""A question's key, so that two spellings of one question compare equal, and
leaving out the questions a bank already has."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final

from bot.importer.grammar import APOSTROPHES
from bot.importer.model import ParsedQuestion

_QUOTES: Final = dict.fromkeys(map(ord, "«»“”„‟″"), '"')
_SPACE_RUN: Final = re.compile(r"\s+")
_GUILLEMET_SPACE: Final = re.compile(r"(?<=«)\s+|(?<!\s)\s+(?=»)")
_SPACE_BEFORE_PUNCT: Final = re.compile(r"(?<!\s)\s+(?=[?!:;.,])")
_TRAILING_PUNCT: Final = re.compile(r"(?<![\s?!.:;,…])[\s?!.:;,…]+$")
"""Each run is matched from its first character (the look-behinds): every pattern
here is linear, however long a run of spaces or marks a hostile article holds."""


def normalize_question(text: str) -> str:
    """A key under which two spellings of the same question compare equal.

    NFKC, casefold, one kind of apostrophe and of double quote (French
    guillemets lose their inner spaces), whitespace collapsed (and dropped
    before punctuation), trailing punctuation removed.
    """
    out = unicodedata.normalize("NFKC", text).casefold()
    out = _GUILLEMET_SPACE.sub("", out).translate(APOSTROPHES).translate(_QUOTES)
    out = _SPACE_RUN.sub(" ", out)
    out = _SPACE_BEFORE_PUNCT.sub("", out)
    return _TRAILING_PUNCT.sub("", out).strip()


_JOINED: Final = str.maketrans({"œ": "oe", "æ": "ae"})
"""Letters joined in print that no decomposition spells out, and most keyboards do not
type: « coeur » is the same word as « cœur » (after casefold: lower case only)."""

_KEPT_MARKS: Final = frozenset("#&@%")
"""Punctuation that names something (``C#``, ``R&D``, ``50 %``): kept in a duplicate key."""


def duplicate_key(text: str) -> str:
    """The key under which two questions are the same one: :func:`normalize_question`,
    then accents, hyphens, commas, quotes and other punctuation left out and « œ », « æ »
    spelled out (a member on a keyboard without accents or joined letters, or who leaves
    out a comma, asks the same question). Letters, digits, symbols and emoji are kept."""
    folded = unicodedata.normalize("NFKD", normalize_question(text).translate(_JOINED))
    out = [
        " " if unicodedata.category(char).startswith("P") and char not in _KEPT_MARKS else char
        for char in folded
        if not unicodedata.combining(char)
    ]
    return " ".join("".join(out).split())


def dedupe(
    new: Sequence[ParsedQuestion], existing_texts: Iterable[str]
) -> tuple[list[ParsedQuestion], list[ParsedQuestion]]:
    """Split ``new`` into (kept, skipped): skipped ones are already in
    ``existing_texts`` or repeat an earlier question of ``new``."""
    kept, skipped = dedupe_numbered(new, ((0, text) for text in existing_texts))
    return kept, [question for question, _ in skipped]


def dedupe_numbered(
    new: Sequence[ParsedQuestion], existing: Iterable[tuple[int, str]]
) -> tuple[list[ParsedQuestion], list[tuple[ParsedQuestion, int | None]]]:
    """Split ``new`` into (kept, skipped), each skipped question with the number of the
    bank question it repeats (``existing``: number and text), or ``None`` when it
    repeats an earlier question of ``new`` (the article asks it twice)."""
    held: dict[str, int] = {}
    for number, text in existing:
        held.setdefault(duplicate_key(text), number)
    seen: set[str] = set()
    kept: list[ParsedQuestion] = []
    skipped: list[tuple[ParsedQuestion, int | None]] = []
    for question in new:
        key = duplicate_key(question.text)
        if key in held:
            skipped.append((question, held[key]))
        elif key in seen:
            skipped.append((question, None))
        else:
            seen.add(key)
            kept.append(question)
    return kept, skipped
