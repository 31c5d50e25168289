"""Two processes writing one server's bank at the same instant, on each backend.

Two ``App`` objects (their own engines, their own in-process bank locks) on one
database stand for two processes: the bot and the CLI's ``questions import``, or two
bot processes during a deploy overlap. The first writer (``/question add``) is held
right after it read the bank (its duplicate check and the last position); the second
writes meanwhile. Only the database can keep them apart: the second must wait for the
first's commit, then read what it wrote, or the bank holds the same question twice,
or two questions at one position.

The interleaving is forced, not timed: the first writer is let go once the second has
either finished (nothing made it wait) or reached the bank's lock (where it waits for
the first's commit).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot import importer
from bot.app import App
from bot.clock import ManualClock
from bot.config import Settings
from bot.errors import UserError
from bot.services import bank, cli_ops, suggestions
from db.migrate import upgrade
from db.models import Question, Suggestion
from db.repositories import guilds, questions
from db.repositories import suggestions as suggestion_repo

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
SERVER = 1_300_000_000_000_000_000
STAFF = 900_000_000_000_000_001
MEMBER = 900_000_000_000_000_009
ASKED = "Faut-il interdire les voitures en centre-ville ?"
ARTICLE = (
    "Un article.\n\nEt vous ?\n"
    "Faut-il rendre les transports en commun gratuits ?\n"
    "Prenez-vous le vélo pour aller au travail ?\n"
).encode()


@pytest.fixture
async def two_processes(database_url: str) -> AsyncIterator[tuple[App, App]]:
    first = App.build(Settings(database_url=database_url), clock=ManualClock(NOW))
    second = App.build(Settings(database_url=database_url), clock=ManualClock(NOW))
    try:
        await upgrade(first.engine)
        async with first.sessions.begin() as session:
            await guilds.ensure_guild(
                session, SERVER, now=NOW, timezone="Europe/Paris", language="fr"
            )
            await questions.add_questions(
                session, SERVER, [("Lisez-vous le journal ?", "fr", ["Oui", "Non"], None)], now=NOW
            )
            await suggestion_repo.add(  # a member suggested the question staff are adding
                session,
                Suggestion(
                    guild_id=SERVER,
                    author_id=MEMBER,
                    author_name="Camille",
                    text=ASKED,
                    options=["Oui", "Non"],
                    language="fr",
                    status="pending",
                    created_at=NOW,
                ),
            )
        yield first, second
    finally:
        await first.close()
        await second.close()


async def _bank(app: App) -> list[Question]:
    async with app.sessions() as session:
        found = await session.scalars(
            select(Question)
            .where(Question.guild_id == SERVER, Question.status != "removed")
            .order_by(Question.id)
        )
        return list(found)


Writer = Callable[[App], Coroutine[Any, Any, object]]


async def _add_same(app: App) -> object:
    return await bank.add(app, SERVER, text=ASKED, options=None, actor_id=STAFF + 1)


async def _import_article(app: App) -> object:
    return await cli_ops.import_questions(
        app.sessions, app.settings, SERVER, ARTICLE, options=None, source="article.md"
    )


async def _edit_into_same(app: App) -> object:
    (held, *_) = await _bank(app)
    return await bank.edit(
        app, SERVER, held.id, text=ASKED, options=None, category=None, actor_id=STAFF + 1
    )


async def _approve_suggestion(app: App) -> object:
    async with app.sessions() as session:
        (pending,) = await suggestion_repo.pending_page(session, SERVER, limit=1)
    return await suggestions.approve(app, SERVER, pending.id, actor_id=STAFF + 1, up_next=False)


@pytest.mark.parametrize(
    "second_writer",
    [_add_same, _import_article, _edit_into_same, _approve_suggestion],
    ids=["add-same-text", "cli-import", "edit-into-same-text", "suggestion-approved"],
)
async def test_two_processes_writing_one_bank_at_once_keep_it_whole(
    two_processes: tuple[App, App], second_writer: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = two_processes
    read, go, second_waits = asyncio.Event(), asyncio.Event(), asyncio.Event()
    add_questions, lock_bank = questions.add_questions, guilds.lock_bank

    async def held_after_reading(session: Any, *args: Any, **kwargs: Any) -> Any:
        if read.is_set():
            return await add_questions(session, *args, **kwargs)
        scalar = session.scalar

        async def last_position(statement: Any, *a: Any, **k: Any) -> Any:
            session.scalar = scalar
            found = await scalar(statement, *a, **k)
            read.set()  # duplicates checked, last position read: the insert waits here
            await go.wait()
            return found

        session.scalar = last_position
        return await add_questions(session, *args, **kwargs)

    async def noting_the_wait(session: Any, guild_id: int) -> None:
        if read.is_set():
            second_waits.set()  # the second writer is at the lock the first holds
        await lock_bank(session, guild_id)

    monkeypatch.setattr(questions, "add_questions", held_after_reading)
    monkeypatch.setattr(guilds, "lock_bank", noting_the_wait)

    adding = asyncio.create_task(bank.add(first, SERVER, text=ASKED, options=None, actor_id=STAFF))
    await read.wait()
    writing = asyncio.create_task(second_writer(second))
    waiting = asyncio.create_task(second_waits.wait())
    await asyncio.wait({writing, waiting}, return_when=asyncio.FIRST_COMPLETED)
    waiting.cancel()
    go.set()
    added: object
    written: object
    added, written = await asyncio.gather(adding, writing, return_exceptions=True)

    assert isinstance(added, Question)  # the first writer was first
    held = await _bank(first)
    keys = [importer.duplicate_key(q.text) for q in held]
    assert len(keys) == len(set(keys)), [q.text for q in held]
    positions = sorted(q.position for q in held)
    assert positions == list(range(1, len(held) + 1)), [(q.position, q.text) for q in held]
    if second_writer is _import_article:
        assert isinstance(written, bank.ImportOutcome) and len(written.added) == 2
        assert len(held) == 4
    else:  # the second read the first's question and named it
        assert isinstance(written, UserError) and written.key == "error-question-duplicate"
        assert written.args_ == {"id": added.id}
