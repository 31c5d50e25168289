"""The question-of-the-day storage on each backend: a question and a reminder taken
once under concurrency, a suggestion decided once, the rotation, participation rows."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.services import next_question
from db.models import Discussion, Guild, MemberPreference, Question, Reply, Stance, Suggestion
from db.repositories import guilds, members, questions, reminders
from db.repositories import participation_stats as stats
from db.repositories import suggestions as suggestion_repo

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
SERVER = 1_200_000_000_000_000_000
ALICE = 900_000_000_000_000_001
BRUNO = 900_000_000_000_000_002


async def _guild(session: Any, guild_id: int) -> Guild:
    guild, _ = await guilds.ensure_guild(
        session, guild_id, now=NOW, timezone="Europe/Paris", language="fr"
    )
    return guild


async def _add(session: Any, guild_id: int, texts: list[str], **kw: Any) -> list[Question]:
    return await questions.add_questions(
        session, guild_id, [(t, "fr", ["Oui", "Non"], None) for t in texts], now=NOW, **kw
    )


async def _open(session: Any, guild_id: int, question: Question, thread: int) -> Discussion:
    discussion = Discussion(
        guild_id=guild_id,
        question_id=question.id,
        question_text=question.text,
        options=list(question.options),
        language="fr",
        channel_id=guild_id + 1,
        thread_id=thread,
        message_id=thread,
        opened_at=NOW,
        closes_at=NOW + timedelta(hours=72),
    )
    session.add(discussion)
    await session.flush()
    return discussion


async def test_next_question_rotation_up_next_and_claims_under_concurrency(sessions: Any) -> None:
    guild_id = SERVER + 1
    async with sessions.begin() as session:
        guild = await _guild(session, guild_id)
        await _add(session, guild_id, ["Sans catégorie ?"])
        cinema = await _add(session, guild_id, ["Ciné 1 ?", "Ciné 2 ?"], category="cinéma")
        await _add(session, guild_id, ["Société 1 ?"], category="société")
        guild.categories = ["société", "cinéma"]
    async with sessions() as session:
        guild = await session.get(Guild, guild_id)
        assert (await next_question.choose(session, guild)).text == "Société 1 ?"
    async with sessions.begin() as session:
        guild = await session.get(Guild, guild_id)
        first = await next_question.claim(session, guild)
        await _open(session, guild_id, first, thread=guild_id + 100)
        await _add(session, guild_id, ["Urgent ?"], up_next=True)
    async with sessions.begin() as session:
        guild = await session.get(Guild, guild_id)
        assert (await next_question.claim(session, guild)).text == "Urgent ?"  # before rotation
        assert (await next_question.choose(session, guild)).text == "Ciné 1 ?"  # after société

    # Two posts at once never take the same question: the claim is conditional.
    async def claim(question_id: int) -> bool:
        async with sessions.begin() as session:
            return await questions.claim_ready(session, question_id)

    results = await asyncio.gather(*(claim(cinema[1].id) for _ in range(4)))
    assert sorted(results) == [False, False, False, True]
    async with sessions() as session:
        row = await session.get(Question, cinema[1].id)
        assert (row.status, row.up_next) == ("posted", False)
        counts = await questions.category_counts(session, guild_id)
        assert counts == {"cinéma": (1, 2), "société": (0, 1)}


async def test_reminder_claimed_once_released_only_by_its_owner(sessions: Any) -> None:
    guild_id = SERVER + 2
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        (question,) = await _add(session, guild_id, ["Rappel ?"])
        discussion = await _open(session, guild_id, question, thread=guild_id + 100)
    closes = discussion.closes_at

    async def claim(owner: str) -> bool:
        async with sessions.begin() as session:
            return await reminders.claim(session, discussion.id, closes, owner=owner, now=NOW)

    assert sorted(await asyncio.gather(claim("a"), claim("b"), claim("a"))) == [False, False, True]
    async with sessions.begin() as session:
        await reminders.release(session, discussion.id, closes, owner="someone-else")
    assert not await claim("c")
    async with sessions() as session:
        from db.models import Reminder

        (row,) = list(await session.scalars(select(Reminder)))
        owner = row.claimed_by
    async with sessions.begin() as session:
        await reminders.release(session, discussion.id, closes, owner=owner)
    assert await claim("c")
    later = closes + timedelta(days=1)  # reopened: a new closing time, a new reminder
    async with sessions.begin() as session:
        assert await reminders.claim(session, discussion.id, later, owner="c", now=NOW)


async def test_a_stale_reminder_claim_is_settled_once_as_read(sessions: Any) -> None:
    """Settling a claim a stopped process left touches that claim only as it was read:
    a second settler, or one that read it before another process claimed it again, finds
    nothing to settle."""
    from db.models import Reminder

    guild_id = SERVER + 5
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        (question,) = await _add(session, guild_id, ["Rappel perdu ?"])
        discussion = await _open(session, guild_id, question, thread=guild_id + 100)
        old, fresh = discussion.closes_at, discussion.closes_at + timedelta(days=1)
        await reminders.claim(session, discussion.id, old, owner="dead", now=NOW)
        await reminders.claim(session, discussion.id, fresh, owner="alive", now=NOW + DAY)
    async with sessions() as session:
        (stale,) = await reminders.stale_claims(session, claimed_before=NOW + timedelta(minutes=1))
        assert await reminders.stale_claims(session, claimed_before=NOW) == []
    (_, other) = sorted(await _rows(sessions, Reminder), key=lambda r: r.closes_at)
    async with sessions.begin() as session:
        assert await reminders.settle(session, stale, message_id=42)
    async with sessions.begin() as session:
        assert not await reminders.settle(session, stale, message_id=None)  # settled already
        assert await reminders.settle(session, other, message_id=None)
    async with sessions.begin() as session:  # claimed again since it was read
        assert await reminders.claim(session, discussion.id, fresh, owner="b", now=NOW + 2 * DAY)
        assert not await reminders.settle(session, other, message_id=None)
    rows = sorted(await _rows(sessions, Reminder), key=lambda r: r.closes_at)
    assert [(r.status, r.message_id, r.claimed_by) for r in rows] == [
        ("posted", 42, "dead"),
        ("claimed", None, "b"),
    ]


async def _rows(sessions: Any, model: Any) -> list[Any]:
    async with sessions() as session:
        return list(await session.scalars(select(model)))


DAY = timedelta(days=1)


async def test_a_suggestion_is_decided_once(sessions: Any) -> None:
    guild_id = SERVER + 3
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        suggestion = await suggestion_repo.add(
            session,
            Suggestion(
                guild_id=guild_id,
                author_id=ALICE,
                author_name="alice",
                text="Une idée ?",
                options=["Oui", "Non"],
                language="en",
                status="pending",
                created_at=NOW,
            ),
        )

    async def decide(status: str) -> bool:
        async with sessions.begin() as session:
            return await suggestion_repo.decide(
                session, suggestion.id, status=status, by=BRUNO, at=NOW
            )

    assert sorted(await asyncio.gather(decide("approved"), decide("rejected"))) == [False, True]
    async with sessions.begin() as session:
        assert not await suggestion_repo.rewrite(
            session, suggestion.id, text="x", options=["a", "b"], category=None
        )
        assert await suggestion_repo.pending_texts(session, guild_id) == []
        assert await suggestion_repo.recent_by_author(session, guild_id, ALICE, NOW) == [NOW]
        assert await suggestion_repo.get(session, guild_id + 1, suggestion.id) is None


async def test_pending_suggestions_page_both_ways(sessions: Any) -> None:
    guild_id = SERVER + 4
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        ids = [
            (
                await suggestion_repo.add(
                    session,
                    Suggestion(
                        guild_id=guild_id,
                        author_id=ALICE,
                        author_name="alice",
                        text=f"Idée {i} ?",
                        options=["Oui", "Non"],
                        language="fr",
                        status="pending",
                        created_at=NOW,
                    ),
                )
            ).id
            for i in range(5)
        ]
    async with sessions() as session:

        async def page(**cursor: int) -> list[int]:
            rows = await suggestion_repo.pending_page(session, guild_id, limit=2, **cursor)
            return [ids.index(s.id) for s in rows]

        assert await page() == [0, 1]
        assert await page(after_id=ids[1]) == [2, 3]
        assert await page(before_id=ids[4]) == [2, 3]  # the nearest before, oldest first
        assert await page(before_id=ids[1]) == [0]


async def test_participation_rows_and_preferences(sessions: Any) -> None:
    guild_id = SERVER + 4
    async with sessions.begin() as session:
        await _guild(session, guild_id)
        one, two = await _add(session, guild_id, ["Un ?", "Deux ?"])
        first = await _open(session, guild_id, one, thread=guild_id + 100)
        second = await _open(session, guild_id, two, thread=guild_id + 200)
        for n, (discussion, author, deleted) in enumerate(
            [
                (first, ALICE, False),
                (first, ALICE, False),
                (first, BRUNO, True),
                (second, BRUNO, False),
            ]
        ):
            session.add(
                Reply(
                    id=guild_id + 1000 + n,
                    discussion_id=discussion.id,
                    guild_id=guild_id,
                    author_id=author,
                    author_name="x",
                    text="réponse",
                    created_at=NOW,
                    deleted=deleted,
                )
            )
        session.add(
            Stance(discussion_id=first.id, user_id=BRUNO, guild_id=guild_id, option=0, at=NOW)
        )
    async with sessions() as session:
        rows = await stats.activity(session, guild_id, [first.id, second.id])
        assert sorted(rows) == sorted(
            [(first.id, ALICE, 2), (first.id, BRUNO, 0), (second.id, BRUNO, 1)]
        )
        assert await stats.member_activity(session, guild_id, BRUNO) == {first.id: 0, second.id: 1}
        assert await stats.posted_discussions(session, guild_id) == [
            (first.id, True),
            (second.id, True),
        ]
        assert await stats.activity(session, guild_id + 1, [first.id]) == []  # other server
    async with sessions.begin() as session:
        await members.set_opted_out(session, guild_id, ALICE, True, NOW)
        await stats.set_hidden(session, guild_id, ALICE, True, NOW)
        await stats.set_hidden(session, guild_id, BRUNO, True, NOW)
        await stats.set_hidden(session, guild_id, BRUNO, False, NOW)
        await members.set_opted_out(session, guild_id, ALICE, False, NOW)
    async with sessions() as session:
        assert await stats.hidden_members(session, guild_id) == {ALICE}
        prefs = {
            p.user_id: (p.opted_out, p.hidden_from_leaderboard)
            for p in await session.scalars(
                select(MemberPreference).where(MemberPreference.guild_id == guild_id)
            )
        }
        assert prefs == {ALICE: (False, True), BRUNO: (False, False)}
