"""The cue lexicon holds words of the product's domain, never the evaluation's topics."""

from __future__ import annotations

import pytest

from bot.analysis._text import content_words, fold, tokens
from bot.analysis.model import Discussion, Reply
from bot.analysis.stance import StanceModel
from bot.analysis.stance.lexicon import GROUPS
from tests.analysis.conftest import XStance

EVALUATION_TOPICS = """
canton cantonal cantonale cantons commune communes confederation federal federale federalisme
suisse helvetique etatisme etat paternalisme interventionnisme bureaucratie ingerence
solidarite egalite immigration immigres etrangers asile refugies naturalisation armee
militaire agriculture agriculteurs paysans impot impots fiscal fiscalite ue europe schengen
retraite avs assurance sante chomage salaire travailleurs nucleaire energie climat
transports poste police prison drogue cannabis avortement mariage religion ecole
infrastructure environment welfare economy immigration education society security
finances foreign policy digitisation
"""
"""Subjects of the X-Stance questions (its topic names, its policies and institutions):
words that say what a reply is about, not which side it takes."""

GENERIC_IN_QUESTIONS = frozenset(
    [
        "favorable",
        "favoriser",
        "encourager",
        "soutenir",
        "risque",
        "priorite",
        "juste",
        "mieux",
        "doit",
        "doivent",
        "devrait",
        "devraient",
        "contre",
        "pour",
        "plutot",
        "faveur",
        "certaines",
        "conditions",
        "accord",
        "temps",
    ]
)
"""Opinion and modal words of the lexicon that X-Stance questions also use."""


def _cue_words() -> dict[str, str]:
    """Each word of each cue phrase, and the phrase."""
    return {w: phrase for g in GROUPS for phrase in g.cues for w in phrase.split()}


def test_no_cue_names_an_evaluation_topic() -> None:
    topics = frozenset(EVALUATION_TOPICS.split())
    named = {w: p for w, p in _cue_words().items() if w in topics}
    assert named == {}


def test_no_cue_word_comes_from_the_evaluation_questions(xstance: XStance) -> None:
    discussions, _ = xstance
    question_words = {w for d in discussions for w in content_words(tokens(d.question))}
    taken = {
        w: p
        for w, p in _cue_words().items()
        if len(w) >= 4 and w in question_words and w not in GENERIC_IN_QUESTIONS
    }
    assert taken == {}


def test_cues_are_folded_phrases() -> None:
    for group in GROUPS:
        for phrase in group.cues:
            assert phrase == " ".join(tokens(phrase)) == fold(phrase), phrase


@pytest.mark.parametrize(
    ("text", "option"),
    [
        ("C'est un gadget de plus, une arnaque.", "Non"),
        ("Franchement utile et prometteur.", "Oui"),
        ("A scam and a gimmick, honestly.", "No"),
        ("Really useful and promising.", "Yes"),
    ],
)
def test_tech_news_praise_and_dismissal(text: str, option: str) -> None:
    options = ("Oui", "Non") if option in ("Oui", "Non") else ("Yes", "No")
    d = Discussion("d", "Faut-il ce nouvel assistant ?", options, replies=(Reply("r", "a", text),))
    (s,) = StanceModel([d]).predict(d, min_confidence=0.0)
    assert s.leaning == option
