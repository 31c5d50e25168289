"""Every page of the review room in Chromium (the confirmations and the public report
too), on a phone (360 px) and a desktop (1280 px), as a keyboard or screen-reader user
meets it: column names kept on a phone, no word cut
inside a table, text contrast (WCAG AA, computed from the style sheet), a skip link,
no console error."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from db.models import Discussion, Guild
from tests.e2e.browser import IN_BROWSER_LOOP, in_browser_loop, sign_in
from tests.web.conftest import (
    ALICE,
    BRUNO,
    CHLOE,
    DAVID,
    HOME,
    Room,
    _reply,
    snowflake,
)

pytestmark = IN_BROWSER_LOOP

WIDTHS = (360, 1280)
REFUSALS = {"mistyped", "not found"}


@dataclass
class Signed:
    room: Room
    base: str
    pages: dict[str, str]
    browser: Any


async def _more_replies(room: Room) -> None:
    """Enough replies for a second page, with emoji."""
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        names = [(ALICE, "alice"), (BRUNO, "bruno"), (CHLOE, "chloé"), (DAVID, "david")]
        session.add_all(
            _reply(d, snowflake(100 + n, 9), *names[n % 4], f"Réponse {n} 😀 " + "mot " * n)
            for n in range(24)
        )


@in_browser_loop
async def signed(browser_room: Room, browser: Any) -> Signed:
    await _more_replies(browser_room)
    base = browser_room.base
    did = browser_room.seeded.home_discussion
    erase = f"/discussions/{did}/replies/{browser_room.seeded.replies['plain']}/erase"
    pages = {
        "discussions": "/discussions",
        "discussion": f"/discussions/{did}",
        "replies": f"/discussions/{did}/replies",
        "member": f"/members/{ALICE}",
        "audit": "/audit",
        "search": "/search?q=r%C3%A9ponse",
        "settings": "/settings",
        "erase": erase,
        "login": await browser_room.link(),  # its page only: opening a link never uses it up
        "unpublish": f"/discussions/{did}/unpublish",
        "mistyped": f"/discussions/{did}/replies?member=alice&since=2026-12-01&until=2026-11-01",
        "not found": "/discussions/999999",
    }
    return Signed(browser_room, base, pages, browser)


async def _signed_page(
    signed: Signed, width: int, errors: list[str] | None = None, scheme: str = "light"
) -> Any:
    """A signed-in page ``width`` px wide, the visitor's system in the ``scheme`` colours."""
    context = await signed.browser.new_context(
        viewport={"width": width, "height": 800}, color_scheme=scheme
    )
    page = await context.new_page()
    if errors is not None:
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
    await sign_in(page, signed.base + await signed.room.link())
    await page.goto(f"{signed.base}/discussions/{signed.room.seeded.home_discussion}")
    if await page.locator('input[name="action"][value="publish"]').count():
        await page.click('form[action$="/report"] button')
    report = await page.locator('a[href^="/r/"]').first.get_attribute("href")
    signed.pages["report"] = report
    return page


PHONE_LABELS = """() => [...document.querySelectorAll('table.stack')].flatMap(table => {
  const heads = [...table.querySelectorAll('thead th')].map(th => [th.textContent.trim(), th.getAttribute('aria-label')]);
  return [...table.querySelectorAll('tbody tr')].flatMap(tr => [...tr.children].map((td, i) => {
    const shown = getComputedStyle(td, '::before').content;
    return [...heads[i], shown];
  }));
})"""


async def test_phone_tables_keep_their_column_names(signed: Signed) -> None:
    page = await _signed_page(signed, 360)
    for name in ("discussions", "member", "audit"):
        await page.goto(signed.base + signed.pages[name])
        assert await page.locator("table.stack thead").is_hidden()
        cells = await page.evaluate(PHONE_LABELS)
        assert cells, name
        for head, spoken, shown in cells:
            said = f'"{head}" ": "' if spoken is None else f'"{spoken}"'
            expected = f'"{head}" / {said}'
            assert shown == expected, (name, head, shown)


async def _cell_names(page: Any, selector: str) -> list[str]:
    """The name Chromium's accessibility tree gives each element ``selector`` finds."""
    cdp = await page.context.new_cdp_session(page)
    try:
        root = (await cdp.send("DOM.getDocument", {"depth": 0}))["root"]["nodeId"]
        found = await cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})
        names = []
        for node in found["nodeIds"]:
            tree = await cdp.send(
                "Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False}
            )
            names.append(tree["nodes"][0].get("name", {}).get("value", ""))
        return names
    finally:
        await cdp.detach()


async def test_phone_cards_say_the_number_columns_name(signed: Signed) -> None:
    """On a phone each row is a card, each figure labelled by its column's name: the
    number's label « # » was read « dièse » there, where the desktop column had been named
    « Numéro ». The card still shows « # » (the test above); Chromium's tree reads
    « Numéro 1 »."""
    page = await _signed_page(signed, 360)
    for name in ("discussions", "member"):
        await page.goto(signed.base + signed.pages[name])
        said = await _cell_names(page, "table.stack tbody td:first-child")
        assert said, name
        assert all(re.fullmatch(r"Numéro \d+", s) for s in said), (name, said)


CUT_WORDS = """() => [...document.querySelectorAll('th, td')].flatMap(cell => {
  const cut = [];
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (tops.size > 1) cut.push(m[0]);
    }
  }
  return cut;
})"""


@pytest.mark.parametrize("width", WIDTHS)
async def test_no_word_is_cut_inside_a_table(signed: Signed, width: int) -> None:
    page = await _signed_page(signed, width)
    for name in ("discussions", "discussion", "member", "audit", "report"):
        await page.goto(signed.base + signed.pages[name])
        assert await page.evaluate(CUT_WORDS) == [], name
        assert await page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0


COLOURS = """
  const rgba = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
"""
"""Colours as the page paints them: their luminance, two colours' contrast ratio (WCAG),
the background an element is drawn on (its own, or the nearest ancestor's)."""

CONTRAST = (
    """() => {"""
    + COLOURS
    + """
  const low = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.data.trim());
    const box = el.getBoundingClientRect();
    if (!own || !box.width || getComputedStyle(el).visibility === 'hidden') continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const r = ratio(rgba(style.color).slice(0, 3), background(el));
    if (r < needed) low.push([el.tagName + '.' + el.className, el.textContent.trim().slice(0, 30), r.toFixed(2)]);
  }
  for (const el of document.querySelectorAll('input:not([type=hidden]), select')) {
    const style = getComputedStyle(el);
    const r = ratio(rgba(style.borderTopColor).slice(0, 3), background(el.parentElement));
    if (r < 3) low.push([el.tagName + '[' + el.name + '] border', '', r.toFixed(2)]);
  }
  for (const el of document.querySelectorAll('button, .button')) {  // a button's shape
    const own = rgba(getComputedStyle(el).backgroundColor);
    if (own.length === 4 && own[3] === 0) continue;  // drawn as a link: its words say it
    const r = ratio(own.slice(0, 3), background(el.parentElement));
    if (r < 3) low.push([el.tagName + ' ' + el.textContent.trim().slice(0, 30) + ' shape', '', r.toFixed(2)]);
  }
  return low;
}"""
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
async def test_text_and_fields_have_enough_contrast(
    signed: Signed, width: int, scheme: str
) -> None:
    """Every page's text on what it is drawn on (4.5:1; 3:1 large), the fields' borders and
    the buttons' shapes (3:1), in the light theme and the dark one (the visitor's system's)."""
    page = await _signed_page(signed, width, scheme=scheme)
    for name in signed.pages:
        await page.goto(signed.base + signed.pages[name])
        assert await page.evaluate(CONTRAST) == [], (name, scheme)


PAINTED = (
    """() => {"""
    + COLOURS
    + """
  const field = document.querySelector('input:not([type=hidden]), select');
  return [document.body, document.querySelector('main p, main td'), field].map(e => e && [
    lum(background(e)), lum(rgba(getComputedStyle(e).color).slice(0, 3)),
  ]);
}"""
)


async def test_a_dark_system_gets_the_dark_theme(signed: Signed) -> None:
    """The room followed no system setting: a visitor whose system is dark met white pages.
    Now the page, its text and its fields are light on dark there, dark on light else."""
    for scheme in ("light", "dark"):
        page = await _signed_page(signed, 1280, scheme=scheme)
        for name in ("discussions", "replies", "report"):
            await page.goto(signed.base + signed.pages[name])
            painted = await page.evaluate(PAINTED)
            for ground, ink in [p for p in painted if p]:
                dark = ground < 0.05 and ink > 0.3  # luminances, 0 black to 1 white
                light = ground > 0.8 and ink < 0.2
                assert dark if scheme == "dark" else light, (name, scheme, ground, ink)
        await page.context.close()


VISITED = """() => {
  const link = document.querySelector('main a[href^="/discussions/"]');
  link.scrollIntoView();
  return link.getAttribute('href');
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
async def test_a_visited_link_looks_as_an_unvisited_one(signed: Signed, scheme: str) -> None:
    """A browser hides a visited link's colour from scripts, so the contrast measured above
    is an unvisited link's: a visited one is drawn the very same, pixel for pixel (the
    browser's own purple, on a dark page, would be unreadable)."""
    page = await _signed_page(signed, 1280, scheme=scheme)
    await page.goto(signed.base + "/discussions")
    href = await page.evaluate(VISITED)
    link = page.locator(f'main a[href="{href}"]').first
    await page.mouse.move(0, 0)
    before = await link.screenshot()
    await page.goto(signed.base + href)
    await page.goto(signed.base + "/discussions")
    await page.mouse.move(0, 0)
    after = await page.locator(f'main a[href="{href}"]').first.screenshot()
    assert after == before


async def test_a_skip_link_leads_past_the_navigation(signed: Signed) -> None:
    page = await _signed_page(signed, 1280)
    for name in ("discussions", "discussion", "replies"):
        await page.goto(signed.base + signed.pages[name])
        await page.keyboard.press("Tab")
        skip = page.locator(":focus")
        assert await skip.get_attribute("href") == "#main", name
        box = await skip.bounding_box()
        assert box is not None and box["y"] >= 0 and box["height"] > 0, name
        await page.keyboard.press("Enter")
        await page.keyboard.press("Tab")
        inside = await page.evaluate("!!document.activeElement.closest('main')")
        assert inside, name


async def test_no_console_error_on_any_page(signed: Signed) -> None:
    for width in WIDTHS:
        errors: list[str] = []
        page = await _signed_page(signed, width, errors)
        for name in signed.pages:
            if name in REFUSALS:  # the browser logs their status (400, 404) as an error
                continue
            await page.goto(signed.base + signed.pages[name])
            await page.wait_for_load_state("load")
        await page.context.close()
        assert errors == [], width


SCROLLERS = """() => [...document.querySelectorAll('body *')].filter(e => {
  const style = getComputedStyle(e);
  return e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(style.overflowX)
    && !(e.tabIndex >= 0 && e.getAttribute('role') === 'region' && e.getAttribute('aria-label'));
}).map(e => e.className + ' ' + e.scrollWidth + '/' + e.clientWidth)"""


@pytest.mark.parametrize("width", (320, 640))
async def test_pages_reflow_without_a_box_the_keyboard_cannot_scroll(
    signed: Signed, width: int
) -> None:
    """A 320 px window, or a 1280 px one zoomed to 400 % (640: 200 %): nothing scrolls
    sideways, neither the page nor a box inside it, unless the box takes the focus and is
    named (a keyboard user scrolls it with the arrows). The stances table scrolled inside
    its box at 320 px, out of the keyboard's reach: its last column unseen."""
    page = await _signed_page(signed, width)
    for name in signed.pages:
        await page.goto(signed.base + signed.pages[name])
        assert await page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
        assert await page.evaluate(SCROLLERS) == [], (name, width)


FOCUSED = (
    """() => {"""
    + COLOURS
    + """
  const e = document.activeElement;
  const shown = e.matches('.spoiler-toggle') ? e.nextElementSibling : e;  // its bar is outlined
  const style = getComputedStyle(shown);
  const what = e.tagName + ' ' + (e.getAttribute('name') || e.textContent.trim().slice(0, 30));
  if (style.outlineStyle === 'none' || !(parseFloat(style.outlineWidth) > 0)) return [what, 0];
  // The ring's contrast with what it is drawn on: what shows left of the control, there.
  const box = shown.getBoundingClientRect();
  const out = Math.max(0, parseFloat(style.outlineOffset)) + parseFloat(style.outlineWidth) / 2;
  const behind = document.elementsFromPoint(Math.max(0, box.left - out), box.top + box.height / 2)
    .find(b => b !== shown && !shown.contains(b));
  return [what, ratio(rgba(style.outlineColor).slice(0, 3), background(behind))];
}"""
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
async def test_every_stop_of_the_tab_key_shows_where_the_focus_is(
    signed: Signed, scheme: str
) -> None:
    """Tab from the top to the end of every page: each control reached draws a focus
    outline, 3:1 on what it is drawn on, in both themes. The date fields of the replies'
    filters drew none (the focus is on their day, inside them); the browser's own ring
    was not measured, and the accent's was 2.8:1 on the menu's dark bar."""
    page = await _signed_page(signed, 1280, scheme=scheme)
    for name in signed.pages:
        await page.goto(signed.base + signed.pages[name])
        unmarked, first = [], None
        for _ in range(300):
            await page.keyboard.press("Tab")
            what, contrast = await page.evaluate(FOCUSED)
            if what.startswith("BODY") or what == first:
                break
            first = first or what
            if contrast < 3:
                unmarked.append((what, round(contrast, 2)))
        assert unmarked == [], (name, scheme)


SMALL_TARGETS = """() => {
  const targets = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary')]
    .map(e => e.matches('.spoiler-toggle') ? e.parentElement : e)
    .filter(e => e.getClientRects().length);
  const boxes = targets.map(e => e.getBoundingClientRect());
  const near = (b, c) => {  // the 24 px circle around b's centre meets box c
    const x = b.left + b.width / 2, y = b.top + b.height / 2;
    const dx = Math.max(c.left - x, 0, x - c.right), dy = Math.max(c.top - y, 0, y - c.bottom);
    return dx * dx + dy * dy < 12 * 12;
  };
  return targets.flatMap((e, i) => {
    const b = boxes[i];
    if (b.width >= 24 && b.height >= 24) return [];
    const crowded = boxes.some((c, j) => j !== i && !targets[j].contains(e) && !e.contains(targets[j]) && near(b, c));
    return crowded ? [e.tagName + ' ' + e.textContent.trim().slice(0, 30)] : [];
  });
}"""


@pytest.mark.parametrize("width", WIDTHS)
async def test_small_targets_have_room_around_them(signed: Signed, width: int) -> None:
    """WCAG 2.2's target size (2.5.8): a control under 24 × 24 px has no other within
    the 24 px around its centre, so a shaking hand does not press its neighbour."""
    page = await _signed_page(signed, width)
    crowded = {}
    for name in signed.pages:
        await page.goto(signed.base + signed.pages[name])
        crowded[name] = await page.evaluate(SMALL_TARGETS)
    assert {name: found for name, found in crowded.items() if found} == {}, width


ARROWS = set("←→↑↓↔↕↖↗↘↙⇐⇒⇑⇓⇔➔➜➝➞▶◀►◄›‹")
"""Signs a screen reader reads aloud as arrows (« flèche droite »), or a breadcrumb's
« › » as a quotation mark; French quotation marks « » are words' marks, not arrows."""


async def _spoken(page: Any) -> list[tuple[str, str]]:
    """Chromium's own accessibility tree of the page: each node a screen reader meets (its
    role and its computed name), the nodes hidden from it left out."""
    cdp = await page.context.new_cdp_session(page)
    try:
        tree = await cdp.send("Accessibility.getFullAXTree")
    finally:
        await cdp.detach()
    return [
        (node.get("role", {}).get("value", ""), node.get("name", {}).get("value", ""))
        for node in tree["nodes"]
        if not node.get("ignored")
    ]


async def test_screen_readers_meet_no_arrow(signed: Signed) -> None:
    """« Suivantes → », « Ouvrir dans Discord ↗ », « Discussions › Discussion n° 1 »: the
    arrows were in the catalogs' words, so a screen reader read « Suivantes flèche
    droite » in every pager's link. They are drawn for the eye only: no name or text of
    the accessibility tree holds one, and the links still show them."""
    page = await _signed_page(signed, 1280)
    spoken = {}
    for name in signed.pages:
        await page.goto(signed.base + signed.pages[name])
        spoken[name] = [(role, said) for role, said in await _spoken(page) if ARROWS & set(said)]
    assert {name: found for name, found in spoken.items() if found} == {}
    await page.goto(signed.base + signed.pages["replies"])
    shown = await page.locator("nav.pager a").first.inner_text()
    assert shown == "Suivantes\u00a0→"
    links = await page.get_by_role("link", name="Suivantes", exact=True).count()
    assert links == 2  # named by its words alone: speech input finds it by what it shows
    shown = await page.locator("article.reply footer a[rel]").first.inner_text()
    assert shown.startswith("Ouvrir dans Discord\u00a0↗"), shown


DATES = """patterns => {
  const pattern = patterns[document.documentElement.lang];
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(new RegExp(pattern, 'g'))) {
      const time = node.parentElement.closest('time');
      found.push([m[0], time && time.textContent, time && time.getAttribute('datetime')]);
    }
  }
  const times = [...document.querySelectorAll('time')].map(t => [t.textContent, t.getAttribute('datetime')]);
  return [document.documentElement.lang, found, times];
}"""
SHOWN = {
    "fr": (r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", "%d/%m/%Y %H:%M"),
    "en": (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "%Y-%m-%d %H:%M"),
}
GLOBAL_DATE_AND_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})"
)
"""HTML's "valid global date and time string": an instant, its offset given."""


@pytest.mark.parametrize("language", ["fr", "en"])
async def test_every_date_shown_is_a_time_machines_read(signed: Signed, language: str) -> None:
    """Each date a page shows, in a table or inside a sentence (« Ouverte le …, clôture
    le … », « modifiée le … », a deleted reply's, a revision's, a link's hidden words), is
    a <time> whose ``datetime`` is the same moment in the reader's time zone, as the page
    writes it. Only the tables' and the replies' headers had one; the sentences' dates
    were plain text."""
    async with signed.room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language=language))
    signed.room.context.room.forget_server(HOME)
    page = await _signed_page(signed, 1280)
    zone = ZoneInfo("Europe/Paris")
    missing, wrong, counted = {}, {}, 0
    for name in signed.pages:
        await page.goto(signed.base + signed.pages[name])
        patterns = {lang: shown for lang, (shown, _) in SHOWN.items()}
        lang, found, times = await page.evaluate(DATES, patterns)
        written = SHOWN[lang][1]  # the public report: in its discussion's language
        counted += len(found)
        missing[name] = [shown for shown, in_time, _ in found if in_time != shown]
        wrong[name] = [
            (shown, machine)
            for shown, machine in times
            if not GLOBAL_DATE_AND_TIME.fullmatch(machine or "")
            or datetime.fromisoformat(machine).strftime(written) != shown
            or datetime.fromisoformat(machine).utcoffset()
            != datetime.fromisoformat(machine).astimezone(zone).utcoffset()
        ]
    assert {name: dates for name, dates in missing.items() if dates} == {}
    assert {name: dates for name, dates in wrong.items() if dates} == {}
    assert counted > 50, counted


FIELD_ROLES = {"checkbox", "textbox", "searchbox", "combobox", "Date"}


async def test_each_fields_help_is_what_a_screen_reader_says_with_it(signed: Signed) -> None:
    """The help under a field (the public reports' names setting, the search's syntax)
    and a field's error are its description in Chromium's accessibility tree, read when
    it takes the focus. The setting's help (« Désactivé par défaut : … ») was a paragraph
    a screen reader met only when reading on past the button."""
    page = await _signed_page(signed, 1280)
    expected = {
        "settings": {"Afficher le nom des membres dans les résumés publics": "Désactivé"},
        "search": {"Mots ou «\u202fexpression\u202f» à trouver": "Dans toutes"},
        "mistyped": {"Membre (identifiant)": "Valeur non valide", "Jusqu’au": "Valeur non valide"},
    }
    described = {}
    for name, fields in expected.items():
        await page.goto(signed.base + signed.pages[name])
        cdp = await page.context.new_cdp_session(page)
        tree = await cdp.send("Accessibility.getFullAXTree")
        await cdp.detach()
        said = {
            node.get("name", {}).get("value", ""): node.get("description", {}).get("value", "")
            for node in tree["nodes"]
            if not node.get("ignored")
            and node.get("name", {}).get("value", "") in fields
            and node.get("role", {}).get("value") in FIELD_ROLES
        }
        described[name] = {
            field: said.get(field, "")[: len(start)] for field, start in fields.items()
        }
    assert described == expected


async def test_every_column_is_named_in_words(signed: Signed) -> None:
    """The discussions' and a member's stances' tables show « # » over the discussions'
    numbers: a screen reader named that column « dièse » (« number sign ») in each cell it
    read. Each column header's name in Chromium's tree is words."""
    page = await _signed_page(signed, 1280)
    unnamed, headers = {}, 0
    for name in signed.pages:
        await page.goto(signed.base + signed.pages[name])
        columns = [said for role, said in await _spoken(page) if role == "columnheader"]
        headers += len(columns)
        unnamed[name] = [said for said in columns if not re.search(r"\w", said)]
    assert {name: found for name, found in unnamed.items() if found} == {}
    assert headers > 10


async def test_text_follows_the_readers_font_size(signed: Signed) -> None:
    """A reader who sets her browser's font size to 24 px (low vision, without zooming the
    whole page) gets 24 px text: the style sheet set 16 px whatever she chose. At the
    browser's default size the pages stay as they were (16 px; 15 px on a phone)."""
    for width, default in ((1280, 16), (360, 15)):
        page = await _signed_page(signed, width)
        cdp = await page.context.new_cdp_session(page)
        for standard, expected in ((16, default), (24, default * 24 / 16)):
            await cdp.send("Page.setFontSizes", {"fontSizes": {"standard": standard}})
            for name in ("discussion", "report"):
                await page.goto(signed.base + signed.pages[name])
                size = await page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
                assert size == pytest.approx(expected), (width, standard, name)
        await cdp.detach()
        await page.context.close()


LABELLED = "table.stack tbody [data-label]:not([data-spoken])"


async def test_phone_cards_read_each_label_apart_from_its_value(signed: Signed) -> None:
    """On a phone each card figure is read with its column's name, then a pause: the
    label drawn before it ran into the value, « QuestionQ », « PositionOui »."""
    page = await _signed_page(signed, 360)
    for name in ("discussions", "member"):
        await page.goto(signed.base + signed.pages[name])
        labels = await page.evaluate(
            f"() => [...document.querySelectorAll({LABELLED!r})].map(e => e.dataset.label)"
        )
        said = await _cell_names(page, LABELLED)
        assert labels and len(said) == len(labels), name
        for label, spoken in zip(labels, said, strict=True):
            assert spoken.startswith(f"{label}: "), (name, label, spoken)
