"""The review room on a phone (360 × 740, 390 × 844) and a small laptop (1280 × 720), as a
server's admin meets it, with hostile text everywhere staff and members write it: a
question, an option, a member's name and reply, each with a word longer than the screen.
Every page: nothing scrolls sideways, neither the page nor a box inside it (every figure
of a table on screen)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import update

from db.models import Discussion, Guild
from tests.e2e.browser import IN_BROWSER_LOOP, in_browser_loop, sign_in
from tests.web.conftest import ALICE, BRUNO, CHLOE, DAVID, HOME, Room, _reply, snowflake

pytestmark = IN_BROWSER_LOOP

WORD = "Anticonstitutionnellement" * 6
"""One word, 150 letters: wider than a phone's screen at any font size."""
LINK = "https://video.example.org/regarder?v=" + "aBcD1234" * 30
SCREENS = ((360, 740), (390, 844), (1280, 720))


@dataclass
class Hostile:
    room: Room
    pages: dict[str, str]
    browser: Any


@in_browser_loop
async def hostile(browser_room: Room, browser: Any) -> Hostile:
    room = browser_room
    did = room.seeded.home_discussion
    async with room.app.sessions.begin() as session:
        await session.execute(
            update(Discussion)
            .where(Discussion.id == did)
            .values(options=["Oui", "Non", WORD], question_text=f"Faut-il dire {WORD} ?")
        )
        await session.execute(update(Guild).where(Guild.id == HOME).values(name=WORD))
        d = await session.get(Discussion, did)
        assert d is not None
        members = [(ALICE, "alice"), (BRUNO, "bruno"), (CHLOE, "chloé"), (DAVID, "david")]
        session.add_all(
            _reply(d, snowflake(600 + n, 5), who, name + WORD[:26], f"Voyez {LINK} {WORD} !")
            for n, (who, name) in enumerate(members)
        )
    pages = {
        "discussions": "/discussions",
        "discussion": f"/discussions/{did}",
        "replies": f"/discussions/{did}/replies?q=voyez",
        "member": f"/members/{ALICE}",
        "audit": "/audit",
        "search": "/search?q=voyez",
        "settings": "/settings",
        "erase": f"/discussions/{did}/replies/{room.seeded.replies['plain']}/erase",
        "unpublish": f"/discussions/{did}/unpublish",
        "mistyped": f"/discussions/{did}/replies?member=alice&since=2026-12-01&until=2026-11-01",
        "not found": "/discussions/999999",
    }
    return Hostile(room, pages, browser)


async def _admin(hostile: Hostile, width: int, height: int, language: str = "fr") -> Any:
    """A signed-in admin's page on a ``width`` × ``height`` screen, the server in
    ``language``, the discussion's public report published (its address in ``pages``)."""
    room = hostile.room
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language=language))
    room.context.room.forget_server(HOME)
    context = await hostile.browser.new_context(viewport={"width": width, "height": height})
    page = await context.new_page()
    await sign_in(page, room.base + await room.link())
    await page.goto(f"{room.base}{hostile.pages['discussion']}")
    if await page.locator('input[name="action"][value="publish"]').count():
        await page.click('form[action$="/report"] button')
    hostile.pages["report"] = await page.locator('a[href^="/r/"]').first.get_attribute("href")
    return page


SIDEWAYS = """() => {
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const x = getComputedStyle(e).overflowX;
    return ['auto', 'scroll'].includes(x) && e.scrollWidth > e.clientWidth + 1;
  }).map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + '/' + e.clientWidth);
  const off = [...document.querySelectorAll('td, th')].filter(e => {
    const box = e.getBoundingClientRect();
    return box.width && (box.left < 0 || box.right > innerWidth + 1);
  }).map(e => e.tagName + ' ' + e.textContent.trim().slice(0, 20));
  return [document.documentElement.scrollWidth - innerWidth, wide, off];
}"""


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("width", "height"), SCREENS)
async def test_long_words_never_push_a_page_or_a_table_sideways(
    hostile: Hostile, width: int, height: int, language: str
) -> None:
    """A 150-letter option, in the question and an option: the summary's stances table
    (the discussion's page, the public report), the discussions' list and the member's
    page grew as wide as that word, inside their box, which scrolled sideways: on a phone
    the figures of every option (declared, inferred, all) were off the screen, the
    table's first column all one saw. Now such a word breaks, and every cell is on screen."""
    page = await _admin(hostile, width, height, language)
    found = {}
    for name, path in hostile.pages.items():
        await page.goto(hostile.room.base + path)
        overflow, wide, off = await page.evaluate(SIDEWAYS)
        if overflow > 0 or wide or off:
            found[name] = (overflow, wide, off)
    assert found == {}, (width, language)


NAMED_FIGURES = """() => [...document.querySelectorAll('table.stances tbody tr')].map(tr =>
  [...tr.querySelectorAll('td')].filter(td => td.getClientRects().length).map(td => {
    const shown = getComputedStyle(td, '::before').content;
    return shown.startsWith(JSON.stringify(td.dataset.label)) ? td.dataset.label : shown;
  }))"""
"""Each option's figures on screen, by the name drawn before each."""


@pytest.mark.parametrize("width", [360, 390])
async def test_a_phone_sees_every_options_figures(
    browser_room: Room, browser: Any, width: int
) -> None:
    """Options of ordinary long words (« Incontournable »): the summary's stances table was
    wider than a 360 or 390 px screen, the totals' column cut at its edge (in a box that
    scrolled sideways under a finger only). On a phone each option is now a block, its
    figures under it, each named: « Déclarées : 1 », « Total : 1 »."""
    room = browser_room
    did = room.seeded.home_discussion
    options = ["Indispensable", "Inacceptable", "Incontournable"]
    async with room.app.sessions.begin() as session:
        await session.execute(
            update(Discussion).where(Discussion.id == did).values(options=options)
        )
    context = await browser.new_context(viewport={"width": width, "height": 800})
    page = await context.new_page()
    await sign_in(page, room.base + await room.link())
    await page.goto(f"{room.base}/discussions/{did}")
    overflow, wide, off = await page.evaluate(SIDEWAYS)
    assert (overflow, wide, off) == (0, [], [])
    rows = await page.locator("table.stances tbody tr").all_inner_texts()
    assert [row.split("\n")[0] for row in rows] == options, rows
    labels = await page.evaluate(NAMED_FIGURES)
    assert labels == [["Déclarées", "Déduites du texte", "Total"]] * 3
    await context.close()


SMALL_FIELDS = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(e => e.getClientRects().length && !['hidden', 'checkbox', 'radio'].includes(e.type))
  .map(e => [e.name, parseFloat(getComputedStyle(e).fontSize)])"""


@pytest.mark.parametrize(("width", "height"), SCREENS)
async def test_no_field_zooms_the_page_as_it_takes_the_focus(
    hostile: Hostile, width: int, height: int
) -> None:
    """iOS zooms the whole page in when a field whose text is under 16 px takes the focus
    (the admin then pinches back out, on every filter). On a phone the replies' filters and
    the CSV's separator were 15 px, the server-wide search's field 13.6 px everywhere."""
    page = await _admin(hostile, width, height)
    small, measured = {}, 0
    for name, path in hostile.pages.items():
        await page.goto(hostile.room.base + path)
        fields = await page.evaluate(SMALL_FIELDS)
        measured += len(fields)
        small[name] = [(field, size) for field, size in fields if size < 16]
    assert {name: fields for name, fields in small.items() if fields} == {}, width
    assert measured > 20


ALONE = ", ".join(
    [
        "header.top nav a",
        "header.top button",
        "p.crumbs a",
        "main button",
        "main select",
        "main input:not([type=hidden]):not([type=checkbox]):not(.spoiler-toggle)",
        "main label:has(input[type=checkbox])",
        ".actions > a",
        ".pager a",
        "article.reply footer a",
    ]
)
"""The controls a finger presses on their own: not a link inside a sentence."""

SMALL = """selector => [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length)
  .map(e => [e.tagName + ' ' + (e.name || e.textContent.trim().slice(0, 25)), e.getBoundingClientRect()])
  .filter(([, box]) => box.width < 44 || box.height < 44)
  .map(([what, box]) => what + ' ' + Math.round(box.width) + 'x' + Math.round(box.height))"""


@pytest.mark.parametrize(("width", "height"), SCREENS[:2])
async def test_a_finger_finds_each_control_44_px_wide_and_high(
    hostile: Hostile, width: int, height: int
) -> None:
    """On a phone, the menu's links and the sign-out were 23 px high, the fields and the
    buttons 33 to 36, « Annuler » beside « Effacer définitivement » 23, a reply's « Effacer
    le texte » 22, the settings' box 13 and its label 42: each a finger's miss away from its neighbour. Each control standing on its
    own is now 44 × 44 px at least (WCAG 2.5.5); links inside a sentence stay text."""
    page = await _admin(hostile, width, height)
    small, measured = {}, 0
    for name, path in hostile.pages.items():
        await page.goto(hostile.room.base + path)
        measured += await page.locator(ALONE).count()
        small[name] = await page.evaluate(SMALL, ALONE)
    assert {name: found for name, found in small.items() if found} == {}, width
    assert measured > 100


SIGN_OUT_AFTER_MENU = """() => {
  const centre = e => { const b = e.getBoundingClientRect(); return [b.top + b.height / 2, b.left]; };
  const links = [...document.querySelectorAll('header.top nav a')].map(centre);
  const [top, left] = centre(document.querySelector('form[action="/logout"] button'));
  return links.filter(([y, x]) => y > top + 1 || (Math.abs(y - top) <= 1 && x > left)).length;
}"""
"""How many menu links are drawn after the sign-out (a row below it, or right of it on its row)."""


@pytest.mark.parametrize("width", [360, 390, 1280])
async def test_sign_out_comes_after_the_whole_menu(
    browser_room: Room, browser: Any, width: int
) -> None:
    """On a phone the menu wraps on two rows and « Se déconnecter » was drawn between them,
    on the right, halfway down: read after « Recherche » and before « Journal », though the
    keyboard reaches it last. Now it closes the menu, after its last link, on every width."""
    async with browser_room.app.sessions.begin() as session:
        await session.execute(
            update(Guild).where(Guild.id == HOME).values(name="Café des sciences")
        )
    browser_room.context.room.forget_server(HOME)
    context = await browser.new_context(viewport={"width": width, "height": 740})
    page = await context.new_page()
    await sign_in(page, browser_room.base + await browser_room.link())
    await page.goto(f"{browser_room.base}/discussions")
    assert await page.evaluate(SIGN_OUT_AFTER_MENU) == 0
    await context.close()
