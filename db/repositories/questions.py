from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Discussion, Question


async def add_questions(
    session: AsyncSession,
    guild_id: int,
    items: Sequence[tuple[str, str, list[str], str | None]],
    *,
    now: datetime,
    category: str | None = None,
    suggested_by: int | None = None,
    up_next: bool = False,
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
            category=category,
            suggested_by=suggested_by,
            up_next=up_next,
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
    session: AsyncSession,
    guild_id: int,
    *,
    after_position: int = 0,
    limit: int = 10,
    category: str | None = None,
    before_position: int | None = None,
) -> list[Question]:
    """Questions in bank order after ``after_position``; with ``before_position``, the
    ``limit`` last ones before it (still in bank order)."""
    query = select(Question).where(
        Question.guild_id == guild_id,
        Question.status != "removed",
        Question.position > after_position,
    )
    if category is not None:
        query = query.where(Question.category == category)
    if before_position is not None:
        query = query.where(Question.position < before_position)
        found = await session.scalars(query.order_by(Question.position.desc()).limit(limit))
        return list(found)[::-1]
    result = await session.scalars(query.order_by(Question.position).limit(limit))
    return list(result)


async def count_questions(
    session: AsyncSession, guild_id: int, *, category: str | None = None
) -> int:
    query = (
        select(func.count())
        .select_from(Question)
        .where(Question.guild_id == guild_id, Question.status != "removed")
    )
    if category is not None:
        query = query.where(Question.category == category)
    return int(await session.scalar(query) or 0)


async def held_any(session: AsyncSession, guild_id: int) -> bool:
    """Whether the server's bank ever held a question (removed ones count)."""
    found = await session.scalar(select(Question.id).where(Question.guild_id == guild_id).limit(1))
    return found is not None


async def texts_by_id(session: AsyncSession, guild_id: int) -> list[tuple[int, str]]:
    """``(id, text)`` of the bank's questions, to name the one a duplicate repeats."""
    rows = await session.execute(
        select(Question.id, Question.text).where(
            Question.guild_id == guild_id, Question.status != "removed"
        )
    )
    return [(int(i), str(text)) for i, text in rows]


async def ready_from(
    session: AsyncSession, guild_id: int, source: str, language: str
) -> list[Question]:
    """The questions of ``source`` in ``language`` not posted yet (nor removed)."""
    result = await session.scalars(
        select(Question).where(
            Question.guild_id == guild_id,
            Question.source == source,
            Question.language == language,
            Question.status == "ready",
        )
    )
    return list(result)


async def texts_ever_held(session: AsyncSession, guild_id: int) -> list[str]:
    """Every question the server's bank ever held, removed ones included."""
    result = await session.scalars(select(Question.text).where(Question.guild_id == guild_id))
    return list(result)


async def numbered_texts_ever_held(session: AsyncSession, guild_id: int) -> list[tuple[int, str]]:
    """Every question the server's bank ever held (removed ones included), with its number."""
    result = await session.execute(
        select(Question.id, Question.text)
        .where(Question.guild_id == guild_id)
        .order_by(Question.id)
    )
    return [(number, text) for number, text in result]


async def next_unposted(session: AsyncSession, guild_id: int) -> Question | None:
    return await session.scalar(
        select(Question)
        .where(Question.guild_id == guild_id, Question.status == "ready")
        .order_by(Question.position)
        .limit(1)
    )


async def first_ready(
    session: AsyncSession,
    guild_id: int,
    *,
    category: str | None = None,
    up_next: bool = False,
    skip: Sequence[int] = (),
) -> Question | None:
    """The first unposted question in bank order (of a category, or chosen to go next)."""
    query = select(Question).where(Question.guild_id == guild_id, Question.status == "ready")
    if category is not None:
        query = query.where(Question.category == category)
    if up_next:
        query = query.where(Question.up_next.is_(True))
    if skip:
        query = query.where(Question.id.not_in(list(skip)))
    return await session.scalar(query.order_by(Question.position).limit(1))


async def count_ready_up_next(session: AsyncSession, guild_id: int) -> int:
    """How many unposted questions are chosen to go next (they go in bank order)."""
    found = await session.scalar(
        select(func.count())
        .select_from(Question)
        .where(
            Question.guild_id == guild_id,
            Question.status == "ready",
            Question.up_next.is_(True),
        )
    )
    return int(found or 0)


async def claim_ready(session: AsyncSession, question_id: int) -> bool:
    """Mark a ready question posted; ``False`` when someone posted it first."""
    result = await session.execute(
        update(Question)
        .where(Question.id == question_id, Question.status == "ready")
        .values(status="posted", up_next=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def last_posted_category(session: AsyncSession, guild_id: int) -> str | None:
    """The category the server's newest discussion was posted with (as its post shows
    it: a question given another category since does not change what was posted)."""
    return await session.scalar(
        select(Discussion.category)
        .where(Discussion.guild_id == guild_id)
        .order_by(Discussion.id.desc())
        .limit(1)
    )


async def category_counts(session: AsyncSession, guild_id: int) -> dict[str, tuple[int, int]]:
    """Each category of the bank: (questions not yet posted, questions in all)."""
    rows = await session.execute(
        select(Question.category, Question.status, func.count())
        .where(
            Question.guild_id == guild_id,
            Question.status != "removed",
            Question.category.is_not(None),
        )
        .group_by(Question.category, Question.status)
    )
    counts: dict[str, tuple[int, int]] = {}
    for category, status, n in rows:
        ready, total = counts.get(str(category), (0, 0))
        counts[str(category)] = (ready + (int(n) if status == "ready" else 0), total + int(n))
    return counts


async def set_status(session: AsyncSession, question_id: int, status: str) -> None:
    await session.execute(update(Question).where(Question.id == question_id).values(status=status))


async def mark_removed(session: AsyncSession, question_id: int) -> bool:
    """Take a question out of the bank; ``False`` when it was out already (removed a
    moment ago by another moderator)."""
    result = await session.execute(
        update(Question)
        .where(Question.id == question_id, Question.status != "removed")
        .values(status="removed")
    )
    return bool(getattr(result, "rowcount", 0))


async def mark_posted(session: AsyncSession, question_id: int) -> bool:
    """Mark a question posted (again, for a repost); ``False`` when staff removed it a
    moment ago."""
    result = await session.execute(
        update(Question)
        .where(Question.id == question_id, Question.status != "removed")
        .values(status="posted")
    )
    return bool(getattr(result, "rowcount", 0))


async def unmark_posted(session: AsyncSession, question_id: int, status: str) -> None:
    """A post undone: the question is ``status`` again, unless staff removed it since."""
    await session.execute(
        update(Question)
        .where(Question.id == question_id, Question.status == "posted")
        .values(status=status)
    )
