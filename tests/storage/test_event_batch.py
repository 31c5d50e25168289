"""``apply_batch`` on each backend: ordering, idempotence, tombstones, votes, stances.

Each test runs several scenarios on one database (a PostgreSQL database is
slow to make); every scenario has its own discussion and message ids.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text

from db.models import Discussion, Reply, ReplyRevision, Stance, StanceChange, Vote
from db.repositories import discussions, guilds, questions
from db.repositories.events import (
    WITHDRAWN,
    Event,
    ReactionsCleared,
    ReplyDeleted,
    ReplyEdited,
    ReplySeen,
    StanceSet,
    ThreadDeleted,
    VoteRemoved,
    VoteSet,
    apply_batch,
)

GUILD = 1_100_000_000_000_000_001
T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
DISCORD_EPOCH_MS = 1_420_070_400_000
USERS = [900_000_000_000_000_000 + i for i in range(1, 21)]


def snowflake(at: datetime, sequence: int = 0) -> int:
    return ((int(at.timestamp() * 1000) - DISCORD_EPOCH_MS) << 22) + sequence


async def _discussion(sessions: Any) -> Discussion:
    async with sessions.begin() as session:
        await guilds.ensure_guild(session, GUILD, now=T0, timezone="Europe/Paris", language="fr")
        [question] = await questions.add_questions(
            session, GUILD, [("Q ?", "fr", ["Oui", "Non", "Nuancé"], None)], now=T0
        )
        return await discussions.create_discussion(
            session,
            Discussion(
                guild_id=GUILD,
                question_id=question.id,
                question_text="Q ?",
                options=["Oui", "Non", "Nuancé"],
                language="fr",
                channel_id=1,
                opened_at=T0,
                closes_at=T0 + timedelta(days=3),
            ),
        )


def seen(
    d: Discussion, message_id: int, text: str, author: int = USERS[0], **extra: Any
) -> ReplySeen:
    return ReplySeen(
        id=message_id,
        discussion_id=d.id,
        guild_id=d.guild_id,
        author_id=author,
        author_name=f"membre-{author % 1000}",
        text=text,
        created_at=T0,
        **extra,
    )


def deleted(d: Discussion, message_id: int) -> ReplyDeleted:
    return ReplyDeleted(id=message_id, discussion_id=d.id, guild_id=d.guild_id)


def vote(d: Discussion, reply_id: int, voter: int, value: int, minutes: int = 0) -> VoteSet:
    return VoteSet(
        reply_id=reply_id,
        voter_id=voter,
        discussion_id=d.id,
        guild_id=d.guild_id,
        value=value,
        at=T0 + timedelta(minutes=minutes),
    )


def stance(d: Discussion, change_id: int, user: int, option: int, minutes: int) -> StanceSet:
    return StanceSet(
        change_id=change_id,
        discussion_id=d.id,
        guild_id=d.guild_id,
        user_id=user,
        option=option,
        at=T0 + timedelta(minutes=minutes),
    )


async def apply(sessions: Any, events: list[Event]) -> None:
    async with sessions.begin() as session:
        await apply_batch(session, events)


async def snapshot(sessions: Any, d: Discussion) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row of the discussion, in a stable order."""
    async with sessions() as session:
        reply_rows = await session.execute(
            select(
                Reply.id, Reply.author_id, Reply.author_name, Reply.text,
                Reply.created_at, Reply.edited_at, Reply.reply_to, Reply.deleted, Reply.via_modal,
            )
            .where(Reply.discussion_id == d.id)
            .order_by(Reply.id)
        )  # fmt: skip
        ids = select(Reply.id).where(Reply.discussion_id == d.id)
        revisions = await session.execute(
            select(
                ReplyRevision.id,
                ReplyRevision.reply_id,
                ReplyRevision.text,
                ReplyRevision.edited_at,
            )
            .where(ReplyRevision.reply_id.in_(ids))
            .order_by(ReplyRevision.id)
        )
        stance_rows = await session.execute(
            select(Stance.user_id, Stance.option, Stance.at)
            .where(Stance.discussion_id == d.id)
            .order_by(Stance.user_id)
        )
        changes = await session.execute(
            select(StanceChange.id, StanceChange.user_id, StanceChange.option, StanceChange.at)
            .where(StanceChange.discussion_id == d.id)
            .order_by(StanceChange.id)
        )
        vote_rows = await session.execute(
            select(Vote.reply_id, Vote.voter_id, Vote.value, Vote.at)
            .where(Vote.discussion_id == d.id)
            .order_by(Vote.reply_id, Vote.voter_id)
        )
        return {
            "replies": [tuple(r) for r in reply_rows],
            "revisions": [tuple(r) for r in revisions],
            "stances": [tuple(r) for r in stance_rows],
            "changes": [tuple(r) for r in changes],
            "votes": [tuple(r) for r in vote_rows],
        }


async def reply_row(sessions: Any, message_id: int) -> Reply | None:
    async with sessions() as session:
        return await session.get(Reply, message_id)


async def revisions_of(sessions: Any, message_id: int) -> list[tuple[str, datetime]]:
    async with sessions() as session:
        rows = await session.execute(
            select(ReplyRevision.text, ReplyRevision.edited_at)
            .where(ReplyRevision.reply_id == message_id)
            .order_by(ReplyRevision.edited_at)
        )
        return [(text, at) for text, at in rows]


# --- replies: ordering, edits, tombstones ----------------------------------------


async def test_reply_ordering_edits_and_tombstones(sessions: Any) -> None:
    d = await _discussion(sessions)
    m = [snowflake(T0, i) for i in range(10)]
    t1, t2 = T0 + timedelta(minutes=1), T0 + timedelta(minutes=2)

    # create + edit + delete in one batch: deleted, no text, no revision
    await apply(
        sessions,
        [seen(d, m[0], "secret"), ReplyEdited(m[0], "secret v2", t1), deleted(d, m[0])],
    )
    row = await reply_row(sessions, m[0])
    assert row is not None
    assert (row.deleted, row.text, row.author_name) == (True, "", "")
    assert await revisions_of(sessions, m[0]) == []

    # an edit in a later batch than the create: one revision holding the old text
    await apply(sessions, [seen(d, m[1], "premier jet", reply_to=m[0])])
    await apply(sessions, [ReplyEdited(m[1], "version finale", t1)])
    row = await reply_row(sessions, m[1])
    assert row is not None
    assert (row.text, row.edited_at, row.deleted, row.reply_to) == (
        "version finale",
        t1,
        False,
        m[0],
    )
    assert await revisions_of(sessions, m[1]) == [("premier jet", t1)]
    # the same edit again, and an older edit arriving late, change nothing
    await apply(sessions, [ReplyEdited(m[1], "version finale", t1)])
    await apply(sessions, [ReplyEdited(m[1], "brouillon perdu", T0 + timedelta(seconds=30))])
    row = await reply_row(sessions, m[1])
    assert row is not None and row.text == "version finale"
    assert await revisions_of(sessions, m[1]) == [("premier jet", t1)]
    # two edits in one batch: two revisions, the last text kept
    await apply(sessions, [ReplyEdited(m[1], "v3", t2), ReplyEdited(m[1], "v4", t2 + timedelta(1))])
    row = await reply_row(sessions, m[1])
    assert row is not None and row.text == "v4"
    assert [text for text, _ in await revisions_of(sessions, m[1])] == [
        "premier jet",
        "version finale",
        "v3",
    ]

    # an edit stamped at the instant of the message (a clock that did not move) still applies
    await apply(sessions, [seen(d, m[9], "tout de suite")])
    await apply(sessions, [ReplyEdited(m[9], "tout de suite, corrigé", T0)])
    row = await reply_row(sessions, m[9])
    assert row is not None and row.text == "tout de suite, corrigé"

    # create and edit in the same batch: the edit applies after the create
    await apply(sessions, [seen(d, m[2], "a"), ReplyEdited(m[2], "b", t1)])
    row = await reply_row(sessions, m[2])
    assert row is not None and row.text == "b"
    assert await revisions_of(sessions, m[2]) == [("a", t1)]

    # an edit carrying the whole message stores a reply that was missed
    await apply(
        sessions, [ReplyEdited(m[3], "rattrapé", t1, full=seen(d, m[3], "rattrapé", edited_at=t1))]
    )
    row = await reply_row(sessions, m[3])
    assert row is not None and (row.text, row.deleted) == ("rattrapé", False)
    # an edit of a message never seen, without the message, stores nothing
    await apply(sessions, [ReplyEdited(m[4], "fantôme", t1)])
    assert await reply_row(sessions, m[4]) is None

    # a replayed create after a delete does not bring the text back
    await apply(sessions, [seen(d, m[5], "à effacer")])
    await apply(sessions, [ReplyEdited(m[5], "à effacer, modifié", t1)])
    await apply(sessions, [deleted(d, m[5])])
    await apply(sessions, [seen(d, m[5], "à effacer")])
    await apply(sessions, [ReplyEdited(m[5], "rejoué", t2, full=seen(d, m[5], "rejoué"))])
    row = await reply_row(sessions, m[5])
    assert row is not None and (row.deleted, row.text, row.author_name) == (True, "", "")
    assert await revisions_of(sessions, m[5]) == []

    # a delete for a message never stored leaves a tombstone that a replay respects
    late = snowflake(T0 + timedelta(hours=5), 7)
    await apply(sessions, [deleted(d, late)])
    row = await reply_row(sessions, late)
    assert row is not None
    assert (row.deleted, row.text, row.author_id, row.discussion_id) == (True, "", 0, d.id)
    assert row.created_at == T0 + timedelta(hours=5)  # the snowflake's time
    await apply(sessions, [seen(d, late, "revenant")])
    row = await reply_row(sessions, late)
    assert row is not None and (row.deleted, row.text) == (True, "")
    # and deleting twice is harmless
    await apply(sessions, [deleted(d, late), deleted(d, m[0])])
    row = await reply_row(sessions, late)
    assert row is not None and row.deleted

    # a long author name is cut to the column's size
    await apply(
        sessions, [ReplySeen(m[6], d.id, GUILD, USERS[1], "x" * 150, "t", T0, via_modal=True)]
    )
    row = await reply_row(sessions, m[6])
    assert row is not None and (len(row.author_name), row.via_modal) == (100, True)


# --- votes ----------------------------------------------------------------------


async def test_votes(sessions: Any) -> None:
    d = await _discussion(sessions)
    r = [snowflake(T0, 100 + i) for i in range(6)]
    author = USERS[-1]  # a member's vote on her own reply is never stored
    await apply(sessions, [seen(d, reply_id, f"r{i}", author) for i, reply_id in enumerate(r)])
    a, b, c = USERS[:3]

    async def votes() -> dict[tuple[int, int], int]:
        async with sessions() as session:
            rows = await session.execute(
                select(Vote.reply_id, Vote.voter_id, Vote.value).where(Vote.discussion_id == d.id)
            )
            return {(reply_id, voter): value for reply_id, voter, value in rows}

    # set then remove the same value, in one batch and across batches: gone
    await apply(sessions, [vote(d, r[0], a, 1), VoteRemoved(r[0], a, 1)])
    await apply(sessions, [vote(d, r[1], a, -1)])
    assert await votes() == {(r[1], a): -1}
    await apply(sessions, [VoteRemoved(r[1], a, -1)])
    assert await votes() == {}

    # set 1 then remove -1: the 1 stays (in one batch and across batches)
    await apply(sessions, [vote(d, r[2], a, 1), VoteRemoved(r[2], a, -1)])
    await apply(sessions, [vote(d, r[3], a, 1)])
    await apply(sessions, [VoteRemoved(r[3], a, -1)])
    assert await votes() == {(r[2], a): 1, (r[3], a): 1}

    # a change of mind: the last value is kept, in one row
    await apply(sessions, [vote(d, r[4], b, 1), vote(d, r[4], b, 0, 1), vote(d, r[4], b, -1, 2)])
    assert (await votes())[(r[4], b)] == -1
    # removing a reaction that was replaced leaves the new one
    await apply(sessions, [vote(d, r[4], c, 1), vote(d, r[4], c, -1, 1), VoteRemoved(r[4], c, 1)])
    assert (await votes())[(r[4], c)] == -1

    # a vote on a reply that does not exist is skipped, the rest of the batch lands
    unknown = snowflake(T0, 999)
    await apply(sessions, [vote(d, unknown, a, 1), vote(d, r[5], a, 0), VoteRemoved(unknown, b, 1)])
    now = await votes()
    assert (r[5], a) in now and now[(r[5], a)] == 0
    assert all(reply_id != unknown for reply_id, _ in now)

    # a deleted reply loses its votes and takes no new ones
    await apply(sessions, [deleted(d, r[4])])
    await apply(sessions, [vote(d, r[4], a, 1)])
    assert [key for key in await votes() if key[0] == r[4]] == []

    # a vote naming another discussion than its reply's (a forged card button) is skipped
    await apply(sessions, [replace(vote(d, r[5], b, 1), discussion_id=d.id + 1)])
    async with sessions() as session:
        assert await session.scalar(select(Vote).where(Vote.voter_id == b)) is None


async def test_a_vote_reaction_still_there_is_her_vote_only_if_the_one_taken_back_was(
    sessions: Any,
) -> None:
    """👎 taken back while she still reacts 👍: the 👍 becomes her vote if 👎 was it (in
    one batch and across batches); not if her vote was another (🤷 taken back while her
    vote is 👎), nor if she voted again meanwhile (👎 taken back and given again at once)."""
    d = await _discussion(sessions)
    r = [snowflake(T0, 200 + i) for i in range(5)]
    await apply(sessions, [seen(d, reply_id, f"r{i}", USERS[-1]) for i, reply_id in enumerate(r)])
    a = USERS[0]

    def still(reply_id: int, value: int) -> VoteSet:
        return replace(vote(d, reply_id, a, value, 5), only_if_none=True)

    async def votes() -> dict[int, int]:
        async with sessions() as session:
            rows = await session.execute(
                select(Vote.reply_id, Vote.value).where(Vote.voter_id == a)
            )
            return dict(rows.all())

    await apply(sessions, [vote(d, r[0], a, -1), VoteRemoved(r[0], a, -1), still(r[0], 1)])
    await apply(sessions, [vote(d, r[1], a, -1)])
    await apply(sessions, [VoteRemoved(r[1], a, -1), still(r[1], 1)])
    await apply(sessions, [vote(d, r[2], a, -1)])
    await apply(sessions, [VoteRemoved(r[2], a, 0), still(r[2], 1)])
    await apply(sessions, [vote(d, r[3], a, -1)])
    await apply(sessions, [VoteRemoved(r[3], a, -1), vote(d, r[3], a, -1, 6), still(r[3], 1)])
    await apply(sessions, [vote(d, r[4], a, -1)])
    await apply(sessions, [VoteRemoved(r[4], a, -1)])
    await apply(sessions, [vote(d, r[4], a, 0, 6)])
    await apply(sessions, [still(r[4], 1)])
    assert await votes() == {r[0]: 1, r[1]: 1, r[2]: -1, r[3]: -1, r[4]: 0}


async def test_cleared_reactions_take_back_only_reaction_votes_in_arrival_order(
    sessions: Any,
) -> None:
    d = await _discussion(sessions)
    r = [snowflake(T0, 200 + i) for i in range(3)]
    await apply(sessions, [seen(d, reply_id, f"r{i}", USERS[-1]) for i, reply_id in enumerate(r)])
    a, b, c = USERS[:3]

    def by_reaction(reply_id: int, voter: int, value: int) -> VoteSet:
        return replace(vote(d, reply_id, voter, value), by_reaction=True)

    def cleared(reply_id: int, value: int | None = None) -> ReactionsCleared:
        return ReactionsCleared(reply_id, value, d.id, d.guild_id)

    async def votes() -> dict[tuple[int, int], tuple[int, bool]]:
        async with sessions() as session:
            rows = await session.execute(
                select(Vote.reply_id, Vote.voter_id, Vote.value, Vote.by_reaction).where(
                    Vote.discussion_id == d.id
                )
            )
            return {(rid, voter): (value, bool(how)) for rid, voter, value, how in rows}

    await apply(sessions, [by_reaction(r[0], a, 1), vote(d, r[0], b, 1), by_reaction(r[0], c, -1)])
    await apply(sessions, [cleared(r[0], 1)])  # one emoji's: the other value stays
    assert await votes() == {(r[0], b): (1, False), (r[0], c): (-1, True)}
    await apply(sessions, [cleared(r[0])])  # all of them: the card vote stays
    assert await votes() == {(r[0], b): (1, False)}
    # in one batch: a reaction before the clear goes, one after it stays
    await apply(sessions, [by_reaction(r[1], a, 1), cleared(r[1]), by_reaction(r[1], c, 0)])
    assert {k: v for k, v in (await votes()).items() if k[0] == r[1]} == {(r[1], c): (0, True)}
    # a card vote replacing a reaction vote is the card's: a clear leaves it
    await apply(sessions, [by_reaction(r[2], a, 1)])
    await apply(sessions, [vote(d, r[2], a, -1), cleared(r[2])])
    assert (await votes())[(r[2], a)] == (-1, False)


# --- stances --------------------------------------------------------------------


async def test_stances_last_click_wins_and_history_once(sessions: Any) -> None:
    d = await _discussion(sessions)
    a, b = USERS[:2]
    clicks = [stance(d, 5001, a, 0, 1), stance(d, 5002, b, 2, 1), stance(d, 5003, a, 1, 2)]
    await apply(sessions, clicks)
    await apply(sessions, [stance(d, 5004, a, 2, 3)])
    before = await snapshot(sessions, d)
    assert before["stances"] == [
        (a, 2, T0 + timedelta(minutes=3)),
        (b, 2, T0 + timedelta(minutes=1)),
    ]
    assert [(cid, user, option) for cid, user, option, _ in before["changes"]] == [
        (5001, a, 0),
        (5002, b, 2),
        (5003, a, 1),
        (5004, a, 2),
    ]
    # replayed clicks are recorded once and do not move the current stance back
    await apply(sessions, clicks)
    assert await snapshot(sessions, d) == before
    # an older click that arrives late goes into the history but does not win
    await apply(sessions, [stance(d, 5000, b, 0, 0)])
    after = await snapshot(sessions, d)
    assert after["stances"] == before["stances"]
    assert [cid for cid, *_ in after["changes"]] == [5000, 5001, 5002, 5003, 5004]


# --- idempotence and a large mixed batch ---------------------------------------------


async def test_replaying_batches_changes_nothing(sessions: Any) -> None:
    d = await _discussion(sessions)
    m = [snowflake(T0, 200 + i) for i in range(5)]
    a, b = USERS[:2]
    batches: list[list[Event]] = [
        [
            seen(d, m[0], "un", a),
            seen(d, m[1], "deux", USERS[2]),
            seen(d, m[2], "trois", a),
            stance(d, 6001, a, 0, 1),
            vote(d, m[0], b, 1),
            vote(d, m[1], a, -1),
        ],
        [
            ReplyEdited(m[0], "un, modifié", T0 + timedelta(minutes=5)),
            deleted(d, m[2]),
            deleted(d, m[3]),
            stance(d, 6002, a, 2, 6),
            stance(d, 6003, b, 1, 6),
            VoteRemoved(m[1], a, -1),
            vote(d, m[1], b, 0),
        ],
    ]
    for batch in batches:
        await apply(sessions, batch)
    first = await snapshot(sessions, d)
    assert len(first["revisions"]) == 1 and len(first["changes"]) == 3
    for batch in batches:  # the same batches again, e.g. after a retry
        await apply(sessions, batch)
        await apply(sessions, batch)
    assert await snapshot(sessions, d) == first
    assert await snapshot(sessions, d) != {}

    texts = {row[0]: (row[3], row[7]) for row in first["replies"]}
    assert texts == {
        m[0]: ("un, modifié", False),
        m[1]: ("deux", False),
        m[2]: ("", True),
        m[3]: ("", True),
    }
    assert [(reply_id, voter, value) for reply_id, voter, value, _ in first["votes"]] == [
        (m[0], b, 1),
        (m[1], b, 0),
    ]


async def test_a_500_event_mixed_batch(sessions: Any) -> None:
    d = await _discussion(sessions)
    rng = random.Random(7)
    events: list[Event] = []
    created: list[int] = []
    gone: set[int] = set()
    texts: dict[int, str] = {}
    stances_now: dict[int, int] = {}
    votes_now: dict[tuple[int, int], int] = {}
    authors: dict[int, int] = {}
    for i in range(500):
        kind = rng.random()
        if kind < 0.4 or len(created) < 5:
            message_id = snowflake(T0, 1000 + i)
            author = rng.choice(USERS)
            events.append(seen(d, message_id, f"réponse {i}", author))
            authors[message_id] = author
            created.append(message_id)
            texts[message_id] = f"réponse {i}"
        elif kind < 0.5:
            message_id = rng.choice(created)
            events.append(ReplyEdited(message_id, f"modifié {i}", T0 + timedelta(seconds=i)))
            if message_id not in gone:
                texts[message_id] = f"modifié {i}"
        elif kind < 0.55:
            message_id = rng.choice(created)
            events.append(deleted(d, message_id))
            gone.add(message_id)
        elif kind < 0.75:
            user = rng.choice(USERS)
            option = rng.randrange(3)
            events.append(stance(d, 70_000 + i, user, option, i))
            stances_now[user] = option
        else:
            message_id = rng.choice(created)
            voter = rng.choice(USERS)
            value = rng.choice((-1, 0, 1))
            events.append(vote(d, message_id, voter, value, i))
            if voter != authors[message_id]:  # her own reply: never a vote
                votes_now[(message_id, voter)] = value
    assert len(events) == 500

    await apply(sessions, events)
    stored = await snapshot(sessions, d)
    replies = {row[0]: row for row in stored["replies"]}
    assert set(replies) == set(created)
    for message_id in created:
        row = replies[message_id]
        if message_id in gone:
            assert (row[3], row[7]) == ("", True)
        else:
            assert (row[3], row[7]) == (texts[message_id], False)
    assert {user: option for user, option, _ in stored["stances"]} == stances_now
    assert len(stored["changes"]) == sum(isinstance(e, StanceSet) for e in events)
    expected_votes = {k: v for k, v in votes_now.items() if k[0] not in gone}
    assert {(r, v): value for r, v, value, _ in stored["votes"]} == expected_votes

    await apply(sessions, events)
    assert await snapshot(sessions, d) == stored


async def test_a_withdrawn_stance_stays_withdrawn_whatever_arrives_late(sessions: Any) -> None:
    d = await _discussion(sessions)
    a, b = USERS[:2]
    chose = stance(d, 6001, a, 1, 1)
    await apply(sessions, [chose, stance(d, 6002, b, 0, 1)])
    withdrew = stance(d, 6003, a, WITHDRAWN, 2)
    await apply(sessions, [withdrew])
    assert [(u, o) for u, o, _ in (await snapshot(sessions, d))["stances"]] == [(b, 0)]
    # her earlier click replayed (or arriving late) does not bring the stance back
    await apply(sessions, [chose])
    await apply(sessions, [stance(d, 6000, a, 2, 0)])
    assert [(u, o) for u, o, _ in (await snapshot(sessions, d))["stances"]] == [(b, 0)]
    # a later click declares again; the withdrawal replayed after it changes nothing
    await apply(sessions, [stance(d, 6004, a, 2, 3)])
    await apply(sessions, [withdrew])
    assert [(u, o) for u, o, _ in (await snapshot(sessions, d))["stances"]] == [(a, 2), (b, 0)]
    # in one batch, the last click wins either way
    await apply(sessions, [stance(d, 6005, b, 1, 4), stance(d, 6006, b, WITHDRAWN, 5)])
    await apply(sessions, [stance(d, 6007, a, WITHDRAWN, 4), stance(d, 6008, a, 0, 5)])
    assert [(u, o) for u, o, _ in (await snapshot(sessions, d))["stances"]] == [(a, 0)]
    history = [(cid, o) for cid, u, o, _ in (await snapshot(sessions, d))["changes"] if u == a]
    assert history == [(6000, 2), (6001, 1), (6003, -1), (6004, 2), (6007, -1), (6008, 0)]


async def test_an_edit_written_while_staff_erase_the_reply_does_not_bring_it_back(
    sessions: Any,
) -> None:
    """A member edits her reply as a moderator erases it (``/answers delete``, the web
    room): the write-behind had read the reply, not yet erased, when the erasure
    committed. Its writes then put the old text back as an earlier version and the new
    one on the erased reply (PostgreSQL lets the erasure commit between the read and the
    writes; SQLite's writer waits for it, then writes just the same)."""
    import asyncio

    from db.repositories import replies

    d = await _discussion(sessions)
    reply_id = snowflake(T0, 1)
    async with sessions.begin() as session:
        await apply_batch(session, [seen(d, reply_id, "Mon texte à effacer")])
    at_write, go = asyncio.Event(), asyncio.Event()

    async def edit() -> None:
        async with sessions.begin() as session:
            execute = session.execute

            async def pausing(statement: Any, *args: Any, **kwargs: Any) -> Any:
                if not at_write.is_set() and not getattr(statement, "is_select", False):
                    at_write.set()  # the reply was read; its first write waits here
                    await go.wait()
                return await execute(statement, *args, **kwargs)

            session.execute = pausing
            edited = ReplyEdited(reply_id, "Mon texte corrigé", T0 + timedelta(minutes=1))
            await apply_batch(session, [edited])

    writer = asyncio.create_task(edit())
    await at_write.wait()
    async with sessions.begin() as session:
        assert await replies.erase(session, GUILD, reply_id)
    go.set()
    await writer
    async with sessions() as session:
        reply = await session.get(Reply, reply_id)
        revisions = list(await session.scalars(select(ReplyRevision.text)))
    assert reply is not None and reply.deleted
    assert (reply.text, reply.author_id, reply.edited_at) == ("", 0, None)
    assert revisions == []


async def _erase_by_staff(session: Any, reply_id: int) -> None:
    from db.repositories import replies

    assert await replies.erase(session, GUILD, reply_id)


async def _erase_by_author(session: Any, reply_id: int) -> None:
    from db.repositories import members

    await members.erase_member(session, GUILD, USERS[0], T0 + timedelta(hours=1))


async def _deleted_on_discord(session: Any, reply_id: int) -> None:
    """The deletion written by another process's write-behind (a deploy overlap)."""
    reply = await session.get(Reply, reply_id)
    await apply_batch(session, [ReplyDeleted(reply_id, reply.discussion_id, GUILD)])


@pytest.mark.parametrize(
    "erase",
    [_erase_by_staff, _erase_by_author, _deleted_on_discord],
    ids=["staff", "author", "discord"],
)
async def test_a_vote_written_while_its_reply_is_erased_is_not_kept(
    sessions: Any, erase: Any
) -> None:
    """A member votes on a reply (a reaction, the card) as it is erased: the write-behind
    read the reply, not yet erased, and the erasure runs before the vote is written.
    The vote stayed stored on the erased reply (exports and summaries leave it out, the
    row stayed). The erasure goes on until it is done or waits for the vote's
    transaction (PostgreSQL: the reply's row), whichever the backend makes it do; then
    the vote is written. Either way no vote is left on the erased reply."""
    import asyncio

    d = await _discussion(sessions)
    reply_id = snowflake(T0, 2)
    async with sessions.begin() as session:
        await apply_batch(session, [seen(d, reply_id, "Un avis qui sera effacé")])
    at_write, go = asyncio.Event(), asyncio.Event()

    async def voting() -> None:
        async with sessions.begin() as session:
            execute = session.execute

            async def pausing(statement: Any, *args: Any, **kwargs: Any) -> Any:
                if not at_write.is_set() and not getattr(statement, "is_select", False):
                    at_write.set()  # the reply was read; the vote's first write waits here
                    await go.wait()
                return await execute(statement, *args, **kwargs)

            session.execute = pausing
            await apply_batch(session, [vote(d, reply_id, USERS[1], 1)])

    async def erasing() -> None:
        async with sessions.begin() as session:
            await erase(session, reply_id)

    writer = asyncio.create_task(voting())
    await at_write.wait()
    eraser = asyncio.create_task(erasing())
    while not eraser.done() and not await _someone_waits_on_a_lock(sessions):  # noqa: ASYNC110
        await asyncio.sleep(0.01)
    go.set()
    await asyncio.gather(writer, eraser)
    async with sessions() as session:
        reply = await session.get(Reply, reply_id)
        votes = list(await session.scalars(select(Vote).where(Vote.reply_id == reply_id)))
    assert reply is not None and reply.deleted
    assert votes == []


async def _someone_waits_on_a_lock(sessions: Any) -> bool:
    """PostgreSQL: a transaction waits for a row another holds (SQLite: never here)."""
    async with sessions() as session:
        if session.get_bind().dialect.name != "postgresql":
            return False
        return bool(
            await session.scalar(text("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE NOT granted)"))
        )


async def test_a_deleted_thread_erases_its_replies_as_each_deleted_message_is(
    sessions: Any,
) -> None:
    """``ThreadDeleted`` leaves exactly what a ``ReplyDeleted`` for each reply leaves
    (an erased row, no version, no vote; stances stay), the replies and edits of its
    own batch included, and nothing of another discussion's."""
    one_by_one, whole, other = [await _discussion(sessions) for _ in range(3)]
    a, b = USERS[:2]

    async def said(d: Discussion, base: int) -> list[int]:
        r = [snowflake(T0, base + i) for i in range(3)]
        await apply(sessions, [seen(d, r[0], "premier", a), seen(d, r[1], "second", b)])
        await apply(
            sessions,
            [
                ReplyEdited(r[0], "premier, corrigé", T0 + timedelta(minutes=1)),
                vote(d, r[0], b, 1),
                stance(d, base, a, 0, 2),
            ],
        )
        return r

    def late(d: Discussion, r: list[int]) -> list[Event]:
        """A reply and an edit still in the buffer when the thread goes."""
        return [
            seen(d, r[2], "dernier", a),
            ReplyEdited(r[1], "second, corrigé", T0 + timedelta(minutes=3)),
        ]

    by_one, by_thread, _ = [
        await said(d, n) for d, n in ((one_by_one, 300), (whole, 400), (other, 500))
    ]
    before = await snapshot(sessions, other)
    await apply(sessions, [*late(one_by_one, by_one), *(deleted(one_by_one, m) for m in by_one)])
    await apply(sessions, [*late(whole, by_thread), ThreadDeleted(whole.id, whole.guild_id)])
    expected = await snapshot(sessions, one_by_one)
    got = await snapshot(sessions, whole)
    assert [r[1:] for r in got["replies"]] == [r[1:] for r in expected["replies"]]
    assert [r[3] for r in got["replies"]] == ["", "", ""]  # no text left
    assert got["revisions"] == expected["revisions"] == []
    assert got["votes"] == expected["votes"] == []
    assert [s[1:] for s in got["stances"]] == [s[1:] for s in expected["stances"]] != []
    assert await snapshot(sessions, other) == before


async def test_events_of_a_discussion_no_longer_stored_are_dropped_not_refused(
    sessions: Any,
) -> None:
    """A server erased (``/erase-and-leave``) took its discussions with it: a reply, a
    deletion's tombstone, a stance, a vote of one, in a batch beside another discussion's
    events, write nothing (the batch is not refused for them: they would be dead letters,
    rows of the erased server again), and the other discussion's are written."""
    from sqlalchemy import delete

    gone, kept = await _discussion(sessions), await _discussion(sessions)
    a, b = USERS[:2]
    async with sessions.begin() as session:
        await session.execute(delete(Discussion).where(Discussion.id == gone.id))
    r = [snowflake(T0, 600 + i) for i in range(4)]
    await apply(
        sessions,
        [
            seen(gone, r[0], "écrit juste avant l’effacement", a),
            seen(kept, r[1], "ailleurs", a),
            deleted(gone, r[2]),
            stance(gone, 600, a, 1, 1),
            stance(kept, 601, b, 0, 1),
            vote(gone, r[0], b, 1),
            vote(kept, r[1], b, -1),
            ReplyEdited(r[0], "corrigé", T0 + timedelta(minutes=2)),
            ThreadDeleted(gone.id, gone.guild_id),
        ],
    )
    assert await snapshot(sessions, gone) == {
        "replies": [],
        "revisions": [],
        "stances": [],
        "changes": [],
        "votes": [],
    }
    got = await snapshot(sessions, kept)
    assert [row[3] for row in got["replies"]] == ["ailleurs"]
    assert len(got["stances"]) == len(got["changes"]) == len(got["votes"]) == 1
