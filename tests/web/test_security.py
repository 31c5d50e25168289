"""CSRF on every POST, Secure cookies behind https, and no secret or token in any log."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from bot.app import App
from bot.clock import ManualClock
from bot.config import Settings
from bot.services import web_auth
from db.migrate import upgrade
from tests.web.conftest import NOW, Room, confirmation, opened_room


@pytest.fixture
async def signed(room: Room) -> Room:
    await room.sign_in()
    return room


def _posts(room: Room) -> list[tuple[str, dict[str, str]]]:
    d, rid = room.seeded.home_discussion, room.seeded.replies["plain"]
    return [
        ("/logout", {}),
        ("/export", {"format": "csv"}),
        (f"/discussions/{d}/replies/{rid}/erase", {}),
        (f"/discussions/{d}/report", {"action": "publish"}),
        ("/settings", {"report_names": "on"}),
    ]


async def test_every_post_needs_the_session_csrf_token(signed: Room) -> None:
    for path, data in _posts(signed):
        for token in (None, "", "x" * 22):
            sent = dict(data) if token is None else {**data, "csrf": token}
            response = await signed.client.post(path, data=sent, allow_redirects=False)
            assert response.status == 403, (path, token)
            assert "formulaire a expiré" in await response.text()
    await signed.html("/discussions")  # still signed in: nothing above took effect
    assert "noms affichés" not in await signed.html("/audit")


async def test_a_token_from_another_session_is_refused(room: Room) -> None:
    await room.sign_in()
    first = await room.csrf()
    room.client.session.cookie_jar.clear()
    await room.sign_in()
    response = await room.client.post(
        "/settings", data={"csrf": first, "report_names": "on"}, allow_redirects=False
    )
    assert response.status == 403


async def test_posts_without_a_session_are_refused(room: Room) -> None:
    for path, data in _posts(room):
        response = await room.client.post(path, data={**data, "csrf": "x"})
        assert response.status == 403
        assert "Connectez-vous" in await response.text()


async def test_cookies_are_secure_behind_https(database_url: str) -> None:
    async with opened_room(database_url, public_url="https://etvous.example.org") as room:
        assert room.context.secure_cookies
        link = await room.link()
        opened = await room.client.get(link, allow_redirects=False)
        assert "Secure" in opened.headers["Set-Cookie"]  # the login page's nonce
        nonce = opened.cookies["etvous_login"].value
        response = await room.client.post(  # a Secure cookie: the client sends none over http
            link,
            data={"confirm": confirmation(await opened.text())},
            headers={"Cookie": f"etvous_login={nonce}"},
            allow_redirects=False,
        )
        assert response.status == 303
        assert "Secure" in response.headers.getall("Set-Cookie")[0]


async def test_no_secret_or_token_in_the_log_at_debug_level(
    sqlite_url: str, production_logging: io.StringIO
) -> None:
    async with opened_room(sqlite_url) as room:  # generates the secret and stores it
        client = room.client
        link = await room.link()
        opened = await client.get(link, allow_redirects=False)
        nonce = opened.cookies["etvous_login"].value
        confirm = confirmation(await opened.text())
        signed = await client.post(link, data={"confirm": confirm}, allow_redirects=False)
        cookie = signed.cookies["etvous_session"].value
        await client.get(link, allow_redirects=False)  # reused: refused and logged
        await client.post(link, data={"confirm": confirm}, allow_redirects=False)
        await client.get(link[:-2] + "zz", allow_redirects=False)  # tampered
        room.clock.advance(timedelta(hours=13))
        await client.get("/discussions")  # stale session
    logged = production_logging.getvalue()
    assert "login link was refused (used)" in logged
    assert "GET /login/… 200" in logged  # the access log masks the path
    assert "POST /login/… 303" in logged
    secrets = (room.context.secret.decode(), link.removeprefix("/login/"), cookie, nonce, confirm)
    for secret in secrets:
        assert secret not in logged
        assert secret[:16] not in logged


async def test_the_secret_is_generated_once_and_kept(sqlite_url: str) -> None:
    app = App.build(Settings(database_url=sqlite_url), clock=ManualClock(NOW))
    await upgrade(app.engine)
    first = await web_auth.web_secret(app)
    assert len(first) >= 48 and first == await web_auth.web_secret(app)
    await app.close()
    again = App.build(Settings(database_url=sqlite_url), clock=ManualClock(NOW))
    assert await web_auth.web_secret(again) == first  # survives a restart: links still work
    await again.close()
    chosen = "c" * 40
    configured = App.build(Settings(database_url=sqlite_url, web_secret=chosen))
    assert await web_auth.web_secret(configured) == chosen.encode()
    await configured.close()
