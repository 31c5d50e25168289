"""A question typed by staff (``/question add``, ``/question edit``, a suggestion they
approve, edited or not) is stored with French spacing when its words are French, as an
imported one and the shipped bank are: U+202F before ``; ! ?`` and inside « », U+00A0
before ``:``. An address, a code span, a mention or an emoji shortcode keeps every
character; an English question, in a French server too, stays as typed. « Et vous ? » and
« Et vous? » are one question to the bank's duplicate check."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from bot import custom_ids
from bot.services import bank
from db.models import Question, Suggestion
from tests.harness import world

NN, NB = "\u202f", "\u00a0"


async def _text(w: Any, question_id: int) -> str:
    (question,) = await w.rows(Question, Question.id == question_id)
    return str(question.text)


async def _added(w: Any, text: str) -> Any:
    """``/question add`` as the moderator types it; the question stored."""
    result = await w.mod.slash(w.text, "question add", text=text)
    assert result.ephemeral and "added" in result.response.content, result.response.content
    return max(await w.rows(Question), key=lambda q: q.id)


async def test_question_add_sets_french_spacing_and_leaves_code_links_and_mentions(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=1) as w:  # a French server
        alice = w.members[0]
        typed = {
            "Et vous, faut-il sous-titrer les films?": f"Et vous, faut-il sous-titrer les films{NN}?",
            "Deux écoles : « VO » ou VF ; laquelle?": (
                f"Deux écoles{NB}: «{NN}VO{NN}» ou VF{NN}; laquelle{NN}?"
            ),
            # an address, a code span, a mention and a shortcode keep every character
            "Que pensez-vous de https://a.fr/faq?x=1;y=2 ou de `a ? b : c` ?": (
                f"Que pensez-vous de https://a.fr/faq?x=1;y=2 ou de `a ? b : c`{NN}?"
            ),
            f"Qu'en pense <@{alice.id}> , et vous :popcorn: ?": (
                f"Qu'en pense <@{alice.id}> , et vous :popcorn:{NN}?"
            ),
            # English, in a French server: as typed; words that say no language: as typed
            "Should AI write films?": "Should AI write films?",
            "GPT-5?": "GPT-5?",
            # words leaning French, the server French: set
            "Pourquoi?": f"Pourquoi{NN}?",
        }
        for written, stored in typed.items():
            question = await _added(w, written)
            assert question.text == stored, (written, question.text)

        again = await w.mod.slash(
            w.text, "question add", text="Et vous, faut-il sous-titrer les films ?"
        )
        assert again.response.content.startswith("This question is already in the bank"), (
            again.response.content
        )
        assert not w.env.errors


async def test_question_edit_sets_french_spacing_and_the_key_reads_it_as_typed(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=0) as w:
        w.speaks(w.mod, "fr")
        first, second = sorted(await w.rows(Question), key=lambda q: q.position)[:2]
        edited = await w.mod.slash(
            w.text, "question edit", id=first.id, text="Le doublage par IA : progrès ou menace?"
        )
        stored = f"Le doublage par IA{NB}: progrès ou menace{NN}?"
        assert edited.response.content.startswith(
            f"Question n°\u00a0{first.id} modifiée{NB}: {stored}\n"
        ), edited.response.content
        assert await _text(w, first.id) == stored

        # the same question typed the other way: refused as the one it repeats
        refused = await w.mod.slash(
            w.text, "question edit", id=second.id, text="Le doublage par IA: progrès ou menace ?"
        )
        assert refused.response.content == (
            f"Cette question est déjà dans la banque (question n°\u00a0{first.id})."
        )
        english = await w.mod.slash(
            w.text, "question edit", id=second.id, text="Will dubbing survive AI?"
        )
        assert english.ephemeral
        assert await _text(w, second.id) == "Will dubbing survive AI?"
        assert not w.env.errors


async def test_a_suggestion_staff_approve_is_stored_with_french_spacing(sqlite_url: str) -> None:
    async with world(sqlite_url, members=1) as w:
        staff = w.guild.create_text_channel("moderation")
        await w.setup(review_channel=staff)
        alice = w.members[0]
        await alice.slash(w.text, "suggest", text="Faut-il interdire les spoilers?")
        await alice.slash(w.text, "suggest", text="Le cinéma muet : un art perdu?")
        await w.settle()
        first, second = staff.history()
        pending = await w.rows(Suggestion)
        assert [s.text for s in pending] == [
            f"Faut-il interdire les spoilers{NN}?",
            f"Le cinéma muet{NB}: un art perdu{NN}?",
        ]

        # staff's edit of the first is set too, then approved
        shown = await w.mod.click(first, custom_id=custom_ids.review(pending[0].id, "edit"))
        inputs = [row["components"][0] for row in shown.modal["components"]]
        await w.mod.submit_modal(
            shown, {inputs[0]["custom_id"]: "Les spoilers : faut-il les bannir?"}
        )
        await w.mod.click(first, custom_id=custom_ids.review(pending[0].id, "approve"))
        # one suggested before this rule (stored as typed) is set when approved
        async with w.app.sessions.begin() as session:
            await session.execute(
                update(Suggestion)
                .where(Suggestion.id == pending[1].id)
                .values(text="Le cinéma muet : un art perdu?")
            )
        await w.mod.click(second, custom_id=custom_ids.review(pending[1].id, "approve"))
        made = await w.rows(Question, Question.suggested_by == alice.id)
        assert [q.text for q in made] == [
            f"Les spoilers{NB}: faut-il les bannir{NN}?",
            f"Le cinéma muet{NB}: un art perdu{NN}?",
        ]
        assert not w.env.errors


async def test_a_french_question_keeps_its_spacing_on_one_line(sqlite_url: str) -> None:
    """A thread's name and a list quote a question on one line: its narrow no-break space
    before « ? » stays (Python's ``\\s`` matched it and made it a plain space, so « ? »
    could wrap alone onto the next line)."""
    async with world(sqlite_url, members=0) as w:
        shipped = sorted(await w.rows(Question), key=lambda q: q.position)[1]
        assert shipped.text.endswith(f"du cinéma{NN}?")
        thread, _ = await w.post(id=shipped.id)
        assert thread.name == shipped.text
        listed = await w.mod.slash(w.forum, "question list")
        assert f"créatif du cinéma{NN}?" in listed.response.embeds[0].description
        assert not w.env.errors


async def test_a_question_at_the_limit_that_french_spacing_lengthens_is_refused_whole(
    sqlite_url: str,
) -> None:
    """A question typed at 1,000 characters (the form's and the command's maximum) that French
    spacing lengthens is refused with a clear error, nothing stored: stored at 1,003 it was over
    the bank's own limit, and a suggestion's edit form (its text as default, 1,000 at most) could
    no longer be drawn. Added, edited, suggested and approved alike."""
    async with world(sqlite_url, members=1) as w:
        staff = w.guild.create_text_channel("moderation")
        await w.setup(review_channel=staff)
        w.speaks(w.mod, "fr")
        typed = "Faut-il voir les films en version originale? Pourquoi? " * 18
        typed = typed[:990].rstrip() + " Et vous"
        typed += "?" * (1000 - len(typed))
        assert len(typed) == 1000 and NN not in typed
        before = {q.id: q.text for q in await w.rows(Question)}

        added = await w.mod.slash(w.text, "question add", text=typed)
        assert "espaces insécables" in added.response.content, added.response.content
        assert "plus de 1000" in added.response.content

        first = min(before)
        edited = await w.mod.slash(w.text, "question edit", id=first, text=typed)
        assert "espaces insécables" in edited.response.content, edited.response.content
        assert {q.id: q.text for q in await w.rows(Question)} == before

        alice = w.members[0]
        suggested = await alice.slash(w.text, "suggest", text=typed)
        assert "no-break spaces French" in suggested.response.content, suggested.response.content
        assert await w.rows(Suggestion) == []

        # one suggested before this rule, stored as typed at 1,000: its approval is refused
        # (nothing written), and staff may shorten it in its edit form
        await alice.slash(w.text, "suggest", text="Faut-il interdire les spoilers?")
        await w.settle()
        (card,) = staff.history()
        (pending,) = await w.rows(Suggestion)
        async with w.app.sessions.begin() as session:
            await session.execute(
                update(Suggestion).where(Suggestion.id == pending.id).values(text=typed)
            )
        approved = await w.mod.click(card, custom_id=custom_ids.review(pending.id, "approve"))
        assert "espaces insécables" in approved.response.content, approved.response.content
        assert {q.id: q.text for q in await w.rows(Question)} == before
        (still,) = await w.rows(Suggestion)
        assert still.status == "pending"
        shown = await w.mod.click(card, custom_id=custom_ids.review(pending.id, "edit"))
        assert shown.modal is not None
        assert not w.env.errors


async def test_a_question_stored_with_french_spacing_is_found_as_the_moderator_types_it(
    sqlite_url: str,
) -> None:
    """The discussion autocomplete reads « doublage? » and « "Et vous ?" » as the stored
    « doublage\u202f? » and « Et vous\u202f? » (a term glued to its mark found nothing once
    the bank stored the narrow no-break space: the search read it as a letter)."""
    async with world(sqlite_url, members=0) as w:
        question = await _added(w, "Le doublage par IA, progrès ou menace? Et vous?")
        assert question.text.endswith(f"menace{NN}? Et vous{NN}?")
        _, discussion = await w.post(id=question.id)
        for typed in ("doublage menace?", '"Et vous ?"', '"et vous?"', "IA,"):
            offered = await w.mod.autocomplete(w.text, "summary show", "discussion", typed)
            assert [c["value"] for c in offered] == [discussion.id], typed
        assert not w.env.errors


async def test_an_imported_question_is_spaced_by_its_words_as_a_typed_one(sqlite_url: str) -> None:
    """A French article's « Et vous ? » may hold a question whose words are not French
    (« GPT-5 or Claude? », « GPT-5? »): it is stored as typed, as the same question typed
    by staff in a French server is; the heading's language, like the server's, only tips
    words leaning French (« Pourquoi? »). It got French spacing from its heading alone."""
    written = {
        "Faut-il réguler l’IA générative?": f"Faut-il réguler l’IA générative{NN}?",
        "GPT-5 or Claude?": "GPT-5 or Claude?",
        "Team Marvel or DC?": "Team Marvel or DC?",
        "Pourquoi?": f"Pourquoi{NN}?",
    }
    article = "Les studios misent sur l’IA.\n\nEt vous ?\n" + "".join(
        f"> {question}\n" for question in written
    )
    async with world(sqlite_url) as w:  # a French server
        before = {q.text for q in await w.rows(Question)}
        result = await w.mod.slash(w.forum, "question import", file=("a.md", article.encode()))
        assert "4 questions imported" in result.response.content, result.response.content
        added = {q.text for q in await w.rows(Question)} - before
        assert added == set(written.values()), added
        assert added == {bank.typeset(typed, "fr") for typed in written}  # as staff's typed
        assert not w.env.errors
