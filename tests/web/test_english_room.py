"""The web room of a server that speaks English: its figures are written the English way."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import pytest
from sqlalchemy import update

from db.models import Discussion, Guild
from tests.web.conftest import DAVID, HOME, Room, _reply, snowflake
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
