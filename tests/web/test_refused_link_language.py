"""A sign-in link that cannot be used speaks as its login page does: the language of the
server the link was issued for (the page said « expiré » on a French server to a browser
set to English, where the login page a minute before was French), and the browser's when
the link does not tell which server (made up, cut, or no longer known)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db.models import Guild
from tests.web.conftest import OTHER, Room, confirmation

EXPIRED = {"fr": "a expiré", "en": "has expired"}
USED = {"fr": "a déjà servi", "en": "was already used"}
TAMPERED = {"fr": "pas valide", "en": "is not valid"}
UNCONFIRMED = {"fr": "pas été demandée depuis sa page", "en": "from its page"}


async def _speaking(room: Room, language: str) -> None:
    async with room.app.sessions.begin() as session:
        guild = await session.get(Guild, OTHER)
        assert guild is not None
        guild.language = language
    room.context.room.forget_server(OTHER)


def _other(language: str) -> str:
    return "en" if language == "fr" else "fr"


@pytest.mark.parametrize("server", ["fr", "en"])
async def test_an_expired_or_used_link_speaks_the_servers_language(room: Room, server: str) -> None:
    await _speaking(room, server)
    browser = {"Accept-Language": _other(server)}
    used = await room.link(OTHER)
    used_page = await (await room.client.get(used)).text()
    assert (await room.press_sign_in(used)).status == 303
    await _refused_in(room, used, used_page, browser, USED[server], server)
    late = await room.link(OTHER)
    late_page = await (await room.client.get(late)).text()
    room.clock.advance(timedelta(minutes=10, seconds=1))
    await _refused_in(room, late, late_page, browser, EXPIRED[server], server)


async def _refused_in(
    room: Room, link: str, page: str, browser: dict[str, str], words: str, language: str
) -> None:
    """The link refused when opened and when its button is pressed, in ``language``."""
    opened = await room.client.get(link, headers=browser, allow_redirects=False)
    pressed = await room.client.post(
        link, data={"confirm": confirmation(page)}, headers=browser, allow_redirects=False
    )
    for response in (opened, pressed):
        text = await response.text()
        assert response.status == 403
        assert f'<html lang="{language}">' in text and words in text


@pytest.mark.parametrize("server", ["fr", "en"])
async def test_a_sign_in_not_confirmed_speaks_the_servers_language(room: Room, server: str) -> None:
    await _speaking(room, server)
    link = await room.link(OTHER)
    refused = await room.client.post(
        link, data={}, headers={"Accept-Language": _other(server)}, allow_redirects=False
    )
    assert refused.status == 403
    text = await refused.text()
    assert f'<html lang="{server}">' in text and UNCONFIRMED[server] in text


@pytest.mark.parametrize("browser", ["fr", "en"])
async def test_a_link_that_does_not_tell_its_server_speaks_the_browsers_language(
    room: Room, browser: str
) -> None:
    await _speaking(room, _other(browser))
    link = await room.link(OTHER)
    tampered = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    response = await room.client.get(
        tampered, headers={"Accept-Language": browser}, allow_redirects=False
    )
    text = await response.text()
    assert response.status == 403
    assert f'<html lang="{browser}">' in text and TAMPERED[browser] in text


@pytest.mark.parametrize(
    ("accepted", "read"),
    [
        ("nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7", "en"),  # Dutch first, English next
        ("de-DE,de;q=0.9,fr;q=0.8,en;q=0.7", "fr"),
        ("en;q=0.5, fr;q=0.9", "fr"),  # the weights, not the order, rank them
        ("fr;q=0, en-GB", "en"),  # q=0: not acceptable
        ("es-ES,pt;q=0.8", "fr"),  # neither: French, the bot's first language
        ("*", "fr"),
    ],
)
async def test_a_visitor_reads_the_first_of_her_browsers_languages_the_room_speaks(
    room: Room, accepted: str, read: str
) -> None:
    """A Dutch moderator's browser asks for Dutch, then English: signed out, she read
    French, as only the list's first language was looked at."""
    response = await room.client.get("/discussions", headers={"Accept-Language": accepted})
    text = await response.text()
    assert response.status == 403 and f'<html lang="{read}">' in text, accepted
