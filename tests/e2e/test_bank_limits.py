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


async def test_an_import_names_the_lines_it_left_out(sqlite_url: str) -> None:
    endless = "Faut-il " + "vraiment " * 200 + "légiférer ?"
    article = (
        "Un article.\nEt vous ?\n"
        "- Faut-il taxer les robots ?\n"
        f"- {endless}\n"
        "- Qui paiera les doubleurs ?\n"
    ).encode() + b"- Pour ou contre \xff\xfe ?\n"
    async with world(sqlite_url) as w:
        result = await w.mod.slash(w.forum, "question import", file=("article.txt", article))
        assert result.ephemeral
        assert result.response.content == (
            "2 questions imported, 0 duplicates skipped. Lines 4, 6 of the article were left"
            " out: questions over 1000 characters, or text that is not UTF-8."
        )
        texts = {q.text for q in await w.rows(Question)}
        assert {"Faut-il taxer les robots ?", "Qui paiera les doubleurs ?"} <= texts
        again = await w.mod.slash(w.forum, "question import", file=("article.txt", article))
        assert again.response.content.startswith("0 questions imported, 2 duplicates skipped.")
        clean = b"Et vous ?\n- Faut-il former les doubleurs ?\n"
        plain = await w.mod.slash(w.forum, "question import", file=("clean.txt", clean))
        assert plain.response.content == "1 question imported, 0 duplicates skipped."
