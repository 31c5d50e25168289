"""Logging in to the web room through Discord: signed single-use links, then sessions.

A staff member runs ``/review``; the bot answers privately with a link
``/login/<nonce>.<expiry>.<signature>`` valid :data:`LOGIN_TTL`, signed with
the web secret and recorded (only the nonce's hash) with the member and the
server it was issued for. Opening it (a GET) only checks it (:func:`check_login`)
and shows a button: link scanners, chat and mail security proxies and browser
prefetches open links before people do, and must not use it up. The button's
POST, confirmed by :func:`login_confirmation` (bound to a random value the
GET gave that browser), redeems it once (:func:`redeem_login`) and starts a
session of :data:`SESSION_TTL` for that member in that server; the cookie
holds a random token whose hash is the session's key. Forms carry a CSRF token
derived from the session token and the secret.

The secret is ``WEB_SECRET`` or, when unset, one generated on first use and
kept in the database, so links survive a restart and every process of a
sharded bot signs alike.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from bot.app import App
from bot.stored_text import storable_name
from db.repositories import meta
from db.repositories import web_auth as repo

log = logging.getLogger(__name__)

LOGIN_TTL = timedelta(minutes=10)
SESSION_TTL = timedelta(hours=12)
STAFF_RECHECK = timedelta(minutes=1)
"""How long a session trusts its member's Manage Server before asking Discord again."""
LOCAL_USER = 0
"""The member id of sessions opened by ``python -m bot web`` (no Discord account)."""
SECRET_KEY = "web_secret"

LoginProblem = Literal["malformed", "tampered", "expired", "used"]
SessionProblem = Literal["missing", "stale", "revoked"]


class LoginRefused(Exception):
    """A login link that cannot be used; ``problem`` says why (never the token), and
    ``guild_id`` and ``user_id`` whom it was issued to, when the link is ours and still
    known."""

    def __init__(
        self, problem: LoginProblem, guild_id: int | None = None, user_id: int | None = None
    ) -> None:
        super().__init__(problem)
        self.problem: LoginProblem = problem
        self.guild_id = guild_id
        self.user_id = user_id

    @property
    def local(self) -> bool:
        """Printed by ``python -m bot web``: only starting it again gives another."""
        return self.user_id == LOCAL_USER


class SessionRefused(Exception):
    def __init__(self, problem: SessionProblem) -> None:
        super().__init__(problem)
        self.problem: SessionProblem = problem


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _same(held: str, given: str) -> bool:
    """Whether ``given`` is ``held``, in constant time: as bytes, since ``hmac.compare_digest``
    refuses text that is not ASCII (a link a chat cut with "…", a forged form field)."""
    return hmac.compare_digest(held.encode(), given.encode("utf-8", "surrogatepass"))


def _sign(secret: bytes, *parts: str) -> str:
    digest = hmac.new(secret, "|".join(parts).encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:16]).decode().rstrip("=")


async def web_secret(app: App) -> bytes:
    """``WEB_SECRET``, else the one kept in the database (generated once)."""
    if app.settings.web_secret:
        return app.settings.web_secret.get().encode()
    async with app.sessions() as session:
        stored = await meta.get(session, SECRET_KEY)
    if stored is None:
        async with app.sessions.begin() as session:
            await meta.put_if_absent(session, SECRET_KEY, secrets.token_urlsafe(48))
        async with app.sessions() as session:
            stored = await meta.get(session, SECRET_KEY)
        log.info("generated the web room's secret and kept it in the database")
    assert stored is not None
    return stored.encode()


@dataclass(frozen=True, slots=True)
class Login:
    path: str
    """``/login/<token>``: to append to the web room's address."""
    expires_at: datetime


async def issue_login(
    app: App, secret: bytes, guild_id: int, user_id: int, user_name: str | None = None
) -> Login:
    """A new single-use login link for ``user_id`` in ``guild_id``; ``user_name``, the name
    she goes by there, is what the audit log shows for what she does in the room."""
    now = app.clock.now()
    expires = now + LOGIN_TTL
    nonce = secrets.token_urlsafe(16)
    expiry = str(int(expires.timestamp()))
    async with app.sessions.begin() as session:
        await repo.purge_expired(session, now)
        await repo.add_login(
            session,
            _hash(nonce),
            guild_id,
            user_id,
            expires,
            storable_name(user_name) if user_name else None,
        )
    return Login(f"/login/{nonce}.{expiry}.{_sign(secret, 'login', nonce, expiry)}", expires)


@dataclass(frozen=True, slots=True)
class WebSession:
    token: str
    guild_id: int
    user_id: int
    expires_at: datetime
    csrf: str
    user_name: str | None = None

    @property
    def local(self) -> bool:
        return self.user_id == LOCAL_USER


def _session(
    secret: bytes,
    token: str,
    guild_id: int,
    user_id: int,
    expires: datetime,
    user_name: str | None = None,
) -> WebSession:
    return WebSession(token, guild_id, user_id, expires, _sign(secret, "csrf", token), user_name)


def _signed(secret: bytes, token: str) -> tuple[str, int]:
    """The link's nonce and expiry once its shape and signature hold."""
    parts = token.split(".")
    if len(parts) != 3 or not all(parts) or not parts[1].isdigit() or len(token) > 200:
        raise LoginRefused("malformed")
    nonce, expiry, signature = parts
    if not _same(_sign(secret, "login", nonce, expiry), signature):
        raise LoginRefused("tampered")
    return nonce, int(expiry)


def issued_by_us(secret: bytes, token: str) -> bool:
    """Whether a login link bears the room's signature (expired or used, it is still one
    the bot gave out): the web room limits only made-up links, so that a flood of them
    never turns a moderator's own link away. Asks nothing of the store."""
    try:
        _signed(secret, token)
    except LoginRefused:
        return False
    return True


async def _checked(app: App, secret: bytes, token: str, now: datetime) -> str:
    """The link's nonce once its shape, signature and expiry hold. Only a link we signed
    is looked up, for the server an expired one names (its refusal speaks its language)."""
    nonce, expiry = _signed(secret, token)
    if expiry <= now.timestamp():
        async with app.sessions() as session:
            login = await repo.get_login(session, _hash(nonce))
        if login is None:
            raise LoginRefused("expired")
        raise LoginRefused("expired", login.guild_id, login.user_id)
    return nonce


async def check_login(app: App, secret: bytes, token: str) -> int:
    """The server a login link opens, or why it is refused (as :func:`redeem_login`
    would say), without using it."""
    nonce = await _checked(app, secret, token, app.clock.now())
    async with app.sessions() as session:
        login = await repo.get_login(session, _hash(nonce))
    if login is None:
        raise LoginRefused("used")
    if login.used_at is not None:
        raise LoginRefused("used", login.guild_id, login.user_id)
    return login.guild_id


BROWSER_NONCE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def browser_nonce(held: str | None) -> str:
    """The random value a login page binds its button to: the one the browser holds when
    it is well formed (two tabs on one link both work), else a new one."""
    if held and len(held) == 22 and set(held) <= BROWSER_NONCE_CHARS:
        return held
    return secrets.token_urlsafe(16)


def login_confirmation(secret: bytes, nonce: str, token: str) -> str:
    """The login page's hidden field: the browser's nonce bound to this link by the secret."""
    return _sign(secret, "login-confirm", nonce, token)


def login_confirmed(secret: bytes, nonce: str | None, token: str, submitted: str | None) -> bool:
    """Whether a sign-in POST comes from the login page this browser was shown."""
    if not nonce or not submitted:
        return False
    return _same(login_confirmation(secret, nonce, token), submitted)


async def redeem_login(app: App, secret: bytes, token: str) -> WebSession:
    """Open a session from a login link (once), or say why the link is refused."""
    now = app.clock.now()
    nonce = await _checked(app, secret, token, now)
    async with app.sessions.begin() as session:
        login = await repo.get_login(session, _hash(nonce))
        if login is None:  # signed by us, issued before the table was purged
            raise LoginRefused("used")
        if not await repo.use_login(session, _hash(nonce), now):
            raise LoginRefused("used", login.guild_id, login.user_id)
        session_token = secrets.token_urlsafe(32)
        expires = now + SESSION_TTL
        await repo.add_session(
            session,
            _hash(session_token),
            login.guild_id,
            login.user_id,
            now,
            expires,
            login.user_name,
        )
    return _session(secret, session_token, login.guild_id, login.user_id, expires, login.user_name)


async def open_session(app: App, secret: bytes, token: str | None) -> WebSession:
    """The session a cookie names, or why there is none."""
    if not token or len(token) > 100:
        raise SessionRefused("missing")
    async with app.sessions() as session:
        found = await repo.get_session(session, _hash(token))
    if found is None or found.expires_at <= app.clock.now():
        raise SessionRefused("stale")
    return _session(secret, token, found.guild_id, found.user_id, found.expires_at, found.user_name)


def csrf_ok(web_session: WebSession, submitted: str | None) -> bool:
    return bool(submitted) and _same(web_session.csrf, submitted or "")


async def close_session(app: App, token: str) -> None:
    async with app.sessions.begin() as session:
        await repo.delete_session(session, _hash(token))


StaffCheck = Callable[[int, int], Awaitable[bool | None]]
"""Whether a member still manages a server: ``(guild_id, user_id)`` to ``True``,
``False`` (the permission, the membership or the bot is gone) or ``None`` (unknown now)."""


@dataclass
class StaffRecheck:
    """Ends a session once its member no longer manages the server.

    A session outlives its login link by 12 hours; a moderator demoted or removed in
    the meantime must not keep reading members' replies. Each session's member is
    asked about again at most every :data:`STAFF_RECHECK` (answers are kept in memory,
    per process); an unknown answer keeps the session and asks again at the next
    request. The console's sessions (``python -m bot web``) have no member to ask.
    """

    check: StaffCheck | None
    confirmed: dict[str, datetime] = field(default_factory=dict)

    async def still_staff(self, app: App, web_session: WebSession) -> bool:
        if self.check is None or web_session.local:
            return True
        key = _hash(web_session.token)
        now = app.clock.now()
        last = self.confirmed.get(key)
        if last is not None and now - last < STAFF_RECHECK:
            return True
        answer = await self.check(web_session.guild_id, web_session.user_id)
        if answer is False:
            self.confirmed.pop(key, None)
            await close_session(app, web_session.token)
            log.info(
                "web: ended the session of member %s in server %s (no longer Manage Server)",
                web_session.user_id,
                web_session.guild_id,
            )
            return False
        if answer is True:
            if len(self.confirmed) > 10_000:  # forget sessions long gone
                self.confirmed = {k: v for k, v in self.confirmed.items() if now - v < SESSION_TTL}
            self.confirmed[key] = now
        return True
