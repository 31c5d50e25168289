"""Signing out of the console room (``python -m bot web``, no bot beside it), or opening
its link once expired or used: the page said to type ``/examen`` in Discord, where
nothing answers while the bot is not running. It says how a console room gives a new
link, in the server's language; a room the bot runs beside still points to ``/review``."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.services import web_auth
from db.models import Guild
from tests.web.conftest import HOME, MOD, Room


async def _speaking(room: Room, language: str) -> None:
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language=language))
    room.context.room.forget_server(HOME)


async def _signed_out(room: Room, user_id: int, language: str) -> str:
    await _speaking(room, language)
    await room.sign_in(user_id=user_id)
    response = await room.client.post("/logout", data={"csrf": await room.csrf()})
    assert response.status == 200
    return await response.text()


@pytest.mark.parametrize(
    ("language", "hint"),
    [
        (
            "fr",
            "Pour obtenir un nouveau lien, arrêtez cette salle (Ctrl+C là où elle tourne) "
            f"et relancez python -m bot web --guild {HOME}\u00a0: "
            "elle affiche un nouveau lien.",
        ),
        (
            "en",
            "To get a new link, stop this room (Ctrl+C where it runs) and start "
            f"python -m bot web --guild {HOME} again: it prints a new link.",
        ),
    ],
)
async def test_the_console_room_says_how_to_get_a_new_link(
    room: Room, language: str, hint: str
) -> None:
    page = await _signed_out(room, web_auth.LOCAL_USER, language)
    assert hint in page
    assert "/examen" not in page and "/review" not in page


@pytest.mark.parametrize(("language", "command"), [("fr", "/examen"), ("en", "/review")])
async def test_a_moderator_of_the_bot_s_room_is_pointed_to_the_command(
    room: Room, language: str, command: str
) -> None:
    page = await _signed_out(room, MOD, language)
    assert command in page
    assert "python -m bot web" not in page


@pytest.mark.parametrize("language", ["fr", "en"])
async def test_a_console_link_expired_or_used_says_how_to_get_a_new_one(
    room: Room, language: str
) -> None:
    await _speaking(room, language)
    used = await room.link(user_id=web_auth.LOCAL_USER)
    assert (await room.press_sign_in(used)).status == 303
    late = await room.link(user_id=web_auth.LOCAL_USER)
    moderators = await room.link()
    refused = [await room.client.get(used, allow_redirects=False)]
    room.clock.advance(timedelta(minutes=10, seconds=1))
    refused.append(await room.client.get(late, allow_redirects=False))
    for response in refused:
        page = await response.text()
        assert response.status == 403
        assert f"python -m bot web --guild {HOME}" in page
        assert "/examen" not in page and "/review" not in page
    page = await (await room.client.get(moderators, allow_redirects=False)).text()
    assert {"fr": "/examen", "en": "/review"}[language] in page
    assert "python -m bot web" not in page
