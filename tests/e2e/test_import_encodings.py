"""`/question import` of articles as moderators save them: Windows-1252, UTF-16, quoted."""

from __future__ import annotations

import pytest

from db.models import Question
from tests.harness import world

ARTICLE = (
    "L’IA au cinéma : les studios s’inquiètent.\r\n"
    "Et vous\u00a0?\r\n"
    "> Faut-il réguler l’IA générative\u00a0?\r\n"
    "> Comment l’encadrer ?\r\n"
)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
async def test_an_article_not_in_utf8_is_imported_whole(sqlite_url: str, encoding: str) -> None:
    async with world(sqlite_url) as w:
        before = len(await w.rows(Question))
        result = await w.mod.slash(
            w.forum, "question import", file=("article.txt", ARTICLE.encode(encoding))
        )
        assert "2 questions imported" in result.response.content
        texts = [q.text for q in await w.rows(Question)]
        assert len(texts) == before + 2
        # stored as the bot's French is set: U+202F before "?", whatever the article had
        assert "Faut-il réguler l’IA générative\u202f?" in texts
        assert "Comment l’encadrer\u202f?" in texts


async def test_an_article_as_a_moderator_pastes_it(sqlite_url: str) -> None:
    """Bold split heading, a lead-in, French numbering, the closing prompt: two questions."""
    article = (
        "Les studios misent sur l’IA.\n\n**Et vous** ?\nVoici quelques pistes :\n"
        "1 - Faut-il réguler l’IA générative ?\n2 – Quel avenir pour le doublage ?\u200b\n"
        "Qu’en pensez-vous ?\n"
    )
    async with world(sqlite_url) as w:
        before = {q.text for q in await w.rows(Question)}
        result = await w.mod.slash(
            w.forum, "question import", file=("article.md", article.encode())
        )
        assert "2 questions imported" in result.response.content
        added = {q.text: q.options for q in await w.rows(Question) if q.text not in before}
        assert added == {
            "Faut-il réguler l’IA générative\u202f?": ["Oui", "Non", "Nuancé"],
            "Quel avenir pour le doublage\u202f?": [
                "Plutôt optimiste",
                "Plutôt sceptique",
                "Partagé",
            ],
        }
