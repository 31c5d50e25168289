"""A server's name in the room's header never widens a page past a 375 px phone screen,
however long and unbroken (Discord allows 100 characters, emoji included)."""

from __future__ import annotations

import pytest

from tests.e2e.browser import chromium, sign_in
from tests.web.conftest import HOME, Room

NAME = "Cinéphilesdelavilleetdesenvirons" * 3 + "🎬" * 4


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def test_a_long_server_name_stays_within_a_phone_screen(room: Room) -> None:
    room.app.guild_names = {HOME: NAME}.get
    link = await room.link()
    base = str(room.client.make_url("/")).rstrip("/")
    async with chromium() as browser:
        context = await browser.new_context(viewport={"width": 375, "height": 812})
        page = await context.new_page()
        await sign_in(page, base + link)
        for path in ("/discussions", f"/discussions/{room.seeded.other_discussion}"):
            await page.goto(base + path)
            assert await page.locator("header.top .server", has_text=NAME[:20]).count() == 1
            overflow = await page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, (path, overflow)
        await context.close()
