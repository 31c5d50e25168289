"""A member's page as a moderator reads it: her replies lead to where they are, her
counts are written as the language writes them."""

from __future__ import annotations

import html
import re

import pytest

from db.models import Discussion
from tests.web.conftest import ALICE, BRUNO, DAVID, Room, _reply, snowflake
from tests.web.conftest import OTHER as OTHER_SERVER


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


async def _english(room: Room) -> None:
    from sqlalchemy import update

    from db.models import Guild
    from tests.web.conftest import HOME

    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language="en"))
    room.context.room.forget_server(HOME)


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("fr", ("réponse conservée", "position déclarée", "vote")),
        ("en", ("stored reply", "declared stance", "vote")),
    ],
)
async def test_her_counts_of_one_are_in_the_singular(
    room: Room, language: str, labels: tuple[str, str, str]
) -> None:
    """Alice has one reply, one stance and one vote: « 1 réponses conservées » read wrong."""
    if language == "en":
        await _english(room)
    await room.sign_in()
    page = await room.html(f"/members/{ALICE}")
    for label in labels:
        assert re.search(rf'<div class="stat">1</div>{label}</div>', page), (label, page)


async def test_counts_are_written_with_the_languages_digit_grouping(room: Room) -> None:
    """« 1 235 réponses » as the catalogs write counts (a narrow no-break space), on the
    member's page and in the discussions' table; "1,235" in English."""
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        session.add_all(
            _reply(d, snowflake(200 + n // 100, n % 100 + 10), DAVID, "david", f"Encore {n}")
            for n in range(1234)
        )
    await room.sign_in()
    member = await room.html(f"/members/{DAVID}")
    assert '<div class="stat">1\u202f235</div>réponses conservées' in member
    listing = await room.html("/discussions")
    assert ">1\u202f238</td>" in listing  # the discussion's replies, but the opted-out one
    await _english(room)
    assert '<div class="stat">1,235</div>stored replies' in await room.html(f"/members/{DAVID}")
    assert ">1,238</td>" in await room.html("/discussions")


async def test_her_suggested_questions_are_counted_as_mydata_show_counts_them(
    room: Room,
) -> None:
    """The page shows what ``/mydata show`` shows her: her suggested questions too."""
    from db.models import Suggestion
    from tests.web.conftest import HOME, NOW

    async with room.app.sessions.begin() as session:
        session.add_all(
            Suggestion(
                guild_id=guild,
                author_id=ALICE,
                author_name="alice",
                text=f"Question {n} ?",
                options=["Oui", "Non"],
                language="fr",
                created_at=NOW,
            )
            for n, guild in enumerate([HOME, HOME, OTHER_SERVER])
        )
    await room.sign_in()
    page = await room.html(f"/members/{ALICE}")
    assert '<div class="stat">2</div>questions proposées</div>' in page
    nobody = await room.html(f"/members/{BRUNO}")
    assert '<div class="stat">0</div>question proposée</div>' in nobody
