"""``/erase-and-leave`` under a hostile tester: server names a member cannot type back as
Discord stores them, and what else goes wrong around the erasure."""

from __future__ import annotations

import re
from typing import Any

import discord
import pytest

from bot import custom_ids
from tests.e2e.test_erase_and_leave import COMMAND, NAME_FIELD
from tests.harness import World, world


def _as_read(markdown: str) -> str:
    """What a member reads of the bot's markdown, and so types or copies: no escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)


async def _server(w: World, name: str) -> tuple[Any, Any, Any]:
    guild = w.env.create_guild(name)
    text = guild.create_text_channel("general")
    role = guild.create_role("admins", permissions=discord.Permissions(manage_guild=True))
    admin = guild.add_member(w.env.create_user("admin"), roles=[role])
    await w.settle()
    return guild, text, admin


async def _erase(w: World, name: str, typed: str | None = None) -> tuple[bool, str]:
    """A server named ``name`` is asked to be erased by its admin, who types the name as
    the warning shows it (or ``typed``); whether the bot left, and what it answered."""
    guild, text, admin = await _server(w, name)
    warned = await admin.slash(text, COMMAND)
    found = re.search(r"\*\*(.+?)\*\*\?", warned.response.content, re.S)
    assert found, warned.response.content
    shown = _as_read(found.group(1))
    assert "…" not in shown, shown  # the whole name, not cut
    form = await admin.click(warned.response.message, custom_id=custom_ids.erase_server("form"))
    answer = await admin.submit_modal(form, {NAME_FIELD: shown if typed is None else typed})
    await w.settle()
    said = (answer.response.content or "") if answer.response is not None else ""
    return guild.id not in w.env.backend.guilds, said


@pytest.mark.parametrize(
    "name",
    [
        "Ciné\u200bphiles",  # a zero-width space
        "Ciné  club",  # two spaces: the warning shows one
        "\u202eCiné club",  # a right-to-left override
        "Club\u200e ciné\u2069",  # bidi marks
        "https://cine.club",  # the warning unlinks it with a zero-width space
        "Ciné_club *du* lundi",  # markdown, escaped in the warning
        "_" * 60 + "ciné",  # its escapes would have cut the name shown
        "🎬" * 60,  # two UTF-16 units each
    ],
)
async def test_the_name_as_the_warning_shows_it_erases(sqlite_url: str, name: str) -> None:
    """The admin types (or copies) the server's name as the warning shows it: that erases
    and leaves. Names with invisible or bidirectional marks, runs of spaces, a link, or
    long ones the warning cut could not be erased at all: their staff were told "That is
    not the server's name" whatever they typed."""
    async with world(sqlite_url, members=1, setup=False) as w:
        left, said = await _erase(w, name)
        assert left, said
        assert not w.env.errors


async def test_an_accent_typed_either_way_erases_a_look_alike_does_not(sqlite_url: str) -> None:
    """« é » typed as one character erases a server whose name stores « e » and its
    accent (they look the same); a Cyrillic « С » for a Latin « C », or another case, is
    another name: nothing is erased."""
    async with world(sqlite_url, members=1, setup=False) as w:
        for typed in ("\u0421ine\u0301philes", "cine\u0301philes", "Cine\u0301phile"):
            left, said = await _erase(w, "Cine\u0301philes", typed)
            assert not left and "not the server's name" in said, (typed, said)
        left, said = await _erase(w, "Cine\u0301philes", "Cinéphiles")
        assert left, said
        assert not w.env.errors
