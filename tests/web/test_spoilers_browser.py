"""A member's spoiler on the staff's replies page, in Chromium: hidden (to the eye and to
screen readers) until clicked or toggled from the keyboard, readable then, and hidden
again on a second click."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.browser import IN_BROWSER_LOOP, sign_in
from tests.web.conftest import Room
from tests.web.test_pages_browser import COLOURS, CONTRAST
from tests.web.test_spoilers import HIDDEN_LABEL, _spoiled

pytestmark = IN_BROWSER_LOOP


@pytest.mark.parametrize("scheme", ["light", "dark"])
async def test_a_spoiler_is_hidden_until_clicked_or_toggled_by_keyboard(
    browser_room: Room, browser: Any, scheme: str
) -> None:
    discussion = await _spoiled(browser_room)
    base = browser_room.base
    page = await browser.new_page(viewport={"width": 360, "height": 800}, color_scheme=scheme)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    await sign_in(page, base + await browser_room.link())
    await page.goto(f"{base}/discussions/{discussion}/replies")
    words = page.locator(".spoiler-words", has_text="était sa luge")
    await words.wait_for(state="attached")
    assert not await words.is_visible()
    toggle = page.get_by_role("checkbox", name=HIDDEN_LABEL).nth(1)  # the question's first
    assert not await toggle.is_checked()
    reply = page.locator("article.reply", has_text="La fin ?")
    assert "était sa luge" not in await reply.inner_text()  # what a reader copies or hears
    assert await page.evaluate(CONTRAST) == []
    bar = page.locator(".spoiler-text", has_text="était sa luge")
    shape = "e => {" + COLOURS + "return ratio(background(e), background(e.closest('article')));}"
    assert await bar.evaluate(shape) >= 3  # the bar to click, on its card

    await words.locator("xpath=ancestor::label").click()
    assert await words.is_visible() and await toggle.is_checked()
    assert "était sa luge" in await reply.inner_text()
    assert await page.evaluate(CONTRAST) == []
    await words.locator("xpath=ancestor::label").click()
    assert not await words.is_visible()

    await toggle.focus()
    await page.keyboard.press("Space")
    assert await words.is_visible()
    box = await words.bounding_box()
    assert box is not None and box["width"] > 0 and box["x"] >= 0
    await page.keyboard.press("Space")
    assert not await words.is_visible()
    bob = page.locator(".spoiler-words", has_text="Bob")
    assert not await bob.is_visible()  # each spoiler on its own
    assert errors == []


async def test_a_hidden_spoiler_still_shows_its_place_in_forced_colours(
    browser_room: Room, browser: Any
) -> None:
    """Windows' contrast themes (forced colours) paint every background alike: the dark bar
    of a hidden spoiler was gone, a gap in the sentence with nothing to click. It keeps a
    border in the theme's text colour, hidden or shown."""
    discussion = await _spoiled(browser_room)
    base = browser_room.base
    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    await page.emulate_media(forced_colors="active")
    await sign_in(page, base + await browser_room.link())
    await page.goto(f"{base}/discussions/{discussion}/replies")
    bar = page.locator(".spoiler-text", has_text="était sa luge")
    border = "e => [getComputedStyle(e).borderTopStyle, getComputedStyle(e).borderTopWidth]"
    for _ in range(2):
        style, width = await bar.evaluate(border)
        assert style != "none" and float(width.removesuffix("px")) >= 1
        await bar.locator("xpath=ancestor::label").click()
