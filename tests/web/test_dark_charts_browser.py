"""The summary's charts in Chromium, in the visitor's system's theme: a dark system gets
the dark charts (they were white rectangles on the dark page), a light one the light
charts; on the staff's discussion page and on the public report alike. And the stances
table's bars fill their column."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.e2e.browser import IN_BROWSER_LOOP, sign_in
from tests.web.conftest import Room

pytestmark = IN_BROWSER_LOOP


CHARTS = """() => [...document.querySelectorAll('.charts img')].map(img => {
  // the picture the browser chose, drawn on a canvas: its corner (the chart's background)
  // and its mean, as WCAG luminances (0 black, 1 white)
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(img, 0, 0);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const lum = (r, g, b) => [r, g, b].map(c => {
    c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  let total = 0;
  for (let i = 0; i < pixels.length; i += 4) total += lum(pixels[i], pixels[i + 1], pixels[i + 2]);
  return {
    src: new URL(img.currentSrc).pathname, complete: img.complete && img.naturalWidth > 100,
    corner: lum(pixels[0], pixels[1], pixels[2]), mean: total / (pixels.length / 4),
  };
})"""


async def _pages(room: Room, browser: Any) -> dict[str, str]:
    """The discussion's page and its public report (published here)."""
    base = room.base
    page = await (await browser.new_context()).new_page()
    await sign_in(page, base + await room.link())
    discussion = f"{base}/discussions/{room.seeded.home_discussion}"
    await page.goto(discussion)
    if await page.locator('input[name="action"][value="publish"]').count():
        await page.click('form[action$="/report"] button')
        await page.wait_for_load_state()
    report = await page.locator('a[href^="/r/"]').first.get_attribute("href")
    await page.context.close()
    return {"discussion": discussion, "report": base + report}


async def _in_each_scheme(room: Room, browser: Any) -> AsyncIterator[tuple[str, Any]]:
    """A signed-in page of a dark system's browser, then of a light one's."""
    for scheme in ("dark", "light"):
        context = await browser.new_context(
            viewport={"width": 1280, "height": 800}, color_scheme=scheme
        )
        page = await context.new_page()
        await sign_in(page, room.base + await room.link())
        yield scheme, page
        await context.close()


async def test_the_charts_follow_the_systems_theme(browser_room: Room, browser: Any) -> None:
    urls = await _pages(browser_room, browser)
    async for scheme, page in _in_each_scheme(browser_room, browser):
        for name, url in urls.items():
            await page.goto(url)  # its load event: the charts are drawn
            charts = await page.evaluate(CHARTS)
            assert charts, (name, "the summary shows a chart")
            for chart in charts:
                assert chart["complete"], (name, chart)
                if scheme == "dark":
                    assert chart["src"].endswith("-dark.png"), (name, chart)
                    assert chart["corner"] < 0.05 and chart["mean"] < 0.15, (name, chart)
                else:
                    assert not chart["src"].endswith("-dark.png"), (name, chart)
                    assert chart["corner"] > 0.9 and chart["mean"] > 0.6, (name, chart)


SEEN_LINKS = """() => [...document.querySelectorAll('.charts a')]
  .filter(a => a.offsetParent !== null)
  .map(a => ({href: new URL(a.href).pathname,
              src: new URL(a.querySelector('img').currentSrc).pathname}))"""


async def test_a_charts_full_size_link_opens_the_image_the_reader_sees(
    browser_room: Room, browser: Any
) -> None:
    """Dark or light, the chart's link shown (one per chart) opens the PNG its picture shows
    (it always opened the light one); the page asks for no chart of the other theme (a
    dark chart is drawn only when asked for), nor twice for one."""
    urls = await _pages(browser_room, browser)
    async for scheme, page in _in_each_scheme(browser_room, browser):
        asked: list[str] = []

        def seen(request: Any, asked: list[str] = asked) -> None:
            if "/charts/" in request.url:
                asked.append(request.url)

        page.on("request", seen)
        for name, url in urls.items():
            asked.clear()
            await page.goto(url)
            links = await page.evaluate(SEEN_LINKS)
            assert links and len({link["href"] for link in links}) == len(links), links
            for link in links:
                assert link["href"] == link["src"], (name, scheme, link)
                assert link["href"].endswith("-dark.png") == (scheme == "dark"), link
            paths = sorted(u.split("/charts/")[1] for u in asked)
            assert paths == sorted(link["href"].split("/charts/")[1] for link in links), (
                name,
                scheme,
                paths,
            )


BAR_CELLS = """() => [...document.querySelectorAll('table.stances td.bar')].map(td => {
  const table = td.closest('table').getBoundingClientRect();
  const cell = td.getBoundingClientRect(), row = td.parentElement.getBoundingClientRect();
  return {display: getComputedStyle(td).display, right: row.right - cell.right,
          share: td.querySelector('svg').getBoundingClientRect().width / table.width};
})"""


async def test_the_stance_bars_fill_their_column(browser_room: Room, browser: Any) -> None:
    """The style sheet's ``.bar`` (a grid, for a list of bars) caught the table's bar
    cells: each was a grid, not a cell, its bar at most 14rem and its row's rule cut short."""
    urls = await _pages(browser_room, browser)
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    await sign_in(page, browser_room.base + await browser_room.link())
    for name, url in urls.items():
        await page.goto(url)
        cells = await page.evaluate(BAR_CELLS)
        assert cells, name
        for cell in cells:
            assert cell["display"] == "table-cell", (name, cell)
            assert cell["right"] < 1 and cell["share"] > 0.25, (name, cell)
    await context.close()


LINK_STOPS = """() => [...document.querySelectorAll('.charts a')]
  .filter(a => a.getClientRects().length > 0)
  .map(a => new URL(a.href).pathname)"""


async def _chart_links_in_tree(page: Any) -> list[str]:
    """The chart links a screen reader finds: the accessibility tree's links to a chart."""
    session = await page.context.new_cdp_session(page)
    tree = await session.send("Accessibility.getFullAXTree")
    links = []
    for node in tree["nodes"]:
        if node.get("ignored") or node.get("role", {}).get("value") != "link":
            continue
        url = next(
            (p["value"]["value"] for p in node.get("properties", []) if p["name"] == "url"), ""
        )
        if "/charts/" in url:
            links.append(url.split("/charts/")[1])
    await session.detach()
    return links


@pytest.mark.parametrize("reader", ["no style sheet", "forced colors", "print"])
async def test_one_link_per_chart_however_the_page_is_read(
    browser_room: Room, browser: Any, reader: str
) -> None:
    """A reader without the style sheet (turned off, or not loaded), in forced colors
    (Windows' high contrast), or printing, dark or light: one link per chart is shown, one
    tab stop per chart, one link per chart for a screen reader, opening the image shown.
    Without the style sheet both links showed (the same chart twice, the second one tab
    stop more and a link more, both named alike)."""
    urls = await _pages(browser_room, browser)
    for scheme in ("light", "dark"):
        context = await browser.new_context(
            viewport={"width": 1280, "height": 800},
            color_scheme=scheme,
            forced_colors="active" if reader == "forced colors" else "none",
        )
        page = await context.new_page()
        if reader == "no style sheet":
            await page.route("**/*.css", lambda route: route.abort())
        await sign_in(page, browser_room.base + await browser_room.link())
        if reader == "print":
            await page.emulate_media(media="print")
        for name, url in urls.items():
            await page.goto(url)
            shown = await page.evaluate(LINK_STOPS)
            charts = await page.locator(".charts picture").count() // 2
            assert charts and len(shown) == charts, (name, scheme, reader, shown)
            dark = scheme == "dark" and reader != "no style sheet" and reader != "print"
            assert all(href.endswith("-dark.png") == dark for href in shown), shown
            assert len(await _chart_links_in_tree(page)) == charts, (name, scheme, reader)
            stops = []
            await page.locator("body").focus()
            for _ in range(200):
                await page.keyboard.press("Tab")
                focused = await page.evaluate(
                    "() => document.activeElement.closest('.charts a')?.pathname ?? null"
                )
                if focused:
                    stops.append(focused)
                elif stops:
                    break
            assert len(stops) == charts, (name, scheme, reader, stops)
        await context.close()
