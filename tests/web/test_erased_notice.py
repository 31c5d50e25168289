"""« Le texte de la réponse X a été effacé. » comes back in the address after an erasure
(``?erased=X``); a link anyone can type said it for any X: a reply never erased, one that
does not exist, or one of another server. The notice now says it only when it is true here."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from db.models import Reply
from tests.web.conftest import Room

NOTICE = "a été effacé"


@pytest.fixture
async def signed(room: Room) -> Room:
    await room.sign_in()
    return room


async def test_a_crafted_link_claims_no_erasure(signed: Room) -> None:
    seeded = signed.seeded
    async with signed.app.sessions.begin() as session:  # erased, but in the other server
        await session.execute(
            update(Reply).where(Reply.id == seeded.other_reply).values(deleted=True, text="")
        )
    d = seeded.home_discussion
    for rid in (seeded.replies["plain"], 123, seeded.other_reply):
        page = await signed.html(f"/discussions/{d}/replies?erased={rid}")
        assert NOTICE not in page, rid
        assert 'role="status"' not in page, rid
        assert "Les doubleurs vont souffrir." in page, rid  # the page itself is shown


async def test_the_notice_names_a_reply_erased_in_this_discussion(signed: Room) -> None:
    d, rid = signed.seeded.home_discussion, signed.seeded.replies["deleted"]
    page = await signed.html(f"/discussions/{d}/replies?erased={rid}")
    assert f"<title>Le texte de la réponse {rid} {NOTICE}." in page
    assert f'<p class="notice" role="status">Le texte de la réponse {rid} {NOTICE}.</p>' in page
