"""French writes « œ » and « æ » either joined or spelled out: phones join them (« cœur »),
most French keyboards have no « œ » key (« coeur »). The replies' search finds both
spellings whichever is typed, as it finds « é » for « e »."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from db.models import Discussion
from tests.web.conftest import ALICE, BRUNO, CHLOE, Room, _reply, snowflake

TEXTS = {
    "joined": "Ce film m’a brisé le cœur, une œuvre magistrale.",
    "spelled": "Un coeur de pierre, c'est une oeuvre froide.",
    "capital": "ŒUVRE ratée, ex æquo avec la précédente.",
}


@pytest.fixture
async def seeded(room: Room) -> dict[str, int]:
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        rows = {
            key: _reply(d, snowflake(50 + n, 4), author, name, TEXTS[key])
            for n, (key, author, name) in enumerate(
                [("joined", ALICE, "alice"), ("spelled", BRUNO, "bruno"), ("capital", CHLOE, "c")]
            )
        }
        session.add_all(rows.values())
    await room.sign_in()
    return {key: row.id for key, row in rows.items()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("coeur", {"joined", "spelled"}),
        ("cœur", {"joined", "spelled"}),
        ("OEUVRE", {"joined", "spelled", "capital"}),
        ("œuvre", {"joined", "spelled", "capital"}),
        ("une œuvre", {"joined", "spelled"}),
        ('"une oeuvre m"', {"joined"}),
        ("aequo", {"capital"}),
        ("euvre", {"joined", "spelled", "capital"}),  # the end of « œuvre » too
        ("co", {"joined", "spelled"}),  # « cœur » starts with it, as « coeur » does
    ],
)
async def test_a_ligature_is_found_joined_or_spelled_out(
    room: Room, seeded: dict[str, int], query: str, expected: set[str]
) -> None:
    page = await room.html(
        f"/discussions/{room.seeded.home_discussion}/replies?{urlencode({'q': query})}"
    )
    found = {key for key, rid in seeded.items() if f'id="r{rid}"' in page}
    assert found == expected, query
