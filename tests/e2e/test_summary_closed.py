"""A closed discussion's summary says what was missing; it never asks for votes that the
closed discussion (its post without the voting button) can no longer take."""

from __future__ import annotations

from datetime import timedelta

from tests.discord_checks import embed_texts
from tests.harness import world


async def test_the_closing_summary_asks_for_no_vote(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, _ = await w.post()
        first, second = w.members
        await first.send(thread, "Oui, les outils progressent très vite.")
        await second.send(thread, "Non, un film sans acteurs n'a aucune âme.")
        await w.settle()
        while_open = await first.slash(thread, "summary show")
        [groups] = [e for e in while_open.response.embeds if e.title == "Opinion groups"]
        # The button as the post shows it (the discussion's French), in her English sentence.
        assert groups.description is not None and '"Donner mon avis" button' in groups.description

        w.clock.advance(timedelta(hours=72, minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        history = thread.history()
        start = next(i for i, m in enumerate(history) if (m.content or "").startswith("🔒"))
        shown = "\n".join(t for m in history[start:] for e in m.embeds for t in embed_texts(e))
        assert "Pas de groupes\u00a0: personne n’a voté sur les réponses." in shown, shown
        assert "Pas de thèmes nets." in shown  # not "yet": nothing more will come
        assert "Donner mon avis" not in shown and "encore" not in shown, shown
