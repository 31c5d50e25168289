"""A moderator going through a search (« insulte », a member, a date) erases one reply
after another: each erasure brings her back to her search, its filters kept, not to the
discussion's whole list where she had to type it all again."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import pytest

from tests.web.conftest import DAVID, Room


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def test_erasing_from_a_search_returns_to_that_search(room: Room) -> None:
    await room.sign_in()
    d, target = room.seeded.home_discussion, room.seeded.replies["plain"]
    search = {"q": "doubleurs", "member": str(DAVID), "sort": "old"}
    listing = await room.html(f"/discussions/{d}/replies?{urlencode(search)}")
    [erase] = re.findall(rf'<a href="(/discussions/{d}/replies/{target}/erase[^"]*)"', listing)
    confirm = await room.html(html.unescape(erase))
    [action] = re.findall(r'<form method="post" action="([^"]*/erase[^"]*)"', confirm)
    done = await room.client.post(
        html.unescape(action), data={"csrf": await room.csrf()}, allow_redirects=False
    )
    assert done.status == 303
    assert done.headers["Location"] == (
        f"/discussions/{d}/replies?{urlencode(search)}&erased={target}"
    )
    back = await room.html(done.headers["Location"])
    assert 'value="doubleurs"' in back and "a été effacé" in back


async def test_only_the_filters_come_back(room: Room) -> None:
    """What the erasure's address carries besides the filters (a page's cursor, anything
    typed in) is dropped; a bad filter there is refused before anything is erased."""
    await room.sign_in()
    d, target = room.seeded.home_discussion, room.seeded.replies["plain"]
    path = f"/discussions/{d}/replies/{target}/erase"
    extra = urlencode({"q": "souffrir", "after": "5", "next": "https://evil.example"})
    done = await room.client.post(
        f"{path}?{extra}", data={"csrf": await room.csrf()}, allow_redirects=False
    )
    assert done.headers["Location"] == f"/discussions/{d}/replies?q=souffrir&erased={target}"
    other = room.seeded.replies["rtl"]
    refused = await room.client.post(
        f"/discussions/{d}/replies/{other}/erase?since=hier", data={"csrf": await room.csrf()}
    )
    assert refused.status == 400
    async with room.app.sessions() as session:
        from db.models import Reply

        kept = await session.get(Reply, other)
        assert kept is not None and not kept.deleted
