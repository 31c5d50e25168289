"""The web room over HTTP (aiohttp's test client) on a seeded database, on each backend.

Two servers: ``HOME`` with a discussion of varied replies (an edited one,
a deleted one, hostile markup, right-to-left text, votes and stances) and
``OTHER`` whose ids must answer exactly like ids that do not exist.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from bot.app import App
from bot.clock import ManualClock
from bot.config import Settings
from bot.logs import setup_logging
from bot.services import web_auth
from db.migrate import upgrade
from db.models import Discussion, MemberPreference, Reply, ReplyRevision, Stance, Vote
from db.repositories import discussions, guilds, questions
from tests.e2e.browser import in_browser_loop
from web.server import build_application, make_context, runner_options

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
HOME = 1_100_000_000_000_000_001
OTHER = 1_100_000_000_000_000_002
MOD = 900_000_000_000_000_100
ALICE, BRUNO, CHLOE, DAVID, EMMA = (900_000_000_000_000_000 + n for n in range(1, 6))
OPTIONS = ["Oui", "Non", "Nuancé"]
HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='img'\">"


def confirmation(login_page: str) -> str:
    """The hidden field of a login page's form."""
    found = re.search(r'<input type="hidden" name="confirm" value="([^"]+)">', login_page)
    assert found, login_page
    return found.group(1)


def snowflake(minutes: int, n: int = 0) -> int:
    ms = int((NOW + timedelta(minutes=minutes)).timestamp() * 1000) - 1420070400000
    return (ms << 22) | n


@dataclass
class Seeded:
    home_discussion: int = 0
    other_discussion: int = 0
    other_reply: int = 0
    replies: dict[str, int] = field(default_factory=dict)


async def _discussion(session: Any, guild_id: int, text: str, thread: int) -> Discussion:
    await guilds.ensure_guild(session, guild_id, now=NOW, timezone="Europe/Paris", language="fr")
    [question] = await questions.add_questions(
        session, guild_id, [(text, "fr", OPTIONS, None)], now=NOW
    )
    return await discussions.create_discussion(
        session,
        Discussion(
            guild_id=guild_id,
            question_id=question.id,
            question_text=text,
            options=OPTIONS,
            language="fr",
            channel_id=thread - 1,
            thread_id=thread,
            message_id=thread,
            opened_at=NOW,
            closes_at=NOW + timedelta(hours=72),
        ),
    )


def _reply(
    discussion: Discussion, rid: int, author: int, name: str, text: str, **more: Any
) -> Reply:
    return Reply(
        id=rid,
        discussion_id=discussion.id,
        guild_id=discussion.guild_id,
        author_id=author,
        author_name=name,
        text=text,
        created_at=NOW + timedelta(minutes=(rid >> 22) % 1000),
        **more,
    )


async def seed(app: App) -> Seeded:
    out = Seeded()
    async with app.sessions.begin() as session:
        home = await _discussion(
            session, HOME, "L'IA va-t-elle remplacer les scénaristes ?", snowflake(0, 1)
        )
        other = await _discussion(
            session, OTHER, "Question secrète d'un autre serveur", snowflake(0, 2)
        )
        out.home_discussion, out.other_discussion = home.id, other.id
        rows = {
            "ethique": _reply(
                home,
                snowflake(1),
                ALICE,
                "alice",
                "Je pense que l'Éthique compte avant tout.",
                edited_at=NOW + timedelta(minutes=30),
            ),
            "hostile": _reply(
                home, snowflake(2), BRUNO, "bruno", HOSTILE + " **gras** pas d'accord"
            ),
            "deleted": Reply(
                id=snowflake(3),
                discussion_id=home.id,
                guild_id=HOME,
                author_id=0,
                author_name="",
                text="",
                created_at=NOW + timedelta(minutes=3),
                deleted=True,
            ),
            "rtl": _reply(home, snowflake(4), CHLOE, "chloé", "\u202eمرحبا بالعالم، السينما"),
            "plain": _reply(home, snowflake(5), DAVID, "david", "Les doubleurs vont souffrir."),
            "optout": _reply(home, snowflake(6), EMMA, "emma", "Texte d'une membre partie."),
        }
        other_reply = _reply(other, snowflake(7), ALICE, "alice", "Réponse secrète du serveur B")
        session.add_all([*rows.values(), other_reply])
        await session.flush()
        out.replies = {k: r.id for k, r in rows.items()}
        out.other_reply = other_reply.id
        session.add(
            ReplyRevision(
                reply_id=rows["ethique"].id,
                text="Première version : l'éthique d'abord.",
                edited_at=NOW + timedelta(minutes=30),
            )
        )
        session.add_all(
            [
                Stance(discussion_id=home.id, user_id=ALICE, guild_id=HOME, option=0, at=NOW),
                Stance(discussion_id=home.id, user_id=BRUNO, guild_id=HOME, option=1, at=NOW),
                Vote(
                    reply_id=rows["ethique"].id,
                    voter_id=BRUNO,
                    discussion_id=home.id,
                    guild_id=HOME,
                    value=1,
                    at=NOW,
                ),
                Vote(
                    reply_id=rows["ethique"].id,
                    voter_id=CHLOE,
                    discussion_id=home.id,
                    guild_id=HOME,
                    value=-1,
                    at=NOW,
                ),
                Vote(
                    reply_id=rows["plain"].id,
                    voter_id=ALICE,
                    discussion_id=home.id,
                    guild_id=HOME,
                    value=1,
                    at=NOW,
                ),
                MemberPreference(guild_id=HOME, user_id=EMMA, opted_out=True, updated_at=NOW),
            ]
        )
    return out


@dataclass
class Room:
    app: App
    client: TestClient[Any, Any]
    seeded: Seeded
    clock: ManualClock
    context: Any

    @property
    def base(self) -> str:
        """The room's address with no final slash, for a browser: ``base + "/discussions"``."""
        return str(self.client.make_url("/")).rstrip("/")

    async def link(self, guild_id: int = HOME, user_id: int = MOD) -> str:
        login = await web_auth.issue_login(self.app, self.context.secret, guild_id, user_id)
        return login.path

    async def sign_in(self, guild_id: int = HOME, user_id: int = MOD) -> None:
        response = await self.press_sign_in(await self.link(guild_id, user_id))
        assert response.status == 303, await response.text()

    async def press_sign_in(self, link: str) -> ClientResponse:
        """What a browser does with a login link: open its page, press its button."""
        opened = await self.client.get(link, allow_redirects=False)
        assert opened.status == 200, await opened.text()
        return await self.client.post(
            link, data={"confirm": confirmation(await opened.text())}, allow_redirects=False
        )

    async def csrf(self) -> str:
        cookie = self.client.session.cookie_jar.filter_cookies(self.client.make_url("/"))
        token = cookie["etvous_session"].value
        return (await web_auth.open_session(self.app, self.context.secret, token)).csrf

    async def html(self, path: str, status: int = 200) -> str:
        response = await self.client.get(path)
        text = await response.text()
        assert response.status == status, (path, response.status, text[:500])
        return text


@asynccontextmanager
async def opened_room(database_url: str, **settings: Any) -> AsyncIterator[Room]:
    """The web room on the database at ``database_url``, seeded and served (with more
    ``settings``: ``public_url=...``)."""
    clock = ManualClock(NOW + timedelta(days=1))
    app = App.build(Settings(database_url=database_url, **settings), clock=clock)
    await upgrade(app.engine)
    seeded = await seed(app)
    context = await make_context(app)
    server = TestServer(build_application(context))
    await server.start_server(**runner_options())  # the production access log
    client = TestClient(server)
    await client.start_server()
    try:
        yield Room(app, client, seeded, clock, context)
    finally:
        await client.close()
        await app.close()


@pytest.fixture
async def room(database_url: str) -> AsyncIterator[Room]:
    async with opened_room(database_url) as opened:
        yield opened


@in_browser_loop
async def browser_room(sqlite_url: str) -> AsyncIterator[Room]:
    """The seeded room for the tests taking ``browser``: served in the browser's loop
    (:mod:`tests.e2e.browser`; ``room`` runs in each test's own loop, where Playwright's
    objects cannot be awaited), on the default backend (``sqlite_url``)."""
    async with opened_room(sqlite_url) as opened:
        yield opened


@pytest.fixture
def production_logging() -> Iterator[io.StringIO]:
    """The bot's own logging set-up at DEBUG, its console stream read by the test."""
    root = logging.getLogger()
    before = (root.level, list(root.handlers))
    setup_logging("DEBUG")
    stream = io.StringIO()
    for handler in root.handlers:
        if getattr(handler, "_etvous", False) and isinstance(handler, logging.StreamHandler):
            handler.setStream(stream)
    try:
        yield stream
    finally:
        for handler in list(root.handlers):
            if getattr(handler, "_etvous", False):
                root.removeHandler(handler)
        root.setLevel(before[0])
        logging.getLogger("aiosqlite").setLevel(logging.NOTSET)
