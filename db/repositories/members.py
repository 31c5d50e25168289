"""A member's own data: preferences, what is stored about them, erasure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Discussion,
    MemberPreference,
    PrivacyInterval,
    Reply,
    ReplyRevision,
    Stance,
    StanceChange,
    Suggestion,
    Vote,
)
from db.repositories import audit, erased_texts, suggestions, web_auth
from db.repositories._dialect import insert_for
from db.repositories.erasure import erase_replies

OPTED_OUT = "opted_out"
ERASED_REASON = "erased"


async def set_opted_out(
    session: AsyncSession, guild_id: int, user_id: int, opted_out: bool, now: datetime
) -> None:
    """Record the member's choice and open (opt-out) or close (opt-in) her interval."""
    statement = insert_for(session, MemberPreference).values(
        guild_id=guild_id, user_id=user_id, opted_out=opted_out, updated_at=now
    )
    statement = statement.on_conflict_do_update(
        index_elements=["guild_id", "user_id"],
        set_={"opted_out": opted_out, "updated_at": now},
    )
    await session.execute(statement)
    open_ = await session.scalar(
        select(PrivacyInterval).where(
            *_of(guild_id, user_id),
            PrivacyInterval.reason == OPTED_OUT,
            PrivacyInterval.ends_at.is_(None),
        )
    )
    if opted_out and open_ is None:
        session.add(
            PrivacyInterval(
                guild_id=guild_id, user_id=user_id, reason=OPTED_OUT, starts_at=now, ends_at=None
            )
        )
    elif not opted_out and open_ is not None:
        open_.ends_at = now
    await session.flush()


def _of(guild_id: int, user_id: int) -> tuple[Any, ...]:
    return (PrivacyInterval.guild_id == guild_id, PrivacyInterval.user_id == user_id)


async def opted_out_members(session: AsyncSession) -> list[tuple[int, int]]:
    rows = await session.execute(
        select(MemberPreference.guild_id, MemberPreference.user_id).where(
            MemberPreference.opted_out.is_(True)
        )
    )
    return [(int(g), int(u)) for g, u in rows]


@dataclass(frozen=True, slots=True)
class Span:
    """A closed or open span of time in which a member's doings are not stored."""

    guild_id: int
    user_id: int
    reason: str
    starts_at: datetime | None
    ends_at: datetime | None


async def privacy_spans(session: AsyncSession) -> list[Span]:
    rows = await session.scalars(select(PrivacyInterval))
    return [Span(int(r.guild_id), int(r.user_id), r.reason, r.starts_at, r.ends_at) for r in rows]


async def spans_of(session: AsyncSession, guild_id: int, user_id: int) -> list[Span]:
    rows = await session.scalars(
        select(PrivacyInterval).where(*_of(guild_id, user_id)).order_by(PrivacyInterval.id)
    )
    return [Span(guild_id, user_id, r.reason, r.starts_at, r.ends_at) for r in rows]


@dataclass(frozen=True, slots=True)
class MemberCounts:
    replies: int
    stances: int
    votes: int
    opted_out: bool
    suggestions: int = 0
    """Questions she suggested that are still stored (waiting, approved or rejected)."""


async def counts(session: AsyncSession, guild_id: int, user_id: int) -> MemberCounts:
    """What is stored about the member, in one round trip (five scalar subqueries)."""
    row = (
        await session.execute(
            select(
                select(func.count())
                .select_from(Reply)
                .where(
                    Reply.guild_id == guild_id,
                    Reply.author_id == user_id,
                    Reply.deleted.is_(False),
                )
                .scalar_subquery(),
                select(func.count())
                .select_from(Stance)
                .where(Stance.guild_id == guild_id, Stance.user_id == user_id)
                .scalar_subquery(),
                select(func.count())
                .select_from(Vote)
                .where(Vote.guild_id == guild_id, Vote.voter_id == user_id)
                .scalar_subquery(),
                select(MemberPreference.opted_out)
                .where(MemberPreference.guild_id == guild_id, MemberPreference.user_id == user_id)
                .scalar_subquery(),
                select(func.count())
                .select_from(Suggestion)
                .where(Suggestion.guild_id == guild_id, Suggestion.author_id == user_id)
                .scalar_subquery(),
            )
        )
    ).one()
    replies, stances, votes, opted_out, suggested = row
    return MemberCounts(
        int(replies or 0), int(stances or 0), int(votes or 0), bool(opted_out), int(suggested or 0)
    )


async def stances_of(
    session: AsyncSession, guild_id: int, user_id: int, *, limit: int = 25
) -> list[tuple[Stance, Discussion]]:
    rows = await session.execute(
        select(Stance, Discussion)
        .join(Discussion, Discussion.id == Stance.discussion_id)
        .where(Stance.guild_id == guild_id, Stance.user_id == user_id)
        .order_by(Stance.discussion_id.desc())
        .limit(limit)
    )
    return [(s, d) for s, d in rows]


@dataclass(frozen=True, slots=True)
class Erasure:
    replies: int
    form_posts: list[tuple[int, int]]
    """(thread id, message id) of the bot's posts of her form replies."""
    suggestions: int = 0
    """Her suggestions erased."""
    cards: int = 0
    """Their review cards, noted in ``erased_review_cards`` for removal from Discord."""
    closed_replies: list[tuple[int, int]] = field(default_factory=list)
    """(thread id, reply id) of her replies in closed discussions, which the closing
    summary posted in the thread may quote."""


async def erase_member(
    session: AsyncSession, guild_id: int, user_id: int, now: datetime
) -> Erasure:
    """Erase everything stored about a member in one server, up to ``now``, for good.

    Her replies keep only their ids (no text, name or author: recognisers);
    their revisions, vectors and the votes on them go, as do her stances,
    stance history, votes and suggestions (their review cards are noted for
    removal from Discord, as are the bot's posts of her form answers and the closing
    summaries' quotes of her replies); her own audit entries lose her id. An ``erased`` interval up to ``now`` replaces her
    earlier intervals, so nothing she did before is stored again.
    """
    rows = (
        await session.execute(
            select(
                Reply.id,
                Reply.via_modal,
                Reply.deleted,
                Discussion.thread_id,
                Discussion.closed_at,
            )
            .join(Discussion, Discussion.id == Reply.discussion_id)
            .where(Reply.guild_id == guild_id, Reply.author_id == user_id)
        )
    ).all()
    ids = [row.id for row in rows]
    posts = [
        (int(row.thread_id), int(row.id))
        for row in rows
        if row.via_modal and not row.deleted and row.thread_id is not None
    ]
    await erase_replies(session, ids, "member")
    await session.execute(
        delete(Stance).where(Stance.guild_id == guild_id, Stance.user_id == user_id)
    )
    await session.execute(
        delete(StanceChange).where(
            StanceChange.guild_id == guild_id, StanceChange.user_id == user_id
        )
    )
    await session.execute(delete(Vote).where(Vote.guild_id == guild_id, Vote.voter_id == user_id))
    suggested, cards = await suggestions.erase_author(session, guild_id, user_id)
    await audit.forget_member(session, guild_id, user_id)
    await web_auth.forget_name(session, guild_id, user_id)
    # Intervals over by now are inside the new one; an open opt-out stays open.
    await session.execute(
        delete(PrivacyInterval).where(
            *_of(guild_id, user_id),
            PrivacyInterval.ends_at.is_not(None),
            PrivacyInterval.ends_at <= now,
        )
    )
    session.add(
        PrivacyInterval(
            guild_id=guild_id, user_id=user_id, reason=ERASED_REASON, starts_at=None, ends_at=now
        )
    )
    await session.flush()
    closed = [
        (int(row.thread_id), int(row.id))
        for row in rows
        if row.closed_at is not None and row.thread_id is not None
    ]
    await erased_texts.note(session, guild_id, erased_texts.FORM_POST, posts)
    await erased_texts.note(session, guild_id, erased_texts.QUOTE, closed)
    return Erasure(len([row for row in rows if not row.deleted]), posts, suggested, cards, closed)


async def revisions_of(
    session: AsyncSession, reply_ids: list[int]
) -> dict[int, list[ReplyRevision]]:
    """Earlier versions of the given replies, oldest first."""
    found: dict[int, list[ReplyRevision]] = {}
    for start in range(0, len(reply_ids), 500):
        rows = await session.scalars(
            select(ReplyRevision)
            .where(ReplyRevision.reply_id.in_(reply_ids[start : start + 500]))
            .order_by(ReplyRevision.reply_id, ReplyRevision.edited_at)
        )
        for row in rows:
            found.setdefault(row.reply_id, []).append(row)
    return found


async def votes_by(session: AsyncSession, guild_id: int, user_id: int) -> list[Vote]:
    rows = await session.scalars(
        select(Vote)
        .where(Vote.guild_id == guild_id, Vote.voter_id == user_id)
        .order_by(Vote.discussion_id, Vote.reply_id)
    )
    return list(rows)


async def stance_history(
    session: AsyncSession, guild_id: int, user_id: int
) -> list[tuple[StanceChange, Discussion]]:
    rows = await session.execute(
        select(StanceChange, Discussion)
        .join(Discussion, Discussion.id == StanceChange.discussion_id)
        .where(StanceChange.guild_id == guild_id, StanceChange.user_id == user_id)
        .order_by(StanceChange.discussion_id, StanceChange.at, StanceChange.id)
    )
    return [(c, d) for c, d in rows]


async def preference_of(
    session: AsyncSession, guild_id: int, user_id: int
) -> MemberPreference | None:
    return await session.get(MemberPreference, (guild_id, user_id))
