"""The repositories on each backend (SQLite and PostgreSQL).

A PostgreSQL database costs about a second to create and migrate, so each
test runs a few related scenarios on one database; every scenario uses its
own servers (and id ranges), so they cannot see one another.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from db.models import (
    Discussion,
    Guild,
    MemberPreference,
    Reply,
    ReplyRevision,
    Slot,
    Stance,
    StanceChange,
    Vote,
)
from db.repositories import (
    audit,
    discussions,
    guilds,
    members,
    meta,
    questions,
    replies,
    slots,
)

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
SERVER = 1_100_000_000_000_000_000  # snowflakes above 2**53 exercise BigInteger
ALICE = 900_000_000_000_000_001
BRUNO = 900_000_000_000_000_002
REPLY_BASE = 1_300_000_000_000_000_000


def _servers(scenario: int) -> tuple[int, int]:
    """Two server ids of their own for one scenario."""
    return SERVER + 10 * scenario + 1, SERVER + 10 * scenario + 2


async def _guild(session: Any, guild_id: int) -> Guild:
    guild, _ = await guilds.ensure_guild(
        session, guild_id, now=NOW, timezone="Europe/Paris", language="fr"
    )
    return guild


async def _discussion(
    session: Any,
    guild_id: int,
    *,
    text: str = "L'IA va-t-elle remplacer les scénaristes ?",
    closes_in: timedelta = timedelta(hours=72),
    thread_id: int | None = None,
) -> Discussion:
    [question] = await questions.add_questions(
        session, guild_id, [(text, "fr", ["Oui", "Non", "Nuancé"], None)], now=NOW
    )
    return await discussions.create_discussion(
        session,
        Discussion(
            guild_id=guild_id,
            question_id=question.id,
            question_text=text,
            options=["Oui", "Non", "Nuancé"],
            language="fr",
            channel_id=guild_id + 10,
            thread_id=thread_id,
            opened_at=NOW,
            closes_at=NOW + closes_in,
        ),
    )


def _reply(
    reply_id: int,
    discussion: Discussion,
    author_id: int = ALICE,
    text: str = "texte",
    *,
    deleted: bool = False,
    created_at: datetime = NOW,
) -> Reply:
    return Reply(
        id=reply_id,
        discussion_id=discussion.id,
        guild_id=discussion.guild_id,
        author_id=author_id,
        author_name=f"user{author_id % 100}",
        text=text,
        created_at=created_at,
        deleted=deleted,
    )


async def _count(session: Any, model: Any, *where: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


# --- guilds and the question bank ----------------------------------------------


async def _check_guilds(sessions: Any) -> None:
    guild_id, absent = _servers(1)
    async with sessions.begin() as session:
        guild, created = await guilds.ensure_guild(
            session, guild_id, now=NOW, timezone="Europe/Paris", language="fr"
        )
        assert created
        assert (guild.cron, guild.duration_hours, guild.paused, guild.present) == (
            "0 18 * * mon",
            72,
            False,
            True,
        )
    async with sessions.begin() as session:
        again, created = await guilds.ensure_guild(
            session, guild_id, now=NOW + timedelta(days=1), timezone="UTC", language="en"
        )
        assert not created
        assert (again.timezone, again.language, again.created_at) == ("Europe/Paris", "fr", NOW)
        later = NOW + timedelta(hours=1)
        await guilds.update_guild(session, guild_id, later, channel_id=42, retention_days=30)
    async with sessions() as session:
        stored = await guilds.get_guild(session, guild_id)
        assert stored is not None
        assert (stored.channel_id, stored.retention_days) == (42, 30)
        assert stored.updated_at == NOW + timedelta(hours=1)
        assert stored.updated_at.tzinfo is not None
        assert guild_id in [g.id for g in await guilds.configured_guilds(session)]
        assert guild_id in [g.id for g in await guilds.guilds_with_retention(session)]
        assert await guilds.get_guild(session, absent) is None
        assert await _count(session, Guild, Guild.id.in_([guild_id, absent])) == 1


async def _check_questions(sessions: Any) -> None:
    guild_id, other_id = _servers(2)
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        await _guild(session, other_id)
        first = await questions.add_questions(
            session,
            guild_id,
            [(f"Q{i} ?", "fr", ["Oui", "Non"], "a.txt") for i in range(3)],
            now=NOW,
        )
        more = await questions.add_questions(
            session, guild_id, [(f"Q{i} ?", "fr", ["Oui", "Non"], None) for i in (3, 4)], now=NOW
        )
        other = await questions.add_questions(
            session, other_id, [("Ailleurs ?", "en", ["Yes", "No"], None)], now=NOW
        )
    assert [q.position for q in first + more] == [1, 2, 3, 4, 5]
    assert [q.position for q in other] == [1]

    async with sessions() as session:
        page1 = await questions.list_questions(session, guild_id, limit=2)
        page2 = await questions.list_questions(session, guild_id, after_position=2, limit=2)
        page3 = await questions.list_questions(session, guild_id, after_position=4, limit=2)
        assert [q.text for q in page1 + page2 + page3] == [f"Q{i} ?" for i in range(5)]
        back = await questions.list_questions(session, guild_id, before_position=5, limit=2)
        assert [q.position for q in back] == [3, 4]  # the nearest before, in bank order
        first_two = await questions.list_questions(session, guild_id, before_position=3, limit=5)
        assert [q.position for q in first_two] == [1, 2]
        assert page1[0].options == ["Oui", "Non"] and page1[0].source == "a.txt"
        assert await questions.count_questions(session, guild_id) == 5
        nxt = await questions.next_unposted(session, guild_id)
        assert nxt is not None and nxt.id == first[0].id
        # another server's question is not reachable from this one
        assert await questions.get_question(session, guild_id, other[0].id) is None
        assert await questions.get_question(session, other_id, first[0].id) is None

    async with sessions.begin() as session:
        await questions.set_status(session, first[0].id, "posted")
        await questions.set_status(session, first[1].id, "removed")
    async with sessions() as session:
        nxt = await questions.next_unposted(session, guild_id)
        assert nxt is not None and nxt.id == first[2].id
        assert await questions.get_question(session, guild_id, first[1].id) is None
        assert await questions.count_questions(session, guild_id) == 4
        listed = await questions.list_questions(session, guild_id, limit=10)
        assert [q.text for q in listed] == ["Q0 ?", "Q2 ?", "Q3 ?", "Q4 ?"]
        assert "Q1 ?" not in [text for _, text in await questions.texts_by_id(session, guild_id)]
        assert "Q1 ?" in await questions.texts_ever_held(session, guild_id)
        assert await questions.texts_ever_held(session, other_id) == ["Ailleurs ?"]
        other_next = await questions.next_unposted(session, other_id)
        assert other_next is not None and other_next.id == other[0].id

    async with sessions.begin() as session:
        for q in first[2:] + more:
            await questions.set_status(session, q.id, "posted")
    async with sessions() as session:
        assert await questions.next_unposted(session, guild_id) is None


async def test_guilds_and_question_bank(sessions: Any) -> None:
    await _check_guilds(sessions)
    await _check_questions(sessions)


# --- discussions --------------------------------------------------------------


async def _check_scoped_get(sessions: Any) -> None:
    guild_id, other_id = _servers(3)
    thread = 5_000_000_000_000_000_001
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        await _guild(session, other_id)
        mine = await _discussion(session, guild_id, thread_id=thread)
        theirs = await _discussion(session, other_id)
    async with sessions() as session:
        found = await discussions.get_discussion(session, guild_id, mine.id)
        assert found is not None and found.options == ["Oui", "Non", "Nuancé"]
        assert found.opened_at == NOW and found.opened_at.tzinfo is not None
        assert await discussions.get_discussion(session, guild_id, theirs.id) is None
        assert await discussions.get_discussion(session, other_id, mine.id) is None
        by_thread = await discussions.by_thread(session, guild_id, thread)
        assert by_thread is not None and by_thread.id == mine.id
        assert await discussions.by_thread(session, other_id, thread) is None


async def _check_search(sessions: Any) -> None:
    guild_id, other_id = _servers(4)
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        await _guild(session, other_id)
        made = [
            await _discussion(session, guild_id, text=f"Question {chr(65 + i)} sur le Cinéma ?")
            for i in range(12)
        ]
        made[4].question_text = "Faut-il taxer les ROBOTS ?"
        stranger = await _discussion(session, other_id, text="Faut-il taxer les robots ailleurs ?")
    ids = [d.id for d in made]
    async with sessions() as session:
        everything = await discussions.search(session, guild_id)
        assert [d.id for d in everything] == sorted(ids, reverse=True)
        assert stranger.id not in [d.id for d in everything]

        for prefix in {str(ids[0])[:1], str(ids[-1])}:
            by_prefix = await discussions.search(session, guild_id, prefix)
            expected = sorted((i for i in ids if str(i).startswith(prefix)), reverse=True)
            assert [d.id for d in by_prefix] == expected[:25]

        by_text = await discussions.search(session, guild_id, "  taxer les robots ")
        assert [d.id for d in by_text] == [made[4].id]
        assert len(await discussions.search(session, guild_id, "cinéma", limit=3)) == 3
        assert await discussions.search(session, guild_id, "introuvable") == []
        assert await discussions.search(session, other_id, str(ids[-1])) == []
        recent = await discussions.recent_for_guild(session, guild_id, limit=2)
        assert [d.id for d in recent] == sorted(ids, reverse=True)[:2]


async def _check_close_and_reopen(sessions: Any) -> None:
    guild_id, _ = _servers(5)
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        due = await _discussion(session, guild_id, closes_in=timedelta(hours=1))
        later = await _discussion(session, guild_id, closes_in=timedelta(hours=100))

    async def due_here(session: Any, now: datetime) -> list[int]:
        return sorted(
            d.id for d in await discussions.due_to_close(session, now) if d.guild_id == guild_id
        )

    now = NOW + timedelta(hours=2)
    async with sessions.begin() as session:
        assert await due_here(session, now) == [due.id]
        assert await discussions.mark_closed(session, due.id, now) is True
    async with sessions.begin() as session:
        assert await discussions.mark_closed(session, due.id, now + timedelta(minutes=1)) is False
        assert await due_here(session, now) == []
        stored = await discussions.get_discussion(session, guild_id, due.id)
        assert stored is not None and stored.closed_at == now
    async with sessions.begin() as session:
        await discussions.reopen(session, due.id, now + timedelta(hours=24))
    async with sessions() as session:
        stored = await discussions.get_discussion(session, guild_id, due.id)
        assert stored is not None
        assert stored.closed_at is None and stored.closes_at == now + timedelta(hours=24)
        assert await due_here(session, now) == []
        assert await due_here(session, now + timedelta(hours=200)) == sorted([due.id, later.id])


async def _check_posted_and_open(sessions: Any) -> None:
    guild_id, _ = _servers(6)
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        d = await _discussion(session, guild_id)
        await _discussion(session, guild_id)  # never posted: no thread

    async def open_here(session: Any) -> list[int]:
        return [x.id for x in await discussions.open_discussions(session) if x.guild_id == guild_id]

    async with sessions.begin() as session:
        assert await open_here(session) == []
        await discussions.set_posted(session, d.id, thread_id=777, message_id=778)
    async with sessions() as session:
        assert await open_here(session) == [d.id]
        fresh = await discussions.get_discussion(session, guild_id, d.id)
        assert fresh is not None and await discussions.last_message_id(session, fresh) == 778


async def _check_recently_closed(sessions: Any) -> None:
    """What catch-up checks for deletions: discussions closed since a cutoff, and their
    live replies (deleted ones and other discussions' left out)."""
    guild_id, _ = _servers(13)
    base = REPLY_BASE + 500
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        old = await _discussion(session, guild_id, thread_id=base + 91)
        recent = await _discussion(session, guild_id, thread_id=base + 92)
        unposted = await _discussion(session, guild_id)
        still_open = await _discussion(session, guild_id, thread_id=base + 93)
        await discussions.mark_closed(session, old.id, NOW - timedelta(days=40))
        await discussions.mark_closed(session, recent.id, NOW - timedelta(days=2))
        await discussions.mark_closed(session, unposted.id, NOW - timedelta(days=1))
        session.add(_reply(base + 1, recent, ALICE, "gardé"))
        session.add(_reply(base + 2, recent, BRUNO, "", deleted=True))
        session.add(_reply(base + 3, old, ALICE, "vieux"))
        session.add(_reply(base + 4, still_open, ALICE, "ouvert"))
    async with sessions() as session:
        closed = await discussions.closed_since(session, NOW - timedelta(days=30))
        assert [d.id for d in closed if d.guild_id == guild_id] == [recent.id]
        live = await replies.live_ids_by_discussion(session, [recent.id, old.id])
        assert live == {recent.id: {base + 1}, old.id: {base + 3}}
        assert await replies.live_ids_by_discussion(session, []) == {}


async def test_discussions(sessions: Any) -> None:
    await _check_scoped_get(sessions)
    await _check_search(sessions)
    await _check_close_and_reopen(sessions)
    await _check_posted_and_open(sessions)
    await _check_recently_closed(sessions)


# --- slots --------------------------------------------------------------------


async def test_slots_are_claimed_once(sessions: Any) -> None:
    guild_id, other_id = _servers(7)
    slot_at = NOW + timedelta(days=7)
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        assert await slots.claim(session, guild_id, slot_at, owner="a", now=NOW) is True
    async with sessions.begin() as session:
        assert await slots.claim(session, guild_id, slot_at, owner="b", now=NOW) is False
        assert await slots.claim(session, guild_id, slot_at + timedelta(days=7), owner="b", now=NOW)
        await slots.finish(session, guild_id, slot_at, status="posted", discussion_id=3)
    async with sessions() as session:
        stored = await session.get(Slot, (guild_id, slot_at))
        assert stored is not None
        assert (stored.claimed_by, stored.status, stored.discussion_id) == ("a", "posted", 3)
        assert await slots.latest(session, guild_id) == slot_at + timedelta(days=7)
        assert await slots.latest(session, other_id) is None

    # Two processes race for the same slot: the second tries while the first
    # has not committed yet; it waits for the first and then loses.
    race_at = NOW + timedelta(days=21)
    async with sessions() as first, sessions() as second:
        won_first = await slots.claim(first, guild_id, race_at, owner="first", now=NOW)
        racing = asyncio.create_task(
            slots.claim(second, guild_id, race_at, owner="second", now=NOW)
        )
        await first.commit()
        won_second = await racing
        await second.commit()
    assert (won_first, won_second) == (True, False)
    async with sessions() as session:
        stored = await session.get(Slot, (guild_id, race_at))
        assert stored is not None and stored.claimed_by == "first"

    # Several at once, each in its own transaction: exactly one wins.
    crowd_at = NOW + timedelta(days=28)

    async def claim(owner: str) -> bool:
        async with sessions.begin() as session:
            return await slots.claim(session, guild_id, crowd_at, owner=owner, now=NOW)

    results = await asyncio.gather(*(claim(f"p{i}") for i in range(4)))
    assert sorted(results) == [False, False, False, True]
    async with sessions() as session:
        assert await _count(session, Slot, Slot.guild_id == guild_id) == 4


# --- replies ------------------------------------------------------------------


async def _check_reply_pages(sessions: Any) -> None:
    guild_id, other_id = _servers(8)
    base = REPLY_BASE + 100
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        await _guild(session, other_id)
        d1 = await _discussion(session, guild_id, thread_id=11)
        d2 = await _discussion(session, guild_id, thread_id=22)
        foreign = await _discussion(session, other_id, thread_id=33)
        for i in range(1, 8):  # d1: 1..7, alternating authors
            session.add(_reply(base + i, d1, ALICE if i % 2 else BRUNO, f"r{i}"))
        session.add(_reply(base + 8, d1, ALICE, "", deleted=True))
        session.add(_reply(base + 9, d2, BRUNO, "r9"))
        session.add(_reply(base + 10, foreign, ALICE, "ailleurs"))

    async def ids(**filters: Any) -> list[int]:
        rows = await replies.page(session, filters.pop("guild", guild_id), **filters)
        return [r.id - base for r, _ in rows]

    async with sessions() as session:
        seen: list[int] = []
        before = None
        while batch := await ids(before_id=before, limit=3):
            assert len(batch) <= 3
            seen += batch
            before = base + batch[-1]
        assert seen == [9, 7, 6, 5, 4, 3, 2, 1]  # deleted 8 and the other server's 10 left out

        assert await ids(discussion_id=d1.id, limit=50) == [7, 6, 5, 4, 3, 2, 1]
        rows = await replies.page(session, guild_id, discussion_id=d1.id, limit=50)
        assert {thread for _, thread in rows} == {11}
        assert await ids(author_id=BRUNO, limit=50) == [9, 6, 4, 2]
        assert await ids(author_id=ALICE, discussion_id=d1.id, before_id=base + 5) == [3, 1]
        assert await ids(guild=other_id, limit=50) == [10]
        assert await ids(discussion_id=foreign.id) == []
        assert await ids(discussion_id=d2.id, before_id=base + 9) == []
        # Previous: the nearest newer ones, still newest first.
        assert await ids(after_id=base + 4, limit=3) == [7, 6, 5]
        assert await ids(author_id=ALICE, after_id=base + 1, limit=2) == [5, 3]
        assert await ids(after_id=base + 9, limit=3) == []
        # A search, as /answers list search: reads it (folded terms), this server only.
        assert await ids(terms=("r7",)) == [7]
        assert await ids(terms=("r",), author_id=BRUNO, limit=50) == [9, 6, 4, 2]
        assert await ids(terms=("ailleurs",)) == []
        assert await ids(guild=other_id, terms=("ailleurs",)) == [10]

        assert await replies.get_reply(session, guild_id, base + 10) is None
        found = await replies.get_reply(session, other_id, base + 10)
        assert found is not None and found.text == "ailleurs"
        listed = await replies.discussion_replies(session, d1.id)
        assert [r.id - base for r in listed] == [1, 2, 3, 4, 5, 6, 7]
        assert await discussions.last_message_id(session, d1) == base + 8


async def _check_erase(sessions: Any) -> None:
    guild_id, other_id = _servers(9)
    base = REPLY_BASE + 200
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        await _guild(session, other_id)
        d = await _discussion(session, guild_id)
        foreign = await _discussion(session, other_id)
        session.add(_reply(base + 1, d, ALICE, "r1"))
        session.add(_reply(base + 2, foreign, ALICE, "ailleurs"))
    async with sessions.begin() as session:
        session.add(ReplyRevision(reply_id=base + 1, text="avant", edited_at=NOW))
        session.add(
            Vote(
                reply_id=base + 1,
                voter_id=BRUNO,
                discussion_id=d.id,
                guild_id=guild_id,
                value=1,
                at=NOW,
            )
        )
    async with sessions.begin() as session:
        assert await replies.erase(session, other_id, base + 1) is False  # not this server's
        assert await replies.erase(session, guild_id, base + 2) is False
        assert await replies.erase(session, guild_id, base + 99) is False  # unknown
    async with sessions() as session:
        kept = await replies.get_reply(session, guild_id, base + 1)
        assert kept is not None and kept.text == "r1"
        assert await _count(session, ReplyRevision, ReplyRevision.reply_id == base + 1) == 1
    async with sessions.begin() as session:
        assert await replies.erase(session, guild_id, base + 1) is True
    async with sessions.begin() as session:
        assert await replies.erase(session, guild_id, base + 1) is False  # already erased
    async with sessions() as session:
        stored = await replies.get_reply(session, guild_id, base + 1)
        assert stored is not None
        assert (stored.deleted, stored.text, stored.author_name) == (True, "", "")
        assert await _count(session, ReplyRevision, ReplyRevision.reply_id == base + 1) == 0
        assert await _count(session, Vote, Vote.reply_id == base + 1) == 0
        other = await replies.get_reply(session, other_id, base + 2)
        assert other is not None and (other.text, other.deleted) == ("ailleurs", False)


async def _check_retention(sessions: Any) -> None:
    guild_id, other_id = _servers(10)
    base = REPLY_BASE + 300
    old = NOW - timedelta(days=40)
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        await _guild(session, other_id)
        d = await _discussion(session, guild_id)
        foreign = await _discussion(session, other_id)
        still_open = await _discussion(session, guild_id, text="Encore ouverte ?")
        session.add(_reply(base + 1, d, text="vieux", created_at=old))
        session.add(_reply(base + 2, d, text="récent", created_at=NOW))
        session.add(_reply(base + 3, foreign, text="vieux ailleurs", created_at=old))
        session.add(_reply(base + 4, still_open, text="vieux, à résumer", created_at=old))
    async with sessions.begin() as session:
        session.add(ReplyRevision(reply_id=base + 1, text="très vieux", edited_at=old))
        for closed in (d, foreign):  # an open discussion's summary still needs its replies
            await discussions.mark_closed(session, closed.id, NOW)
    cutoff = NOW - timedelta(days=30)
    async with sessions.begin() as session:
        assert await replies.erase_older_than(session, guild_id, cutoff) == 1
    async with sessions.begin() as session:
        assert await replies.erase_older_than(session, guild_id, cutoff) == 0
    async with sessions() as session:
        rows = await session.scalars(select(Reply).where(Reply.id.between(base, base + 99)))
        assert {r.id - base: (r.text, r.deleted) for r in rows} == {
            1: ("", True),
            2: ("récent", False),
            3: ("vieux ailleurs", False),
            4: ("vieux, à résumer", False),
        }
        assert await _count(session, ReplyRevision, ReplyRevision.reply_id == base + 1) == 0


async def test_replies(sessions: Any) -> None:
    await _check_reply_pages(sessions)
    await _check_erase(sessions)
    await _check_retention(sessions)


# --- members ------------------------------------------------------------------


async def test_member_counts_preferences_and_erasure(sessions: Any) -> None:
    guild_id, other_id = _servers(11)
    base = REPLY_BASE + 400
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        await _guild(session, other_id)
        d = await _discussion(session, guild_id)
        foreign = await _discussion(session, other_id)
        for reply_id, disc, author in (
            (1, d, ALICE),
            (2, d, ALICE),
            (3, d, BRUNO),
            (4, foreign, ALICE),
        ):
            session.add(_reply(base + reply_id, disc, author, f"r{reply_id}"))
    async with sessions.begin() as session:
        for reply_id in (1, 4):
            session.add(ReplyRevision(reply_id=base + reply_id, text="old", edited_at=NOW))
        for disc in (d, foreign):
            for user in (ALICE, BRUNO):
                session.add(
                    Stance(
                        discussion_id=disc.id,
                        user_id=user,
                        guild_id=disc.guild_id,
                        option=1,
                        at=NOW,
                    )
                )
                session.add(
                    StanceChange(
                        discussion_id=disc.id,
                        guild_id=disc.guild_id,
                        user_id=user,
                        option=1,
                        at=NOW,
                    )
                )
        for reply_id, voter, disc in ((3, ALICE, d), (1, BRUNO, d), (4, ALICE, foreign)):
            session.add(
                Vote(
                    reply_id=base + reply_id,
                    voter_id=voter,
                    discussion_id=disc.id,
                    guild_id=disc.guild_id,
                    value=1,
                    at=NOW,
                )
            )

    # counts and preferences
    async with sessions.begin() as session:
        counts = await members.counts(session, guild_id, ALICE)
        assert counts == members.MemberCounts(
            replies=2, stances=1, votes=1, opted_out=False, suggestions=0
        )
        await members.set_opted_out(session, guild_id, ALICE, True, NOW)
        await members.set_opted_out(session, guild_id, BRUNO, True, NOW)
    async with sessions.begin() as session:
        await members.set_opted_out(session, guild_id, BRUNO, False, NOW + timedelta(hours=1))
    async with sessions() as session:
        assert (await members.counts(session, guild_id, ALICE)).opted_out is True
        assert (await members.counts(session, other_id, ALICE)).opted_out is False
        opted = [pair for pair in await members.opted_out_members(session) if pair[0] == guild_id]
        assert opted == [(guild_id, ALICE)]
        prefs = await _count(session, MemberPreference, MemberPreference.guild_id == guild_id)
        assert prefs == 2
        stances = await members.stances_of(session, guild_id, ALICE)
        assert [(s.option, disc.id) for s, disc in stances] == [(1, d.id)]

    # erasure: everything of Alice in this server, nothing elsewhere, nothing of Bruno
    async with sessions.begin() as session:
        erasure = await members.erase_member(session, guild_id, ALICE, NOW + timedelta(hours=2))
        assert erasure.replies == 2 and erasure.form_posts == []
    async with sessions() as session:
        rows = {
            r.id - base: r
            for r in await session.scalars(select(Reply).where(Reply.id.between(base, base + 99)))
        }
        erased = (rows[1].text, rows[1].deleted, rows[1].author_name, rows[1].author_id)
        assert erased == ("", True, "", 0)  # the id alone stays, to recognise the message
        assert (rows[2].text, rows[2].deleted, rows[2].author_id) == ("", True, 0)
        assert rows[1].erased_by == "member"
        # Her opt-out is still in force; the erasure covers everything before it.
        spans = await members.spans_of(session, guild_id, ALICE)
        assert [(s.reason, s.starts_at, s.ends_at) for s in spans] == [
            ("opted_out", NOW, None),
            ("erased", None, NOW + timedelta(hours=2)),
        ]
        bruno = await members.spans_of(session, guild_id, BRUNO)
        assert [(s.reason, s.starts_at, s.ends_at) for s in bruno] == [
            ("opted_out", NOW, NOW + timedelta(hours=1))
        ]
        assert (rows[3].text, rows[3].deleted) == ("r3", False)  # Bruno's
        assert (rows[4].text, rows[4].deleted) == ("r4", False)  # Alice in the other server
        revisions = list(
            await session.scalars(
                select(ReplyRevision.reply_id).where(
                    ReplyRevision.reply_id.between(base, base + 99)
                )
            )
        )
        assert revisions == [base + 4]
        for model, user_column in ((Stance, Stance.user_id), (StanceChange, StanceChange.user_id)):
            here = await _count(session, model, user_column == ALICE, model.guild_id == guild_id)
            there = await _count(session, model, user_column == ALICE, model.guild_id == other_id)
            bruno = await _count(
                session, model, user_column == BRUNO, model.discussion_id.in_([d.id, foreign.id])
            )
            assert (here, there, bruno) == (0, 1, 2), model.__name__
        alice_votes = list(
            await session.scalars(
                select(Vote.guild_id).where(
                    Vote.voter_id == ALICE, Vote.guild_id.in_([guild_id, other_id])
                )
            )
        )
        assert alice_votes == [other_id]
        # Bruno's vote on Alice's erased reply goes with it, as for a deleted message
        assert await _count(session, Vote, Vote.voter_id == BRUNO, Vote.guild_id == guild_id) == 0
        assert await members.counts(session, guild_id, ALICE) == members.MemberCounts(0, 0, 0, True)
        assert await members.counts(session, other_id, ALICE) == members.MemberCounts(
            1, 1, 1, False
        )


# --- audit and meta -----------------------------------------------------------


async def test_audit_and_meta(sessions: Any) -> None:
    guild_id, other_id = _servers(12)
    async with sessions.begin() as session:
        await audit.record(session, guild_id, "setup", actor_id=ALICE, now=NOW)
        await audit.record(
            session,
            guild_id,
            "question_remove",
            actor_id=ALICE,
            target="12",
            now=NOW + timedelta(1),
        )
        await audit.record(session, other_id, "setup", actor_id=None, now=NOW)
    async with sessions() as session:
        entries = await audit.entries(session, guild_id)
        assert [(e.action, e.target, e.actor_id) for e in entries] == [
            ("question_remove", "12", ALICE),
            ("setup", None, ALICE),
        ]
        assert entries[0].at == NOW + timedelta(days=1)
        assert len(await audit.entries(session, guild_id, limit=1)) == 1
        assert [e.actor_id for e in await audit.entries(session, other_id)] == [None]

    async with sessions.begin() as session:
        assert await meta.get(session, "tree") is None
        await meta.put(session, "tree", "a")
    async with sessions.begin() as session:
        await meta.put(session, "tree", "b")
    async with sessions() as session:
        assert await meta.get(session, "tree") == "b"
