from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Discussion, Reply, Vote
from db.repositories.erasure import ERASED, erase_replies, forget_around
from db.text_search import matches


async def page(
    session: AsyncSession,
    guild_id: int,
    *,
    discussion_id: int | None = None,
    author_id: int | None = None,
    before_id: int | None = None,
    limit: int = 10,
    after_id: int | None = None,
    terms: tuple[str, ...] = (),
) -> list[tuple[Reply, int | None]]:
    """A page of stored replies with their thread id, newest first, by keyset on the id
    (``before_id``); with ``after_id``, the ``limit`` oldest ones newer than it (still
    newest first). With ``terms`` (folded, :func:`db.text_search.terms`), only those
    containing every one, as the web room searches."""
    query = (
        select(Reply, Discussion.thread_id)
        .join(Discussion, Discussion.id == Reply.discussion_id)
        .where(Reply.deleted.is_(False))
    )
    if discussion_id is not None:
        # The server is checked on the discussion (a reply is always in its
        # discussion's server): SQLite, without statistics, would otherwise
        # walk the whole server's ``(guild_id, id)`` index for an old discussion.
        query = query.where(Reply.discussion_id == discussion_id, Discussion.guild_id == guild_id)
    else:
        query = query.where(Reply.guild_id == guild_id)
    if author_id is not None:
        query = query.where(Reply.author_id == author_id)
    if terms:
        dialect = session.get_bind().dialect.name
        query = query.where(matches(dialect, Reply.text, terms))
    if before_id is not None:
        query = query.where(Reply.id < before_id)
    if after_id is not None:
        query = query.where(Reply.id > after_id)
        found = await session.execute(query.order_by(Reply.id).limit(limit))
        return [(reply, thread_id) for reply, thread_id in found][::-1]
    rows = await session.execute(query.order_by(Reply.id.desc()).limit(limit))
    return [(reply, thread_id) for reply, thread_id in rows]


async def get_reply(session: AsyncSession, guild_id: int, reply_id: int) -> Reply | None:
    return await session.scalar(
        select(Reply).where(Reply.guild_id == guild_id, Reply.id == reply_id)
    )


async def erase(session: AsyncSession, guild_id: int, reply_id: int) -> bool:
    """Erase a stored reply's text, author and history (staff); ``False`` when not found here."""
    result = await session.execute(
        update(Reply)
        .where(Reply.guild_id == guild_id, Reply.id == reply_id, Reply.deleted.is_(False))
        .values({**ERASED, "erased_by": "staff"})
    )
    if not getattr(result, "rowcount", 0):
        return False
    await forget_around(session, [reply_id])
    return True


async def erase_older_than(session: AsyncSession, guild_id: int, cutoff: datetime) -> int:
    """Retention: erase the texts of replies written before ``cutoff`` in closed discussions
    (an open one's summary, written at its close, still needs them, and their votes)."""
    closed = select(Discussion.id).where(
        Discussion.guild_id == guild_id, Discussion.closed_at.is_not(None)
    )
    ids = list(
        await session.scalars(
            select(Reply.id).where(
                Reply.guild_id == guild_id,
                Reply.created_at < cutoff,
                Reply.deleted.is_(False),
                Reply.discussion_id.in_(closed),
            )
        )
    )
    await erase_replies(session, ids, "retention")
    return len(ids)


async def erased_ids(session: AsyncSession, discussion_id: int) -> set[int]:
    """The erased replies of a discussion (their author, staff, Discord or retention)."""
    rows = await session.scalars(
        select(Reply.id).where(Reply.discussion_id == discussion_id, Reply.deleted.is_(True))
    )
    return set(rows)


async def erased_form_posts(session: AsyncSession, discussion_id: int) -> set[int]:
    """The bot's posts of form replies whose author or staff erased them since.

    They are the member's words under the bot's name, which she cannot delete
    herself: catch-up removes any still in the thread.
    """
    rows = await session.scalars(
        select(Reply.id).where(
            Reply.discussion_id == discussion_id,
            Reply.deleted.is_(True),
            Reply.via_modal.is_(True),
            Reply.erased_by.in_(("member", "staff")),
        )
    )
    return set(rows)


async def discussion_replies(session: AsyncSession, discussion_id: int) -> list[Reply]:
    result = await session.scalars(
        select(Reply)
        .where(Reply.discussion_id == discussion_id, Reply.deleted.is_(False))
        .order_by(Reply.id)
    )
    return list(result)


async def votes_of(session: AsyncSession, discussion_id: int) -> list[Vote]:
    result = await session.scalars(select(Vote).where(Vote.discussion_id == discussion_id))
    return list(result)


async def live_reply_edits(session: AsyncSession, discussion_id: int) -> dict[int, datetime | None]:
    """Every live (not deleted) reply of a discussion and when it was last edited."""
    rows = await session.execute(
        select(Reply.id, Reply.edited_at).where(
            Reply.discussion_id == discussion_id, Reply.deleted.is_(False)
        )
    )
    return {reply_id: edited_at for reply_id, edited_at in rows}


async def live_ids_by_discussion(
    session: AsyncSession, discussion_ids: Sequence[int]
) -> dict[int, set[int]]:
    """The ids of the live (not deleted) replies of each of these discussions."""
    if not discussion_ids:
        return {}
    rows = await session.execute(
        select(Reply.discussion_id, Reply.id).where(
            Reply.discussion_id.in_(discussion_ids), Reply.deleted.is_(False)
        )
    )
    live: dict[int, set[int]] = {}
    for discussion_id, reply_id in rows:
        live.setdefault(discussion_id, set()).add(reply_id)
    return live


@dataclass(frozen=True, slots=True)
class StoredVote:
    value: int
    by_reaction: bool


async def voters_by_reply(
    session: AsyncSession, discussion_id: int
) -> dict[int, dict[int, StoredVote]]:
    """Current vote of each voter on each reply of a discussion, and whether a reaction cast it."""
    rows = await session.execute(
        select(Vote.reply_id, Vote.voter_id, Vote.value, Vote.by_reaction).where(
            Vote.discussion_id == discussion_id
        )
    )
    voters: dict[int, dict[int, StoredVote]] = {}
    for reply_id, voter_id, value, by_reaction in rows:
        voters.setdefault(reply_id, {})[voter_id] = StoredVote(value, bool(by_reaction))
    return voters
