"""An erased member's words the bot still has to take off Discord (``ErasedDiscordText``)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ErasedDiscordText

FORM_POST = "form_post"
"""The bot's post of her form answer: the message to delete."""
QUOTE = "quote"
"""Her reply, whose lines go from the closing summaries posted in its thread."""

_CHUNK = 500


async def note(
    session: AsyncSession, guild_id: int, kind: str, messages: list[tuple[int, int]]
) -> None:
    """Note ``(thread id, message id)`` pairs of one kind; one noted already stays once."""
    threads = {message: thread for thread, message in messages}
    ids = list(threads)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        noted = set(
            await session.scalars(
                select(ErasedDiscordText.message_id).where(
                    ErasedDiscordText.kind == kind, ErasedDiscordText.message_id.in_(chunk)
                )
            )
        )
        session.add_all(
            ErasedDiscordText(
                kind=kind, message_id=message, thread_id=threads[message], guild_id=guild_id
            )
            for message in chunk
            if message not in noted
        )


async def pending(session: AsyncSession) -> list[ErasedDiscordText]:
    """Everything noted and not yet taken off Discord, a thread's rows together."""
    return list(
        await session.scalars(
            select(ErasedDiscordText).order_by(
                ErasedDiscordText.thread_id, ErasedDiscordText.kind, ErasedDiscordText.message_id
            )
        )
    )


async def done(session: AsyncSession, kind: str, message_ids: list[int]) -> None:
    for start in range(0, len(message_ids), _CHUNK):
        await session.execute(
            delete(ErasedDiscordText).where(
                ErasedDiscordText.kind == kind,
                ErasedDiscordText.message_id.in_(message_ids[start : start + _CHUNK]),
            )
        )
