"""The review room end to end with the keyboard alone and JavaScript off, on a phone:
sign in with a link (its page's button), open a discussion, export (a CSV with commas, then
one for an Excel in French), search with Enter, page on, erase a
reply (after cancelling once), sign out; then an expired link."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from db.models import Reply
from tests.e2e.browser import IN_BROWSER_LOOP
from tests.web.conftest import ALICE, Room
from tests.web.test_pages_browser import _more_replies

TABS = 200


pytestmark = IN_BROWSER_LOOP


async def _tab_to(page: Any, selector: str) -> None:
    """Tab until ``selector`` has the focus (it must be reachable, and visibly focused)."""
    for _ in range(TABS):
        await page.keyboard.press("Tab")
        if await page.evaluate("s => document.activeElement.matches(s)", selector):
            outline = await page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", selector
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


async def test_the_room_by_keyboard_without_javascript(browser_room: Room, browser: Any) -> None:
    await _more_replies(browser_room)
    base = browser_room.base
    did = browser_room.seeded.home_discussion
    target = browser_room.seeded.replies["plain"]
    context = await browser.new_context(
        viewport={"width": 360, "height": 800}, java_script_enabled=False, accept_downloads=True
    )
    page = await context.new_page()
    await page.goto(base + await browser_room.link())
    await _tab_to(page, "main form button")  # the login page's "Se connecter"
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/discussions")

    await _tab_to(page, f'a[href="/discussions/{did}"]')
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/discussions/{did}")
    charts = page.locator("#summary .charts img")
    for n in range(await charts.count()):
        assert await charts.nth(n).evaluate("i => i.complete && i.naturalWidth") > 100

    await _tab_to(page, 'form[action="/export"] button')
    async with page.expect_download() as downloading:
        await page.keyboard.press("Enter")
    download = await downloading.value
    assert download.suggested_filename.endswith(f"-{did}.csv")
    # the CSV for an Excel in French: its separator chosen with the arrow keys, beside it
    await page.keyboard.press("Shift+Tab")
    chosen = (
        "document.activeElement.matches('select[name=\"dialect\"]') && document.activeElement.value"
    )
    assert await page.evaluate(chosen) == "rfc4180"
    await page.keyboard.press("ArrowDown")
    assert await page.evaluate(chosen) == "excel"
    assert await page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    await page.keyboard.press("Tab")
    async with page.expect_download() as downloading:
        await page.keyboard.press("Enter")
    download = await downloading.value
    assert download.suggested_filename.endswith(f"-{did}-excel.csv")
    saved = await download.path()
    assert saved is not None and saved.read_bytes().startswith(b"\xef\xbb\xbfdiscussion_id;")

    await page.goto(f"{base}/discussions/{did}/replies")
    await _tab_to(page, 'input[name="q"]')
    await page.keyboard.type("mot")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/replies?q=mot&*")
    first = await page.locator("article.reply").evaluate_all("a => a.map(e => e.id)")
    await _tab_to(page, ".pager a")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**after=*")
    second = await page.locator("article.reply").evaluate_all("a => a.map(e => e.id)")
    assert len(first) == 20 and second and not set(first) & set(second)
    assert "q=mot" in page.url

    erase = f'a[href="/discussions/{did}/replies/{target}/erase?q=doubleurs"]'
    await page.goto(f"{base}/discussions/{did}/replies?q=doubleurs")
    await _tab_to(page, erase)
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/erase?q=doubleurs")
    await _tab_to(page, "main .actions a")  # cancel
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/discussions/{did}/replies?*#r{target}")
    assert await page.locator(f"#r{target}").count() == 1  # back at the reply
    async with browser_room.app.sessions.begin() as session:
        kept = await session.get(Reply, target)
        assert kept is not None and not kept.deleted

    await page.goto(f"{base}/discussions/{did}/replies?q=doubleurs")
    await _tab_to(page, erase)
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/erase?q=doubleurs")
    await _tab_to(page, "button.danger")
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/replies?q=doubleurs&erased={target}")  # her search
    assert await page.locator('[role="status"]').count() == 1
    async with browser_room.app.sessions.begin() as session:
        gone = await session.get(Reply, target)
        assert gone is not None and gone.deleted and gone.text == ""

    await _tab_to(page, "header.top button")
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/logout")
    assert await page.locator("h1").count() == 1
    denied = await page.goto(f"{base}/discussions")
    assert denied is not None and denied.status == 403

    late = await browser_room.link()
    browser_room.clock.advance(timedelta(minutes=11))
    expired = await page.goto(base + late)
    assert expired is not None and expired.status == 403
    assert await page.locator("h1").count() == 1
    await context.close()


async def test_publishing_the_settings_and_a_filter_by_keyboard(
    browser_room: Room, browser: Any
) -> None:
    """The room's other actions with the keyboard alone and no script: publish the
    summary, take it down (cancelling once), tick a setting with Space and save it, open a
    reply's history with Enter, filter the replies by a member typed wrong then right."""
    base = browser_room.base
    did = browser_room.seeded.home_discussion
    context = await browser.new_context(
        viewport={"width": 1280, "height": 800}, java_script_enabled=False
    )
    page = await context.new_page()
    await page.goto(base + await browser_room.link())
    await _tab_to(page, "main form button")
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/discussions")

    await page.goto(f"{base}/discussions/{did}")
    await _tab_to(page, 'form[action$="/report"] button')
    async with page.expect_navigation():
        await page.keyboard.press("Enter")
    await _tab_to(page, f'a[href="/discussions/{did}/unpublish"]')
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/unpublish")
    await _tab_to(page, "main .actions a")  # cancel
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/discussions/{did}")
    await _tab_to(page, f'a[href="/discussions/{did}/unpublish"]')
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/unpublish")
    await _tab_to(page, "button.danger")
    async with page.expect_navigation():
        await page.keyboard.press("Enter")
    assert await page.locator('a[href^="/r/"]').count() == 0

    await _tab_to(page, "details.history summary")
    await page.keyboard.press("Enter")
    assert await page.locator("details.history").first.evaluate("d => d.open")

    await page.goto(f"{base}/settings")
    await _tab_to(page, 'input[name="report_names"]')
    before = await page.locator('input[name="report_names"]').is_checked()
    await page.keyboard.press("Space")
    await _tab_to(page, "main form button")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/settings?saved=1")
    assert await page.locator('[role="status"]').count() == 1
    assert await page.locator('input[name="report_names"]').is_checked() != before

    await page.goto(f"{base}/discussions/{did}/replies")
    await _tab_to(page, 'input[name="member"]')
    await page.keyboard.type("alice")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**member=alice*")
    focused = await page.evaluate("document.activeElement.name")
    assert focused == "member"  # on the field to mend, its message read with it
    await page.keyboard.press("Control+A")
    await page.keyboard.type(str(ALICE))
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**member={ALICE}*")
    assert await page.locator("article.reply").count() >= 1
    assert await page.locator('[aria-invalid="true"]').count() == 0
    await context.close()
