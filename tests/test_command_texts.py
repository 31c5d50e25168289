"""Every command, subcommand, option and choice as Discord shows it, in English and French.

Discord shows an option without a description as "…" (discord.py's default), and
refuses the whole tree at sync when a name is over 32 characters or a description or
a choice over 100, in either language: the English wording, often longer, breaks it
as surely as the French one.
"""

from __future__ import annotations

import re
from typing import Any

from tests.command_payloads import command_payloads

NAME = re.compile(r"^[-_\w]{1,32}$")
SLASH, USER_MENU, MESSAGE_MENU = 1, 2, 3
GROUPS = (1, 2)  # option types: a subcommand, a subcommand group


def _described(where: str, item: dict[str, Any], wrong: list[str]) -> None:
    english = item.get("description") or ""
    french = (item.get("description_localizations") or {}).get("fr") or ""
    for language, text in (("en", english), ("fr", french)):
        if not text.strip() or text == "…":
            wrong.append(f"{where}: no {language} description ({text!r})")
        elif len(text) > 100:
            wrong.append(f"{where}: {language} description of {len(text)} characters")


def _named(where: str, item: dict[str, Any], wrong: list[str]) -> None:
    names = {"en": item["name"], **(item.get("name_localizations") or {})}
    for language, name in names.items():
        if not NAME.match(name) or name != name.lower():
            wrong.append(f"{where}: {language} name {name!r} is not a Discord name")


def _options(where: str, options: list[dict[str, Any]], wrong: list[str]) -> None:
    for option in options:
        here = f"{where} {option['name']}"
        _named(here, option, wrong)
        _described(here, option, wrong)
        if option["type"] in GROUPS:
            _options(here, option.get("options") or [], wrong)
        for choice in option.get("choices") or []:
            shown = [choice["name"], *(choice.get("name_localizations") or {}).values()]
            wrong += [f"{here}: choice {s!r} over 100" for s in shown if not 1 <= len(s) <= 100]


async def test_every_command_and_option_is_described_in_both_languages_within_discords_limits(
    sqlite_url: str,
) -> None:
    """/question edit's ``id``, /answers export's ``format``… read "…" in every client."""
    payloads = await command_payloads(sqlite_url)
    wrong: list[str] = []
    kinds = set()
    for command in payloads:
        kind = command.get("type", SLASH)
        kinds.add(kind)
        where = "/" + command["name"]
        if kind == SLASH:
            _named(where, command, wrong)
            _described(where, command, wrong)
            _options(where, command.get("options") or [], wrong)
        else:  # a context menu: a name of up to 32 characters, spaces and capitals allowed
            names = [command["name"], *(command.get("name_localizations") or {}).values()]
            wrong += [f"{where}: menu name {n!r}" for n in names if not 1 <= len(n) <= 32]
            if "fr" not in (command.get("name_localizations") or {}):
                wrong.append(f"{where}: no French name")
    assert len(payloads) > 10 and kinds == {SLASH, MESSAGE_MENU}, (len(payloads), kinds)
    assert not wrong, wrong
