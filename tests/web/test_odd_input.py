"""Odd input an admin (or a mistyped link) can send: every page answers with a clear
page in the server's language, never the 500 of an unexpected error."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest

from tests.web.conftest import Room


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
