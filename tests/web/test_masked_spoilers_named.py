"""A spoiler masked in the page (the discussions' list, the member's page, the public
report) was « ▒▒▒ »: three box-drawing signs a screen reader spells out (« ombre
moyenne » three times) or skips, the sentence then missing a word without saying so.
It is now one image of the signs named « passage masqué », in the page's language; the
<title> keeps the signs (it holds no markup)."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import BRUNO, Room
from tests.web.html_tree import Element, parse
from tests.web.test_spoilers import _spoiled


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


def _masks(page: Element) -> tuple[list[Element], int]:
    """The elements holding the mask, and how many masks the body shows."""
    body = page.find("body")
    holders = body.find_all("*", lambda e: any(isinstance(c, str) and "▒" in c for c in e.children))
    return holders, body.text().count("▒▒▒")


async def test_a_masked_spoiler_is_named_for_screen_readers(room: Room) -> None:
    discussion = await _spoiled(room)
    await room.sign_in()
    await room.client.post(
        f"/discussions/{discussion}/report", data={"csrf": await room.csrf(), "action": "publish"}
    )
    found = re.search(r'href="(/r/[^"]+)"', await room.html(f"/discussions/{discussion}"))
    assert found is not None
    for path in ("/discussions", f"/members/{BRUNO}", found.group(1)):
        page = parse(await room.html(path))
        holders, shown = _masks(page)
        assert shown, path
        assert len(holders) == shown, path
        for holder in holders:
            assert holder.text() == "▒▒▒", path
            assert holder.attrs.get("role") == "img", path
            assert holder.attrs.get("aria-label") == "passage masqué", path
        assert "▒▒▒" in page.find("title").text() or path != found.group(1)
