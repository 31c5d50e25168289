"""A discussion's fingerprint (the summary cache's key) moves with every change the
summary depends on, and only then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, update

from db.models import Discussion, MemberPreference, Reply, Stance, Vote
from db.repositories import discussions, guilds, members, questions, replies, review

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
            guild_id=GUILD, question_id=q.id, question_text=q.text, options=["A", "B"],
            language="fr", channel_id=1, thread_id=7000 + n, opened_at=NOW,
            closes_at=NOW + timedelta(hours=1),
        ),
    )  # fmt: skip


def _reply(discussion_id: int, n: int, text: str = "texte") -> Reply:
    return Reply(id=n, discussion_id=discussion_id, guild_id=GUILD, author_id=5,
                 author_name="a", text=text, created_at=NOW)  # fmt: skip


async def test_every_change_moves_the_fingerprint(sessions: Any) -> None:
    async with sessions.begin() as s:
        history, one, other = (
            await _discussion(s, 1),
            await _discussion(s, 2),
            await _discussion(s, 3),
        )
        s.add_all([_reply(one.id, n) for n in range(100, 150)])
        s.add(_reply(history.id, 90))

    async def fingerprint() -> str:
        async with sessions() as s:
            found = await discussions.get_discussion(s, GUILD, one.id)
            return await review.fingerprint(s, found, [history.id])

    seen = await fingerprint()
    assert seen == await fingerprint()

    async def changes(work: Any) -> None:
        nonlocal seen
        async with sessions.begin() as s:
            await work(s)
        now = await fingerprint()
        assert now != seen, work
        seen = now

    async def unchanged(work: Any) -> None:
        async with sessions.begin() as s:
            await work(s)
        assert await fingerprint() == seen, work

    async def add(s: Any) -> None:
        s.add(_reply(one.id, 150))

    async def vote(s: Any) -> None:
        s.add(Vote(reply_id=103, voter_id=9, discussion_id=one.id, guild_id=GUILD, value=1,
                   at=NOW))  # fmt: skip

    async def stance(s: Any) -> None:
        s.add(Stance(discussion_id=one.id, user_id=9, guild_id=GUILD, option=0, at=NOW))

    async def learned(s: Any) -> None:
        s.add(Stance(discussion_id=history.id, user_id=9, guild_id=GUILD, option=1, at=NOW))

    async def grown(s: Any) -> None:
        s.add(_reply(history.id, 91))

    async def elsewhere(s: Any) -> None:
        s.add(_reply(other.id, 500))
        s.add(Stance(discussion_id=other.id, user_id=9, guild_id=GUILD, option=1, at=NOW))

    await changes(add)
    edit = update(Reply).where(Reply.id == 101)  # as an edit is stored: new text and time
    await changes(lambda s: s.execute(edit.values(text="texte, revu", edited_at=NOW)))
    later = NOW + timedelta(seconds=5)
    await changes(lambda s: s.execute(edit.values(text="texte, revu!", edited_at=later)))
    await changes(lambda s: replies.erase(s, GUILD, 104))
    await changes(vote)
    await changes(lambda s: s.execute(update(Vote).values(value=-1, at=NOW + timedelta(seconds=1))))
    await changes(lambda s: s.execute(delete(Vote)))
    await changes(stance)
    await changes(
        lambda s: s.execute(update(Stance).values(option=1, at=NOW + timedelta(seconds=1)))
    )
    await changes(lambda s: s.execute(delete(Stance).where(Stance.discussion_id == one.id)))
    await changes(learned)
    await changes(grown)
    await changes(lambda s: members.set_opted_out(s, GUILD, 77, True, NOW))
    await changes(lambda s: members.set_opted_out(s, GUILD, 77, False, NOW + timedelta(seconds=1)))
    await changes(lambda s: discussions.mark_closed(s, one.id, NOW))
    await changes(lambda s: discussions.reopen(s, one.id, NOW + timedelta(days=1)))
    await changes(lambda s: members.erase_member(s, GUILD, 5, NOW))
    await unchanged(elsewhere)
    assert MemberPreference is not None
