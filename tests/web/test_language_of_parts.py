"""An English room showing a French discussion: its question already carried
``lang="fr"``, its options did not (the stances table, the arguments' headings, the
leanings, the option filter), so a screen reader read « Oui », « Nuancé » with an
English voice. Each now carries the discussion's language; a room in the discussion's
own language adds nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import update

from db.models import Guild
from tests.web.conftest import ALICE, HOME, OPTIONS, Room
from tests.web.html_tree import Element, parse


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


def _spoken(element: Element) -> str:
    for node in (element, *element.ancestors()):
        if "lang" in node.attrs:
            return node.attrs["lang"]
    return ""


def _options_shown(page: Element) -> list[Element]:
    return page.find_all(
        "*", lambda e: e.text() in OPTIONS and not e.find_all("*", lambda c: c.text() in OPTIONS)
    )


@pytest.mark.parametrize("room_language", ["en", "fr"])
async def test_a_discussions_options_are_in_its_language(room: Room, room_language: str) -> None:
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language=room_language))
    room.context.room.forget_server(HOME)
    await room.sign_in()
    d = room.seeded.home_discussion
    for path in (f"/discussions/{d}", f"/discussions/{d}/replies"):
        html = await room.html(path)
        page = parse(html)
        assert page.find("html").attrs["lang"] == room_language
        shown = _options_shown(page)
        kinds = {e.tag for e in shown}
        assert "option" in kinds, (path, kinds)  # the filter's
        if path == f"/discussions/{d}":
            assert {"th", "h4"} <= kinds, kinds
        assert [e.tag for e in shown if _spoken(e) != "fr"] == [], path
        if room_language == "fr":
            assert html.count(' lang="fr"') == 1  # <html> only


@pytest.mark.parametrize("room_language", ["en", "fr"])
async def test_questions_listed_elsewhere_and_the_bots_name_are_in_their_language(
    room: Room, room_language: str
) -> None:
    """A member's page and the server-wide search list replies under their discussion's
    question, and a member's stances with her option: in an English room a screen reader
    read « L'IA va-t-elle remplacer les scénaristes ? » and « Oui » with an English
    voice; so did it the menu's « Et vous ? », the bot's French name."""
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language=room_language))
    room.context.room.forget_server(HOME)
    await room.sign_in()
    question = "L'IA va-t-elle remplacer les scénaristes ?"
    for path in (f"/members/{ALICE}", "/search?q=doubleurs"):
        html = await room.html(path)
        page = parse(html)
        questions = page.find_all("a", lambda e: e.text() == question)
        assert questions, path
        assert {_spoken(e) for e in questions} == {"fr"}, path
        brand = page.find("*", lambda e: "brand" in e.attrs.get("class", ""))
        assert _spoken(brand) == "fr", path
        if path.startswith("/members"):
            options = page.find_all("span", lambda e: e.text() in OPTIONS)
            assert options and {_spoken(e) for e in options} == {"fr"}
        if room_language == "fr":
            assert html.count(' lang="fr"') == 1  # <html> only


@pytest.mark.parametrize("room_language", ["en", "fr"])
async def test_a_replys_stance_badges_say_their_options_language(
    room: Room, room_language: str
) -> None:
    """A reply's badges « declares: Oui » and « inferred: Non »: the option inside them was
    read with the page's voice (an English one for « Oui »), on the replies, the discussion
    and the erase confirmation alike."""
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language=room_language))
    room.context.room.forget_server(HOME)
    await room.sign_in()
    d = room.seeded.home_discussion
    ethique = room.seeded.replies["ethique"]  # Alice declared « Oui »
    for path in (
        f"/discussions/{d}",
        f"/discussions/{d}/replies",
        f"/discussions/{d}/replies/{ethique}/erase",
    ):
        html = await room.html(path)
        badges = parse(html).find_all("span", lambda e: e.attrs.get("class") == "badge")
        options = [
            inner
            for badge in badges
            for inner in badge.find_all("span", lambda e: e.text() in OPTIONS)
        ]
        assert options, path
        assert {_spoken(e) for e in options} == {"fr"}, path
        if room_language == "fr":
            assert html.count(' lang="fr"') == 1, path  # <html> only


async def _english_room_themed(room: Room) -> tuple[Any, Element]:
    from tests.web.test_themes import _themed_debate

    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language="en"))
    room.context.room.forget_server(HOME)
    await room.sign_in()
    await _themed_debate(room)
    d = room.seeded.home_discussion
    summary = await room.context.summaries.get(HOME, d)
    return summary.analysis, parse(await room.html(f"/discussions/{d}"))


def _sides_words(page: Element) -> list[Element]:
    return [
        span
        for p in page.find_all("p", lambda e: e.text().startswith("Words that set this side"))
        for span in p.find_all("span")
    ]


async def test_the_themes_are_in_the_discussions_language(room: Room) -> None:
    """A theme's label is the replies' own words, in the discussion's language: an English
    room read « emploi · doubleurs » with an English voice, though the options beside them
    said « fr ». (Each side's distinctive words are not shown beside themes, as in Discord.)"""
    analysis, page = await _english_room_themed(room)
    themes = analysis.themes
    assert themes is not None and themes.themes
    labels = page.find_all("h4", lambda e: e.text() in {t.label for t in themes.themes})
    assert len(labels) == len(themes.themes)
    assert {_spoken(e) for e in labels} == {"fr"}
    assert not _sides_words(page)


async def test_each_sides_words_are_in_the_discussions_language(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without themes (no vectors), each side's distinctive words are shown, in the
    discussion's language."""
    from bot.services import embeddings

    async def no_vectors(*_: object) -> None:
        raise RuntimeError("no encoder")

    monkeypatch.setattr(embeddings, "vectors_of", no_vectors)
    analysis, page = await _english_room_themed(room)
    assert analysis.themes is None
    words = _sides_words(page)
    assert words, "each side's distinctive words are shown"
    assert {_spoken(e) for e in words} == {"fr"}
