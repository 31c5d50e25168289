"""The summary's table writes its counts as the headline above it does: « 1 235 » in
French, "1,235" in English (it wrote "1235" under « 1 238 participants »)."""

from __future__ import annotations

import re

import pytest

from db.models import Stance
from tests.web.conftest import HOME, NOW, Room


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def test_the_stance_table_groups_its_digits(room: Room) -> None:
    d = room.seeded.home_discussion
    async with room.app.sessions.begin() as session:
        session.add_all(
            Stance(
                discussion_id=d,
                user_id=800_000_000_000_000_000 + n,
                guild_id=HOME,
                option=0,
                at=NOW,
            )
            for n in range(1234)
        )
    await room.sign_in()
    page = await room.html(f"/discussions/{d}")
    summary = page.split('id="summary"')[1].split("</table>")[0]
    assert "1\u202f238 participants" in page.split('id="summary"')[1]
    cells = re.findall(r'<td class="num"[^>]*>(?:<strong>)?([^<]*)', summary)
    assert "1\u202f235" in cells, cells
    assert not [c for c in cells if re.fullmatch(r"\d{4,}", c)], cells
