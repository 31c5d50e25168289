"""On a server that posts only some categories (/setup categories), a question added or
imported with no category, or with one outside the rotation, was stored without a word,
and /question list marked it « 🕒 à venir » though the schedule never reaches it. Staff
are told at add and import time (the question is stored) what will post it, and the list
marks it apart."""

from __future__ import annotations

from db.models import Question
from tests.discord_checks import check_limits
from tests.harness import world

ARTICLE = b"Un article.\nEt vous ?\n- Faut-il doubler les films ?\n- Le vinyle revient-il ?\n"
OUTSIDE_FR = (
    "hors des catégories publiées (cinéma)\u00a0: le programme ne la publiera pas. "
    "Rangez-la dans l’une d’elles (/question modifier), ou publiez-la avec /question publier."
)


async def test_staff_are_told_a_question_outside_the_rotation_is_never_scheduled(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        await w.mod.slash(w.text, "question add", text="Allez-vous au cinéma ?", category="cinéma")
        await w.setup(categories="cinéma")

        none = await w.mod.slash(w.text, "question add", text="Le télétravail a-t-il un avenir ?")
        check_limits(none.response.content, [])
        assert none.response.content.endswith(OUTSIDE_FR), none.response.content
        other = await w.mod.slash(
            w.text, "question add", text="Faut-il taxer le streaming ?", category="société"
        )
        assert OUTSIDE_FR in other.response.content
        inside = await w.mod.slash(
            w.text, "question add", text="Le doublage est-il acceptable ?", category="cinéma"
        )
        assert "hors des catégories" not in inside.response.content
        stored = {q.text: q.category for q in await w.rows(Question)}
        assert stored["Le télétravail a-t-il un avenir\u202f?"] is None  # stored all the same
        assert stored["Faut-il taxer le streaming\u202f?"] == "société"

        imported = await w.mod.slash(w.text, "question import", file=("a.txt", ARTICLE))
        check_limits(imported.response.content, [])
        assert imported.response.content.startswith("2 questions importées, 0 doublon ignoré.")
        assert (
            "Elles sont hors des catégories publiées (cinéma)\u00a0: le programme ne les publiera "
            "pas. Rangez-les dans l’une d’elles (/question modifier), ou publiez-les avec "
            "/question publier."
        ) in imported.response.content
        sorted_in = await w.mod.slash(
            w.text,
            "question import",
            file=("b.txt", ARTICLE.replace(b"films", b"films muets")),
            category="cinéma",
        )
        assert "hors des catégories" not in sorted_in.response.content

        listed = await w.mod.slash(w.text, "question list")
        embed = listed.response.embeds[0]
        check_limits(listed.response.content, [embed])
        marks = {
            line.split("` ", 1)[1]: line.split(" ", 1)[0]
            for line in embed.description.splitlines()
            if "`n°" in line
        }
        assert marks.pop("Allez-vous au cinéma\u202f?") == "🕒"
        assert set(marks.values()) == {"🚫"}  # the bank's first questions have no category
        assert "🚫 hors des catégories publiées" in embed.footer.text
        for category, mark in (("société", "🚫"), ("cinéma", "🕒")):
            listed = await w.mod.slash(w.text, "question list", category=category)
            lines = listed.response.embeds[0].description.splitlines()
            assert {line.split(" ", 1)[0] for line in lines if "`n°" in line} == {mark}, lines

        w.speaks(w.mod, "en-US")
        english = await w.mod.slash(w.text, "question add", text="Is vinyl back for good?")
        assert (
            "outside the categories posted (cinéma): the schedule will not post it. Put it in "
            "one of them (/question edit), or post it with /question post."
        ) in english.response.content
        legend = (await w.mod.slash(w.text, "question list")).response.embeds[0].footer.text
        assert "🚫 outside the categories posted" in legend

        await w.setup(categories="*")  # every question posted again: no warning, no mark
        plain = await w.mod.slash(w.text, "question add", text="Is the radio still alive?")
        assert "outside" not in plain.response.content
        listed = await w.mod.slash(w.text, "question list")
        assert "🚫" not in listed.response.embeds[0].description
        assert "🚫" not in listed.response.embeds[0].footer.text
        assert not w.env.errors


async def test_a_question_moved_out_of_the_rotation_is_said_to_leave_the_schedule(
    sqlite_url: str,
) -> None:
    """/question edit category: société on a server posting only « cinéma »: the question
    left the schedule's reach without a word."""
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        await w.mod.slash(w.text, "question add", text="Allez-vous au cinéma ?", category="cinéma")
        await w.setup(categories="cinéma")
        (question,) = await w.rows(Question, Question.category == "cinéma")
        moved = await w.mod.slash(w.text, "question edit", id=question.id, category="société")
        check_limits(moved.response.content, [])
        assert moved.response.content.endswith(
            "Elle est désormais hors des catégories publiées (cinéma)\u00a0: le programme ne la "
            "publiera pas. Rangez-la dans l’une d’elles, ou publiez-la avec /question publier."
        ), moved.response.content
        back = await w.mod.slash(w.text, "question edit", id=question.id, category="cinéma")
        assert "hors des catégories" not in back.response.content
        worded = await w.mod.slash(w.text, "question edit", id=question.id, text="Et le cinéma ?")
        assert "hors des catégories" not in worded.response.content
        assert not w.env.errors


async def test_the_warning_keeps_discords_limits_with_a_long_rotation(sqlite_url: str) -> None:
    """Twenty categories of forty characters named in the warning, after a question of the
    longest wording and its options echoed: one message Discord accepts."""
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        names = [f"catégorie numéro {i:02d} " + "x" * 20 for i in range(20)]
        for i, name in enumerate(names):
            await w.mod.slash(w.text, "question add", text=f"Question {i} ?", category=name)
        done = await w.setup(categories=", ".join(names))
        assert "❌" not in str(done.response.content), done.response.content
        options = "|".join(f"{i:02d} " + "o" * 76 for i in range(20))
        longest = "Faut-il " + "vraiment " * 110 + "?"
        added = await w.mod.slash(w.text, "question add", text=longest[:998], options=options)
        check_limits(added.response.content, [])
        assert "hors des catégories publiées (catégorie numéro 00" in added.response.content
        (question,) = await w.rows(Question, Question.category.is_(None), Question.id > 20)
        moved = await w.mod.slash(w.text, "question edit", id=question.id, category="autre")
        check_limits(moved.response.content, [])
        assert "désormais hors des catégories publiées" in moved.response.content
        assert not w.env.errors
