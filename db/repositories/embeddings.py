"""Replies' sentence vectors (the ``reply_embeddings`` side table)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Discussion, Reply, ReplyEmbedding
from db.repositories._dialect import insert_for

CHUNK = 500
"""Ids per ``IN (…)``: below every backend's parameter limit."""


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


async def missing(session: AsyncSession, encoder: str, limit: int) -> list[tuple[int, str]]:
    """Up to ``limit`` live replies (id, text) of open discussions with no vector of
    ``encoder``, newest first. (Closed discussions' replies are encoded when a summary
    asks for them: no backlog of old servers to chew through at start.)"""
    has_vector = (
        select(ReplyEmbedding.reply_id)
        .where(ReplyEmbedding.reply_id == Reply.id, ReplyEmbedding.encoder == encoder)
        .exists()
    )
    rows = await session.execute(
        select(Reply.id, Reply.text)
        .join(Discussion, Discussion.id == Reply.discussion_id)
        .where(
            Discussion.closed_at.is_(None),
            Reply.deleted.is_(False),
            Reply.text != "",
            ~has_vector,
        )
        .order_by(Reply.id.desc())
        .limit(limit)
    )
    return [(row.id, row.text) for row in rows]


async def store(
    session: AsyncSession, encoder: str, vectors: Sequence[tuple[int, str, bytes]]
) -> int:
    """Store ``(reply id, text encoded, vector)``; a reply whose text changed meanwhile
    (edited, erased) is skipped, to be encoded again. Returns how many were stored."""
    texts: dict[int, str] = {}
    for start in range(0, len(vectors), CHUNK):
        ids = [reply_id for reply_id, _, _ in vectors[start : start + CHUNK]]
        rows = await session.execute(
            select(Reply.id, Reply.text)
            .where(Reply.id.in_(ids), Reply.deleted.is_(False))
            # PostgreSQL: an erasure or edit committing meanwhile waits for this
            # transaction, then forgets the vector (SQLite: checked again below)
            .with_for_update()
        )
        texts.update((row.id, row.text) for row in rows)
    fresh = [
        {"reply_id": rid, "encoder": encoder, "text_hash": text_hash(text), "vector": blob}
        for rid, text, blob in vectors
        if texts.get(rid) == text
    ]
    if fresh:
        statement = insert_for(session, ReplyEmbedding)
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=["reply_id"],
                set_={
                    "encoder": statement.excluded.encoder,
                    "text_hash": statement.excluded.text_hash,
                    "vector": statement.excluded.vector,
                },
            ),
            fresh,
        )
        # SQLite's driver begins the write transaction at its first write, so the texts
        # above were read outside it: an erasure or an edit may have committed since. Under
        # the write lock now (PostgreSQL's rows are locked already), a text that changed
        # takes its vector back out.
        stored = [rid for rid, text, _ in vectors if texts.get(rid) == text]
        now: dict[int, str] = {}
        for start in range(0, len(stored), CHUNK):
            rows = await session.execute(
                select(Reply.id, Reply.text).where(
                    Reply.id.in_(stored[start : start + CHUNK]), Reply.deleted.is_(False)
                )
            )
            now.update((row.id, row.text) for row in rows)
        stale = [rid for rid in stored if now.get(rid) != texts[rid]]
        if stale:
            await forget(session, stale)
        return len(fresh) - len(stale)
    return 0


async def vectors_of(
    session: AsyncSession, reply_ids: Iterable[int], encoder: str
) -> dict[int, bytes]:
    """The stored vector of each reply that has one of ``encoder``."""
    wanted = list(reply_ids)
    found: dict[int, bytes] = {}
    for start in range(0, len(wanted), CHUNK):
        rows = await session.execute(
            select(ReplyEmbedding.reply_id, ReplyEmbedding.vector).where(
                ReplyEmbedding.reply_id.in_(wanted[start : start + CHUNK]),
                ReplyEmbedding.encoder == encoder,
            )
        )
        found.update((row.reply_id, row.vector) for row in rows)
    return found


async def forget(session: AsyncSession, reply_ids: Sequence[int]) -> None:
    """Drop the vectors of these replies (their text was erased or changed)."""
    for start in range(0, len(reply_ids), CHUNK):
        chunk = reply_ids[start : start + CHUNK]
        await session.execute(delete(ReplyEmbedding).where(ReplyEmbedding.reply_id.in_(chunk)))
