"""/help's command list read from a command tree, and packed within Discord's limits."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from hypothesis import given
from hypothesis import strategies as st

from bot.translator import CatalogTranslator
from cogs._command_list import ASKS, ListedCommand, list_commands, mention
from cogs._common import L
from cogs._help_embed import FIELD_CHARS, _fields, _sort_key


@given(st.lists(st.text(min_size=1, max_size=FIELD_CHARS).filter(lambda s: "\n" not in s)))
def test_fields_hold_every_line_in_order_within_the_limit(lines: list[str]) -> None:
    values = list(_fields(lines))
    assert all(0 < len(v) <= FIELD_CHARS for v in values)
    assert [line for v in values for line in v.split("\n")] == lines


def test_sorted_as_a_reader_expects() -> None:
    names = ["stats", "résumé voir", "réponses liste", "question ajouter"]
    assert sorted(names, key=_sort_key) == [
        "question ajouter",
        "réponses liste",
        "résumé voir",
        "stats",
    ]


async def test_the_tree_gives_localized_leaves_and_what_each_asks() -> None:
    client = discord.Client(intents=discord.Intents.none())
    tree: app_commands.CommandTree[Any] = app_commands.CommandTree(client)
    await tree.set_translator(CatalogTranslator())
    summary = app_commands.Group(name=L("summary", "cmd-summary"), description="d")

    async def callback(interaction: discord.Interaction[Any]) -> None: ...

    summary.add_command(
        app_commands.Command(
            name=L("show", "cmd-show"), description=L("Who thinks what", "x"), callback=callback
        )
    )
    summary.add_command(
        app_commands.Command(
            name=L("publish", "cmd-publish"),
            description="Publish",
            callback=callback,
            extras={ASKS: "manage_guild"},
        )
    )
    tree.add_command(summary)
    listed = {c.names[""]: c for c in await list_commands(tree)}
    assert set(listed) == {"summary show", "summary publish"}
    show, publish = listed["summary show"], listed["summary publish"]
    assert show.name_for(discord.Locale.french) == "résumé voir"
    assert show.name_for(discord.Locale.german) == "summary show"
    assert show.permissions is None and show.usable_by(discord.Permissions.none())
    member = discord.Permissions(send_messages=True)
    assert not publish.usable_by(member)
    assert publish.usable_by(discord.Permissions(manage_guild=True))
    assert publish.usable_by(discord.Permissions(administrator=True))
    ids = {("summary", 1): 42}
    assert mention(show, discord.Locale.french, ids) == "</summary show:42> (`/résumé voir`)"
    assert mention(show, discord.Locale.german, ids) == "</summary show:42>"
    assert mention(show, discord.Locale.french, {}) == "`/résumé voir`"


def test_a_context_menu_is_named_not_mentioned() -> None:
    menu = ListedCommand("Delete my reply", 3, {"": "Delete my reply"}, {"": ""}, None)
    assert mention(menu, discord.Locale.american_english, {("Delete my reply", 3): 7}) == (
        "**Delete my reply**"
    )
