"""A member whose Discord name shows nothing (a Hangul filler, zero-width spaces: a known
trick for a blank name) is named by her id in the room, as a server whose name shows
nothing is: her reply's heading was an empty link (zero pixels wide for zero-width
spaces, out of the mouse's reach), her page's title began « ㅤ · »."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from db.models import Discussion, Guild
from tests.web.conftest import HOME, Room, _reply, snowflake
from tests.web.html_tree import Element, parse

BLANK = {
    900_000_000_000_000_077: "\u3164",  # Hangul filler
    900_000_000_000_000_078: "\u200b\u200b",  # zero-width spaces
    900_000_000_000_000_079: "\u202e\u2066 \u200d",  # direction controls, a space, a joiner
}


@pytest.fixture
async def blank(room: Room) -> Room:
    await room.sign_in()
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        session.add_all(
            _reply(d, snowflake(50 + n, 3), user, name, f"Réponse visible d’un nom vide {n}.")
            for n, (user, name) in enumerate(BLANK.items())
        )
    return room


def _authors(page: Element) -> dict[str, str]:
    """Each reply's author link: its address and its words."""
    return {
        a.attrs["href"]: a.text()
        for h in page.find_all("h3", lambda e: e.attrs.get("class") == "author")
        for a in h.find_all("a")
        if a.attrs["href"].startswith("/members/")
    }


async def test_a_blank_name_is_her_id_on_every_page(blank: Room) -> None:
    d = blank.seeded.home_discussion
    authors = _authors(parse(await blank.html(f"/discussions/{d}/replies")))
    for user in BLANK:
        assert authors[f"/members/{user}"] == f"Membre {user}"
    assert authors["/members/900000000000000001"] == "alice"  # a name that shows is kept
    replies = parse(await blank.html(f"/discussions/{d}/replies"))
    hidden = [
        e.text()
        for e in replies.find_all("span", lambda e: e.attrs.get("class") == "visually-hidden")
    ]
    assert any(f"(réponse de Membre {user}," in text for text in hidden for user in BLANK)
    assert not any("réponse de \u3164" in text or "réponse de \u200b" in text for text in hidden)
    search = parse(await blank.html("/search?q=visible"))
    shown = {
        a.attrs["href"]: a.text()
        for a in search.find_all("a")
        if "/members/" in a.attrs.get("href", "")
    }
    assert shown == {f"/members/{user}": f"Membre {user}" for user in BLANK}
    for user in BLANK:
        member = parse(await blank.html(f"/members/{user}"))
        assert member.find("h1").text() == f"Membre {user}"
        assert member.find("title").text() == f"Membre {user} · Et vous\u202f?"


async def test_in_english(blank: Room) -> None:
    async with blank.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language="en"))
    blank.context.room.forget_server(HOME)
    user = next(iter(BLANK))
    authors = _authors(parse(await blank.html(f"/discussions/{blank.seeded.home_discussion}")))
    assert authors[f"/members/{user}"] == f"Member {user}"
