"""The bot's name on every page, as each language writes it: in French a narrow no-break
space before « ? » (as the catalogs write « Et vous ? »), so the « ? » never starts a line."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import Room


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


def _brand(page: str) -> tuple[str, str]:
    title = re.search(r"<title>(.*)</title>", page)
    brand = re.search(r'<span class="brand"(?: lang="fr")?>(.*?)</span>', page)
    assert title and brand, page
    return title.group(1), brand.group(1)


async def test_the_name_is_written_the_french_way_on_a_french_page(room: Room) -> None:
    await room.sign_in()
    title, brand = _brand(await room.html("/discussions"))
    assert title == "Discussions · Et vous\u202f?"
    assert brand == "Et vous\u202f?"
    visitor = await room.client.get("/r/nope", headers={"Accept-Language": "fr-FR"})
    assert _brand(await visitor.text())[0].endswith(" · Et vous\u202f?")


async def test_an_english_page_keeps_the_name_as_english_writes_it(room: Room) -> None:
    visitor = await room.client.get("/r/nope", headers={"Accept-Language": "en-GB"})
    title, brand = _brand(await visitor.text())
    assert title == "Page not found. · Et vous ?"
    assert brand == "Et vous ?"
