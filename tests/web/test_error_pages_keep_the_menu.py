"""An error met inside the room (a discussion that is not there, a link cut short) keeps
the room's menu and the sign-out button: it was a page with a heading and nothing to
Tab to, the browser's Back the only way on. Without a session there is no menu."""

from __future__ import annotations

import pytest

from tests.web.conftest import Room
from tests.web.html_tree import Element, parse


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


def _menu(page: Element) -> list[str]:
    navs = page.find_all("nav", lambda e: e.attrs.get("aria-label") == "Salle d’examen")
    return [a.attrs["href"] for nav in navs for a in nav.find_all("a")]


async def test_an_error_inside_the_room_keeps_its_menu(room: Room) -> None:
    d = room.seeded.home_discussion
    for path in ("/discussions/999999", "/r/abcdefghijklmnop"):
        assert _menu(parse(await room.html(path, 403 if "/r/" not in path else 404))) == []
    await room.sign_in()
    for path, status in (("/discussions/999999", 404), (f"/discussions/{d}/replies?after=x", 400)):
        page = parse(await room.html(path, status))
        assert _menu(page) == ["/discussions", "/search", "/audit", "/settings"], path
        assert page.find_all("form", lambda e: e.attrs.get("action") == "/logout"), path
        assert len(page.find_all("h1")) == 1
