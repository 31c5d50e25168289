"""A member who erases her data (/mydata delete) after a discussion closed is no longer
quoted by the closing summary posted in its thread."""

from __future__ import annotations

from datetime import timedelta

from tests.discord_checks import embed_texts
from tests.harness import world


def _posted(w, thread) -> str:
    bot_messages = [m for m in thread.history() if m.author.id == w.bot.user.id and m.embeds]
    return "\n".join(t for m in bot_messages for e in m.embeds for t in embed_texts(e))


async def test_the_posted_closing_summary_drops_the_quotes_of_an_erased_member(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, _ = await w.post()
        alice, bruno = w.members
        hers = await alice.send(thread, "Oui, Aliceword les outils progressent très vite.")
        await bruno.send(thread, "Non, un film sans acteurs humains n'a aucune âme.")
        await w.settle()
        w.clock.advance(timedelta(hours=72, minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        before = _posted(w, thread)
        assert "Aliceword" in before and f"/{hers.id})" in before  # quoted, with its link

        asked = await alice.slash(thread, "mydata delete")
        await alice.click(asked.response.message, label="Yes, erase everything")
        await w.settle()
        after = _posted(w, thread)
        assert "Aliceword" not in after and f"/{hers.id})" not in after, after
        assert "aucune âme" in after  # Bruno's quote stays
        closed = await w.bot.fetch_channel(thread.id)
        assert closed.archived and closed.locked
