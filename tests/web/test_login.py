"""Signing in with a link: once, within 10 minutes, bound to one member and one
server; refusals are clear 403 pages, logged without the token."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from aiohttp import ClientSession, DummyCookieJar

from bot.services import web_auth
from db.models import Guild
from tests.web.conftest import HOME, MOD, OTHER, Room, confirmation


async def test_a_link_opens_a_session_once_and_sets_a_safe_cookie(room: Room) -> None:
    link = await room.link()
    response = await room.press_sign_in(link)
    assert response.status == 303
    assert response.headers["Location"] == "/"
    cookie = response.headers.getall("Set-Cookie")[0]
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


async def test_opening_a_link_uses_nothing_up(room: Room) -> None:
    """A link scanner, a chat or mail security proxy or a browser prefetch opens the link
    first: the moderator's own click must still sign her in."""
    link = await room.link()
    async with ClientSession() as scanner:  # another client, its own cookies
        for _ in range(2):
            seen = await scanner.get(room.client.make_url(link), allow_redirects=False)
            assert seen.status == 200
    first = await room.client.get(link, allow_redirects=False)
    second = await room.client.get(link, allow_redirects=False)
    assert first.status == second.status == 200
    assert "etvous_session" not in first.headers.get("Set-Cookie", "")
    page = await second.text()
    assert "Se connecter" in page and "il servira quand vous appuierez sur le bouton" in page
    assert f'<form method="post" action="{link}">' in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert second.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert second.headers["Referrer-Policy"] == "no-referrer"
    assert second.headers["Cache-Control"] == "no-store"
    nonce = second.headers["Set-Cookie"]
    assert "etvous_login=" in nonce and "HttpOnly" in nonce and "SameSite=Strict" in nonce
    assert "Path=/login/" in nonce and "Max-Age=600" in nonce
    # Both pages' buttons work (two tabs on one link), the first pressed signs in.
    assert confirmation(await first.text()) == confirmation(page)
    signed = await room.client.post(
        link, data={"confirm": confirmation(page)}, allow_redirects=False
    )
    assert signed.status == 303
    assert 'etvous_login=""' in signed.headers.getall("Set-Cookie")[1]  # forgotten
    assert "Question secrète" not in await room.html("/discussions")


async def test_the_login_page_speaks_the_servers_language(room: Room) -> None:
    """The language of the room it opens (and of ``/review``'s answer), not the browser's."""
    async with room.app.sessions.begin() as session:
        guild = await session.get(Guild, OTHER)
        assert guild is not None
        guild.language = "en"
    french = await room.client.get(await room.link(), headers={"Accept-Language": "en-US"})
    assert '<html lang="fr">' in await french.text()
    english = await room.client.get(await room.link(OTHER), headers={"Accept-Language": "fr"})
    page = await english.text()
    assert '<html lang="en">' in page
    assert "Sign in to the review room" in page and ">Sign in</button>" in page


async def test_a_sign_in_posted_from_elsewhere_is_refused(room: Room) -> None:
    """Login CSRF: another site posting the form (it cannot read the page's field, nor
    make the browser send the page's cookie) must not sign a visitor in to a session."""
    link = await room.link()
    page = await (await room.client.get(link)).text()
    confirm = confirmation(page)
    other = await room.link()
    other_page = await (await room.client.get(other)).text()
    jar = room.client.session.cookie_jar
    attempts: list[tuple[str, dict[str, str], dict[str, str]]] = [
        (link, {}, {}),  # no field
        (link, {"confirm": "x" * 22}, {}),  # a guessed field
        (link, {"confirm": confirmation(other_page)}, {}),  # another link's field
        (link, {"confirm": confirm}, {"Sec-Fetch-Site": "cross-site"}),
        (link, {"confirm": confirm}, {"Sec-Fetch-Site": "same-site"}),  # a sibling site
    ]
    for path, data, headers in attempts:
        refused = await room.client.post(path, data=data, headers=headers, allow_redirects=False)
        assert refused.status == 403, (data, headers)
        assert "pas été demandée depuis sa page" in await refused.text()
        assert "etvous_session" not in refused.headers.get("Set-Cookie", "")
    jar.clear()  # the page's field without the browser's cookie
    refused = await room.client.post(link, data={"confirm": confirm}, allow_redirects=False)
    assert refused.status == 403
    assert "pas été demandée depuis sa page" in await refused.text()
    # None of this used the link up: its page and button still sign in.
    assert (await room.press_sign_in(link)).status == 303


@pytest.mark.parametrize("language", ["fr", "en"])
async def test_a_browser_keeping_no_cookies_is_told_to_allow_them(
    room: Room, language: str
) -> None:
    """A browser that keeps no cookies posts the button without the one its page set:
    told to open the link again, the moderator met the same refusal again and again."""
    async with room.app.sessions.begin() as session:
        guild = await session.get(Guild, HOME)
        assert guild is not None
        guild.language = language
    room.context.room.forget_server(HOME)
    link = room.client.make_url(await room.link())
    async with ClientSession(cookie_jar=DummyCookieJar()) as browser:
        for _ in range(2):  # as told, the link opened again and its button pressed
            page = await (await browser.get(link)).text()
            refused = await browser.post(
                link,
                data={"confirm": confirmation(page)},
                headers={"Sec-Fetch-Site": "same-origin"},  # what a browser says of its page
                allow_redirects=False,
            )
            assert refused.status == 403
            said = await refused.text()
            assert "cookies" in said, said
            assert ("rouvrez votre lien" if language == "fr" else "open your link") in said
    # Nothing was used up: a browser keeping cookies signs in with the same link.
    assert (await room.press_sign_in(link.path)).status == 303


@pytest.mark.parametrize("step", ["open", "press"])
async def test_used_and_expired_links_are_refused_at_both_steps(room: Room, step: str) -> None:
    async def refused(link: str, page: str, words: str) -> None:
        if step == "open":
            response = await room.client.get(link, allow_redirects=False)
        else:
            response = await room.client.post(
                link, data={"confirm": confirmation(page)}, allow_redirects=False
            )
        assert response.status == 403
        assert words in await response.text()
        assert "etvous_session" not in response.headers.get("Set-Cookie", "")

    used = await room.link()
    used_page = await (await room.client.get(used)).text()
    assert (await room.press_sign_in(used)).status == 303
    await refused(used, used_page, "déjà servi")
    late = await room.link()
    late_page = await (await room.client.get(late)).text()
    room.clock.advance(timedelta(minutes=10, seconds=1))
    await refused(late, late_page, "expiré")


@pytest.mark.parametrize(
    ("mangle", "words"),
    [
        (lambda link: link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB"), "pas valide"),
        (lambda link: link.rsplit(".", 1)[0], "incomplet"),
        (lambda link: "/login/", "introuvable"),
    ],
)
async def test_tampered_links_are_refused(room: Room, mangle, words: str) -> None:
    link = await room.link()
    page = await (await room.client.get(link)).text()
    for method in ("GET", "POST"):
        response = await room.client.request(
            method, mangle(link), data={"confirm": confirmation(page)}, allow_redirects=False
        )
        assert response.status in (403, 404, 405)
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
    page = await (await room.client.get(link)).text()
    await room.client.post(link, data={"confirm": "forged"})
    await room.press_sign_in(link)
    await room.client.get(link, allow_redirects=False)
    await room.client.post(link, data={"confirm": confirmation(page)})
    token = link.removeprefix("/login/")
    assert "sign-in not confirmed from its page was refused" in caplog.text
    assert "login link was refused (used)" in caplog.text
    assert token not in caplog.text
    assert token.split(".")[0] not in caplog.text
    assert room.context.secret.decode() not in caplog.text


async def test_no_session_and_stale_sessions_get_a_403_page(room: Room) -> None:
    page = await room.html("/discussions", status=403)
    assert "Connectez-vous" in page and "/examen" in page
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
    # What she reads does not assume who she is (« Vous êtes déconnecté »).
    assert "<h1>Votre session est fermée.</h1>" in await response.text()
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
