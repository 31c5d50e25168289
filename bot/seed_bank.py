"""The question bank shipped with the bot (``bot/data/seed_bank.json``).

Read with :mod:`importlib.resources`, so it works from a source tree, a wheel
or a zip. Pure logic: no Discord, no database; seeding the database is the
caller's job.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final, Literal, cast

__all__ = [
    "SEED_BANK_RESOURCE",
    "LocalizedText",
    "SeedBank",
    "SeedBankError",
    "SeedQuestion",
    "SeedSource",
    "as_shipped",
    "load_seed_bank",
    "parse_seed_bank",
]

SEED_BANK_RESOURCE: Final = "seed_bank.json"  # in bot/data/

Lang = Literal["fr", "en"]
Kind = Literal["yes_no", "open"]


class SeedBankError(ValueError):
    """The shipped bank is malformed (a packaging or editing mistake)."""


@dataclass(frozen=True, slots=True)
class LocalizedText:
    fr: str
    en: str

    def get(self, language: str) -> str:
        """The text in ``language`` ("fr" or "en"); French for any other."""
        return self.en if language.lower().startswith("en") else self.fr


@dataclass(frozen=True, slots=True)
class SeedSource:
    title: str
    file: str
    language: Lang


@dataclass(frozen=True, slots=True)
class SeedQuestion:
    position: int
    text: LocalizedText
    kind: Kind
    options: tuple[LocalizedText, ...]

    def option_labels(self, language: str) -> tuple[str, ...]:
        return tuple(option.get(language) for option in self.options)


@dataclass(frozen=True, slots=True)
class SeedBank:
    source: SeedSource
    questions: tuple[SeedQuestion, ...]


@cache
def load_seed_bank() -> SeedBank:
    """The shipped bank, read once."""
    resource = resources.files("bot") / "data" / SEED_BANK_RESOURCE
    raw = resource.read_text(encoding="utf-8")
    return parse_seed_bank(json.loads(raw))


_FRENCH_SPACES: Final = str.maketrans({"\u202f": " ", "\u00a0": " "})


def as_shipped(text: str) -> str:
    """``text`` as compared with a shipped question: the bank's French is set with
    U+202F before ? ! ; and U+00A0 before :, where the banks seeded before held a plain
    space. A server's stored copy of a shipped question, in either spelling, is that
    question untouched by staff (both spellings are one question to the importer's
    duplicate key as well)."""
    return text.translate(_FRENCH_SPACES)


def parse_seed_bank(data: object) -> SeedBank:
    """Check and type the bank's JSON; raise :class:`SeedBankError` if malformed."""
    root = _mapping(data, "bank")
    source = _mapping(root.get("source"), "source")
    questions = root.get("questions")
    if not isinstance(questions, list) or not questions:
        raise SeedBankError("questions: expected a non-empty list")
    parsed = tuple(_question(item, index) for index, item in enumerate(questions, start=1))
    return SeedBank(
        source=SeedSource(
            title=_string(source.get("title"), "source.title"),
            file=_string(source.get("file"), "source.file"),
            language=cast(Lang, _choice(source.get("language"), ("fr", "en"), "source.language")),
        ),
        questions=parsed,
    )


def _question(data: object, index: int) -> SeedQuestion:
    where = f"questions[{index}]"
    item = _mapping(data, where)
    position = item.get("position")
    if position != index:
        raise SeedBankError(f"{where}.position: expected {index}, got {position!r}")
    options = item.get("options")
    if not isinstance(options, list) or not 2 <= len(options) <= 25:
        raise SeedBankError(f"{where}.options: expected a list of 2 to 25 options")
    return SeedQuestion(
        position=index,
        text=_localized(item.get("text"), f"{where}.text"),
        kind=cast(Kind, _choice(item.get("kind"), ("yes_no", "open"), f"{where}.kind")),
        options=tuple(
            _localized(option, f"{where}.options[{n}]") for n, option in enumerate(options)
        ),
    )


def _localized(data: object, where: str) -> LocalizedText:
    item = _mapping(data, where)
    return LocalizedText(
        fr=_string(item.get("fr"), f"{where}.fr"), en=_string(item.get("en"), f"{where}.en")
    )


def _mapping(data: object, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise SeedBankError(f"{where}: expected an object")
    return cast(dict[str, Any], data)


def _string(data: object, where: str) -> str:
    if not isinstance(data, str) or not data.strip():
        raise SeedBankError(f"{where}: expected a non-empty string")
    return data


def _choice(data: object, allowed: tuple[str, ...], where: str) -> str:
    if not isinstance(data, str) or data not in allowed:
        raise SeedBankError(f"{where}: expected one of {allowed}, got {data!r}")
    return data
