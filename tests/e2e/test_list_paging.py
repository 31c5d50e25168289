"""Staff lists keep paging however long they stay open, and across a restart.

``/answers list``, ``/question list`` and ``/question suggestions`` carry their
filters and cursor in their buttons' custom ids: a click after ten minutes, or
after the bot restarted, turns the page like the first one did.
"""

from __future__ import annotations

from typing import Any

from db.models import Question
from tests.harness import World, world


def _text(result: Any) -> str:
    return str(result.response.embeds[0].description)


def _buttons(message: Any) -> dict[str, Any]:
    return {c.label: c for row in message.components for c in row.children}


async def _away(w: World) -> None:
    """Past a view's ten minutes, then a new process."""
    await w.env.advance_time(601)
    await w.env.restart_bot(w.new_bot())
    w.bot = w.env.bot


async def test_answers_list_pages_after_a_restart(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, _ = await w.post()
        alice, bruno = w.members[:2]
        for i in range(12):
            await (alice if i % 2 else bruno).send(thread, f"Réponse numéro {i}")
        await w.settle()
        listed = await w.mod.slash(w.forum, "answers list", member=alice)
        message = listed.response.message
        assert "Réponse numéro 11" in _text(listed)
        await _away(w)
        page2 = await w.mod.click(message, label="Next")
        assert page2.acknowledged
        assert "Réponse numéro 1\n" in _text(page2) + "\n" and "Réponse numéro 11" not in _text(
            page2
        )
        assert "Réponse numéro 2" not in _text(page2)  # the member filter is kept
        assert _buttons(page2.response.message)["Next"].disabled
        await _away(w)
        back = await w.mod.click(message, label="Previous")
        assert "Réponse numéro 11" in _text(back) and "Réponse numéro 1\n" not in _text(back)
        assert _buttons(back.response.message)["Previous"].disabled
        assert not w.env.errors


async def test_question_list_pages_after_a_restart_within_its_category(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        for i in range(12):
            await w.mod.slash(
                w.forum, "question add", text=f"Question de cinéma {i:02d} ?", category="Cinéma"
            )
        listed = await w.mod.slash(w.forum, "question list", category="cinéma")
        message = listed.response.message
        assert "(12)" in listed.response.embeds[0].title
        assert "cinéma 00" in _text(listed) and "cinéma 11" not in _text(listed)
        await _away(w)
        page2 = await w.mod.click(message, label="Next")
        assert "cinéma 11" in _text(page2) and "Envisagez-vous" not in _text(page2)
        await _away(w)
        back = await w.mod.click(message, label="Previous")
        assert "cinéma 00" in _text(back) and "cinéma 11" not in _text(back)
        assert not w.env.errors


async def test_suggestions_list_pages_and_picks_after_a_restart(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        for n, member in enumerate(w.members):
            for k in range(2):
                await member.slash(w.text, "suggest", text=f"Question {n}-{k} : et vous ?")
        await w.settle()
        listed = await w.mod.slash(w.text, "question suggestions")
        message = listed.response.message
        await _away(w)
        page2 = await w.mod.click(message, label="Next")
        assert "Question 2-1" in _text(page2) and "Question 0-0" not in _text(page2)
        picked = await w.mod.select(message, ["6"])
        assert picked.ephemeral and picked.response.embeds[0].title == "💡 Suggestion #6"
        await _away(w)
        back = await w.mod.click(message, label="Previous")
        assert "Question 0-0" in _text(back)
        assert not w.env.errors


async def test_lists_number_questions_and_suggestions_as_the_moderator_reads_numbers(
    sqlite_url: str,
) -> None:
    """The bank's and the suggestions' lines carry each one's number as every other
    message does in the moderator's language: « n° 3 » in French (the lists alone wrote
    « #3 », which French does not), "#3" in English."""
    async with world(sqlite_url) as w:
        added = await w.mod.slash(w.forum, "question add", text="Faut-il numéroter ?")
        await w.members[0].slash(w.forum, "suggest", text="Et les numéros romains ?")
        await w.settle()
        number = max(q.id for q in await w.rows(Question))
        assert added.acknowledged
        w.speaks(w.mod, "fr")
        french = _text(await w.mod.slash(w.forum, "question list"))
        assert f"`n°\u00a0{number}` Faut-il numéroter" in french, french
        assert "`#" not in french
        suggested = _text(await w.mod.slash(w.forum, "question suggestions"))
        assert "`n°\u00a0" in suggested and "`#" not in suggested, suggested
        w.speaks(w.mod, "en-GB")
        english = _text(await w.mod.slash(w.forum, "question list"))
        assert f"`#{number}` Faut-il numéroter" in english, english
        assert not w.env.errors
