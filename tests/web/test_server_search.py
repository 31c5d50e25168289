"""The web room's search across every discussion of the server (``/search``): what it
finds, what it never shows, its pages and its refusals, over HTTP on both backends."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from tests.web.conftest import (
    ALICE,
    DAVID,
    HOME,
    HOSTILE,
    Room,
    _discussion,
    _reply,
    snowflake,
)


def found_ids(page: str) -> list[int]:
    return [int(m) for m in re.findall(r"#r(\d+)\"", page)]


@pytest.fixture
async def signed(room: Room) -> Room:
    await room.sign_in()
    return room


async def test_a_search_finds_replies_in_every_discussion_of_the_server(signed: Room) -> None:
    async with signed.app.sessions.begin() as session:
        later = await _discussion(session, HOME, "Faut-il doubler les films ?", snowflake(0, 9))
        session.add(_reply(later, snowflake(40), ALICE, "alice", "Les DOUBLEURS méritent mieux."))
    page = await signed.html("/search?q=doubleurs")
    assert found_ids(page) == [snowflake(40), signed.seeded.replies["plain"]]  # newest first
    assert "Faut-il doubler les films ?" in page and "scénaristes" in page  # both questions
    assert f'href="/members/{DAVID}"' in page  # each author's page, one click away
    assert "<h1>Rechercher dans les réponses</h1>" in page
    assert "<title>«\u202fdoubleurs\u202f» — recherche" in page


async def test_a_search_reads_accents_and_case_aside_and_phrases_as_they_stand(
    signed: Room,
) -> None:
    assert found_ids(await signed.html("/search?q=ETHIQUE")) == [signed.seeded.replies["ethique"]]
    phrase = urlencode({"q": "« vont souffrir »"})
    assert found_ids(await signed.html(f"/search?{phrase}")) == [signed.seeded.replies["plain"]]
    nothing = await signed.html("/search?q=souffrir+%C3%A9thique")  # every word must occur
    assert found_ids(nothing) == [] and "Aucune réponse ne contient" in nothing


async def test_a_search_never_shows_another_server_nor_a_deleted_reply(signed: Room) -> None:
    page = await signed.html("/search?q=secr%C3%A8te")
    assert found_ids(page) == [] and "Réponse secrète du serveur B" not in page
    assert "serveur B" not in await signed.html("/search?q=serveur")


async def test_the_search_box_echoes_hostile_text_inert(signed: Room) -> None:
    page = await signed.html("/search?" + urlencode({"q": HOSTILE[:150]}))
    assert "<script>" not in page.split("<main", 1)[1]
    assert "&lt;script&gt;" in page


async def test_an_empty_search_shows_the_form_alone(signed: Room) -> None:
    for path in ("/search", "/search?q=", "/search?q=%22%22"):
        page = await signed.html(path)
        assert 'name="q"' in page and "Réponses trouvées" not in page and found_ids(page) == []


@pytest.mark.parametrize(
    "query", [{"q": "x" * 201}, {"q": "a\x00b"}, {"q": "doubleurs", "before": "abc"}]
)
async def test_bad_searches_get_a_clear_400(signed: Room, query: dict[str, str]) -> None:
    await signed.html(f"/search?{urlencode(query)}", status=400)


async def test_a_long_search_result_pages_back_with_its_words(signed: Room) -> None:
    async with signed.app.sessions.begin() as session:
        later = await _discussion(session, HOME, "Une question de plus ?", snowflake(0, 10))
        session.add_all(
            _reply(later, snowflake(100 + n), ALICE, "alice", f"Cinéphile n° {n}")
            for n in range(25)
        )
    first = await signed.html("/search?q=cinephile")
    assert len(found_ids(first)) == 20
    older = re.search(r'href="(/search\?[^"]+)"', first)
    assert older is not None and "q=cinephile" in older.group(1)
    second = await signed.html(older.group(1).replace("&amp;", "&"))
    assert len(found_ids(second)) == 5
    assert set(found_ids(first)).isdisjoint(found_ids(second))


async def test_the_search_needs_a_signed_in_moderator(room: Room) -> None:
    response = await room.client.get("/search?q=doubleurs", allow_redirects=False)
    assert response.status != 200
    assert "Les doubleurs vont souffrir." not in await response.text()


async def test_the_search_is_in_every_page_s_navigation(signed: Room) -> None:
    page = await signed.html("/discussions")
    assert '<a href="/search">Recherche</a>' in page
    assert 'href="/search" aria-current="page"' in await signed.html("/search")


async def test_a_page_reads_a_window_of_the_newest_replies_then_offers_the_older(
    signed: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word found nowhere read every reply of the server for one page (p99 166 ms on
    SQLite at 1,000,000 replies): a page reads a window of the newest replies, says so
    when it ends there, and links to the older ones, so nothing is out of reach."""
    from bot.services import server_search

    monkeypatch.setattr(server_search, "WINDOW", 3)
    async with signed.app.sessions.begin() as session:
        later = await _discussion(session, HOME, "Une dernière question ?", snowflake(0, 11))
        session.add_all(
            _reply(later, snowflake(200 + n), ALICE, "alice", f"Sans rapport {n}") for n in range(4)
        )
    first = await signed.html("/search?q=doubleurs")  # « doubleurs »: the oldest replies
    assert found_ids(first) == []
    assert "Aucune des 3 réponses lues" in first and "Aucune réponse ne contient" not in first
    pages = [first]
    while older := re.search(
        r'href="(/search\?[^"]+)">Chercher dans les plus anciennes', pages[-1]
    ):
        pages.append(await signed.html(older.group(1).replace("&amp;", "&")))
        assert len(pages) < 10
    found = [rid for page in pages for rid in found_ids(page)]
    assert found == [signed.seeded.replies["plain"]]  # reached, once
    assert "plus anciennes restent" not in pages[-1]  # the last window reached the first


async def test_a_full_page_inside_the_window_pages_on_as_before(
    signed: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.services import server_search

    monkeypatch.setattr(server_search, "PAGE", 2)
    page = await signed.html("/search?q=e")
    assert len(found_ids(page)) == 2
    older = 'Plus anciennes<span class="arrow" aria-hidden="true">\u00a0→</span></a>'
    assert older in page and "restent à chercher" not in page  # the arrow for the eye only
