"""Discussion versions: every change to a discussion, its replies, votes or stances
moves its counter (triggers, any writer); other discussions' counters stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, update

from db.models import Discussion, Reply, Stance, Vote
from db.repositories import discussions, guilds, questions, review

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
GUILD = 1_100_000_000_000_000_321


async def _discussion(session: Any, n: int) -> Discussion:
    await guilds.ensure_guild(session, GUILD, now=NOW, timezone="UTC", language="fr")
    [q] = await questions.add_questions(
        session, GUILD, [(f"Q{n} ?", "fr", ["A", "B"], None)], now=NOW
    )
    return await discussions.create_discussion(
        session,
        Discussion(
            guild_id=GUILD,
            question_id=q.id,
            question_text=q.text,
            options=["A", "B"],
            language="fr",
            channel_id=1,
            thread_id=7000 + n,
            opened_at=NOW,
            closes_at=NOW + timedelta(hours=1),
        ),
    )


async def test_every_change_moves_the_version(sessions: Any) -> None:
    async with sessions.begin() as s:
        one, two = await _discussion(s, 1), await _discussion(s, 2)
    ids = [one.id, two.id]

    async def versions() -> dict[int, int]:
        async with sessions() as s:
            return await review.versions(s, ids)

    seen = await versions()
    assert seen == {one.id: 0, two.id: 0}

    async def changed(work: Any) -> None:
        nonlocal seen
        async with sessions.begin() as s:
            await work(s)
        now = await versions()
        assert now[one.id] > seen[one.id], work
        assert now[two.id] == seen[two.id], work
        seen = now

    def reply(n: int) -> Reply:
        return Reply(
            id=n,
            discussion_id=one.id,
            guild_id=GUILD,
            author_id=5,
            author_name="a",
            text="t",
            created_at=NOW,
        )

    async def add_replies(s: Any) -> None:
        s.add_all([reply(n) for n in range(100, 150)])

    await changed(add_replies)
    await changed(lambda s: s.execute(update(Reply).where(Reply.id == 101).values(text="x")))
    await changed(lambda s: s.execute(update(Reply).where(Reply.id == 102).values(deleted=True)))

    async def vote(s: Any) -> None:
        s.add(Vote(reply_id=103, voter_id=9, discussion_id=one.id, guild_id=GUILD, value=1, at=NOW))

    await changed(vote)
    await changed(lambda s: s.execute(update(Vote).where(Vote.reply_id == 103).values(value=-1)))
    await changed(lambda s: s.execute(delete(Vote).where(Vote.reply_id == 103)))

    async def stance(s: Any) -> None:
        s.add(Stance(discussion_id=one.id, user_id=9, guild_id=GUILD, option=0, at=NOW))

    await changed(stance)
    await changed(lambda s: s.execute(update(Stance).values(option=1)))
    await changed(lambda s: s.execute(delete(Stance)))
    await changed(lambda s: discussions.mark_closed(s, one.id, NOW))
    await changed(lambda s: s.execute(delete(Reply).where(Reply.id == 104)))
