"""Every page's headings as a screen reader's heading list shows them: one h1, no level
skipped, and each reply (on the discussion's, the replies', the member's and the erase
pages) starting with a heading, its author's name or its discussion's question, so a
reader moves from one to the next with the heading key. The replies had none: twenty
replies were one block after the h1, read through or tabbed through link by link."""

from __future__ import annotations

import itertools

import pytest

from tests.web.conftest import ALICE, Room
from tests.web.html_tree import Element, parse


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


def _levels(page: Element) -> list[int]:
    return [
        int(e.tag[1]) for e in page.find_all("*", lambda e: e.tag in {f"h{n}" for n in range(1, 7)})
    ]


def _replies_headed(page: Element) -> bool:
    live = page.find_all("article", lambda e: "tombstone" not in e.attrs.get("class", ""))
    return bool(live) and all(
        article.find_all("*", lambda e: e.tag in ("h2", "h3")) for article in live
    )


async def test_one_h1_no_level_skipped_and_a_heading_a_reply(room: Room) -> None:
    await room.sign_in()
    d = room.seeded.home_discussion
    replied = {
        f"/discussions/{d}",
        f"/discussions/{d}/replies",
        f"/members/{ALICE}",
        f"/discussions/{d}/replies/{room.seeded.replies['plain']}/erase",
        "/search?q=doubleurs",
    }
    for path in (
        *sorted(replied),
        "/discussions",
        "/audit",
        "/settings",
        f"/discussions/{d}/unpublish",
    ):
        page = parse(await room.html(path))
        levels = _levels(page)
        assert levels.count(1) == 1 and levels[0] == 1, (path, levels)
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (path, levels)
        if path in replied:
            assert _replies_headed(page), path


async def test_a_members_page_title_names_her(room: Room) -> None:
    """Its title was « Membre 900…001 · Et vous ? »: her name only in the h1, so the
    browser's tabs, its history and a screen reader's announcement of the page gave an
    id of eighteen digits to tell members apart."""
    await room.sign_in()
    page = parse(await room.html(f"/members/{ALICE}"))
    assert page.find("title").text().startswith("alice · Membre 9")
    assert page.find("h1").text().startswith("alice · Membre 9")
