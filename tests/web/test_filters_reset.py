"""The replies' filters are reset by a link that says so: « Tout effacer » sat on a page
where « Effacer » erases a reply's text for good, and read as erasing every reply."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import Room


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


@pytest.mark.parametrize(
    ("language", "label", "erase"),
    [("fr", "Réinitialiser les filtres", "Effacer"), ("en", "Clear the filters", "Erase")],
)
async def test_the_filters_reset_link_names_the_filters(
    room: Room, language: str, label: str, erase: str
) -> None:
    if language == "en":
        from sqlalchemy import update

        from db.models import Guild
        from tests.web.conftest import HOME

        async with room.app.sessions.begin() as session:
            await session.execute(update(Guild).where(Guild.id == HOME).values(language="en"))
    await room.sign_in()
    d = room.seeded.home_discussion
    page = await room.html(f"/discussions/{d}/replies?q=doubleurs")
    [reset] = re.findall(rf'<a href="/discussions/{d}/replies">([^<]*)</a>', page)
    assert reset == label
    assert not reset.startswith(erase) and "all" not in reset.lower()
