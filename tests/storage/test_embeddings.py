"""Replies' vectors on each backend: stored, missing again after an edit, gone with an erasure."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np

from bot.analysis.embeddings import from_bytes, to_bytes
from db.repositories import discussions, embeddings, members, replies
from db.repositories.events import ReplyEdited, apply_batch
from tests.storage.test_event_batch import GUILD, T0, USERS, _discussion, deleted, seen, snowflake

ENCODER = "test-encoder"


def vector(seed: int) -> bytes:
    v = np.random.default_rng(seed).standard_normal(8).astype(np.float32)
    return to_bytes(v / np.linalg.norm(v))


async def missing(sessions: Any) -> dict[int, str]:
    async with sessions() as session:
        return dict(await embeddings.missing(session, ENCODER, 100))


async def store_all(sessions: Any) -> int:
    todo = await missing(sessions)
    async with sessions.begin() as session:
        return await embeddings.store(
            session, ENCODER, [(rid, text, vector(rid % 1000)) for rid, text in todo.items()]
        )


async def stored(sessions: Any, ids: list[int]) -> dict[int, bytes]:
    async with sessions() as session:
        return await embeddings.vectors_of(session, ids, ENCODER)


async def test_vectors_follow_edits_and_erasures(sessions: Any) -> None:
    d = await _discussion(sessions)
    ids = [snowflake(T0 + timedelta(minutes=i)) for i in range(5)]
    async with sessions.begin() as session:
        await apply_batch(
            session, [seen(d, rid, f"réponse {i}", USERS[i]) for i, rid in enumerate(ids)]
        )
    assert set(await missing(sessions)) == set(ids)
    assert await store_all(sessions) == 5
    assert await missing(sessions) == {}
    kept = await stored(sessions, ids)
    np.testing.assert_array_equal(from_bytes(kept[ids[0]]), from_bytes(vector(ids[0] % 1000)))

    # an edit drops the vector: the reply is encoded again from its new text
    async with sessions.begin() as session:
        await apply_batch(session, [ReplyEdited(ids[0], "nouveau texte", T0 + timedelta(hours=1))])
    assert await missing(sessions) == {ids[0]: "nouveau texte"}
    # a vector computed from the old text (a race with the edit) is not stored
    async with sessions.begin() as session:
        assert await embeddings.store(session, ENCODER, [(ids[0], "réponse 0", vector(1))]) == 0
    assert await store_all(sessions) == 1

    # every way of erasing a text erases its vector
    async with sessions.begin() as session:
        await apply_batch(session, [deleted(d, ids[1])])
        assert await replies.erase(session, GUILD, ids[2])
        await members.erase_member(session, GUILD, USERS[3], now=T0 + timedelta(hours=2))
        await discussions.mark_closed(session, d.id, T0 + timedelta(hours=3))  # retention waits
        assert await replies.erase_older_than(session, GUILD, T0 + timedelta(days=1)) >= 1
    assert set(await stored(sessions, ids)) == set()
    assert await missing(sessions) == {}

    # another encoder's vectors do not count
    async with sessions() as session:
        assert await embeddings.vectors_of(session, ids, "other") == {}


async def test_a_vector_encoded_while_staff_erase_the_reply_is_not_kept(sessions: Any) -> None:
    """The embedder read a reply's text, encoded it, and stores its vector as a moderator
    erases the reply. PostgreSQL makes the erasure wait for the vector's transaction (the
    text is read ``FOR UPDATE``), which then forgets it. SQLite reads outside the write
    transaction: the erasure committed between the read and the write, and the vector of
    the erased text stayed (a sentence vector says much of its sentence)."""
    import asyncio

    d = await _discussion(sessions)
    rid = snowflake(T0 + timedelta(minutes=1))
    async with sessions.begin() as session:
        await apply_batch(session, [seen(d, rid, "Un texte qu'on efface")])
    at_write, go = asyncio.Event(), asyncio.Event()

    async def store() -> None:
        async with sessions.begin() as session:
            execute = session.execute

            async def pausing(statement: Any, *args: Any, **kwargs: Any) -> Any:
                if not at_write.is_set() and not getattr(statement, "is_select", False):
                    at_write.set()  # the text was read; the vector's write waits here
                    await go.wait()
                return await execute(statement, *args, **kwargs)

            session.execute = pausing
            await embeddings.store(session, ENCODER, [(rid, "Un texte qu'on efface", vector(1))])

    async def erase() -> None:
        async with sessions.begin() as session:
            assert await replies.erase(session, GUILD, rid)

    storing = asyncio.create_task(store())
    await at_write.wait()
    erasing = asyncio.create_task(erase())
    async with sessions() as session:
        sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:
        await erasing  # nothing holds it: it commits while the vector waits
    go.set()
    await asyncio.gather(storing, erasing)
    assert await stored(sessions, [rid]) == {}
