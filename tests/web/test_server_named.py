"""Every page of the room names the server it shows. An admin of two servers whose second
``/review`` login replaced the first session met 404s in her older tab and could not
tell why: no page said which server she was signed in to. The name comes from the bot's
cache of Discord (``App.server_name``); alone (``python -m bot web``), or for a server that
removed the bot, the one the bot stored (``server_names``, migration 0015); else the
server's id. It is member-controlled text: escaped, invisible and bidi marks dropped, cut."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from bot.services import server_names
from db.models import Guild
from tests.harness import world
from tests.web.conftest import HOME, Room
from tests.web.html_tree import Element, parse


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


def _named(room: Room, name: str | None) -> None:
    room.app.guild_names = {HOME: name}.get if name is not None else None
    room.context.room.forget_server(HOME)


def _server_line(page: Element) -> str:
    [line] = page.find_all("*", lambda e: "server" in e.attrs.get("class", "").split())
    return line.text()


async def _pages(room: Room) -> list[str]:
    d = room.seeded.home_discussion
    return [
        await room.html(path)
        for path in ("/discussions", f"/discussions/{d}", f"/discussions/{d}/replies", "/audit")
    ]


async def test_each_page_names_the_server_escaped(room: Room) -> None:
    _named(room, "<b>x</b> & co")
    await room.sign_in()
    for html in await _pages(room):
        assert _server_line(parse(html)) == "Serveur\u00a0: <b>x</b> & co"
        assert "&lt;b&gt;x&lt;/b&gt; &amp; co" in html
        assert "<b>x</b>" not in html


async def test_a_name_loses_its_bidi_override_and_is_cut(room: Room) -> None:
    _named(room, "\u202eabc\u200b def\u202c\n" + "x" * 300)
    await room.sign_in()
    html = await room.html("/discussions")
    line = _server_line(parse(html))
    assert line.startswith("Serveur\u00a0: abc def ")
    assert not any(c in html for c in "\u202e\u202c\u200b")
    assert len(line) <= len("Serveur\u00a0: ") + 100
    assert line.endswith("…")


async def test_without_discord_the_room_names_the_server_by_its_id(room: Room) -> None:
    _named(room, None)
    await room.sign_in()
    for html in await _pages(room):
        assert _server_line(parse(html)) == f"Serveur\u00a0: {HOME}"
    _named(room, "\u200b\u3164")  # a name that shows nothing: its id too
    assert _server_line(parse(await room.html("/settings"))) == f"Serveur\u00a0: {HOME}"


async def test_alone_the_room_names_the_server_as_the_bot_stored_it_escaped(room: Room) -> None:
    """No Discord cache (``python -m bot web``): the name the bot stored, as escaped as
    Discord's; nothing in it pings or formats (a page is no Discord message)."""
    _named(room, None)
    assert await server_names.named(room.app, {HOME: "<b>Ciné</b> @everyone"}) == 1
    await room.sign_in()
    for html in await _pages(room):
        assert _server_line(parse(html)) == "Serveur\u00a0: <b>Ciné</b> @everyone"
        assert "<bdi>&lt;b&gt;Ciné&lt;/b&gt; @everyone</bdi>" in html
        assert "<b>Ciné</b>" not in html
    html = await room.html(f"/discussions/{room.seeded.other_discussion}", 404)
    assert "«\u202f<bdi>&lt;b&gt;Ciné&lt;/b&gt; @everyone</bdi>\u202f»" in html


async def test_the_bots_cache_comes_first_then_the_stored_name(room: Room) -> None:
    """Beside the bot its cache is fresher (a rename not stored yet); a server it was
    removed from is not in its cache: the stored name, kept as long as its data."""
    await server_names.named(room.app, {HOME: "Ancien nom"})
    _named(room, "Nouveau nom")
    await room.sign_in()
    assert _server_line(parse(await room.html("/discussions"))) == "Serveur\u00a0: Nouveau nom"
    room.app.guild_names = {}.get  # the bot runs, but is no longer in the server
    room.context.room.forget_server(HOME)
    assert _server_line(parse(await room.html("/discussions"))) == "Serveur\u00a0: Ancien nom"
    _named(room, "\u200b")  # a name that shows nothing in the cache: the stored one
    assert _server_line(parse(await room.html("/discussions"))) == "Serveur\u00a0: Ancien nom"


async def test_no_server_line_without_a_session(room: Room) -> None:
    _named(room, "Maison")
    page = parse(await room.html("/discussions", 403))
    assert page.find_all("*", lambda e: "server" in e.attrs.get("class", "").split()) == []


async def test_a_page_of_another_server_says_where_she_is_signed_in(room: Room) -> None:
    _named(room, "Ciné <club>")
    await room.sign_in()
    other, reply = room.seeded.other_discussion, room.seeded.other_reply
    for path in (f"/discussions/{other}", f"/discussions/{other}/replies/{reply}/erase"):
        html = await room.html(path, 404)
        page = parse(html)
        text = page.find("main").text()
        assert "Page introuvable." in text
        said = "Votre session est celle du serveur «\u202f<bdi>Ciné &lt;club&gt;</bdi>\u202f»."
        assert said in html, text
        assert "tapez /examen dans cet autre serveur\u00a0: son lien vous y connecte." in text
        assert _server_line(page) == "Serveur\u00a0: Ciné <club>"
        assert "Question secrète" not in text  # nothing of the other server shows


async def test_in_english(room: Room) -> None:
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language="en"))
    _named(room, "Film club")
    await room.sign_in()
    assert _server_line(parse(await room.html("/discussions"))) == "Server: Film club"
    html = await room.html(f"/discussions/{room.seeded.other_discussion}", 404)
    assert "You are signed in to the server “<bdi>Film club</bdi>”." in html, html
    assert "type /review in that server: its link signs you in there." in html


async def test_the_bot_names_its_servers_from_discord(sqlite_url: str) -> None:
    """Beside the bot, the name is the one its Discord cache holds (no migration, no copy)."""
    async with world(sqlite_url, members=0, setup=False) as w:
        assert w.app.server_name(w.guild.id) == "Cinéphiles"
        assert w.app.server_name(HOME) is None  # a server the bot is not in
