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


def dedupe(
    new: Sequence[ParsedQuestion], existing_texts: Iterable[str]
) -> tuple[list[ParsedQuestion], list[ParsedQuestion]]:
    """Split ``new`` into (kept, skipped): skipped ones are already in
    ``existing_texts`` or repeat an earlier question of ``new``."""
    seen = {normalize_question(t) for t in existing_texts}
    kept: list[ParsedQuestion] = []
    skipped: list[ParsedQuestion] = []
    for question in new:
        key = normalize_question(question.text)
        if key in seen:
            skipped.append(question)
        else:
            seen.add(key)
            kept.append(question)
    return kept, skipped
