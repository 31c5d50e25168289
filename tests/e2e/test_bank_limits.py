"""The bank at Discord's limits: every option a question offers can be clicked,
and an import says which lines of the article it left out."""

from __future__ import annotations

from db.models import Discussion, Question
from tests.harness import world


async def test_every_option_of_a_question_gets_its_button(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        too_many = "|".join(f"Option {i}" for i in range(21))
        refused = await w.mod.slash(
            w.forum, "question add", text="Trop de choix ?", options=too_many
        )
        assert refused.ephemeral and "Invalid options: 2 to 20 options" in refused.response.content
        assert not [q for q in await w.rows(Question) if q.text == "Trop de choix ?"]

        widest = [f"Option {i}" for i in range(20)]
        added = await w.mod.slash(
            w.forum, "question add", text="Beaucoup de choix ?", options="|".join(widest)
        )
        (question,) = [q for q in await w.rows(Question) if q.text == "Beaucoup de choix ?"]
        assert f"Question #{question.id} added" in added.response.content
        await w.mod.slash(w.forum, "question post", id=question.id)
        (discussion,) = await w.rows(Discussion)
        post = w.post_message(discussion)
        labels = [c.label for row in post.components for c in row.children]
        assert labels[: len(widest)] == widest and len(labels) == len(widest) + 2
