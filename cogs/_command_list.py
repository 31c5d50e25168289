"""Every command of the bot as ``/help`` lists it, read from the command tree itself.

Nothing here names a command: a command added to a cog is listed with the
name and description Discord shows (its French ones from the catalogs), so the
help cannot fall behind the tree. Names follow the member's client, as
Discord's own menu does; descriptions follow the language of the answer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import discord
from discord import app_commands

from bot.discord_faults import NO_ANSWER

log = logging.getLogger(__name__)

_SUBCOMMAND_OR_GROUP = (1, 2)
"""Option types of a subcommand and a subcommand group in a command's payload."""


@dataclass(frozen=True, slots=True)
class ListedCommand:
    root: str
    """The top-level command's registered name (what its id is looked up by)."""
    kind: int
    """Discord's command type: 1 slash, 2 user menu, 3 message menu."""
    names: dict[str, str]
    """Full name ("question add") by Discord locale, ``""`` for the default (English)."""
    descriptions: dict[str, str]
    """By the same keys (context menus have none)."""
    permissions: int | None
    """The permissions the command asks by default (its top-level command's)."""

    @property
    def context_menu(self) -> bool:
        return self.kind != 1

    def name_for(self, locale: discord.Locale) -> str:
        return self.names.get(locale.value, self.names[""])

    def description_for(self, language: str) -> str:
        return self.descriptions.get(language, self.descriptions.get("", ""))

    def usable_by(self, granted: discord.Permissions) -> bool:
        if self.permissions is None or granted.administrator:
            return True
        return granted.value & self.permissions == self.permissions


ASKS = "asks"
"""A subcommand's ``extras`` key naming the permission it checks at run time, where its
group asks none of Discord (``/summary publish`` in a group members use)."""


async def list_commands(tree: app_commands.CommandTree[Any]) -> list[ListedCommand]:
    """Every slash command and subcommand (leaves only), and the context menus."""
    translator = tree.translator
    asks = {
        c.qualified_name: discord.Permissions(**{c.extras[ASKS]: True}).value
        for c in tree.walk_commands()
        if isinstance(c, app_commands.Command) and ASKS in c.extras
    }
    listed: list[ListedCommand] = []
    for command in tree.get_commands():
        if translator is None:
            payload = command.to_dict(tree)
        else:
            payload = await command.get_translated_payload(tree, translator)
        kind = int(payload.get("type", 1))
        raw = payload.get("default_member_permissions")
        for names, descriptions in _leaves(payload, {}):
            own = asks.get(names[""]) if kind == 1 else None
            permissions = own if raw is None else int(raw) | (own or 0)
            listed.append(ListedCommand(payload["name"], kind, names, descriptions, permissions))
    return listed


def _leaves(
    node: dict[str, Any], names: dict[str, str]
) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """Each leaf's full names and its descriptions, by locale (``names``: its parents')."""
    own = {"": node["name"], **(node.get("name_localizations") or {})}
    joined = {
        locale: " ".join(filter(None, (names.get(locale, names.get("")), name)))
        for locale, name in own.items()
    }
    for locale, name in names.items():  # a parent's locale the child has no name for
        joined.setdefault(locale, f"{name} {node['name']}")
    children = [o for o in node.get("options") or () if o.get("type") in _SUBCOMMAND_OR_GROUP]
    if children:
        for child in children:
            yield from _leaves(child, joined)
        return
    said = {"": node.get("description") or "", **(node.get("description_localizations") or {})}
    yield joined, said


async def command_ids(
    tree: app_commands.CommandTree[Any], guild: discord.abc.Snowflake | None
) -> dict[tuple[str, int], int]:
    """Each registered command's id by (name, type), for clickable mentions; empty when
    Discord cannot say now (the help then shows plain names)."""
    try:
        fetched = await tree.fetch_commands(guild=guild)
    except discord.HTTPException as error:
        log.info("command ids not fetched (HTTP %s): /help shows plain names", error.status)
        return {}
    except NO_ANSWER as error:  # no answer at all
        log.info("command ids not fetched (%r): /help shows plain names", error)
        return {}
    return {(c.name, c.type.value): c.id for c in fetched}


def mention(command: ListedCommand, locale: discord.Locale, ids: dict[tuple[str, int], int]) -> str:
    """``</question add:123>`` when the id is known (Discord makes it clickable), else
    the name as code.

    A mention opens the command only under its registered name: one under a localized
    name (``</question ajouter:123>``) shows, but clicking it does nothing. The name the
    reader's menu shows follows it when it differs: ``</question add:123> (`/question
    ajouter`)``."""
    name = command.name_for(locale)
    found = ids.get((command.root, command.kind))
    if command.context_menu:
        return f"**{name}**"
    if not found:
        return f"`/{name}`"
    registered = command.names[""]
    clickable = f"</{registered}:{found}>"
    return clickable if name == registered else f"{clickable} (`/{name}`)"
