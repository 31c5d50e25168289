"""Addresses an admin's browser (or a link mangled on its way) may send: bytes that are
not UTF-8, a parameter given twice, an option the discussion does not have. Each gets a
clear page in the server's language, never a search run on what it could not read."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from db.models import Guild
from tests.web.conftest import HOME, Room
from tests.web.html_tree import parse


@pytest.fixture
async def signed(room: Room) -> Room:
    await room.sign_in()
    return room


def heading(page: str) -> str:
    return parse(page).find("h1").text()


async def test_a_query_not_in_utf8_is_refused_not_searched(signed: Room) -> None:
    """``?q=%E9`` (a Latin-1 « é », as an old bookmark or a mail client writes it) was read
    as U+FFFD: the search ran on a replacement character, found nothing, and the box
    showed « � » with no word of why."""
    d = signed.seeded.home_discussion
    for path in (f"/discussions/{d}/replies?q=%E9thique", "/search?q=%E9thique", "/search?q=%C3"):
        page = await signed.html(path, status=400)
        assert heading(page) == (
            "Cette adresse contient des caractères illisibles (un encodage autre que "
            "l’UTF-8)\u00a0: revenez à la page précédente et recommencez."
        ), path
        assert "\ufffd" not in page, path
    # The same letter in UTF-8 is searched as ever.
    assert "Éthique" in await signed.html(f"/discussions/{d}/replies?q=%C3%A9thique")


async def test_a_parameter_given_twice_is_refused(signed: Room) -> None:
    """``?sort=old&sort=new`` was read as its first value, silently: an address edited by
    hand (or two links joined) showed a list other than the one it seemed to ask for."""
    d = signed.seeded.home_discussion
    for path, name in (
        (f"/discussions/{d}/replies?sort=old&sort=new", "sort"),
        (f"/discussions/{d}/replies?option=0&option=1", "option"),
        ("/search?q=a&q=b", "q"),
        ("/discussions?before=5&before=9", "before"),
    ):
        page = await signed.html(path, status=400)
        assert heading(page) == (
            f"«\u202f{name}\u202f» est donné plusieurs fois dans cette adresse\u00a0: revenez à la "
            "page "
            "précédente et recommencez."
        ), path


async def test_in_english(signed: Room) -> None:
    async with signed.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language="en"))
    signed.context.room.forget_server(HOME)
    page = await signed.html("/search?q=%E9", status=400)
    assert heading(page) == (
        "This address holds characters that cannot be read (an encoding other than "
        "UTF-8): go back to the previous page and try again."
    )
    page = await signed.html("/search?q=a&q=b", status=400)
    assert heading(page) == (
        "“q” is given more than once in this address: go back to the previous page and try again."
    )


async def test_an_option_the_discussion_lacks_is_marked_on_its_field(signed: Room) -> None:
    """``option=5`` on a discussion of three options answered 200 « Aucune réponse ne
    correspond. » under a form whose Option said « toutes »: the filter applied was not
    the one shown."""
    d = signed.seeded.home_discussion
    for query in ("option=3", "option=5&basis=inferred", "option=99"):
        page = await signed.html(f"/discussions/{d}/replies?{query}", status=400)
        tree = parse(page)
        field = tree.by_id("f-option")
        assert field.attrs.get("aria-invalid") == "true", query
        assert tree.by_id("f-option-error").text() == (
            "Valeur non valide pour «\u202fOption\u202f» (option)."
        ), query
        assert "Aucune réponse ne correspond" not in page, query
    # The last of its options is one.
    await signed.html(f"/discussions/{d}/replies?option=2")


async def test_a_public_page_reads_no_query_and_opens_whatever_it_carries(room: Room) -> None:
    """A public report's link shared with a site's tracking parameters (given twice, or in
    Latin-1) opens: the report reads no query."""
    from tests.web.test_report_caching import _publish

    report = await _publish(room)
    for query in ("?ref=a&ref=b", "?utm_source=%E9t%E9"):
        response = await room.client.get(report + query)
        assert response.status == 200, query
