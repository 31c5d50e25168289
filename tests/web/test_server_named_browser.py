"""A server's name in the room's header never widens a page past a 375 px phone screen,
however long and unbroken (Discord allows 100 characters, emoji included)."""

from __future__ import annotations

from typing import Any

from tests.e2e.browser import IN_BROWSER_LOOP, sign_in
from tests.web.conftest import HOME, Room

NAME = "Cinéphilesdelavilleetdesenvirons" * 3 + "🎬" * 4

pytestmark = IN_BROWSER_LOOP


async def test_a_long_server_name_stays_within_a_phone_screen(
    browser_room: Room, browser: Any
) -> None:
    browser_room.app.guild_names = {HOME: NAME}.get
    link = await browser_room.link()
    base = browser_room.base
    context = await browser.new_context(viewport={"width": 375, "height": 812})
    page = await context.new_page()
    await sign_in(page, base + link)
    for path in ("/discussions", f"/discussions/{browser_room.seeded.other_discussion}"):
        await page.goto(base + path)
        assert await page.locator("header.top .server", has_text=NAME[:20]).count() == 1
        overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
