"""A member's page as a moderator reads it: her replies lead to where they are, her
counts are written as the language writes them."""

from __future__ import annotations

import html
import re

import pytest

from db.models import Discussion
from tests.web.conftest import ALICE, BRUNO, Room, _reply, snowflake


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def test_a_reply_on_her_page_leads_to_that_reply_however_many_came_after(
    room: Room,
) -> None:
    """The discussion's page shows its 20 newest replies: a link to it with the reply's
    anchor left an older reply out of sight, the page opened at its top."""
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        session.add_all(
            _reply(d, snowflake(200 + n, 3), BRUNO, "bruno", f"Réponse plus récente {n}")
            for n in range(25)
        )
    await room.sign_in()
    hers = room.seeded.replies["ethique"]
    page = await room.html(f"/members/{ALICE}")
    found = re.search(rf'<a href="([^"]+#r{hers})"', page)
    assert found is not None, page
    link = html.unescape(found.group(1))
    target = await room.html(link.split("#")[0])
    assert f'id="r{hers}"' in target
    assert "Je pense que l&#39;Éthique compte avant tout." in target
