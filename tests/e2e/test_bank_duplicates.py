"""The same question reaching the bank twice at the same moment (two moderators
importing the week's article, a double submission, two members suggesting it):
one gets in, the other is told it is a duplicate.

SimCord plays one member action at a time, so the two arrive here as the cogs
would pass them on, through the services, at once."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.errors import UserError
from bot.services import bank, suggestions
from db.models import Question, Suggestion
from tests.harness import world

ARTICLE = b"Un article.\nEt vous ?\n- Faut-il taxer les robots ?\n- Qui paiera les doubleurs ?\n"


async def _texts(w: Any) -> list[str]:
    return [q.text for q in await w.rows(Question)]


async def test_the_same_article_imported_twice_at_once_is_added_once(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        first, second = await asyncio.gather(
            *(
                bank.import_article(w.app, w.guild.id, ARTICLE, options=None, actor_id=w.mod.id)
                for _ in range(2)
            )
        )
        assert sorted([len(first.added), len(second.added)]) == [0, 2]
        assert sorted([len(first.skipped), len(second.skipped)]) == [0, 2]
        assert (await _texts(w)).count("Faut-il taxer les robots\u202f?") == 1


async def test_the_same_question_added_or_suggested_twice_at_once_is_kept_once(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        added = await asyncio.gather(
            *(
                bank.add(w.app, w.guild.id, text="Faut-il tout taxer ?", options=None, actor_id=1)
                for _ in range(2)
            ),
            return_exceptions=True,
        )
        refused = [a for a in added if isinstance(a, UserError)]
        assert [r.key for r in refused] == ["error-question-duplicate"]
        assert (await _texts(w)).count("Faut-il tout taxer\u202f?") == 1

        alice, bruno = w.members[:2]
        suggested = await asyncio.gather(
            *(
                suggestions.submit(
                    w.app,
                    w.bot,
                    w.guild.id,
                    author_id=member.id,
                    author_name=member.name,
                    language="fr",
                    text="Faut-il sous-titrer les films ?",
                    options=None,
                    category=None,
                )
                for member in (alice, bruno)
            ),
            return_exceptions=True,
        )
        refused = [s for s in suggested if isinstance(s, UserError)]
        assert [r.key for r in refused] == ["error-suggestion-duplicate"]
        assert len(await w.rows(Suggestion)) == 1
