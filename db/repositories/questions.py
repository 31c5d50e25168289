from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Question


async def add_questions(
    session: AsyncSession,
    guild_id: int,
    items: Sequence[tuple[str, str, list[str], str | None]],
    *,
    now: datetime,
) -> list[Question]:
    """Append ``(text, language, options, source)`` items at the end of the bank."""
    last = await session.scalar(
        select(func.max(Question.position)).where(Question.guild_id == guild_id)
    )
    position = last or 0
    added = []
    for text, language, options, source in items:
        position += 1
        question = Question(
            guild_id=guild_id,
            position=position,
            text=text,
            language=language,
            options=list(options),
            source=source,
            status="ready",
            created_at=now,
        )
        session.add(question)
        added.append(question)
    await session.flush()
    return added


async def get_question(session: AsyncSession, guild_id: int, question_id: int) -> Question | None:
    return await session.scalar(
        select(Question).where(
            Question.guild_id == guild_id,
            Question.id == question_id,
            Question.status != "removed",
        )
    )


async def list_questions(
    session: AsyncSession, guild_id: int, *, after_position: int = 0, limit: int = 10
) -> list[Question]:
    result = await session.scalars(
        select(Question)
        .where(
            Question.guild_id == guild_id,
            Question.status != "removed",
            Question.position > after_position,
        )
        .order_by(Question.position)
        .limit(limit)
    )
    return list(result)


async def count_questions(session: AsyncSession, guild_id: int) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(Question)
        .where(Question.guild_id == guild_id, Question.status != "removed")
    )
    return int(count or 0)


async def question_texts(session: AsyncSession, guild_id: int) -> list[str]:
    result = await session.scalars(
        select(Question.text).where(Question.guild_id == guild_id, Question.status != "removed")
    )
    return list(result)


async def next_unposted(session: AsyncSession, guild_id: int) -> Question | None:
    return await session.scalar(
        select(Question)
        .where(Question.guild_id == guild_id, Question.status == "ready")
        .order_by(Question.position)
        .limit(1)
    )


async def set_status(session: AsyncSession, question_id: int, status: str) -> None:
    await session.execute(update(Question).where(Question.id == question_id).values(status=status))
