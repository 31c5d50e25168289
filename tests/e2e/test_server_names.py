"""The bot stores each server's name as Discord gives it, for the web room running without
its cache (``python -m bot web``) or naming a server that removed the bot: at ``/setup``,
when staff rename the server (GUILD_UPDATE), at a new session (a rename while the bot was
away) and when it is invited back under a new name."""

from __future__ import annotations

from db.models import Guild
from tests.harness import World, world

HOSTILE = "<b>Ciné</b> @everyone"


async def _stored(w: World) -> dict[int, str | None]:
    return {g.id: g.name for g in await w.rows(Guild)}


async def test_a_rename_is_stored_through_the_bots_listener(sqlite_url: str) -> None:
    async with world(sqlite_url, members=0) as w:
        assert await _stored(w) == {w.guild.id: "Cinéphiles"}  # written by /setup
        w.env.backend.edit_guild(w.guild.id, {"name": HOSTILE})
        await w.settle()
        assert await _stored(w) == {w.guild.id: HOSTILE}  # as given: the web escapes it
        assert not w.env.errors


async def test_renamed_while_away_or_invited_back_under_a_new_name(sqlite_url: str) -> None:
    async with world(sqlite_url, members=0) as w:
        await w.restart(lambda: w.env.backend.edit_guild(w.guild.id, {"name": "Ciné-club"}))
        assert await _stored(w) == {w.guild.id: "Ciné-club"}  # read at the new session

        kicked = w.remove_bot()
        await w.settle()
        assert await _stored(w) == {w.guild.id: "Ciné-club"}  # kept as long as its data
        kicked.server.name = "Le Ciné-club"
        kicked.invite()
        await w.settle()
        assert await _stored(w) == {w.guild.id: "Le Ciné-club"}
        assert not w.env.errors


async def test_a_server_never_set_up_gets_no_row_for_its_name(sqlite_url: str) -> None:
    """Its row would make it a server that ran ``/setup``: its name is written then."""
    async with world(sqlite_url, members=0, setup=False) as w:
        w.env.backend.edit_guild(w.guild.id, {"name": "Sans réglage"})
        await w.settle()
        assert await _stored(w) == {}
        await w.setup()
        assert await _stored(w) == {w.guild.id: "Sans réglage"}
