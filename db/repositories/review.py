"""Reads of the web review room: discussions with their figures, replies with
filters, sorting and keyset pagination, and what comes with a page of replies.

Every query is scoped to one server by its caller (a discussion is checked
to be the server's before its replies are read).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    bindparam,
    case,
    exists,
    false,
    func,
    select,
    tuple_,
    union,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    AuditEntry,
    Discussion,
    MemberPreference,
    Reply,
    ReplyRevision,
    Stance,
    Vote,
)
from db.repositories.events import UNSEEN
from db.repositories.export import not_opted_out
from db.text_search import matches

Sort = Literal["new", "old", "votes"]


async def discussions_page(
    session: AsyncSession, guild_id: int, *, before_id: int | None, limit: int
) -> list[Discussion]:
    """The server's discussions, newest first, by keyset on the id."""
    query = select(Discussion).where(Discussion.guild_id == guild_id)
    if before_id is not None:
        query = query.where(Discussion.id < before_id)
    result = await session.scalars(query.order_by(Discussion.id.desc()).limit(limit))
    return list(result)


async def fingerprint(session: AsyncSession, discussion: Discussion, history: Sequence[int]) -> str:
    """What a discussion's summary is computed from, in a few numbers: it changes
    whenever a reply is added, edited, deleted or erased, a vote or a stance is
    cast, changed or withdrawn, a member of the server opts out or in, the
    discussion closes or reopens, or the discussions its stance model learns
    from (``history``) gain replies or stances.

    Read with a handful of aggregates over the discussion's indexes (a few
    milliseconds for 10,000 replies), so nothing has to be maintained on the
    write path.
    """
    replies = (
        await session.execute(
            select(
                func.count(),
                func.max(Reply.id),
                func.max(Reply.edited_at),
                func.sum(case((Reply.deleted, 1), else_=0)),
                func.sum(func.length(Reply.text)),
            ).where(Reply.discussion_id == discussion.id)
        )
    ).one()
    votes = (
        await session.execute(
            select(func.count(), func.max(Vote.at), func.sum(Vote.value)).where(
                Vote.discussion_id == discussion.id
            )
        )
    ).one()
    learned = [*history, discussion.id]
    stances = (
        await session.execute(
            select(func.count(), func.max(Stance.at), func.sum(Stance.option)).where(
                Stance.discussion_id.in_(learned)
            )
        )
    ).one()
    grown = (
        await session.execute(
            select(func.count(), func.max(Reply.id)).where(Reply.discussion_id.in_(list(history)))
        )
    ).one()
    preferences = (
        await session.execute(
            select(func.count(), func.max(MemberPreference.updated_at)).where(
                MemberPreference.guild_id == discussion.guild_id
            )
        )
    ).one()
    parts = [discussion.closed_at, discussion.closes_at, *replies, *votes, *stances, *grown]
    parts += [*preferences, *history]
    return "|".join("" if p is None else str(p) for p in parts)


@dataclass(frozen=True, slots=True)
class DiscussionFigures:
    replies: int
    participants: int
    """Members who replied or declared a stance (as the summary counts them)."""


async def figures(
    session: AsyncSession, discussion_ids: Sequence[int]
) -> dict[int, DiscussionFigures]:
    """Live replies and participants of each discussion, in two queries; a member who
    opted out is left out, as the summary leaves her out."""
    ids = list(discussion_ids)
    if not ids:
        return {}
    live = (
        Reply.discussion_id.in_(ids),
        Reply.deleted.is_(False),
        not_opted_out(Reply.guild_id, Reply.author_id),
    )
    counted = await session.execute(
        select(Reply.discussion_id, func.count()).where(*live).group_by(Reply.discussion_id)
    )
    replies = {int(d): int(n) for d, n in counted}
    people = union(
        select(Reply.discussion_id.label("d"), Reply.author_id.label("member")).where(*live),
        select(Stance.discussion_id.label("d"), Stance.user_id.label("member")).where(
            Stance.discussion_id.in_(ids), not_opted_out(Stance.guild_id, Stance.user_id)
        ),
    ).subquery()
    counted = await session.execute(select(people.c.d, func.count()).group_by(people.c.d))
    participants = {int(d): int(n) for d, n in counted}
    return {d: DiscussionFigures(replies.get(d, 0), participants.get(d, 0)) for d in ids}


async def known_members(session: AsyncSession, guild_id: int) -> int:
    """Members of the server who ever replied, declared a stance or voted (not those who
    opted out: the shares' participants leave them out)."""
    people = union(
        select(Reply.author_id.label("member")).where(
            Reply.guild_id == guild_id,
            Reply.deleted.is_(False),
            not_opted_out(Reply.guild_id, Reply.author_id),
        ),
        select(Stance.user_id.label("member")).where(
            Stance.guild_id == guild_id, not_opted_out(Stance.guild_id, Stance.user_id)
        ),
        select(Vote.voter_id.label("member")).where(
            Vote.guild_id == guild_id, not_opted_out(Vote.guild_id, Vote.voter_id)
        ),
    ).subquery()
    return int(await session.scalar(select(func.count()).select_from(people)) or 0)


async def opted_out_ids(session: AsyncSession, guild_id: int) -> frozenset[int]:
    """Who opted out of collection in the server (counted by Discord among its members
    while they stay, left out of every share's participants)."""
    found = await session.scalars(
        select(MemberPreference.user_id).where(
            MemberPreference.guild_id == guild_id, MemberPreference.opted_out.is_(True)
        )
    )
    return frozenset(int(u) for u in found)


@dataclass(frozen=True, slots=True)
class ReplyQuery:
    """What the replies list of a discussion asks for; every field optional."""

    terms: tuple[str, ...] = ()
    """Folded search terms (:func:`db.text_search.terms`); all must occur."""
    author_id: int | None = None
    declared_option: int | None = None
    """Only replies whose author declared this option."""
    reply_ids: Sequence[int] | None = None
    """Only these replies (the summary's inferred stances)."""
    since: datetime | None = None
    until: datetime | None = None
    votes: Literal["with", "without"] | None = None
    sort: Sort = "new"
    after: tuple[int, int] | None = None
    """Keyset cursor: ``(votes, id)`` for ``votes``, ``(0, id)`` otherwise."""
    with_deleted: bool = True
    """Tombstones of deleted replies (never when searching text)."""


@dataclass(frozen=True, slots=True)
class ReplyRow:
    id: int
    discussion_id: int
    author_id: int
    author_name: str
    text: str
    created_at: datetime
    edited_at: datetime | None
    reply_to: int | None
    deleted: bool
    via_modal: bool
    erased_by: str | None
    votes: int
    agree: int
    disagree: int
    passed: int
    declared: int | None
    """The option the author declared in the discussion."""


def _vote_count(value: int | None = None) -> Any:
    query = select(func.count()).select_from(Vote).where(Vote.reply_id == Reply.id)
    if value is not None:
        query = query.where(Vote.value == value)
    return query.correlate(Reply).scalar_subquery()


def _declared() -> Any:
    return (
        select(Stance.option)
        .where(Stance.discussion_id == Reply.discussion_id, Stance.user_id == Reply.author_id)
        .correlate(Reply)
        .scalar_subquery()
    )


_VOTES = _vote_count()
_REPLY_COLUMNS = (
    Reply.id,
    Reply.discussion_id,
    Reply.author_id,
    Reply.author_name,
    Reply.text,
    Reply.created_at,
    Reply.edited_at,
    Reply.reply_to,
    Reply.deleted,
    Reply.via_modal,
    Reply.erased_by,
    _VOTES.label("votes"),
    _vote_count(1).label("agree"),
    _vote_count(-1).label("disagree"),
    _vote_count(0).label("passed"),
    _declared().label("declared"),
)
"""A page's columns, built once (a statement's construction costs more than its run)."""


def _ids_in(dialect: str, ids: Sequence[int]) -> ColumnElement[bool]:
    """``Reply.id`` among ``ids`` with one bound parameter, however many ids."""
    values = [int(i) for i in ids]
    if not values:
        return false()
    if dialect == "postgresql":
        return Reply.id == func.any(
            bindparam("reply_ids", values, type_=postgresql.ARRAY(BigInteger()))
        )
    listed = func.json_each(json.dumps(values)).table_valued("value")
    return Reply.id.in_(select(listed.c.value).scalar_subquery())


def _filters(
    query: Select[*tuple[Any, ...]], dialect: str, ask: ReplyQuery, count: Any
) -> Select[*tuple[Any, ...]]:
    if ask.terms:
        query = query.where(Reply.deleted.is_(False), matches(dialect, Reply.text, ask.terms))
    elif not ask.with_deleted:
        query = query.where(Reply.deleted.is_(False))
    else:
        query = query.where(Reply.erased_by.is_distinct_from(UNSEEN))
    if ask.author_id is not None:
        query = query.where(Reply.author_id == ask.author_id)
    if ask.declared_option is not None:
        query = query.where(
            exists().where(
                Stance.discussion_id == Reply.discussion_id,
                Stance.user_id == Reply.author_id,
                Stance.option == ask.declared_option,
            )
        )
    if ask.reply_ids is not None:
        query = query.where(_ids_in(dialect, ask.reply_ids))
    if ask.since is not None:
        query = query.where(Reply.created_at >= ask.since)
    if ask.until is not None:
        query = query.where(Reply.created_at < ask.until)
    if ask.votes == "with":
        query = query.where(exists().where(Vote.reply_id == Reply.id))
    elif ask.votes == "without":
        query = query.where(~exists().where(Vote.reply_id == Reply.id))
    if ask.after is not None:
        votes, last_id = ask.after
        if ask.sort == "old":
            query = query.where(Reply.id > last_id)
        elif ask.sort == "votes":
            query = query.where(tuple_(count, Reply.id) < tuple_(votes, last_id))
        else:
            query = query.where(Reply.id < last_id)
    return query


async def replies_page(
    session: AsyncSession, discussion_id: int, ask: ReplyQuery, *, limit: int
) -> list[ReplyRow]:
    """A page of a discussion's replies (deleted ones as tombstones), by keyset, each
    with its votes and its author's declared option, in one query.

    Ordered by ``(discussion_id, id)``, the index's own order, so the planner
    walks the discussion's index and stops at ``limit`` instead of walking the
    whole table's ids hoping to meet the discussion.
    """
    dialect = session.get_bind().dialect.name
    count = _VOTES
    query: Select[*tuple[Any, ...]] = select(*_REPLY_COLUMNS).where(
        Reply.discussion_id == discussion_id
    )
    query = _filters(query, dialect, ask, count)
    if ask.sort == "old":
        query = query.order_by(Reply.discussion_id, Reply.id)
    elif ask.sort == "votes":
        query = query.order_by(count.desc(), Reply.id.desc())
    else:
        query = query.order_by(Reply.discussion_id.desc(), Reply.id.desc())
    rows = await session.execute(query.limit(limit))
    return [ReplyRow(*row) for row in rows]


async def revisions_of(
    session: AsyncSession, reply_ids: Sequence[int]
) -> dict[int, list[tuple[str, datetime]]]:
    """Earlier texts of each reply, oldest first."""
    if not reply_ids:
        return {}
    rows = await session.execute(
        select(ReplyRevision.reply_id, ReplyRevision.text, ReplyRevision.edited_at)
        .where(ReplyRevision.reply_id.in_(list(reply_ids)))
        .order_by(ReplyRevision.reply_id, ReplyRevision.edited_at, ReplyRevision.id)
    )
    found: dict[int, list[tuple[str, datetime]]] = {}
    for reply_id, text, edited_at in rows:
        found.setdefault(int(reply_id), []).append((text, edited_at))
    return found


async def member_names(
    session: AsyncSession, guild_id: int, user_ids: Sequence[int]
) -> dict[int, str]:
    """The name each member last wrote under in this server (for ids in the audit log)."""
    return await _newest_names(
        session,
        Reply.id,
        Reply.author_id,
        Reply.author_name,
        user_ids,
        Reply.guild_id == guild_id,
        Reply.deleted.is_(False),
    )


async def actor_names(
    session: AsyncSession, guild_id: int, user_ids: Sequence[int]
) -> dict[int, str]:
    """The name each actor went by in her newest audit entry of this server that keeps one."""
    return await _newest_names(
        session,
        AuditEntry.id,
        AuditEntry.actor_id,
        AuditEntry.actor_name,
        user_ids,
        AuditEntry.guild_id == guild_id,
        AuditEntry.actor_name.is_not(None),
    )


async def _newest_names(
    session: AsyncSession,
    row_id: Any,
    person: Any,
    name: Any,
    user_ids: Sequence[int],
    *where: ColumnElement[bool],
) -> dict[int, str]:
    """``name`` in each person's newest row (highest ``row_id``) among those ``where`` keeps."""
    wanted = sorted({int(u) for u in user_ids if u})
    if not wanted:
        return {}
    newest = (
        select(person, func.max(row_id).label("last"))
        .where(person.in_(wanted), *where)
        .group_by(person)
        .subquery()
    )
    rows = await session.execute(select(person, name).join(newest, row_id == newest.c.last))
    return {int(u): str(n) for u, n in rows if u is not None and n}


async def audit_page(
    session: AsyncSession, guild_id: int, *, before_id: int | None, limit: int
) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.guild_id == guild_id)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    result = await session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit))
    return list(result)


async def search_replies(
    session: AsyncSession,
    guild_id: int,
    terms: tuple[str, ...],
    *,
    before_id: int | None,
    limit: int,
    window: int,
) -> tuple[list[tuple[Reply, str, str]], int | None]:
    """The server's live replies holding every one of ``terms`` (folded), in any of its
    discussions, with their discussion's question and its language, newest first; read among the
    ``window`` newest replies below ``before_id`` only, so that a word found nowhere does
    not read a whole server's replies for one page. Also returns the oldest id of that
    window when older replies remain below it (``None``: the window reached the first)."""
    dialect = session.get_bind().dialect.name
    below = [Reply.guild_id == guild_id]
    if before_id is not None:
        below.append(Reply.id < before_id)
    floor = await session.scalar(
        select(Reply.id).where(*below).order_by(Reply.id.desc()).offset(window - 1).limit(1)
    )
    query = (
        select(Reply, Discussion.question_text, Discussion.language)
        .join(Discussion, Discussion.id == Reply.discussion_id)
        .where(*below, Reply.deleted.is_(False), matches(dialect, Reply.text, terms))
    )
    if floor is not None:
        query = query.where(Reply.id >= floor)
    rows = await session.execute(query.order_by(Reply.id.desc()).limit(limit))
    return [(reply, question, language) for reply, question, language in rows], floor


async def member_replies(
    session: AsyncSession, guild_id: int, user_id: int, *, before_id: int | None, limit: int
) -> list[tuple[Reply, str, str]]:
    """A member's live replies in the server with their discussion's question and its
    language, newest first."""
    query = (
        select(Reply, Discussion.question_text, Discussion.language)
        .join(Discussion, Discussion.id == Reply.discussion_id)
        .where(Reply.guild_id == guild_id, Reply.author_id == user_id, Reply.deleted.is_(False))
    )
    if before_id is not None:
        query = query.where(Reply.id < before_id)
    rows = await session.execute(query.order_by(Reply.id.desc()).limit(limit))
    return [(reply, question, language) for reply, question, language in rows]
