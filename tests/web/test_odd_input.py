"""Odd input an admin (or a mistyped link) can send: every page answers with a clear
page in the server's language, never the 500 of an unexpected error."""

from __future__ import annotations

import logging
from urllib.parse import quote, urlencode

import pytest

from tests.web.conftest import Room
from tests.web.html_tree import parse


@pytest.fixture
async def signed(room: Room) -> Room:
    await room.sign_in()
    return room


@pytest.mark.parametrize(
    "query",
    [
        {"since": "0001-01-01"},  # before the first instant the server's zone can hold
        {"until": "9999-12-31"},  # the day after it is past the last date
        {"after": "99999999999999999999.1", "sort": "votes"},  # votes past 64 bits
        {"member": "\u0663"},  # an Arabic-Indic digit: a digit, but no id
        {"option": "\u00b2"},  # a superscript two: isdigit(), yet int() fails
        {"q": "\x00"},  # SQLite's GLOB ends its pattern at a NUL: it matched every reply
        {"q": "ethique\x07"},
        {"after": "\u00b2"},
    ],
)
async def test_out_of_range_or_non_ascii_filters_get_a_clear_400(
    signed: Room, query: dict[str, str]
) -> None:
    page = await signed.html(
        f"/discussions/{signed.seeded.home_discussion}/replies?{urlencode(query)}", status=400
    )
    assert "Valeur non valide" in page


@pytest.mark.parametrize("raw", ["\u00b2", "\u0663", "1\u00b2"])
async def test_ids_in_paths_are_ascii_digits_only(signed: Room, raw: str) -> None:
    d = signed.seeded.home_discussion
    for path in (f"/discussions/{raw}", f"/members/{raw}", f"/discussions/{d}/replies/{raw}/erase"):
        page = await signed.html(quote(path), status=404)
        assert "Page introuvable" in page
    await signed.html(f"/discussions?before={quote(raw)}", status=400)


async def test_the_erased_notice_names_only_a_reply_id(signed: Room) -> None:
    d = signed.seeded.home_discussion
    spoof = "Votre session a expiré : envoyez votre lien à support@example.org"
    page = await signed.html(f"/discussions/{d}/replies?{urlencode({'erased': spoof})}", 400)
    assert "support@example.org" not in page
    shown = await signed.html(f"/discussions/{d}/replies?erased=123")  # no such reply here
    assert "a été effacé" not in shown  # the notice says only what is true


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/logout"), ("GET", "/export"), ("GET", "/discussions/1/report")],
)
async def test_a_form_address_opened_as_a_page_says_so(
    signed: Room, method: str, path: str
) -> None:
    response = await signed.client.request(method, path)
    assert response.status == 405
    assert "POST" in response.headers.get("Allow", "")
    page = await response.text()
    assert "Page introuvable" not in page
    assert "formulaire" in page.split("<h1>")[1].split("</h1>")[0]


async def test_a_post_to_a_page_is_not_called_a_form(room: Room) -> None:
    response = await room.client.post("/r/abcdefghijklmnop")
    assert response.status == 405
    assert "formulaire" not in await response.text()


async def test_an_unreadable_form_gets_a_clear_400(
    signed: Room, caplog: pytest.LogCaptureFixture
) -> None:
    response = await signed.client.post(
        "/settings",
        data=b"\xff\xfe not a multipart body",
        headers={"Content-Type": "multipart/form-data; boundary=zz"},
    )
    assert response.status == 400
    assert "formulaire est illisible" in await response.text()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_form_too_large_gets_a_clear_413(signed: Room) -> None:
    response = await signed.client.post(
        "/settings", data={"csrf": await signed.csrf(), "x": "y" * 100_000}
    )
    assert response.status == 413
    assert "formulaire est trop volumineux" in await response.text()
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


async def test_the_static_folder_itself_is_a_clear_page_with_the_headers(room: Room) -> None:
    response = await room.client.get("/static/")
    assert response.status in (403, 404)
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert "Page introuvable" in await response.text()


@pytest.mark.parametrize(
    ("query", "french", "english"),
    [
        ({"since": "hier"}, "«\u202fDepuis le\u202f»", "“From”"),
        ({"until": "2026-13-01"}, "«\u202fJusqu’au\u202f»", "“Until”"),
        ({"member": "bob"}, "«\u202fMembre (identifiant)\u202f»", "“Member (id)”"),
        ({"q": "x" * 201}, "«\u202fRechercher\u202f»", "“Search”"),
        ({"after": "x"}, "ce lien est incomplet ou altéré", "this link is incomplete or altered"),
    ],
)
async def test_a_bad_filter_is_named_by_its_label_in_the_servers_language(
    signed: Room, query: dict[str, str], french: str, english: str
) -> None:
    from sqlalchemy import update

    from db.models import Guild
    from tests.web.conftest import HOME

    path = f"/discussions/{signed.seeded.home_discussion}/replies?{urlencode(query)}"
    assert french in refused(await signed.html(path, status=400))
    async with signed.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language="en"))
    signed.context.room.forget_server(HOME)
    assert english in refused(await signed.html(path, status=400))


def refused(html: str) -> str:
    """What a 400 says: beside the field of the replies' form typed wrong, else the error
    page's heading (a link's own value)."""
    page = parse(html)
    beside = page.find_all("p", lambda e: e.attrs.get("class") == "field-error")
    return beside[0].text() if beside else page.find("h1").text()


async def test_saving_unchanged_settings_writes_no_audit_line(signed: Room) -> None:
    from sqlalchemy import select

    from db.models import AuditEntry

    for _ in range(2):
        await signed.client.post("/settings", data={"csrf": await signed.csrf()})  # off, as it is
    await signed.client.post("/settings", data={"csrf": await signed.csrf(), "report_names": "on"})
    await signed.client.post("/settings", data={"csrf": await signed.csrf(), "report_names": "on"})
    async with signed.app.sessions() as session:
        actions = list(await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["report_names_on"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("en-GB,en;q=0.8", "address is too long"), ("fr-FR", "adresse est trop longue")],
)
async def test_an_overlong_address_gets_a_clear_localized_414(
    signed: Room, accept: str, expected: str
) -> None:
    """aiohttp answers a request line over 8 KB with a bare "Bad Request" of its own;
    the room reads longer lines and refuses a long address with its own page, before
    any session or database work."""
    response = await signed.client.get(
        "/search?q=" + "x" * 20_000, headers={"Accept-Language": accept}
    )
    assert response.status == 414
    text = await response.text()
    assert "<html" in text
    assert expected in text


async def test_a_file_missing_from_the_static_folder_is_the_clear_404_page(room: Room) -> None:
    """aiohttp's static folder answered it with an empty body of no type: a blank page."""
    for name in ("nope.css", "style.css.bak", "..%2Fserver.py"):
        response = await room.client.get(f"/static/{name}", headers={"Accept-Language": "en"})
        assert response.status == 404
        assert response.headers["Content-Type"].startswith("text/html")
        assert "Page not found." in await response.text()
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    for name, kind in (("style.css", "text/css"), ("favicon.svg", "image/svg+xml")):
        served = await room.client.get(f"/static/{name}")
        assert served.status == 200 and served.headers["Content-Type"].startswith(kind)
        assert "ETag" in served.headers or "Last-Modified" in served.headers
