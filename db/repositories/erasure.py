"""What erasing stored replies does, whoever erases them: the member, staff, retention,
or Discord (the message deleted)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Reply, ReplyRevision, Vote
from db.repositories import embeddings

ERASED: dict[str, object] = {"deleted": True, "text": "", "author_name": "", "author_id": 0}
"""An erased reply keeps its id (to recognise the message) and nothing of its author."""
CHUNK = 500
"""Replies erased per statement: a bound on the ids a statement carries."""


async def erase_replies(
    session: AsyncSession, ids: Sequence[int], erased_by: str, *, live_only: bool = False
) -> None:
    """Erase the replies ``ids`` (``live_only``: those not erased already; the others keep
    who erased them): their text and author go, and so do their earlier versions, their
    sentence vectors and the votes cast on them; the rows stay, so that the messages are
    recognised and never stored again.

    The text goes first: a vector being stored meanwhile then finds no text to match
    (``embeddings.store``), or holds the row until its vector is forgotten here."""
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        erasing = update(Reply).where(Reply.id.in_(chunk))
        if live_only:
            erasing = erasing.where(Reply.deleted.is_(False))
        await session.execute(erasing.values({**ERASED, "erased_by": erased_by}))
        await forget_around(session, chunk)


async def forget_around(session: AsyncSession, ids: list[int]) -> None:
    """What erased replies leave beside their rows: their earlier versions, their sentence
    vectors and the votes cast on them (their rows erased first: see :func:`erase_replies`)."""
    await session.execute(delete(ReplyRevision).where(ReplyRevision.reply_id.in_(ids)))
    await embeddings.forget(session, ids)
    await session.execute(delete(Vote).where(Vote.reply_id.in_(ids)))
