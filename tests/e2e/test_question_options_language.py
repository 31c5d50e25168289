"""A question's default options follow its own language when its words are clearly English:
« Should robots pay taxes? » under a French « Et vous ? » heading, or typed with
``/question add`` in a French server, got Oui / Non / Nuancé. French spacing is decided as
before (an English question stays as typed)."""

from __future__ import annotations

from typing import Any

from db.models import Question
from tests.harness import world

NN = "\u202f"
YES_NO_EN = ["Yes", "No", "Nuanced"]
YES_NO_FR = ["Oui", "Non", "Nuancé"]
ARTICLE = (
    "Les robots remplacent des emplois.\n\nEt vous ?\n\n"
    "- Should robots pay taxes?\n"
    "- Faut-il taxer les robots ?\n"
    "- Tarantino a raison ?\n"
    "- GPT-5 ?\n"
)


async def _options(w: Any, *texts: str) -> dict[str, list[str]]:
    """The stored options of these questions (the server's bank holds the shipped ones too)."""
    return {q.text: list(q.options) for q in await w.rows(Question, Question.text.in_(texts))}


async def test_an_english_question_in_a_french_article_gets_english_options(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:  # a French server
        done = await w.mod.slash(w.forum, "question import", file=("a.txt", ARTICLE.encode()))
        assert done.response.content.startswith("4 questions imported"), done.response.content
        expected = {
            "Should robots pay taxes?": YES_NO_EN,  # as typed, English buttons
            f"Faut-il taxer les robots{NN}?": YES_NO_FR,
            "Tarantino a raison ?": YES_NO_FR,  # « a » is French too: the heading's
            "GPT-5 ?": YES_NO_FR,  # no words say a language: the heading's
        }
        assert await _options(w, *expected) == expected
        assert not w.env.errors


async def test_an_english_question_typed_in_a_french_server_gets_english_options(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        for text in ("Should robots pay taxes?", "Faut-il taxer les robots ?", "Pizza ?"):
            added = await w.mod.slash(w.text, "question add", text=text)
            assert "added" in added.response.content, added.response.content
        expected = {
            "Should robots pay taxes?": YES_NO_EN,
            f"Faut-il taxer les robots{NN}?": YES_NO_FR,
            "Pizza ?": YES_NO_FR,  # no words say a language: the server's
        }
        assert await _options(w, *expected) == expected
        assert not w.env.errors


async def test_a_french_question_typed_in_an_english_server_gets_french_options(
    sqlite_url: str,
) -> None:
    """The same rule as an import under an English heading: words clearly French are
    French (and set with French spacing, as before)."""
    async with world(sqlite_url, setup=False) as w:
        await w.setup(language="en")
        for text in ("Faut-il taxer les robots ?", "Should robots pay taxes?"):
            added = await w.mod.slash(w.text, "question add", text=text)
            assert "added" in added.response.content, added.response.content
        expected = {
            f"Faut-il taxer les robots{NN}?": YES_NO_FR,
            "Should robots pay taxes?": YES_NO_EN,
        }
        assert await _options(w, *expected) == expected
        assert not w.env.errors
