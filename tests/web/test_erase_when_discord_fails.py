"""Erasing a reply whose traces on Discord cannot be removed right now (Discord times
out, a connection drops): the text is erased and noted for the scheduler, so the page
says it is erased; it said « Une erreur inattendue s’est produite », and the moderator
could only think the erasure had failed."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from db.models import Discussion, ErasedDiscordText, Reply
from tests.web.conftest import BRUNO, Room, _reply, snowflake


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


@pytest.mark.parametrize("failure", [TimeoutError(), OSError("connection reset")])
async def test_the_erasure_stands_and_says_so_when_discord_cannot_be_reached(
    room: Room, failure: Exception, caplog: pytest.LogCaptureFixture
) -> None:
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        form = _reply(d, snowflake(40, 5), BRUNO, "bruno", "Par le formulaire.", via_modal=True)
        session.add(form)

    async def unreachable(posts: list[tuple[int, int]]) -> int:
        raise failure

    room.context.remove_form_posts = unreachable
    await room.sign_in()
    done = await room.client.post(
        f"/discussions/{d.id}/replies/{form.id}/erase",
        data={"csrf": await room.csrf()},
        allow_redirects=False,
    )
    assert done.status == 303, await done.text()
    assert done.headers["Location"] == f"/discussions/{d.id}/replies?erased={form.id}"
    async with room.app.sessions() as session:
        erased = await session.get(Reply, form.id)
        assert erased is not None and erased.deleted and erased.text == ""
        noted = list(await session.scalars(select(ErasedDiscordText.message_id)))
    assert noted == [form.id]  # the scheduler deletes the bot's post at its next tick
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
