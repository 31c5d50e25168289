"""Apply a batch of collected events in one transaction, idempotently.

The batch keeps arrival order where it matters: a message's create lands
before its edits, a delete wins over both, and the last vote or stance of a
member is the one kept. Replaying a batch changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import DeadLetter, Discussion, Reply, ReplyRevision, Stance, StanceChange, Vote
from db.repositories import embeddings
from db.repositories._dialect import insert_for
from db.repositories.erasure import erase_replies
from db.snowflakes import made_at

REPLIES = Reply.__table__
UNSEEN = "unseen"
"""``erased_by`` of a tombstone for a message deleted before it was stored."""


@dataclass(frozen=True, slots=True)
class ReplySeen:
    """A message in a discussion thread, from the gateway or from history."""

    id: int
    discussion_id: int
    guild_id: int
    author_id: int
    author_name: str
    text: str
    created_at: datetime
    reply_to: int | None = None
    edited_at: datetime | None = None
    via_modal: bool = False


@dataclass(frozen=True, slots=True)
class ReplyEdited:
    id: int
    text: str
    edited_at: datetime
    full: ReplySeen | None = None
    """The whole message when the gateway sent it, to store a reply we missed."""
    discussion_id: int | None = None
    guild_id: int | None = None


@dataclass(frozen=True, slots=True)
class ReplyDeleted:
    id: int
    discussion_id: int
    guild_id: int


@dataclass(frozen=True, slots=True)
class ThreadDeleted:
    """A discussion's thread deleted on Discord (by itself, or with its channel): every
    message in it was deleted with it, and no deletion event comes for each. Every reply
    stored in the discussion by then is erased as a deleted message's is (a
    ``ReplyDeleted`` each, read when the batch is applied: replies queued before it are
    erased too); the discussion itself stays."""

    discussion_id: int
    guild_id: int


WITHDRAWN = -1
"""A ``StanceSet`` option: the member withdrew her stance (her history keeps the click)."""


@dataclass(frozen=True, slots=True)
class StanceSet:
    change_id: int
    """The interaction id: a replayed click is recognised."""
    discussion_id: int
    guild_id: int
    user_id: int
    option: int
    """Index into the discussion's options, or ``WITHDRAWN``."""
    at: datetime


@dataclass(frozen=True, slots=True)
class VoteSet:
    reply_id: int
    voter_id: int
    discussion_id: int
    guild_id: int
    value: int
    at: datetime
    by_reaction: bool = False
    """A reaction on the reply (live or caught up), not a click on the voting card."""
    only_if_none: bool = False
    """Cast only if she has no vote on the reply by then: a vote reaction she still reacts
    with after taking back another, whose vote is hers only if the one taken back was."""


@dataclass(frozen=True, slots=True)
class VoteRemoved:
    """A reaction taken back: removes the vote only if it still has ``value``."""

    reply_id: int
    voter_id: int
    value: int
    discussion_id: int | None = None
    guild_id: int | None = None
    fallback: VoteSet | None = None
    """Cast after the removal if she then has no vote (see ``VoteSet.only_if_none``)."""


@dataclass(frozen=True, slots=True)
class ReactionsCleared:
    """A moderator removed a reply's reactions (``value``: those of one vote value only):
    the votes reactions cast on it go; votes cast on the card stay."""

    reply_id: int
    value: int | None
    discussion_id: int
    guild_id: int


Event = (
    ReplySeen
    | ReplyEdited
    | ReplyDeleted
    | ThreadDeleted
    | StanceSet
    | VoteSet
    | VoteRemoved
    | ReactionsCleared
)


@dataclass(frozen=True, slots=True)
class EventIds:
    """What names an event without its content: kind, Discord id, discussion, server."""

    kind: str
    object_id: int
    discussion_id: int | None
    guild_id: int | None


def event_ids(event: Event) -> EventIds:
    if isinstance(event, ReplySeen):
        return EventIds("reply", event.id, event.discussion_id, event.guild_id)
    if isinstance(event, ReplyEdited):
        return EventIds("edit", event.id, event.discussion_id, event.guild_id)
    if isinstance(event, ReplyDeleted):
        return EventIds("delete", event.id, event.discussion_id, event.guild_id)
    if isinstance(event, ThreadDeleted):
        return EventIds("thread", event.discussion_id, event.discussion_id, event.guild_id)
    if isinstance(event, StanceSet):
        return EventIds("stance", event.change_id, event.discussion_id, event.guild_id)
    if isinstance(event, ReactionsCleared):
        return EventIds("clear", event.reply_id, event.discussion_id, event.guild_id)
    if isinstance(event, VoteSet):
        return EventIds("vote", event.reply_id, event.discussion_id, event.guild_id)
    return EventIds("unvote", event.reply_id, event.discussion_id, event.guild_id)


async def record_dead_letter(
    session: AsyncSession, event: Event, error: str, now: datetime
) -> None:
    """Keep the ids of an event the database refused for good (once per event)."""
    ids = event_ids(event)
    await session.execute(
        insert_for(session, DeadLetter)
        .values(
            kind=ids.kind,
            object_id=ids.object_id,
            discussion_id=ids.discussion_id,
            guild_id=ids.guild_id,
            error=error[:100],
            recorded_at=now,
        )
        .on_conflict_do_nothing(index_elements=["kind", "object_id"])
    )


async def dead_message_ids(session: AsyncSession, discussion_id: int) -> set[int]:
    """Messages of a discussion set aside as dead letters: catch-up does not queue them again."""
    rows = await session.scalars(
        select(DeadLetter.object_id).where(
            DeadLetter.discussion_id == discussion_id, DeadLetter.kind.in_(("reply", "edit"))
        )
    )
    return set(rows)


async def dead_letter_count(session: AsyncSession, guild_id: int) -> int:
    return int(
        await session.scalar(
            select(func.count()).select_from(DeadLetter).where(DeadLetter.guild_id == guild_id)
        )
        or 0
    )


def _reply_row(seen: ReplySeen) -> dict[str, object]:
    return {
        "id": seen.id,
        "discussion_id": seen.discussion_id,
        "guild_id": seen.guild_id,
        "author_id": seen.author_id,
        "author_name": seen.author_name[:100],
        "text": seen.text,
        "created_at": seen.created_at,
        "edited_at": seen.edited_at,
        "reply_to": seen.reply_to,
        "deleted": False,
        "via_modal": seen.via_modal,
    }


async def apply_batch(session: AsyncSession, events: Sequence[Event]) -> None:
    creates: dict[int, ReplySeen] = {}
    edits: list[ReplyEdited] = []
    deletes: dict[int, ReplyDeleted] = {}
    threads: list[ThreadDeleted] = []
    stances: list[StanceSet] = []
    votes: dict[tuple[int, int], VoteSet | VoteRemoved | None] = {}
    # Votes in arrival order around clears: what was folded before a clear is applied first.
    vote_steps: list[dict[tuple[int, int], VoteSet | VoteRemoved | None] | ReactionsCleared] = [
        votes
    ]
    for event in events:
        if isinstance(event, ReplySeen):
            creates.setdefault(event.id, event)
        elif isinstance(event, ReplyEdited):
            edits.append(event)
            if event.full is not None:
                creates.setdefault(event.id, event.full)
        elif isinstance(event, ReplyDeleted):
            deletes[event.id] = event
        elif isinstance(event, ThreadDeleted):
            threads.append(event)
        elif isinstance(event, StanceSet):
            stances.append(event)
        elif isinstance(event, ReactionsCleared):
            votes = {}
            vote_steps += [event, votes]
        else:
            key = (event.reply_id, event.voter_id)
            votes[key] = _fold_vote(votes.get(key), event, folded=key in votes)

    held = await _held_discussions(
        session,
        {c.discussion_id for c in creates.values()}
        | {d.discussion_id for d in deletes.values()}
        | {s.discussion_id for s in stances},
    )
    creates = {i: e for i, e in creates.items() if e.discussion_id in held}
    deletes = {i: e for i, e in deletes.items() if e.discussion_id in held}
    stances = [e for e in stances if e.discussion_id in held]
    if creates:
        # Core insert on the table, not the ORM entity: an executemany without
        # the ORM's per-row bulk bookkeeping (about twice as fast here).
        await session.execute(
            insert_for(session, REPLIES).on_conflict_do_nothing(index_elements=["id"]),
            [_reply_row(seen) for seen in creates.values()],
        )
    for thread in threads:  # after the creates: a reply stored in this batch goes too
        for reply_id in await _live_reply_ids(session, thread.discussion_id):
            deletes.setdefault(
                reply_id, ReplyDeleted(reply_id, thread.discussion_id, thread.guild_id)
            )
    for edit in edits:
        if edit.id not in deletes:
            await _apply_edit(session, edit)
    if deletes:
        await _apply_deletes(session, list(deletes.values()))
    if stances:
        await _apply_stances(session, stances)
    for step in vote_steps:
        if isinstance(step, ReactionsCleared):
            await _apply_clear(session, step)
        elif step:
            await _apply_votes(session, step)


async def _held_discussions(session: AsyncSession, discussion_ids: set[int]) -> set[int]:
    """Those of these discussions still stored. A server erased (``/erase-and-leave``)
    took its discussions with it: an event of one, queued before or arriving after, is
    dropped, not written (its rows would need the discussion) nor set aside as a dead
    letter (a row of the erased server again)."""
    if not discussion_ids:
        return set()
    rows = await session.scalars(select(Discussion.id).where(Discussion.id.in_(discussion_ids)))
    return set(rows)


async def _apply_clear(session: AsyncSession, cleared: ReactionsCleared) -> None:
    statement = delete(Vote).where(Vote.reply_id == cleared.reply_id, Vote.by_reaction.is_(True))
    if cleared.value is not None:
        statement = statement.where(Vote.value == cleared.value)
    await session.execute(statement)


def _fold_vote(
    current: VoteSet | VoteRemoved | None,
    event: VoteSet | VoteRemoved,
    *,
    folded: bool = True,
) -> VoteSet | VoteRemoved | None:
    """The net effect of ``event`` after ``current`` within one batch (``folded``: the
    batch had events of this vote before).

    ``None`` means "remove whatever vote is stored".
    """
    if isinstance(event, VoteSet) and event.only_if_none:
        if not folded or (isinstance(current, VoteSet) and current.only_if_none):
            return event
        if isinstance(current, VoteSet):
            return current  # she voted again meanwhile: that vote is hers
        if isinstance(current, VoteRemoved):
            return replace(current, fallback=event)
        return replace(event, only_if_none=False)  # her vote was taken back in this batch
    if isinstance(event, VoteSet):
        return event
    if isinstance(current, VoteSet) and current.only_if_none:
        return event
    if isinstance(current, VoteSet):
        return None if current.value == event.value else current
    return event if current is None or isinstance(current, VoteRemoved) else None


async def _apply_edit(session: AsyncSession, edit: ReplyEdited) -> None:
    row = (
        await session.execute(
            select(Reply.text, Reply.edited_at, Reply.created_at, Reply.deleted).where(
                Reply.id == edit.id
            )
        )
    ).one_or_none()
    if row is None or row.deleted or row.text == edit.text:
        return
    previous = row.edited_at or row.created_at
    if previous is not None and edit.edited_at < previous:
        return  # older than what is stored (a late replay); one of the same instant is newer news
    # The reply, read above, may have been erased since (staff, at this moment): the text
    # changes only if it was not, and only then is the old text kept as a version.
    changed = await session.execute(
        update(Reply)
        .where(Reply.id == edit.id, Reply.deleted.is_(False))
        .values(text=edit.text, edited_at=edit.edited_at)
    )
    if not getattr(changed, "rowcount", 0):
        return
    await session.execute(
        insert_for(session, ReplyRevision)
        .values(reply_id=edit.id, text=row.text, edited_at=edit.edited_at)
        .on_conflict_do_nothing(index_elements=["reply_id", "edited_at"])
    )
    await embeddings.forget(session, [edit.id])  # computed again from the new text


async def _live_reply_ids(session: AsyncSession, discussion_id: int) -> list[int]:
    return list(
        await session.scalars(
            select(Reply.id).where(Reply.discussion_id == discussion_id, Reply.deleted.is_(False))
        )
    )


async def _apply_deletes(session: AsyncSession, deletes: list[ReplyDeleted]) -> None:
    await erase_replies(session, [d.id for d in deletes], "discord", live_only=True)
    # A tombstone for a message deleted before we stored it, so a replayed
    # create cannot bring its text back ("unseen": perhaps never a reply at all,
    # another bot's message, say; the web room does not list it).
    tombstones = [
        {
            "id": d.id,
            "discussion_id": d.discussion_id,
            "guild_id": d.guild_id,
            "author_id": 0,
            "author_name": "",
            "text": "",
            "created_at": made_at(d.id),
            "deleted": True,
            "via_modal": False,
            "erased_by": UNSEEN,
        }
        for d in deletes
    ]
    await session.execute(
        insert_for(session, REPLIES).on_conflict_do_nothing(index_elements=["id"]), tombstones
    )


async def _apply_stances(session: AsyncSession, stances: list[StanceSet]) -> None:
    await session.execute(
        insert_for(session, StanceChange).on_conflict_do_nothing(index_elements=["id"]),
        [
            {
                "id": s.change_id,
                "discussion_id": s.discussion_id,
                "guild_id": s.guild_id,
                "user_id": s.user_id,
                "option": s.option,
                "at": s.at,
            }
            for s in stances
        ],
    )
    latest: dict[tuple[int, int], StanceSet] = {}
    for s in stances:
        latest[(s.discussion_id, s.user_id)] = s
    for s in [s for s in latest.values() if s.option == WITHDRAWN]:
        await session.execute(
            delete(Stance).where(
                Stance.discussion_id == s.discussion_id,
                Stance.user_id == s.user_id,
                Stance.at <= s.at,
            )
        )
    chosen = [s for s in latest.values() if s.option != WITHDRAWN]
    if not chosen:
        return
    withdrawn = await _withdrawn_at(session, chosen)
    chosen = [s for s in chosen if withdrawn.get((s.discussion_id, s.user_id), s.at) <= s.at]
    if not chosen:
        return
    statement = insert_for(session, Stance)
    statement = statement.on_conflict_do_update(
        index_elements=["discussion_id", "user_id"],
        set_={"option": statement.excluded.option, "at": statement.excluded.at},
        where=Stance.at <= statement.excluded.at,
    )
    await session.execute(
        statement,
        [
            {
                "discussion_id": s.discussion_id,
                "user_id": s.user_id,
                "guild_id": s.guild_id,
                "option": s.option,
                "at": s.at,
            }
            for s in chosen
        ],
    )


async def _withdrawn_at(
    session: AsyncSession, stances: list[StanceSet]
) -> dict[tuple[int, int], datetime]:
    """When each of these members last withdrew her stance (a click replayed or arriving
    late from before it must not bring the stance back: the row it would update is gone)."""
    rows = await session.execute(
        select(StanceChange.discussion_id, StanceChange.user_id, func.max(StanceChange.at))
        .where(
            StanceChange.option == WITHDRAWN,
            StanceChange.discussion_id.in_({s.discussion_id for s in stances}),
            StanceChange.user_id.in_({s.user_id for s in stances}),
        )
        .group_by(StanceChange.discussion_id, StanceChange.user_id)
    )
    return {(d, u): at for d, u, at in rows}


async def _apply_votes(
    session: AsyncSession, votes: dict[tuple[int, int], VoteSet | VoteRemoved | None]
) -> None:
    """Votes are written only on replies not erased, and stay consistent with an erasure
    at the same instant (staff, the author, a deletion another process writes): every
    erasure marks the reply erased first, then deletes its votes. On PostgreSQL the
    replies read here are held (``FOR SHARE``) until the commit: an erasure waits for
    the votes to be written, then deletes them; one that came first is read here,
    and the vote is not written. SQLite has no row locks, and Python's sqlite3 reads
    them before it begins the transaction: once the votes are written (the database's
    write lock held until the commit), those on replies erased meanwhile go again."""
    reply_ids = {reply_id for reply_id, _ in votes}
    postgres = session.get_bind().dialect.name == "postgresql"
    query = select(Reply.id, Reply.author_id, Reply.discussion_id).where(
        Reply.id.in_(reply_ids), Reply.deleted.is_(False)
    )
    if postgres:
        query = query.order_by(Reply.id).with_for_update(read=True)
    rows = await session.execute(query)
    authors = {reply_id: (author_id, discussion) for reply_id, author_id, discussion in rows}
    upserts = []
    restores = []  # cast only where she has no vote once the rest is written
    for (reply_id, voter_id), outcome in votes.items():
        author, discussion_id = authors.get(reply_id, (None, None))
        if author is None or author == voter_id:
            continue  # a deleted (or unknown) reply, or her own: the card refuses it too
        if isinstance(outcome, VoteSet) and outcome.discussion_id != discussion_id:
            continue  # a reply of another discussion (a forged card): the card refuses it too
        if outcome is None:
            await session.execute(
                delete(Vote).where(Vote.reply_id == reply_id, Vote.voter_id == voter_id)
            )
        elif isinstance(outcome, VoteRemoved):
            await session.execute(
                delete(Vote).where(
                    Vote.reply_id == reply_id,
                    Vote.voter_id == voter_id,
                    Vote.value == outcome.value,
                )
            )
            if outcome.fallback is not None and outcome.fallback.discussion_id == discussion_id:
                restores.append(_vote_row(reply_id, voter_id, outcome.fallback))
        elif outcome.only_if_none:
            restores.append(_vote_row(reply_id, voter_id, outcome))
        else:
            upserts.append(_vote_row(reply_id, voter_id, outcome))
    if upserts:
        statement = insert_for(session, Vote)
        statement = statement.on_conflict_do_update(
            index_elements=["reply_id", "voter_id"],
            set_={
                "value": statement.excluded.value,
                "at": statement.excluded.at,
                "by_reaction": statement.excluded.by_reaction,
            },
        )
        await session.execute(statement, upserts)
    if restores:
        await session.execute(
            insert_for(session, Vote).on_conflict_do_nothing(
                index_elements=["reply_id", "voter_id"]
            ),
            restores,
        )
    if (upserts or restores) and not postgres:
        written = {row["reply_id"] for row in upserts + restores}
        erased = select(Reply.id).where(Reply.id.in_(written), Reply.deleted.is_(True))
        await session.execute(delete(Vote).where(Vote.reply_id.in_(erased)))


def _vote_row(reply_id: int, voter_id: int, vote: VoteSet) -> dict[str, object]:
    return {
        "reply_id": reply_id,
        "voter_id": voter_id,
        "discussion_id": vote.discussion_id,
        "guild_id": vote.guild_id,
        "value": vote.value,
        "at": vote.at,
        "by_reaction": vote.by_reaction,
    }
