"""A reply's links say which reply they act on: a screen reader's list of links showed
« Effacer le texte » and « Ouvrir dans Discord ↗ » twenty times each, the same words for
twenty replies; a moderator erasing david's reply from that list could not tell which.
Each now ends with its reply's author and time, hidden from the eye (the card shows them),
the visible words first so speech input still finds the link by what it shows."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from db.models import Guild
from tests.web.conftest import HOME, Room
from tests.web.html_tree import parse
from tests.web.test_pages_browser import _more_replies


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


@pytest.mark.parametrize(
    ("language", "erase", "discord"),
    [
        ("fr", "Effacer le texte", "Ouvrir dans Discord"),
        ("en", "Erase the text", "Open in Discord"),
    ],
)
async def test_each_replys_links_are_named_apart(
    room: Room, language: str, erase: str, discord: str
) -> None:
    await _more_replies(room)
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language=language))
    room.context.room.forget_server(HOME)
    await room.sign_in()
    d = room.seeded.home_discussion
    for path in (f"/discussions/{d}", f"/discussions/{d}/replies"):
        page = parse(await room.html(path))
        for visible in (erase, discord):
            links = [
                a
                for article in page.find_all("article")
                for a in article.find_all("a")
                if a.text().startswith(visible)
            ]
            assert len(links) >= 10, (path, visible)
            for link in links:
                card = next(e for e in link.ancestors() if e.tag == "article")
                author = card.find("*", lambda e: "author" in e.attrs.get("class", "")).text()
                when = card.find("time").text()
                assert link.text() != visible and author in link.text() and when in link.text()


async def test_the_summarys_links_to_discord_name_the_quotes_author(room: Room) -> None:
    """The summary's « ↗ » after each quote was named « Ouvrir dans Discord ↗ », the same
    for every quote; each names its quote's author where the page shows it."""
    await _more_replies(room)
    await room.sign_in()
    page = parse(await room.html(f"/discussions/{room.seeded.home_discussion}"))
    summary = page.by_id("summary")
    quotes = [q for q in summary.find_all("blockquote") if q.find_all("a")]
    assert quotes
    for quote in quotes:
        author = quote.find(
            "span", lambda e: e.attrs.get("dir") == "auto" and not e.attrs.get("class")
        ).text()
        label = quote.find("a").attrs["aria-label"]
        assert label.startswith("Ouvrir dans Discord") and author in label, (label, author)
