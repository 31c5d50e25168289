"""The web room of a server that speaks English: its figures are written the English way."""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import urlencode

import pytest
from sqlalchemy import select, update

from db.models import Discussion, Guild, Reply, ReplyRevision
from tests.e2e.test_english_server import reads_french
from tests.web.conftest import DAVID, HOME, Room, _reply, snowflake
from tests.web.html_tree import parse
from tests.web.test_pages import reply_ids


@pytest.fixture
async def english(room: Room) -> Room:
    await room.sign_in()
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language="en"))
        await session.execute(
            update(Discussion)
            .where(Discussion.id == room.seeded.home_discussion)
            .values(
                language="en",
                question_text="Will AI replace screenwriters?",
                options=["Yes", "No", "Nuanced"],
            )
        )
    room.context.room.forget_server(HOME)
    return room


async def test_shares_of_members_are_english_percentages(english: Room) -> None:
    """ "100 %" (a French space before the sign) read on an English server's pages."""
    listing = await english.html("/discussions")
    row = listing.split(f'href="/discussions/{english.seeded.home_discussion}"')[1]
    cells = re.findall(r'<td class="num"[^>]*>([^<]*)</td>', row.split("</tr>")[0])
    assert cells[2] == "100%", cells
    page = await english.html(f"/discussions/{english.seeded.home_discussion}")
    assert "100% of members" in page
    assert not re.search(r"\d[ \u00a0\u202f]%", listing + page)


async def test_a_search_with_a_straight_apostrophe_finds_curly_ones(english: Room) -> None:
    """Phones write "don’t" (U+2019); a moderator types "don't" in the search box. The
    French "l'IA" and "l’IA" alike."""
    d = english.seeded.home_discussion
    async with english.app.sessions.begin() as session:
        discussion = await session.get(Discussion, d)
        assert discussion is not None
        session.add_all(
            [
                _reply(discussion, snowflake(40, 8), DAVID, "david", "I don’t trust it."),
                _reply(discussion, snowflake(41, 8), DAVID, "david", "L’IA n’écrit rien."),
            ]
        )
    for typed, expected in (("don't", "I don’t trust it."), ("l'ia", "L’IA n’écrit rien.")):
        page = await english.html(f"/discussions/{d}/replies?{urlencode({'q': typed})}")
        assert expected in html.unescape(page), typed
        assert len(reply_ids(page)) == 1, typed


READ_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "content")


def _english_words(page: str) -> list[str]:
    """What a reader of an English page is given (text, names, alternatives), leaving out
    what the page marks as written in French (a member's words, the bot's name)."""
    found = []
    for element in parse(page).walk():
        marked = [e.attrs["lang"] for e in (element, *element.ancestors()) if "lang" in e.attrs]
        if marked[:1] != ["en"] or element.tag in ("style", "script"):
            continue
        found += [c for c in element.children if isinstance(c, str) and c.strip()]
        found += [element.attrs[a] for a in READ_ATTRIBUTES if element.attrs.get(a)]
    return found


async def test_an_english_room_reads_no_french_on_any_page(english: Room) -> None:
    """Every page an English server's moderator opens (and the public report, and the
    pages refused to a visitor whose browser reads English) holds no French outside
    what it marks ``lang="fr"``. The members' replies are made English first: the seed's
    are French, and a reply the room cannot tell the language of is left unmarked."""
    d = english.seeded.home_discussion
    async with english.app.sessions.begin() as session:
        for n, reply in enumerate(await session.scalars(select(Reply))):
            reply.text = f"My reply number {n}, plain words." if reply.text else reply.text
        for revision in await session.scalars(select(ReplyRevision)):
            revision.text = "An earlier version of my reply."
    english.context.room.forget_server(HOME)
    csrf = await english.csrf()
    rid = english.seeded.replies["plain"]
    await english.client.post(f"/discussions/{d}/report", data={"csrf": csrf, "action": "publish"})
    paths = [
        "/discussions", f"/discussions/{d}", f"/discussions/{d}/replies",
        f"/discussions/{d}/replies?q=zzz", f"/discussions/{d}/replies?since=zz",
        f"/discussions/{d}/replies/{rid}/erase", f"/discussions/{d}/unpublish",
        "/discussions/999999", f"/members/{DAVID}", "/search?q=reply", "/search?q=zzz",
        "/audit", "/settings",
    ]  # fmt: skip
    pages = {path: await (await english.client.get(path)).text() for path in paths}
    [report] = re.findall(r'href="[^"]*(/r/[\w-]+)"', pages[f"/discussions/{d}"])[:1]
    pages[report] = await english.html(report)
    pages["login"] = await english.html(await english.link())
    await english.client.post("/logout", data={"csrf": csrf})
    visitor = {"Accept-Language": "en-GB,en;q=0.9"}
    for path in ("/discussions", "/login/cut", "/r/nope"):
        pages[f"visitor {path}"] = await (await english.client.get(path, headers=visitor)).text()
    names = ("Et vous ?", "chloé")  # the bot's name; a member's
    french = [
        (path, text) for path, page in pages.items() for text in _english_words(page)
        if reads_french(functools.reduce(lambda text, name: text.replace(name, "X"), names, text))
    ]  # fmt: skip
    assert len(pages) == 18 and all('<html lang="en">' in page for page in pages.values())
    assert not french, french
