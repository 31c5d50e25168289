"""« Publier le résumé » is offered only when it can work: while the server hides an open
discussion's counts, publishing is refused (as /summary publish refuses), and the button
led to a refusal page; the page says why instead, and offers it once the discussion closes."""

from __future__ import annotations

import pytest

from tests.web.conftest import Room
from tests.web.test_hidden_counts import _close, _hide_counts

PUBLISH = 'name="action" value="publish"'


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def test_publishing_is_offered_only_when_it_can_work(room: Room) -> None:
    await room.sign_in()
    path = f"/discussions/{room.seeded.home_discussion}"
    assert PUBLISH in await room.html(path)
    await _hide_counts(room, True)
    hidden = await room.html(path)
    assert PUBLISH not in hidden
    assert 'id="counts-hidden"' in hidden  # the page says why
    await _close(room)
    assert PUBLISH in await room.html(path)
