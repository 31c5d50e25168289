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


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_the_reports_footer_names_the_bot_in_french(room: Room, language: str) -> None:
    """The public report's footer names the bot inside a sentence: on an English report a
    screen reader read « Et vous ? » with an English voice, as the menu once did."""
    from sqlalchemy import update

    from db.models import Discussion, Guild
    from tests.web.conftest import HOME
    from tests.web.html_tree import parse
    from tests.web.test_language_of_parts import _spoken
    from tests.web.test_report_caching import _publish

    report = await _publish(room)
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language=language))
        await session.execute(
            update(Discussion)
            .where(Discussion.id == room.seeded.home_discussion)
            .values(language=language)
        )
    room.context.room.forget_server(HOME)
    html = await room.html(report)
    page = parse(html)
    assert page.find("html").attrs["lang"] == language
    footer = page.find_all("p", lambda e: "muted" in e.attrs.get("class", ""))[-1]
    [brand] = footer.find_all("span", lambda e: e.text().startswith("Et vous"))
    assert _spoken(brand) == "fr"
    assert brand.text() == ("Et vous ?" if language == "en" else "Et vous\u202f?")
    if language == "en":
        assert 'with the “<span lang="fr">Et vous ?</span>” bot.' in html
    else:
        assert "avec le bot «\u202f<span>Et vous\u202f?</span>\u202f»." in html


async def test_a_discussions_number_never_leaves_its_n(room: Room) -> None:
    """« Discussion n° 1 » (the breadcrumbs, the titles) broke after « n° » on a phone:
    French keeps « n° » with its number by a no-break space, as « 18 h » and « 50 % »."""
    await room.sign_in()
    d = room.seeded.home_discussion
    for path in (f"/discussions/{d}", f"/discussions/{d}/replies"):
        page = await room.html(path)
        assert f"Discussion n\u00b0\u00a0{d}" in page, path
        assert "n\u00b0 " not in page, path
    title = re.search(r"<title>(.*)</title>", await room.html(f"/discussions/{d}/replies"))
    assert title and title.group(1).startswith(f"Réponses de la discussion n\u00b0\u00a0{d}")
