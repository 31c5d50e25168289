"""A login link's token never reaches the log, even when opening it or signing in with it
fails unexpectedly."""

from __future__ import annotations

import logging

import pytest

from bot.services import web_auth
from tests.web.conftest import Room, confirmation


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


@pytest.mark.parametrize("step", ["open", "press"])
@pytest.mark.parametrize("failure", [RuntimeError("boom"), OSError("database down")])
async def test_a_failing_login_logs_no_token(
    room: Room,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    failure: Exception,
    step: str,
) -> None:
    async def fail(*args: object) -> None:
        raise failure

    path = await room.link()
    token = path.removeprefix("/login/")
    page = await (await room.client.get(path)).text()
    monkeypatch.setattr(web_auth, "check_login" if step == "open" else "redeem_login", fail)
    caplog.set_level(logging.DEBUG)
    if step == "open":
        response = await room.client.get(path, allow_redirects=False)
    else:
        response = await room.client.post(
            path, data={"confirm": confirmation(page)}, allow_redirects=False
        )
    assert response.status in (500, 503)
    logged = "\n".join(caplog.text.splitlines() + [r.getMessage() for r in caplog.records])
    assert "/login/" in logged  # the failure is logged …
    assert token not in logged and token[:16] not in logged  # … without the token


@pytest.mark.parametrize(
    "mangled",
    [
        "/login//{token}",  # a slash doubled as the link was pasted
        "/login/{token}/",
        "/LOGIN/{token}",  # a phone capitalising what it was given
        "/Login/{token}",
        "/login/x/{token}",
    ],
)
async def test_a_mangled_link_logs_no_token(
    room: Room, caplog: pytest.LogCaptureFixture, mangled: str
) -> None:
    """The log masked the token of ``/login/<token>`` only: ``/login//<token>`` was written
    ``/login/…/<token>``, ``/LOGIN/<token>`` whole, twice (the refused session, the access
    line), a link still good for whoever reads the log within its ten minutes."""
    token = (await room.link()).removeprefix("/login/")
    caplog.set_level(logging.DEBUG)
    response = await room.client.get(mangled.format(token=token), allow_redirects=False)
    assert response.status in (403, 404)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert " 403 " in logged or " 404 " in logged  # the access line is there …
    assert token[:16] not in logged  # … without the token
