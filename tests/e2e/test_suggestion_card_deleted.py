"""A suggestion's review card deleted by hand in the review channel: the suggestion, still
pending, is counted as waiting without a card (live, and when deleted while the bot was away)."""

from __future__ import annotations

from typing import Any

from db.models import Suggestion
from tests.harness import world

IDEA = "Faut-il interdire les smartphones dans les salles de cinéma ?"
OTHER = "Faut-il un entracte au cinéma ?"


async def _review_field(w: Any) -> str:
    shown = await w.mod.slash(w.text, "schedule show")
    fields = {f.name: f.value for f in shown.response.embeds[0].fields}
    return str(fields["Propositions"])


async def test_a_card_deleted_by_hand_counts_as_no_card(sqlite_url: str) -> None:
    """Staff deleted a pending suggestion's card in the review channel: /schedule show still
    said nothing was waiting, and the suggestion sat unseen. The bot notices its card went."""
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        staff = w.guild.create_text_channel("moderation")
        await w.setup(review_channel=staff)
        await w.members[0].slash(w.text, "suggest", text=IDEA)
        await w.members[1].slash(w.text, "suggest", text=OTHER)
        await w.settle()
        first, _ = staff.history()
        assert "sans carte" not in await _review_field(w)

        await w.mod.delete(first)
        await w.settle()
        waiting = "1 proposition attend sans carte dans ce salon\u00a0: /question propositions"
        assert waiting in await _review_field(w)
        rows = {s.id: s for s in await w.rows(Suggestion)}
        assert (rows[1].review_message_id, rows[2].review_message_id is not None) == (None, True)
        listed = await w.mod.slash(w.text, "question suggestions")
        assert "smartphones" in listed.response.embeds[0].description
        assert not w.env.errors


async def test_a_card_deleted_while_the_bot_was_away_counts_as_no_card(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        staff = w.guild.create_text_channel("moderation")
        await w.setup(review_channel=staff)
        await w.members[0].slash(w.text, "suggest", text=IDEA)
        await w.members[1].slash(w.text, "suggest", text=OTHER)
        await w.settle()
        first, _ = staff.history()

        await w.restart(away=lambda: w.env.backend.delete_message(staff.id, first.id))
        waiting = "1 proposition attend sans carte dans ce salon\u00a0: /question propositions"
        assert waiting in await _review_field(w)
        assert not w.env.errors
