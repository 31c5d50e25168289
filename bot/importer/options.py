"""Answer options: explicit ones checked, defaults by kind and language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from bot.importer.model import (
    MAX_OPTION_CHARS,
    MAX_OPTIONS,
    MIN_OPTIONS,
    ArticleError,
    Kind,
    Language,
    without_controls,
)

YES_NO_OPTIONS: Final[dict[Language, tuple[str, ...]]] = {
    "fr": ("Oui", "Non", "Nuancé"),
    "en": ("Yes", "No", "Nuanced"),
}
OPEN_OPTIONS: Final[dict[Language, tuple[str, ...]]] = {
    "fr": ("Plutôt optimiste", "Plutôt sceptique", "Partagé"),
    "en": ("Mostly optimistic", "Mostly sceptical", "Mixed feelings"),
}

FOR_AGAINST_OPTIONS: Final[dict[Language, tuple[str, ...]]] = {
    "fr": ("Pour", "Contre", "Nuancé"),
    "en": ("For", "Against", "Nuanced"),
}
BOTH: Final[dict[Language, str]] = {"fr": "Les deux", "en": "Both"}
_CHOICE: Final = r"[^,:;?!.()«»\"]{1,40}?"
_ALTERNATIVES: Final[tuple[tuple[re.Pattern[str], Language], ...]] = (
    (re.compile(rf"(?:\bplutôt\s+|:\s*)({_CHOICE})\s+ou\s+({_CHOICE})\s*\?$", re.I), "fr"),
    (re.compile(rf":\s*({_CHOICE})\s+or\s+({_CHOICE})\s*\?$", re.I), "en"),
)
"""« Plutôt iPhone ou Android ? », « Votre choix : Mac ou PC ? », "Which do you prefer:
iPhone or Android?": a choice between two named things, not a yes or a no."""
_MAX_CHOICE_WORDS: Final = 4
_FOR_AGAINST: Final = re.compile(r"\b(?:(pour)\s+ou\s+contre|for\s+or\s+against)\b", re.IGNORECASE)


def _discord_size(text: str) -> int:
    """Characters as Discord counts a button label: UTF-16 code units (most emoji are two)."""
    return len(text.encode("utf-16-le")) // 2


def validate_options(options: Sequence[str]) -> tuple[str, ...]:
    """Strip and check explicit options; raise ``ArticleError("bad_options")``."""
    if isinstance(options, str):
        raise ArticleError(
            "bad_options",
            "Options must be a list of labels, not one string.",
            reason="options_not_list",
        )
    cleaned = tuple(" ".join(without_controls(str(option)).split()) for option in options)
    if not MIN_OPTIONS <= len(cleaned) <= MAX_OPTIONS:
        raise ArticleError(
            "bad_options",
            f"Give between {MIN_OPTIONS} and {MAX_OPTIONS} options.",
            reason="option_count",
            min=MIN_OPTIONS,
            max=MAX_OPTIONS,
        )
    if any(not option for option in cleaned):
        raise ArticleError("bad_options", "An option is empty.", reason="option_empty")
    if any(_discord_size(option) > MAX_OPTION_CHARS for option in cleaned):
        raise ArticleError(
            "bad_options",
            f"An option is longer than {MAX_OPTION_CHARS} characters.",
            reason="option_too_long",
            max=MAX_OPTION_CHARS,
        )
    if len({option.casefold() for option in cleaned}) != len(cleaned):
        raise ArticleError("bad_options", "Two options are the same.", reason="options_same")
    return cleaned


def default_options(kind: Kind, language: Language, text: str = "") -> tuple[str, ...]:
    """The options a question's wording calls for: For / Against / Nuanced when it asks
    « pour ou contre » ("for or against": Yes / No would answer nothing), the two things
    it asks to choose between and Both (« Plutôt iPhone ou Android ? »), else Yes / No /
    Nuanced for a yes/no question and stances for an open one."""
    asked = _FOR_AGAINST.search(text)
    if asked is not None:
        return FOR_AGAINST_OPTIONS["fr" if asked.group(1) else "en"]
    return _alternatives(text) or (YES_NO_OPTIONS if kind == "yes_no" else OPEN_OPTIONS)[language]


def _label(choice: str) -> str:
    """A choice as a button says it: « les parents » as « Les parents », « iPhone » kept."""
    words = choice.split()
    if not any(char.isupper() for char in words[0]):
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def _alternatives(text: str) -> tuple[str, ...] | None:
    """The two things a question asks to choose between, and « Les deux » ("Both")."""
    for pattern, language in _ALTERNATIVES:
        found = pattern.search(text.rstrip())
        if found is None:
            continue
        choices = tuple(_label(found.group(i)) for i in (1, 2))
        if (
            all(len(choice.split()) <= _MAX_CHOICE_WORDS for choice in choices)
            and len({choice.casefold() for choice in choices}) == 2
        ):
            return (*choices, BOTH[language])
    return None
