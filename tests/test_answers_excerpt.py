"""The line ``/answers list search:`` shows of a long answer starts near what was searched."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.services.answers import excerpt

FILLER = "Le cinéma a toujours changé avec ses outils. " * 10


def test_a_match_within_the_first_line_leaves_the_answer_whole() -> None:
    text = "Les doubleurs perdront leur métier. " + FILLER
    assert excerpt(text, "doubleurs", 300) == text
    assert excerpt(text, None, 300) == text


def test_a_match_far_in_starts_the_line_a_few_words_before_it() -> None:
    text = FILLER + "Mais les Doubleurs, eux, n'ont rien demandé."
    shown = excerpt(text, "doubleurs", 300)
    assert shown.startswith("…") and "Doubleurs, eux" in shown[:300]
    assert text.endswith(shown[1:]) and shown[1] != " "  # cut between words


def test_the_earliest_of_the_terms_found_leads() -> None:
    text = FILLER + "rémunération " + FILLER + "doubleurs"
    assert "rémunération" in excerpt(text, "doubleurs remuneration", 300)[:300]


@given(st.text(max_size=600), st.text(max_size=40))
def test_an_excerpt_is_always_the_end_of_the_answer(text: str, search: str) -> None:
    shown = excerpt(text, search, 300)
    assert shown == text or (shown.startswith("…") and text.endswith(shown[1:]))


def test_a_term_typed_without_the_french_space_leads_too() -> None:
    """« pourquoi? » is found in « Pourquoi ? » and « Pourquoi\u202f? » (the search finds the
    reply: its line shows where)."""
    for written in ("Mais pourquoi\u202f? Eux", "Mais pourquoi ? Eux", "Mais pourquoi? Eux"):
        shown = excerpt(FILLER + written, "pourquoi?", 300)
        assert shown.startswith("…") and written in shown[:300], written
