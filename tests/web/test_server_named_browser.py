"""A server's name in the room's header never widens a page past a 375 px phone screen,
however long and unbroken (Discord allows 100 characters, emoji included)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.e2e.browser import IN_BROWSER_LOOP, in_browser_loop, sign_in
from tests.web.conftest import HOME, Room, opened_room

NAME = "Cinéphilesdelavilleetdesenvirons" * 3 + "🎬" * 4

pytestmark = IN_BROWSER_LOOP


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


@in_browser_loop
async def room(database_url: str) -> AsyncIterator[Room]:
    async with opened_room(database_url) as opened:
        yield opened


async def test_a_long_server_name_stays_within_a_phone_screen(room: Room, browser: Any) -> None:
    room.app.guild_names = {HOME: NAME}.get
    link = await room.link()
    base = str(room.client.make_url("/")).rstrip("/")
    context = await browser.new_context(viewport={"width": 375, "height": 812})
    page = await context.new_page()
    await sign_in(page, base + link)
    for path in ("/discussions", f"/discussions/{room.seeded.other_discussion}"):
        await page.goto(base + path)
        assert await page.locator("header.top .server", has_text=NAME[:20]).count() == 1
        overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
