"""A filter typed wrong (a member's name where her id goes, an end date before the start)
keeps the moderator on the replies page: her form as she typed it, the field marked
invalid, its message beside it and tied to it (``aria-describedby``), the focus on it
and the page's title saying there is an error, the room's menu still there. It was a
bare error page: no form, no menu, the message tied to nothing; a screen-reader user had
to go back and find which field was wrong by herself."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from sqlalchemy import update

from db.models import Guild
from tests.web.conftest import HOME, Room
from tests.web.html_tree import Element, label_of, parse


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


def _control(page: Element, name: str) -> Element:
    return page.find("*", lambda e: e.tag in ("input", "select") and e.attrs.get("name") == name)


def _checked_error(page: Element, name: str) -> str:
    """The one invalid control is ``name``: focused, described by its message; the message."""
    invalid = page.find_all("*", lambda e: e.attrs.get("aria-invalid") == "true")
    assert [e.attrs.get("name") for e in invalid] == [name]
    control = invalid[0]
    assert "autofocus" in control.attrs
    message = page.by_id(control.attrs["aria-describedby"])
    assert message not in control.ancestors()  # not read as part of the label
    return message.text()


async def _english(room: Room) -> None:
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language="en"))
    room.context.room.forget_server(HOME)


@pytest.mark.parametrize(
    ("typed", "field", "french", "english"),
    [
        (
            {"q": "éthique", "member": "alice"},
            "member",
            ("«\u202fMembre (identifiant)\u202f»", "chiffres"),
            ("“Member (id)”", "digits"),
        ),
        (
            {"since": "2026-11-25", "until": "2026-11-01"},
            "until",
            ("«\u202fJusqu’au\u202f»", "«\u202fDepuis le\u202f»"),
            ("“Until”", "“From”"),
        ),
        (
            {"since": "25/11/2026"},
            "since",
            ("«\u202fDepuis le\u202f»", "AAAA-MM-JJ"),
            ("“From”", "YYYY-MM-DD"),
        ),
    ],
)
async def test_a_mistyped_filter_is_shown_on_its_field_with_the_form_kept(
    room: Room,
    typed: dict[str, str],
    field: str,
    french: tuple[str, str],
    english: tuple[str, str],
) -> None:
    await room.sign_in()
    path = f"/discussions/{room.seeded.home_discussion}/replies?{urlencode(typed)}"
    for language, words in (("fr", french), ("en", english)):
        if language == "en":
            await _english(room)
        page = parse(await room.html(path, status=400))
        assert page.find("html").attrs["lang"] == language
        title = page.find("title").text()
        assert title.startswith("Erreur\u00a0:" if language == "fr" else "Error:"), title
        message = _checked_error(page, field)
        for word in words:
            assert word in message, (language, message)
        for name, value in typed.items():
            assert _control(page, name).attrs["value"] == value  # as she typed it
        assert label_of(page, _control(page, field))  # still named by its label
        assert page.find_all("nav", lambda e: e.attrs.get("aria-label") != "Pages")
        assert not page.find_all("article")  # no replies listed as if filtered


async def test_a_link_altered_outside_the_form_still_gets_the_error_page(room: Room) -> None:
    await room.sign_in()
    path = f"/discussions/{room.seeded.home_discussion}/replies?after=x"
    page = parse(await room.html(path, status=400))
    assert "ce lien est incomplet ou altéré" in page.find("h1").text()
    assert not page.find_all("form", lambda e: e.attrs.get("role") == "search")


async def test_every_field_typed_wrong_is_marked_at_once(room: Room) -> None:
    """Two fields wrong were mended one page at a time: the second said only once the
    first was sent right."""
    await room.sign_in()
    typed = {"member": "alice", "since": "2026-11-25", "until": "2026-11-01", "sort": "new"}
    path = f"/discussions/{room.seeded.home_discussion}/replies?{urlencode(typed)}"
    page = parse(await room.html(path, status=400))
    invalid = page.find_all("*", lambda e: e.attrs.get("aria-invalid") == "true")
    assert [e.attrs["name"] for e in invalid] == ["member", "until"]  # the form's order
    assert ["autofocus" in e.attrs for e in invalid] == [True, False]  # the first
    for control in invalid:
        assert page.by_id(control.attrs["aria-describedby"]).text()
