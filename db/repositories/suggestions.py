"""Members' suggestions: stored, listed for staff, decided once."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Discussion, ErasedCredit, ErasedReviewCard, Question, Suggestion
from db.repositories._dialect import insert_for


async def add(session: AsyncSession, suggestion: Suggestion) -> Suggestion:
    session.add(suggestion)
    await session.flush()
    return suggestion


async def get(session: AsyncSession, guild_id: int, suggestion_id: int) -> Suggestion | None:
    return await session.scalar(
        select(Suggestion).where(Suggestion.guild_id == guild_id, Suggestion.id == suggestion_id)
    )


async def recent_by_author(
    session: AsyncSession, guild_id: int, author_id: int, since: datetime
) -> list[datetime]:
    """When the member suggested since ``since`` (any outcome), oldest first."""
    result = await session.scalars(
        select(Suggestion.created_at)
        .where(
            Suggestion.guild_id == guild_id,
            Suggestion.author_id == author_id,
            Suggestion.created_at >= since,
        )
        .order_by(Suggestion.created_at)
    )
    return list(result)


async def pending_texts(session: AsyncSession, guild_id: int) -> list[tuple[int, str]]:
    rows = await session.execute(
        select(Suggestion.id, Suggestion.text).where(
            Suggestion.guild_id == guild_id, Suggestion.status == "pending"
        )
    )
    return [(int(i), str(text)) for i, text in rows]


async def rejected(session: AsyncSession, guild_id: int) -> list[Suggestion]:
    """The server's rejected suggestions, latest decision first."""
    result = await session.scalars(
        select(Suggestion)
        .where(Suggestion.guild_id == guild_id, Suggestion.status == "rejected")
        .order_by(Suggestion.decided_at.desc(), Suggestion.id.desc())
    )
    return list(result)


async def pending_page(
    session: AsyncSession,
    guild_id: int,
    *,
    after_id: int = 0,
    limit: int = 5,
    before_id: int | None = None,
) -> list[Suggestion]:
    """Pending suggestions, oldest first, after ``after_id`` (a keyset cursor); with
    ``before_id``, the ``limit`` last ones before it (still oldest first)."""
    query = select(Suggestion).where(
        Suggestion.guild_id == guild_id,
        Suggestion.status == "pending",
        Suggestion.id > after_id,
    )
    if before_id is not None:
        query = query.where(Suggestion.id < before_id)
        found = await session.scalars(query.order_by(Suggestion.id.desc()).limit(limit))
        return list(found)[::-1]
    result = await session.scalars(query.order_by(Suggestion.id).limit(limit))
    return list(result)


async def count_pending(session: AsyncSession, guild_id: int) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(Suggestion)
        .where(Suggestion.guild_id == guild_id, Suggestion.status == "pending")
    )
    return int(count or 0)


async def decide(
    session: AsyncSession,
    suggestion_id: int,
    *,
    status: str,
    by: int,
    at: datetime,
    reason: str | None = None,
    question_id: int | None = None,
) -> bool:
    """Approve or reject a pending suggestion; ``False`` when it was decided already."""
    result = await session.execute(
        update(Suggestion)
        .where(Suggestion.id == suggestion_id, Suggestion.status == "pending")
        .values(status=status, decided_by=by, decided_at=at, reason=reason, question_id=question_id)
    )
    return bool(getattr(result, "rowcount", 0))


async def rewrite(
    session: AsyncSession,
    suggestion_id: int,
    *,
    text: str,
    options: list[str],
    category: str | None,
) -> bool:
    """Staff's edit of a pending suggestion; ``False`` when it was decided meanwhile."""
    result = await session.execute(
        update(Suggestion)
        .where(Suggestion.id == suggestion_id, Suggestion.status == "pending")
        .values(text=text, options=options, category=category)
    )
    return bool(getattr(result, "rowcount", 0))


async def count_without_card(session: AsyncSession, guild_id: int, channel_id: int) -> int:
    """Pending suggestions with no card in ``channel_id``: made before it was the review
    channel (or while there was none), whose card the bot could not post there, or whose
    card was deleted there (:func:`cards_gone`)."""
    count = await session.scalar(
        select(func.count())
        .select_from(Suggestion)
        .where(
            Suggestion.guild_id == guild_id,
            Suggestion.status == "pending",
            func.coalesce(Suggestion.review_channel_id, 0) != channel_id,
        )
    )
    return int(count or 0)


async def set_review_message(
    session: AsyncSession, suggestion_id: int, *, channel_id: int, message_id: int
) -> None:
    await session.execute(
        update(Suggestion)
        .where(Suggestion.id == suggestion_id)
        .values(review_channel_id=channel_id, review_message_id=message_id)
    )


async def with_card(
    session: AsyncSession,
    guild_id: int,
    channel_id: int,
    message_ids: Collection[int] | None = None,
) -> list[tuple[int, int]]:
    """``(suggestion id, card's message id)`` of the pending suggestions whose card is in
    ``channel_id`` (among ``message_ids`` when given)."""
    query = select(Suggestion.id, Suggestion.review_message_id).where(
        Suggestion.guild_id == guild_id,
        Suggestion.status == "pending",
        Suggestion.review_channel_id == channel_id,
        Suggestion.review_message_id.is_not(None),
    )
    if message_ids is not None:
        query = query.where(Suggestion.review_message_id.in_(list(message_ids)))
    rows = await session.execute(query.order_by(Suggestion.id))
    return [(int(i), int(m)) for i, m in rows if m is not None]


async def cards_gone(session: AsyncSession, guild_id: int, suggestion_ids: list[int]) -> None:
    """Their cards were deleted in Discord: pending, they count as having none
    (:func:`count_without_card`)."""
    await session.execute(
        update(Suggestion)
        .where(Suggestion.guild_id == guild_id, Suggestion.id.in_(suggestion_ids))
        .values(review_channel_id=None, review_message_id=None)
    )


async def of_author(session: AsyncSession, guild_id: int, author_id: int) -> list[Suggestion]:
    """Everything a member suggested in a server, oldest first (her download)."""
    result = await session.scalars(
        select(Suggestion)
        .where(Suggestion.guild_id == guild_id, Suggestion.author_id == author_id)
        .order_by(Suggestion.id)
    )
    return list(result)


async def erase_author(session: AsyncSession, guild_id: int, user_id: int) -> tuple[int, int]:
    """A member's erasure: their suggestions go (a pending one leaves the queue), their
    name leaves the questions staff approved (the question itself stays in the bank,
    as staff's; the posts that credited them are noted to be drawn again,
    :func:`credits_to_redraw`), and their review cards are noted for removal
    from Discord (:func:`cards_to_remove`). Returns how many suggestions went, and cards."""
    cards = (
        await session.execute(
            select(Suggestion.review_channel_id, Suggestion.review_message_id).where(
                Suggestion.guild_id == guild_id,
                Suggestion.author_id == user_id,
                Suggestion.review_message_id.is_not(None),
                Suggestion.review_channel_id.is_not(None),
            )
        )
    ).all()
    if cards:
        statement = insert_for(session, ErasedReviewCard).on_conflict_do_nothing(
            index_elements=["message_id"]
        )
        await session.execute(
            statement,
            [
                {"message_id": message, "channel_id": channel, "guild_id": guild_id}
                for channel, message in cards
            ],
        )
    result = await session.execute(
        delete(Suggestion).where(Suggestion.guild_id == guild_id, Suggestion.author_id == user_id)
    )
    credited = (
        await session.scalars(
            select(Discussion.id).where(
                Discussion.guild_id == guild_id,
                Discussion.message_id.is_not(None),
                Discussion.question_id.in_(
                    select(Question.id).where(
                        Question.guild_id == guild_id, Question.suggested_by == user_id
                    )
                ),
            )
        )
    ).all()
    if credited:
        statement = insert_for(session, ErasedCredit).on_conflict_do_nothing(
            index_elements=["discussion_id"]
        )
        await session.execute(
            statement, [{"discussion_id": d, "guild_id": guild_id} for d in credited]
        )
    await session.execute(
        update(Question)
        .where(Question.guild_id == guild_id, Question.suggested_by == user_id)
        .values(suggested_by=None)
    )
    return int(getattr(result, "rowcount", 0) or 0), len(cards)


async def cards_to_remove(session: AsyncSession) -> list[ErasedReviewCard]:
    """Review cards of erased suggestions not yet removed from Discord."""
    return list(
        await session.scalars(select(ErasedReviewCard).order_by(ErasedReviewCard.message_id))
    )


async def card_removed(session: AsyncSession, message_id: int) -> None:
    await session.execute(delete(ErasedReviewCard).where(ErasedReviewCard.message_id == message_id))


async def credits_to_redraw(session: AsyncSession) -> list[ErasedCredit]:
    """Question posts still crediting a member who erased her data."""
    return list(await session.scalars(select(ErasedCredit).order_by(ErasedCredit.discussion_id)))


async def credit_redrawn(session: AsyncSession, discussion_id: int) -> None:
    await session.execute(delete(ErasedCredit).where(ErasedCredit.discussion_id == discussion_id))
