"""One unwritable message never stalls the writer, in its server or any other.

A message the database cannot store (U+0000 for PostgreSQL, a lone surrogate
for both) arrives in server A, then 100 replies in servers A and B. Text is
normalised on the way in, so the test first lets the poison through as it
is (``storable`` bypassed), standing for anything normalisation might miss:
the writer must still isolate it. The replies are created by SimCord's
backend, which sends each to the bot as a real MESSAGE_CREATE.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
import pytest

from bot.services import discord_reading
from bot.stored_text import MAX_TEXT, storable, storable_name
from db.models import DeadLetter, Reply
from tests.harness import World, world

POISON = "Le poison \x00 et \ud800 ensemble."


async def _second_server(w: World) -> tuple[Any, Any]:
    """Server B, set up, with a posted question; returns (thread, member)."""
    guild = w.env.create_guild("Autre serveur")
    forum = guild.create_forum_channel("débats")
    staff = guild.create_role(
        "modération", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
    )
    mod = guild.add_member(w.env.create_user("modo-b"), roles=[staff])
    member = guild.add_member(w.env.create_user("zoé"))
    await mod.slash(forum, "setup", channel=forum)
    await mod.slash(forum, "question post")
    await w.settle()
    (thread,) = forum.threads
    return thread, member


async def test_a_poison_message_is_set_aside_once_and_stalls_nobody(
    database_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.write_behind")
    monkeypatch.setattr(discord_reading, "storable", lambda text, limit=4000: text)
    async with world(database_url, members=2) as w:
        thread_a, _ = await w.post()
        thread_b, zoe = await _second_server(w)
        backend = w.env.backend
        alice = w.members[0]

        poison = backend.create_message(thread_a.id, alice.id, POISON)
        sent = []
        for n in range(100):
            thread, author = (thread_a, alice) if n % 2 else (thread_b, zoe)
            sent.append(backend.create_message(thread.id, author.id, f"réponse {n}").id)
        await w.settle()

        stored = {r.id for r in await w.rows(Reply)}
        assert set(sent) <= stored and poison.id not in stored
        (dead,) = await w.rows(DeadLetter)
        assert (dead.kind, dead.object_id, dead.guild_id) == ("reply", poison.id, w.guild.id)
        assert "\x00" not in dead.error and "poison" not in dead.error.lower()
        logged = [r.getMessage() for r in caplog.records if "set aside" in r.getMessage()]
        assert len(logged) == 1 and str(poison.id) in logged[0] and "poison" not in logged[0]
        assert w.app.buffer.set_aside == 1 and w.app.buffer.backlog == 0

        shown = await w.mod.slash(w.text, "schedule show")
        storage = next(f.value for f in shown.response.embeds[0].fields if f.name == "Storage")
        assert storage.startswith("⚠️ 1 message could not be stored (the database refused it;")
        assert storage.endswith("Its id is in the bot's log.")

        # A new session reads the whole thread again: the poison is not queued again.
        await w.restart()
        more = backend.create_message(thread_a.id, alice.id, "après le redémarrage")
        await w.settle()
        assert len(await w.rows(DeadLetter)) == 1
        assert w.app.buffer.set_aside == 0 and w.app.buffer.written >= 1
        assert more.id in {r.id for r in await w.rows(Reply)}
        logged = [r.getMessage() for r in caplog.records if "set aside" in r.getMessage()]
        assert len(logged) == 1
        assert not w.env.errors


async def test_text_is_made_storable_on_the_way_in(database_url: str) -> None:
    async with world(database_url, members=1) as w:
        thread, _ = await w.post()
        decomposed = "Cine\u0301ma"  # "Cinéma" with a combining accent
        message = w.env.backend.create_message(thread.id, w.members[0].id, f"{POISON} {decomposed}")
        await w.settle()
        (reply,) = await w.rows(Reply, Reply.id == message.id)
        assert reply.text == "Le poison \ufffd et \ufffd ensemble. Cinéma"
        assert await w.rows(DeadLetter) == []


def test_storable_text() -> None:
    assert storable("a\x00b\ud83d\ude00c") == "a\ufffdb\ufffd\ufffdc"  # a split pair too
    assert storable("e\u0301") == "é" and storable("😀") == "😀"
    assert storable("x" * 5000) == "x" * MAX_TEXT
    assert len(storable_name("n" * 500)) == 100


async def test_staff_see_changes_waiting_while_the_database_refuses_writes(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reads work, writes do not (a full disk): the storage figure says changes wait."""
    from tests.e2e.test_db_outage import virtual_backoff

    async with world(sqlite_url, members=1) as w:
        virtual_backoff(monkeypatch, w.env)
        thread, _ = await w.post()
        buffer = w.app.buffer
        real_write = buffer._write

        async def refused(batch: Any) -> None:
            if batch:
                raise ConnectionError("could not extend file: no space left on device")
            await real_write(batch)

        buffer._write = refused  # type: ignore[method-assign]
        await w.members[0].send(thread, "En attente.")
        await w.env.settle()
        assert buffer.failures >= 1 and buffer.backlog == 1

        def storage(shown: Any) -> str:
            return next(f.value for f in shown.response.embeds[0].fields if f.name == "Storage")

        waiting = storage(await w.mod.slash(w.text, "schedule show"))
        assert waiting.startswith("⏳ The database is not answering: 1 change waits")
        buffer._write = real_write  # type: ignore[method-assign]
        await w.env.advance_time(6)
        await w.settle()
        assert [r.text for r in await w.rows(Reply)] == ["En attente."]
        assert storage(await w.mod.slash(w.text, "schedule show")).startswith("✅")
        assert not w.env.errors
