"""Signing in with a link: once, within 10 minutes, bound to one member and one
server; refusals are clear 403 pages, logged without the token."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.services import web_auth
from tests.web.conftest import HOME, MOD, Room


async def test_a_link_opens_a_session_once_and_sets_a_safe_cookie(room: Room) -> None:
    link = await room.link()
    response = await room.client.get(link, allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert "etvous_session=" in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # http://127.0.0.1: no PUBLIC_URL over https
    assert "Max-Age=43200" in cookie
    page = await room.html("/discussions")
    assert "L&#39;IA va-t-elle remplacer les scénaristes ?" in page

    room.client.session.cookie_jar.clear()
    again = await room.client.get(link, allow_redirects=False)
    assert again.status == 403
    assert "déjà servi" in await again.text()


@pytest.mark.parametrize(
    ("mangle", "words"),
    [
        (lambda link: link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB"), "pas valide"),
        (lambda link: link.rsplit(".", 1)[0], "incomplet"),
        (lambda link: "/login/", "introuvable"),
    ],
)
async def test_tampered_links_are_refused(room: Room, mangle, words: str) -> None:
    response = await room.client.get(mangle(await room.link()), allow_redirects=False)
    assert response.status in (403, 404)
    assert words in await response.text()
    assert "etvous_session" not in response.headers.get("Set-Cookie", "")


async def test_an_expired_link_is_refused(room: Room) -> None:
    link = await room.link()
    room.clock.advance(timedelta(minutes=10, seconds=1))
    response = await room.client.get(link, allow_redirects=False)
    assert response.status == 403
    assert "expiré" in await response.text()


async def test_a_link_with_a_changed_expiry_is_refused(room: Room) -> None:
    nonce, expiry, signature = (await room.link()).removeprefix("/login/").split(".")
    forged = f"/login/{nonce}.{int(expiry) + 3600}.{signature}"
    response = await room.client.get(forged, allow_redirects=False)
    assert response.status == 403
    assert "pas valide" in await response.text()


async def test_refusals_are_logged_without_the_token(
    room: Room, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    link = await room.link()
    await room.client.get(link, allow_redirects=False)
    await room.client.get(link, allow_redirects=False)
    token = link.removeprefix("/login/")
    assert "login link was refused (used)" in caplog.text
    assert token not in caplog.text
    assert token.split(".")[0] not in caplog.text
    assert room.context.secret.decode() not in caplog.text


async def test_no_session_and_stale_sessions_get_a_403_page(room: Room) -> None:
    page = await room.html("/discussions", status=403)
    assert "Connectez-vous" in page and "/review" in page
    await room.sign_in()
    room.clock.advance(web_auth.SESSION_TTL + timedelta(seconds=1))
    page = await room.html("/discussions", status=403)
    assert "expiré" in page
    room.client.session.cookie_jar.update_cookies({"etvous_session": "forged-value"})
    assert "expiré" in await room.html("/discussions", status=403)


async def test_sign_out_ends_the_session(room: Room) -> None:
    await room.sign_in()
    csrf = await room.csrf()
    response = await room.client.post("/logout", data={"csrf": csrf})
    assert response.status == 200
    await room.html("/discussions", status=403)


async def test_login_attempts_are_rate_limited(room: Room) -> None:
    statuses = []
    for _ in range(12):
        response = await room.client.get("/login/x.1.y", allow_redirects=False)
        statuses.append(response.status)
    assert statuses[:10] == [403] * 10
    assert statuses[10:] == [429, 429]
    assert "Trop de tentatives" in await response.text()


async def test_a_session_sees_only_its_own_server(room: Room) -> None:
    await room.sign_in(HOME, MOD)
    page = await room.html("/discussions")
    assert "Question secrète" not in page
    response = await room.client.get(f"/discussions/{room.seeded.other_discussion}")
    unknown = await room.client.get("/discussions/123456789")
    assert response.status == unknown.status == 404
    assert await response.text() == await unknown.text()
