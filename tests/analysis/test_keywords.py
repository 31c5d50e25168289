"""Keywords: overall and per option, never stop words."""

from __future__ import annotations

import pytest

from bot.analysis._text import STOP_WORDS, fold
from bot.analysis.keywords import _written, find_keywords
from bot.analysis.model import Discussion, Reply
from bot.analysis.stance import ReplyStance


def _discussion(
    question: str, options: tuple[str, ...], texts: list[str], language: str = "fr"
) -> Discussion:
    """A discussion whose replies are ``texts``, reply ``r{i}`` written by ``a{i}``."""
    return Discussion(
        id="d",
        question=question,
        options=options,
        language=language,
        replies=tuple(Reply(f"r{i}", f"a{i}", t) for i, t in enumerate(texts)),
    )


def test_keywords_tell_the_sides_apart() -> None:
    yes = ["Le vélo est rapide et sain", "Le vélo en ville est rapide", "Vive le vélo rapide"]
    no = [
        "La pluie rend le trajet pénible",
        "Trop de pluie et de danger",
        "La pluie, encore la pluie",
    ]
    texts = yes + no
    d = _discussion("Faut-il aller au travail en vélo ?", ("Oui", "Non"), texts)
    stances = [ReplyStance(f"r{i}", "Oui" if i < 3 else "Non", 0.9, "inferred") for i in range(6)]
    kws = find_keywords(d, stances)
    by_option = {o: [k.word for k in kws if k.option == o] for o in ("Oui", "Non")}
    assert "rapide" in by_option["Oui"] and "rapide" not in by_option["Non"]
    assert "pluie" in by_option["Non"]
    assert "vélo" in [k.word for k in kws if k.option is None]
    assert all(fold(k.word) not in STOP_WORDS for k in kws)


def test_no_replies_no_keywords() -> None:
    d = Discussion(id="d", question="Q ?", options=("Yes", "No"))
    assert find_keywords(d, []) == []


def test_english_contractions_are_no_keywords() -> None:
    """ "don't", "won't", "doesn't" are stop words written with an apostrophe: their
    first halves ("don", "won", "doesn") are no keywords of an English discussion."""
    texts = [
        "I don't trust it, studios won't pay actors.",
        "Studios don’t care, they won’t pay anyone.",
        "It doesn't matter, audiences don't notice, studios won't stop.",
        "Audiences won't care and studios don't ask; it doesn't help.",
        "Actors didn't agree and studios couldn't care less.",
        "Actors didn't sign, studios couldn't ask.",
    ]
    d = _discussion("Should studios use AI actors?", ("Yes", "No"), texts, language="en")
    stances = [ReplyStance(f"r{i}", "Yes" if i < 3 else "No", 0.9, "inferred") for i in range(6)]
    words = [k.word for k in find_keywords(d, stances)]
    assert "studios" in words
    assert not {"don", "won", "doesn", "didn", "couldn"} & set(words), words


def test_french_elided_words_are_no_keywords() -> None:
    texts = [
        "Aujourd'hui les studios paient mal, quelqu'un doit le dire.",
        "Aujourd'hui quelqu'un peut cloner une voix, lorsqu'on le veut.",
        "Les studios aujourd'hui ne paient personne, puisqu'ils peuvent.",
    ]
    d = _discussion("Faut-il autoriser les voix clonées ?", ("Oui", "Non"), texts)
    words = [k.word for k in find_keywords(d, [])]
    assert "studios" in words
    assert not {"aujourd", "hui", "quelqu", "lorsqu", "puisqu"} & set(words), words


def test_a_name_is_shown_as_members_write_it() -> None:
    texts = [
        "I think Netflix will pay. Studios won't.",
        "Only Netflix can afford it, studios can't.",
        "Studios follow whatever Netflix does.",
    ]
    d = _discussion("Will studios pay actors for AI doubles?", ("Yes", "No"), texts, language="en")
    words = [k.word for k in find_keywords(d, [])]
    assert "Netflix" in words and "studios" in words, words


def test_what_members_hid_as_a_spoiler_is_no_keyword() -> None:
    """Several members wrote the film's twist as a spoiler (``||…||``): every quote masks
    it, and the keyword line named it in clear, in Discord and on the public report."""
    texts = [
        "Le film est génial, ||le fantôme|| change tout",
        "Génial, la fin avec ||le fantôme du psy|| m'a eu",
        "Je n'avais pas vu venir ||le fantôme||, génial",
        "Un film génial, vraiment",
    ]
    d = _discussion("Avez-vous aimé le film ?", ("Oui", "Non"), texts)
    stances = [ReplyStance(f"r{i}", "Oui", 0.9, "inferred") for i in range(4)]
    words = [fold(k.word) for k in find_keywords(d, stances)]
    assert "genial" in words
    assert "fantome" not in words and "psy" not in words


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Super. <@123> Netflix gagne", ["super", "netflix", "gagne"]),
        ("Bon … Netflix gagne", ["bon", "netflix", "gagne"]),
        ("Bon Netflix gagne.\nNetflix", ["bon", "Netflix", "gagne", "netflix"]),
        ("« Fini. » Netflix gagne", ["fini", "netflix", "gagne"]),
        ("Voir « Netflix. » Netflix", ["voir", "Netflix", "netflix"]),
        ("Studios don't care", ["studios", "dont", "care"]),
        (
            "Des-mots-composés-bien-trop-longs-pour-être-gardés. Netflix",
            ["des-mots-composés-bien-trop-longs-pour-être-gardés", "netflix"],
        ),
    ],
)
def test_a_word_opening_a_sentence_is_lower_cased_across_chunks(
    text: str, written: list[str]
) -> None:
    """A chunk (text between two spaces) without a word leaves the next word opening a
    sentence or not, unless it ends one ("…"); read twice, the second time from the
    chunk cache (a chunk over 40 characters is not kept) with the same words."""
    assert _written(text) == written
    assert _written(text) == written
