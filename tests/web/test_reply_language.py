"""A reply written in English in a French room (or in French in an English one) carried
no ``lang``: a screen reader read it with the page's voice, English words in French
pronunciation. Its text now says its language where its stop words say it clearly; a
short or mixed reply, and one in the page's language, is left to the page's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.analysis.language import clear_language
from bot.analysis.themes._words import reply_words
from db.models import Discussion, Guild, ReplyRevision
from tests.web.conftest import ALICE, BRUNO, DAVID, HOME, NOW, Room, _reply, snowflake
from tests.web.html_tree import Element, parse

ENGLISH = "I think the studios don't care about the writers at all, they want it cheap."
FRENCH = "Je pense que l'Éthique compte avant tout."  # the seeded reply of alice
MIXED = "C'est genre so cringe honestly"
SHORT = "No"
EARLIER = "Honestly, it was better before the strikes, when they could still write."


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def _english_replies(room: Room) -> None:
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        english = _reply(d, snowflake(20), ALICE, "alice", ENGLISH, edited_at=NOW)
        session.add_all(
            [
                english,
                _reply(d, snowflake(21), BRUNO, "bruno", MIXED),
                _reply(d, snowflake(22), DAVID, "david", SHORT),
            ]
        )
        await session.flush()
        session.add(
            ReplyRevision(reply_id=english.id, text=EARLIER, edited_at=NOW + timedelta(minutes=1))
        )


async def _in(room: Room, language: str) -> None:
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language=language))
    room.context.room.forget_server(HOME)


def _said_in(element: Element) -> str:
    for node in (element, *element.ancestors()):
        if "lang" in node.attrs:
            return node.attrs["lang"]
    raise AssertionError("no lang")


def _texts(page: Element) -> dict[str, str]:
    """Each reply's text on the page -> the language it is read in."""
    found = page.find_all("div", lambda e: "reply-text" in e.attrs.get("class", ""))
    return {e.text(): _said_in(e) for e in found}


@pytest.mark.parametrize("room_language", ["fr", "en"])
async def test_a_replys_text_says_its_language_where_it_is_clear(
    room: Room, room_language: str
) -> None:
    await _english_replies(room)
    await _in(room, room_language)
    await room.sign_in()
    d = room.seeded.home_discussion
    expected = {
        ENGLISH: "en",
        EARLIER: "en",  # an earlier version, under the reply's history
        FRENCH: "fr",
        MIXED: room_language,  # unsure: the page's
        SHORT: room_language,
        "Les doubleurs vont souffrir.": room_language,  # one stop word: unsure
    }
    pages = {
        "replies": (f"/discussions/{d}/replies", set(expected)),
        "member": (f"/members/{ALICE}", {ENGLISH, FRENCH}),
        "search": ("/search?q=the", {ENGLISH}),
        "erase": (f"/discussions/{d}/replies/{snowflake(20)}/erase", {ENGLISH, EARLIER}),
    }
    for name, (path, texts) in pages.items():
        html = await room.html(path)
        said = _texts(parse(html))
        assert {text: said.get(text) for text in texts} == {
            text: expected[text] for text in texts
        }, name


async def test_the_summarys_quotes_say_their_language(room: Room) -> None:
    """The summary on a discussion's page and its public report quote replies: the English
    one among them is marked in a French room, the French ones are not."""
    await _english_replies(room)
    await room.sign_in()
    page = parse(await room.html(f"/discussions/{room.seeded.home_discussion}"))
    quotes = page.find_all("span", lambda e: "quote" in e.attrs.get("class", "").split())
    said = {e.text(): _said_in(e) for e in quotes}
    assert any(text.startswith("I think the studios") for text in said), said
    assert {text: lang for text, lang in said.items() if lang != "fr"} == {
        text: "en" for text in said if text.startswith("I think the studios")
    }


@pytest.mark.parametrize("text", [ENGLISH, EARLIER, FRENCH, "Moi aussi je trouve", "Same for me"])
def test_a_clear_guess_agrees_with_the_themes_reading(text: str) -> None:
    """Where the guess is clear, the themes' stemming reads the reply in that language too."""
    guessed = clear_language(text)
    assert guessed is not None
    assert reply_words(text).english == (guessed == "en")
    assert reply_words(text, english_by_default=True).english == (guessed == "en")


async def test_a_spoilers_name_stays_in_the_pages_language(room: Room) -> None:
    """The control that shows a spoiler is named by the room (« Afficher le texte… »):
    inside an English reply it keeps the page's French."""
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        text = "I think ||the twist|| was obvious, they should have hidden it better."
        session.add(_reply(d, snowflake(23), ALICE, "alice", text))
    await room.sign_in()
    page = parse(await room.html(f"/discussions/{room.seeded.home_discussion}/replies"))
    toggle = page.find("input", lambda e: "spoiler-toggle" in e.attrs.get("class", ""))
    assert _said_in(toggle) == "fr"
    words = page.find("span", lambda e: "spoiler-words" in e.attrs.get("class", ""))
    assert (words.text(), _said_in(words)) == ("the twist", "en")
