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


async def test_erase_pressed_twice_or_gone_back_to_lands_on_the_erased_reply(room: Room) -> None:
    """A double click on « Effacer définitivement » (the browser shows the second
    press's answer), or Back from the replies to the confirmation, said « Page
    introuvable » though the erasure had been done: both now bring her back to her
    search, saying the text is erased, and the erasure is done and logged once."""
    from sqlalchemy import select

    from db.models import AuditEntry

    await room.sign_in()
    d, target = room.seeded.home_discussion, room.seeded.replies["plain"]
    search = urlencode({"q": "doubleurs", "sort": "old"})
    action = f"/discussions/{d}/replies/{target}/erase?{search}"
    landing = f"/discussions/{d}/replies?{search}&erased={target}"
    csrf = await room.csrf()
    for _ in range(2):
        pressed = await room.client.post(action, data={"csrf": csrf}, allow_redirects=False)
        assert pressed.status == 303
        assert pressed.headers["Location"] == landing
    back = await room.client.get(action, allow_redirects=False)
    assert back.status == 303
    assert back.headers["Location"] == landing
    shown = await room.html(landing)
    assert "Le texte de la réponse" in shown and "a été effacé" in shown
    async with room.app.sessions() as session:
        logged = await session.scalars(
            select(AuditEntry).where(AuditEntry.action == "answer_delete")
        )
        assert [entry.target for entry in logged] == [str(target)]
