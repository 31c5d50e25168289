"""A phrase typed between the quotes a phone or a French keyboard writes (“…”, « … »,
„…“) is searched as a phrase, as between straight quotes: the quote marks were taken as
letters of the words (“une, oeuvre”), and no reply ever matched."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from db.models import Discussion
from tests.web.conftest import ALICE, BRUNO, Room, _reply, snowflake

TEXTS = {
    "in_order": "C'est une œuvre magistrale.",
    "apart": "Une idée, pas une vraie œuvre.",
}


@pytest.fixture
async def seeded(room: Room) -> dict[str, int]:
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        rows = {
            "in_order": _reply(d, snowflake(60, 4), ALICE, "alice", TEXTS["in_order"]),
            "apart": _reply(d, snowflake(61, 4), BRUNO, "bruno", TEXTS["apart"]),
        }
        session.add_all(rows.values())
    await room.sign_in()
    return {key: row.id for key, row in rows.items()}


@pytest.mark.parametrize(
    "query",
    [
        '"une oeuvre"',
        "“une oeuvre”",  # an iPhone's smart quotes
        "« une œuvre »",  # French guillemets, spaced as French writes them
        "«une œuvre»",
        "„une oeuvre“",
        "”une oeuvre”",
    ],
)
async def test_a_phrase_between_typed_quotes_is_a_phrase(
    room: Room, seeded: dict[str, int], query: str
) -> None:
    page = await room.html(
        f"/discussions/{room.seeded.home_discussion}/replies?{urlencode({'q': query})}"
    )
    found = {key for key, rid in seeded.items() if f'id="r{rid}"' in page}
    assert found == {"in_order"}, query
