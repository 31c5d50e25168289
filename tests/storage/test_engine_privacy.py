"""A database error names the statement, never what members wrote: an error logged with
its traceback (the write-behind's dead letters, a bug's report) would otherwise carry a
reply's text, opted-out members' included, into the log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError

from db.models import Reply

WORDS = "ce que Zoé a écrit et que personne d'autre ne doit lire"


async def test_a_failed_write_does_not_quote_the_reply_it_carried(sessions: Any) -> None:
    reply = Reply(
        id=1, discussion_id=404, guild_id=1, author_id=2, author_name="Zoé", text=WORDS,
        created_at=datetime(2026, 12, 6, tzinfo=UTC),
    )  # fmt: skip
    with pytest.raises(IntegrityError) as raised:  # no discussion 404
        async with sessions.begin() as session:
            session.add(reply)
    said = str(raised.value)
    assert "INSERT INTO replies" in said, said  # still says which statement failed
    assert WORDS not in said and "Zoé" not in said
