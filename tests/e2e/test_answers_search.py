"""``/answers list search:``: staff find stored answers by their words in Discord, as the
web room's search box finds them (accents and case aside, "phrases" in quotes), and
page through what was found."""

from __future__ import annotations

from typing import Any

from tests.harness import world

LONG = ("Je trouve que le cinéma a toujours changé avec ses outils. " * 8) + (
    "Mais les doubleurs, eux, n'ont rien demandé."
)


async def _answers(w: Any) -> Any:
    thread, _ = await w.post()
    alice, bruno = w.members[:2]
    for i in range(7):
        await alice.send(thread, f"Réponse {i} : il faut une rémunération juste pour chacun.")
    await bruno.send(thread, "Les DOUBLEURS perdront leur métier.")
    await bruno.send(thread, LONG)
    await bruno.send(thread, "Rien à voir avec le sujet.")
    await w.settle()
    return thread


async def test_a_search_lists_only_the_answers_holding_its_words(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        await _answers(w)
        found = await w.mod.slash(w.forum, "answers list", search="doubleurs")
        shown = found.response.embeds[0]
        assert found.ephemeral
        assert "perdront leur métier" in shown.description
        assert "Rien à voir" not in shown.description and "rémunération" not in shown.description
        # the long answer's match lies past what a line shows: the line starts near it
        assert "n'ont rien demandé" in shown.description
        assert shown.footer.text == 'Search: "doubleurs"'


async def test_a_search_pages_on_with_its_words_and_ignores_accents(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        await _answers(w)
        first = await w.mod.slash(w.forum, "answers list", search="remuneration JUSTE")
        page1 = first.response.embeds[0].description
        assert page1.count("rémunération juste") == 5 and "Réponse 6" in page1
        page2 = await w.mod.click(first.response.message, label="Next")
        shown = page2.response.embeds[0].description
        assert shown.count("rémunération juste") == 2 and "Réponse 0" in shown
        assert "DOUBLEURS" not in shown  # the search held on the next page
        phrase = await w.mod.slash(w.forum, "answers list", search="« juste pour chacun »")
        assert phrase.response.embeds[0].description.count("Réponse") == 5
        nothing = await w.mod.slash(w.forum, "answers list", search="deepfake")
        assert nothing.response.embeds[0].description == (
            "No stored reply contains what was searched for."
        )


async def test_a_search_of_nothing_to_look_for_is_said_so(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        await _answers(w)
        empty = await w.mod.slash(w.forum, "answers list", search='""')
        assert empty.ephemeral
        assert empty.response.content == "This search holds no word to look for."


async def test_invisible_characters_pasted_with_a_word_are_not_searched_for(
    sqlite_url: str,
) -> None:
    """A word copied from a web page or a message often carries a zero-width space, a soft
    hyphen or a direction mark: the search looks for the word, its footer shows it plain
    (a right-to-left override would turn the footer around), and only such characters
    are nothing to look for."""
    async with world(sqlite_url) as w:
        await _answers(w)
        pasted = await w.mod.slash(w.forum, "answers list", search="\u202edou\u00adbleurs\u200b")
        shown = pasted.response.embeds[0]
        assert "perdront leur métier" in shown.description
        assert shown.footer.text == 'Search: "doubleurs"'
        blank = await w.mod.slash(w.forum, "answers list", search="\u200b\u2066\u200b")
        assert blank.response.content == "This search holds no word to look for."
