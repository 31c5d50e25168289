"""Screen readers list a page's navigation landmarks: each is named (the room's menu,
the pages), and none is empty. The pagers of the discussions, a member and the audit log
were unnamed, and every pager was there, empty, on a list that fits one page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from db.models import AuditEntry, Discussion
from tests.web.conftest import ALICE, BRUNO, DAVID, HOME, Room, _reply, snowflake


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


def _navs(page: str) -> list[tuple[str, str]]:
    return re.findall(r"<nav([^>]*)>(.*?)</nav>", page, re.S)


def _assert_landmarks(page: str, path: str) -> int:
    """The page's pagers (its navigation landmarks besides the menu), each checked."""
    navs = _navs(page)
    for attributes, inner in navs:
        assert 'aria-label="' in attributes, (path, attributes)
        assert "<a " in inner, (path, "an empty navigation landmark")
    return len(navs) - 1


async def _replies_over_two_pages(session: Any, discussion_id: int) -> None:
    """25 more replies, by david: the discussion's replies no longer fit one page."""
    discussion = await session.get(Discussion, discussion_id)
    assert discussion is not None
    session.add_all(
        _reply(discussion, snowflake(300 + n, 7), DAVID, "david", f"Message {n}") for n in range(25)
    )


async def test_pagers_are_named_and_only_there_when_there_is_a_next_page(room: Room) -> None:
    await room.sign_in()
    d = room.seeded.home_discussion
    one_page = ["/discussions", f"/members/{ALICE}", "/audit", f"/discussions/{d}/replies"]
    for path in one_page:
        assert _assert_landmarks(await room.html(path), path) == 0, path
    async with room.app.sessions.begin() as session:
        await _replies_over_two_pages(session, d)
        session.add_all(
            AuditEntry(guild_id=HOME, actor_id=BRUNO, action="export", at=room.clock.now())
            for _ in range(55)
        )
    for path in [f"/members/{DAVID}", "/audit", f"/discussions/{d}/replies"]:
        assert _assert_landmarks(await room.html(path), path) >= 1, path


async def test_the_pagers_above_and_below_the_replies_have_different_names(room: Room) -> None:
    """A screen reader's list of landmarks showed « Pages » twice on the replies and the
    discussion's pages: two the same, which goes where?"""
    await room.sign_in()
    d = room.seeded.home_discussion
    async with room.app.sessions.begin() as session:
        await _replies_over_two_pages(session, d)
    for path in (f"/discussions/{d}/replies", f"/discussions/{d}"):
        names = re.findall(r'<nav[^>]*aria-label="([^"]*)"', await room.html(path))
        assert len(names) == 3 and len(set(names)) == 3, (path, names)
