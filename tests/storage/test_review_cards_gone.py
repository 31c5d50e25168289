"""A pending suggestion whose review card was deleted counts as having none, on both
databases; a decided one's card, or another server's, is not touched."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from db.models import Suggestion
from db.repositories import guilds
from db.repositories import suggestions as repo

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
SERVER = 1_300_000_000_000_000_000
REVIEW = 1_300_000_000_000_000_900
CARD = 1_300_000_000_000_001_000


async def _suggestion(session: Any, guild_id: int, n: int, status: str = "pending") -> int:
    added = await repo.add(
        session,
        Suggestion(
            guild_id=guild_id,
            author_id=7,
            author_name="alice",
            text=f"Idée {n} ?",
            options=["Oui", "Non"],
            language="fr",
            status=status,
            created_at=NOW,
        ),
    )
    await repo.set_review_message(session, added.id, channel_id=REVIEW, message_id=CARD + n)
    return added.id


async def test_a_deleted_card_leaves_its_pending_suggestion_without_one(sessions: Any) -> None:
    other = SERVER + 1
    async with sessions.begin() as session:
        for guild_id in (SERVER, other):
            await guilds.ensure_guild(
                session, guild_id, now=NOW, timezone="Europe/Paris", language="fr"
            )
        first = await _suggestion(session, SERVER, 1)
        second = await _suggestion(session, SERVER, 2)
        await _suggestion(session, SERVER, 3, status="approved")
        await _suggestion(session, other, 4)
    async with sessions() as session:
        assert await repo.count_without_card(session, SERVER, REVIEW) == 0
        found = await repo.with_card(session, SERVER, REVIEW, [CARD + 1, CARD + 3, CARD + 4])
        assert found == [(first, CARD + 1)]  # not the decided one, nor another server's
        assert await repo.with_card(session, SERVER, REVIEW) == [
            (first, CARD + 1),
            (second, CARD + 2),
        ]
        assert await repo.with_card(session, SERVER, REVIEW + 1, [CARD + 1]) == []
    async with sessions.begin() as session:
        await repo.cards_gone(session, SERVER, [first])
    async with sessions() as session:
        assert await repo.count_without_card(session, SERVER, REVIEW) == 1
        assert await repo.with_card(session, SERVER, REVIEW) == [(second, CARD + 2)]
        assert await repo.count_without_card(session, other, REVIEW) == 0
