"""Keywords: overall and per option, never stop words."""

from __future__ import annotations

from bot.analysis._text import STOP_WORDS, fold
from bot.analysis.keywords import find_keywords
from bot.analysis.model import Discussion, Reply
from bot.analysis.stance import ReplyStance


def test_keywords_tell_the_sides_apart() -> None:
    yes = ["Le vélo est rapide et sain", "Le vélo en ville est rapide", "Vive le vélo rapide"]
    no = [
        "La pluie rend le trajet pénible",
        "Trop de pluie et de danger",
        "La pluie, encore la pluie",
    ]
    texts = yes + no
    d = Discussion(
        id="d",
        question="Faut-il aller au travail en vélo ?",
        options=("Oui", "Non"),
        replies=tuple(Reply(f"r{i}", f"a{i}", t) for i, t in enumerate(texts)),
    )
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
