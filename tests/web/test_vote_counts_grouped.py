"""A reply card's votes are counts as the room writes others: grouped (« 1 234 », "1,234";
the card wrote « 1234 d’accord ») and with the word agreeing with the count (« 2 passent »,
"1 agrees")."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import update

from db.models import Discussion, Guild, Vote
from tests.web.conftest import DAVID, HOME, NOW, Room, _reply, snowflake


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def _card_votes(room: Room, language: str, agree: int, disagree: int, passed: int) -> str:
    d = room.seeded.home_discussion
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language=language))
        discussion = await session.get(Discussion, d)
        assert discussion is not None
        reply = _reply(discussion, snowflake(45, 9), DAVID, "david", "Une réponse très lue.")
        session.add(reply)
        await session.flush()
        values = [1] * agree + [-1] * disagree + [0] * passed
        session.add_all(
            Vote(
                reply_id=reply.id,
                voter_id=700_000_000_000_000_000 + n,
                discussion_id=d,
                guild_id=HOME,
                value=value,
                at=NOW,
            )
            for n, value in enumerate(values)
        )
    room.context.room.forget_server(HOME)
    await room.sign_in()
    page = await room.html(f"/discussions/{d}/replies?q=lue")
    card = page.split("Une réponse très lue.")[1].split("</article>")[0]
    (votes,) = re.findall(r"<span>([^<]*(?:accord|agree)[^<]*)</span>", card)
    return html.unescape(votes)


@pytest.mark.parametrize(
    ("language", "counts", "shown"),
    [
        ("fr", (1234, 1, 2), "1\u202f234 d’accord · 1 pas d’accord · 2 passent"),
        ("fr", (0, 2, 1), "0 d’accord · 2 pas d’accord · 1 passe"),
        ("en", (1234, 1, 2), "1,234 agree · 1 disagrees · 2 pass"),
        ("en", (1, 0, 1), "1 agrees · 0 disagree · 1 passes"),
    ],
)
async def test_vote_counts_are_grouped_and_agree_with_their_words(
    room: Room, language: str, counts: tuple[int, int, int], shown: str
) -> None:
    assert await _card_votes(room, language, *counts) == shown
