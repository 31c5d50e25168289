"""What is read of a reply edited after votes, on each backend: the replies read for the
analysis and the export say whether a counted vote predates the reply's last edit, and the
voting card's read says which replies changed since one member's vote."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from db.models import Discussion
from db.repositories import discussions, guilds, members, questions
from db.repositories import export as export_repo
from db.repositories.events import ReplyEdited, ReplySeen, VoteSet, apply_batch

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
GUILD = 1_100_000_000_000_000_001
ALICE, BRUNO, CAROL, DAVID = (900_000_000_000_000_000 + n for n in range(1, 5))
R = 1_300_000_000_000_000_000


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


async def _marked(sessions: Any, discussion_id: int) -> dict[int, bool]:
    async with sessions() as session:
        rows = [row async for row in export_repo.replies(session, discussion_id)]
    return {row.id: bool(row.edited_after_votes) for row in rows}


async def _again(sessions: Any, discussion_id: int, voter: int) -> set[int]:
    async with sessions() as session:
        return await export_repo.edited_since_vote(session, discussion_id, voter)


async def test_a_reply_edited_after_a_counted_vote_is_marked(sessions: Any) -> None:
    async with sessions.begin() as session:
        await guilds.ensure_guild(session, GUILD, now=T0, timezone="Europe/Paris", language="fr")
        [question] = await questions.add_questions(
            session, GUILD, [("Et vous ?", "fr", ["Oui", "Non"], None)], now=T0
        )
        d = await discussions.create_discussion(
            session,
            Discussion(
                guild_id=GUILD,
                question_id=question.id,
                question_text="Et vous ?",
                options=["Oui", "Non"],
                language="fr",
                channel_id=GUILD + 5,
                opened_at=T0,
                closes_at=at(72 * 60),
            ),
        )

    def seen(n: int, text: str) -> ReplySeen:
        return ReplySeen(R + n, d.id, GUILD, ALICE, "Alice", text, at(n))

    def vote(n: int, voter: int, minutes: int, value: int = 1) -> VoteSet:
        return VoteSet(R + n, voter, d.id, GUILD, value, at(minutes))

    async with sessions.begin() as session:
        await apply_batch(
            session,
            [
                seen(1, "Voté puis changé"),
                seen(2, "Corrigé avant tout vote"),
                seen(3, "Jamais modifié"),
                seen(4, "Changé après le vote d'une membre partie"),
                ReplyEdited(R + 2, "Corrigé avant tout vote, voilà", at(10)),
                vote(1, BRUNO, 20),
                vote(1, CAROL, 30),
                vote(2, BRUNO, 20),
                vote(3, BRUNO, 20),
                vote(4, DAVID, 20),
            ],
        )
        await apply_batch(
            session,
            [
                ReplyEdited(R + 1, "Tout autre chose", at(25)),  # after Bruno's, before Carol's
                ReplyEdited(R + 4, "Tout autre chose encore", at(25)),
            ],
        )
        await members.set_opted_out(session, GUILD, DAVID, True, at(26))  # not counted
    assert await _marked(sessions, d.id) == {R + 1: True, R + 2: False, R + 3: False, R + 4: False}
    assert await _again(sessions, d.id, BRUNO) == {R + 1}
    assert await _again(sessions, d.id, CAROL) == set()

    # Bruno votes again on the new text: every counted vote is about it now
    async with sessions.begin() as session:
        await apply_batch(session, [vote(1, BRUNO, 40, -1)])
    assert await _marked(sessions, d.id) == {R + 1: False, R + 2: False, R + 3: False, R + 4: False}
    assert await _again(sessions, d.id, BRUNO) == set()
