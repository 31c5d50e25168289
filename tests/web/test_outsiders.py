"""What someone outside the room can send it: a login link with a character pasted on,
a flood of forged links, a report address with a NUL, a path holding a line break.
Each gets a clear page, locks nobody out and writes nothing false in the log."""

from __future__ import annotations

import io
import logging
import re

import pytest

from tests.web.conftest import Room, confirmation
from web.guard import RateLimiter

NOT_ASCII = ("\u00e9", "\u2026", "\u200b")  # é; "…" a chat cut the link with; a zero-width space


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("extra", NOT_ASCII)
async def test_a_login_link_with_a_character_pasted_on_is_refused_clearly(
    room: Room, caplog: pytest.LogCaptureFixture, extra: str
) -> None:
    """The signature was compared as text, which ``hmac.compare_digest`` refuses for
    anything not ASCII: the moderator saw the 500 of an unexpected error, and the log an
    error with its traceback, for a link a chat app had cut with "…"."""
    link = await room.link()
    for mangled in (link + extra, link[:-1] + extra):
        response = await room.client.get(mangled, allow_redirects=False)
        assert response.status == 403
        assert "Ce lien de connexion n’est pas valide." in await response.text()
    page = await (await room.client.get(link)).text()
    response = await room.client.post(link, data={"confirm": extra}, allow_redirects=False)
    assert response.status == 403
    assert "pas été demandée depuis sa page" in await response.text()
    assert _errors(caplog) == []
    response = await room.client.post(  # nothing above used the link up
        link, data={"confirm": confirmation(page)}, allow_redirects=False
    )
    assert response.status == 303


@pytest.mark.parametrize("extra", NOT_ASCII)
async def test_a_form_token_not_in_ascii_is_an_expired_form(
    room: Room, caplog: pytest.LogCaptureFixture, extra: str
) -> None:
    await room.sign_in()
    response = await room.client.post(
        "/settings", data={"csrf": extra, "report_names": "on"}, allow_redirects=False
    )
    assert response.status == 403
    assert "Ce formulaire a expiré" in await response.text()
    assert _errors(caplog) == []
    assert "noms affichés" not in await room.html("/audit")


async def test_a_flood_of_forged_links_locks_no_moderator_out(
    room: Room, caplog: pytest.LogCaptureFixture
) -> None:
    """The login address allowed 200 attempts a minute from all clients together: anyone
    sending 200 made-up links (from as many addresses, which IPv6 gives by the billion)
    kept every moderator out of the room, their own fresh link answered "too many
    attempts". A link the bot signed is never turned away for others' attempts."""
    for n in range(200):
        forged = await room.client.get(
            "/login/x.1.y", headers={"X-Forwarded-For": f"2001:db8::{n:x}"}
        )
        assert forged.status == 403
    caplog.set_level(logging.INFO, logger="web.routes_auth")
    for _ in range(50):
        more = await room.client.get("/login/x.1.y", headers={"X-Forwarded-For": "2001:db8::ffff"})
        assert more.status == 429  # forged links stay limited
    limited = [r for r in caplog.records if "rate-limited" in r.getMessage()]
    assert len(limited) <= 1  # a flood of made-up links is not a flood of log lines
    assert (await room.press_sign_in(await room.link())).status == 303
    await room.html("/discussions")


async def test_forged_links_from_the_moderators_own_address_lock_her_not_out(
    room: Room,
) -> None:
    """Behind a proxy whose address is not the loopback (one in another container), every
    visitor has the proxy's address: ten made-up links a minute from anyone answered the
    moderator's own link "too many attempts". A link the bot signed is never held back."""
    for _ in range(10):
        assert (await room.client.get("/login/x.1.y")).status == 403
    assert (await room.client.get("/login/x.1.y")).status == 429  # made-up links: limited
    for _ in range(3):  # her link, opened again by a scanner, a preview, herself
        assert (await room.client.get(await room.link())).status == 200
    assert (await room.press_sign_in(await room.link())).status == 303


@pytest.mark.parametrize(
    "path",
    [
        "/r/%00aaaaaaaaaaaaaaaaaaaaa",
        "/r/aaaaaaaaaaaaaaaaaaaaa%00/charts/stances.png",
        "/r/aaaaaaaaaaa%0Aaaaaaaaaaa",
        "/r/%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9",
    ],
)
async def test_a_report_address_with_odd_characters_is_not_found(
    room: Room, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    """PostgreSQL refuses a NUL in a query's text: anyone, signed out, got a 500 and
    wrote an error with its traceback in the log at each request."""
    response = await room.client.get(path, allow_redirects=False)
    assert response.status == 404
    assert "Page introuvable." in await response.text()
    assert _errors(caplog) == []


FORGED = "2020-01-01 00:00:00,000 level=INFO logger=web.routes_auth msg=web: member 1 signed in"


@pytest.mark.parametrize("path", ["/r/x%0A", "/r/x%0D%0A", "/discussions%0A", "/x%E2%80%A8"])
async def test_a_path_cannot_write_a_line_of_its_own_in_the_log(
    room: Room, production_logging: io.StringIO, path: str
) -> None:
    """The access log wrote the decoded path: a line break in it (``%0A``) started a
    line anyone could word, a sign-in that never happened for instance."""
    await room.client.get(path + FORGED.replace(" ", "%20"), allow_redirects=False)
    logged = production_logging.getvalue()
    assert "signed in" in logged  # the request is logged …
    lines = re.split(r"[\r\n\u2028\u2029\x85\x0b\x0c\x1c-\x1e]", logged.rstrip("\n"))
    assert not any(line.startswith(FORGED) for line in lines)  # … as one line of ours
    assert all("level=" in line[:40] for line in lines)


def test_the_login_limiter_forgets_clients_gone_quiet() -> None:
    """Past 10,000 clients the limiter forgot only those whose attempts had been trimmed,
    which happened only when a client came back: addresses used once (a flood from IPv6
    addresses) stayed for ever, and every attempt then walked them all."""
    now = [0.0]
    limiter = RateLimiter(clock=lambda: now[0], ceiling=1_000_000)
    for n in range(RateLimiter.FORGET_AFTER + 1):
        assert limiter.allow(f"2001:db8::{n:x}")
    now[0] += limiter.window + 1
    assert limiter.allow("2001:db8:1::1")
    assert limiter.clients <= 2


async def test_no_answer_names_the_server_software_or_its_version(room: Room) -> None:
    """Every answer said ``Server: Python/3.11 aiohttp/3.14.5``: which published flaws
    to try, for anyone who asks."""
    await room.sign_in()
    answers = [
        await room.client.get("/discussions"),
        await room.client.get("/static/style.css"),
        await room.client.get("/nowhere"),
        await room.client.get("/login/x.1.y"),
        await room.client.post("/export", data={"csrf": await room.csrf(), "format": "csv"}),
        await room.client.post("/settings", data={"csrf": "forged"}),
    ]
    for response in answers:
        server = response.headers.get("Server", "")
        assert "aiohttp" not in server and "Python" not in server, (response.url, server)


def _text_chunks(png: bytes) -> dict[str, bytes]:
    """A PNG's text chunks (``tEXt``, ``iTXt``, ``zTXt``) by keyword."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    found: dict[str, bytes] = {}
    at = 8
    while at < len(png):
        length = int.from_bytes(png[at : at + 4], "big")
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        if kind in (b"tEXt", b"iTXt", b"zTXt"):
            keyword, _, value = data.partition(b"\0")
            found[keyword.decode("latin-1")] = value
        at += 12 + length
    return found


async def test_no_chart_names_the_software_that_drew_it_or_its_version(room: Room) -> None:
    """Every chart, the public report's too, carried ``Software: Matplotlib
    version3.11.2, https://matplotlib.org/``: what the ``Server`` header no longer says."""
    from tests.web.test_report_caching import _publish

    report = await _publish(room)
    d = room.seeded.home_discussion
    for path in (
        f"/discussions/{d}/charts/stances.png",
        f"/discussions/{d}/charts/stances-dark.png",
        f"{report}/charts/stances.png",
        f"{report}/charts/stances-dark.png",
    ):
        response = await room.client.get(path)
        assert response.status == 200, path
        chunks = _text_chunks(await response.read())
        assert "Software" not in chunks, (path, chunks)
        assert not any(b"atplotlib" in value for value in chunks.values()), (path, chunks)
