"""What a form did is said in the title of the page it leads to: a screen reader reads
the title first when a page loads, and a notice further down (role=status, present at
load) is not announced. After erasing a reply or saving the settings she heard
« Réponses de la discussion n° 1 », « Réglages », and had to look for whether it worked."""

from __future__ import annotations

import pytest

from tests.web.conftest import Room
from tests.web.html_tree import parse


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def test_an_erasure_and_saved_settings_are_said_in_the_title(room: Room) -> None:
    await room.sign_in()
    d, target = room.seeded.home_discussion, room.seeded.replies["plain"]
    erased = await room.client.post(
        f"/discussions/{d}/replies/{target}/erase", data={"csrf": await room.csrf()}
    )
    page = parse(await erased.text())
    title = page.find("title").text()
    assert title.startswith(f"Le texte de la réponse {target} a été effacé."), title
    assert "Réponses de la discussion" in title
    saved = await room.client.post("/settings", data={"csrf": await room.csrf()})
    title = parse(await saved.text()).find("title").text()
    assert title.startswith("Réglages enregistrés"), title
    plain = parse(await room.html("/settings")).find("title").text()
    assert plain.startswith("Réglages ·"), plain
