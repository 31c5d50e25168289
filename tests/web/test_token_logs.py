"""A login link's token never reaches the log, even when signing in fails unexpectedly."""

from __future__ import annotations

import logging

import pytest

from bot.services import web_auth
from tests.web.conftest import Room


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


@pytest.mark.parametrize("failure", [RuntimeError("boom"), OSError("database down")])
async def test_a_failing_login_logs_no_token(
    room: Room,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    failure: Exception,
) -> None:
    async def fail(*args: object) -> None:
        raise failure

    path = await room.link()
    token = path.removeprefix("/login/")
    monkeypatch.setattr(web_auth, "redeem_login", fail)
    caplog.set_level(logging.DEBUG)
    response = await room.client.get(path, allow_redirects=False)
    assert response.status in (500, 503)
    logged = "\n".join(caplog.text.splitlines() + [r.getMessage() for r in caplog.records])
    assert "/login/" in logged  # the failure is logged …
    assert token not in logged and token[:16] not in logged  # … without the token
