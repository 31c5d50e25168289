"""Very long words (a pasted link, a word held down) never widen a page past a phone's
screen: the replies, the summary's sides, keywords and themes, the public report."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import update

from db.models import Discussion
from tests.e2e.browser import IN_BROWSER_LOOP, sign_in
from tests.web.conftest import ALICE, BRUNO, CHLOE, DAVID, Room, _reply, snowflake

LONG = "https://video.example.org/regarder?v=" + "aBcD1234" * 30
OPTION = "Plutôtouimaisseulementpourleseffetsspéciaux" * 4


pytestmark = IN_BROWSER_LOOP


async def _overflow(page: Any) -> int:
    return int(await page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


async def test_long_words_stay_within_a_phone_screen(browser_room: Room, browser: Any) -> None:
    async with browser_room.app.sessions.begin() as session:
        await session.execute(
            update(Discussion)
            .where(Discussion.id == browser_room.seeded.home_discussion)
            .values(options=["Oui", "Non", OPTION])
        )
        d = await session.get(Discussion, browser_room.seeded.home_discussion)
        assert d is not None
        session.add_all(
            _reply(d, snowflake(600 + n, 5), author, name, f"Regardez {LONG} {LONG} voilà")
            for n, (author, name) in enumerate(
                [(ALICE, "alice"), (BRUNO, "bruno"), (CHLOE, "chloé"), (DAVID, "david")]
            )
        )
    link = await browser_room.link()
    base = browser_room.base
    context = await browser.new_context(viewport={"width": 390, "height": 844})
    page = await context.new_page()
    await sign_in(page, base + link)
    discussion = f"{base}/discussions/{browser_room.seeded.home_discussion}"
    await page.goto(discussion)
    assert await page.locator("#summary").count() == 1
    assert await page.locator(".side h4", has_text=OPTION).count() == 1
    assert await _overflow(page) <= 0, "the discussion page"
    await page.click('form[action$="/report"] button')
    report = await page.locator('a[href^="/r/"]').first.get_attribute("href")
    assert report and re.fullmatch(r"/r/[\w-]+", report)
    await page.goto(f"{discussion}/replies")
    assert await _overflow(page) <= 0, "the replies"
    await page.goto(base + report)
    assert await _overflow(page) <= 0, "the public report"
    await context.close()
