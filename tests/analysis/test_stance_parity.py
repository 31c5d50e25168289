"""An English reply is read as its French translation is: the lexicon's French words of
opinion have their English counterparts (written here, not read from any data)."""

from __future__ import annotations

import pytest

from bot.analysis.model import Discussion, Reply
from bot.analysis.stance import StanceModel
from bot.analysis.stance.settings import DEFAULT_SETTINGS

PAIRS = [
    ("Mauvais : c'est cher et compliqué.", "Bad: it's expensive and complicated.", "No"),
    ("C'est absurde et excessif.", "It's absurd and excessive.", "No"),
    ("Inacceptable, et irréaliste.", "Unacceptable, and unrealistic.", "No"),
    ("C'est inapproprié, une menace.", "It's inappropriate, a threat.", "No"),
    ("J'approuve, c'est un progrès logique.", "I approve, it's logical progress.", "Yes"),
    (
        "Une bonne chose, souhaitable et raisonnable.",
        "A good thing, desirable and reasonable.",
        "Yes",
    ),
    ("Une opportunité bienvenue.", "A welcome opportunity.", "Yes"),
    ("C'est pratique et positif.", "It's handy and positive.", "Yes"),
]


def _read(*texts: str) -> dict[str, tuple[str | None, float]]:
    d = Discussion(
        "d",
        "Should studios be allowed to do this?",
        ("Yes", "No", "Nuanced"),
        language="en",
        replies=tuple(Reply(f"r{i}", f"a{i}", text) for i, text in enumerate(texts)),
    )
    return {
        s.reply_id: (s.option, s.confidence) for s in StanceModel([d]).predict(d, min_confidence=0)
    }


@pytest.mark.parametrize(("french", "english", "side"), PAIRS)
def test_an_english_reply_is_read_as_its_french_translation(
    french: str, english: str, side: str
) -> None:
    read = _read(french, english)
    assert read["r0"][0] == side, read  # the French reading, as shipped
    assert read["r1"][0] == side, read
    assert abs(read["r1"][1] - read["r0"][1]) < 0.1, read


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Yeah, totally.", "Yes"),
        ("Yep, I'd watch it.", "Yes"),
        ("Nope.", "No"),
        ("Nah, no thanks.", "No"),
    ],
)
def test_informal_english_answers(text: str, side: str) -> None:
    """Counted on their side, as "Oui." and "Non." are."""
    option, confidence = _read(text)["r0"]
    assert option == side and confidence >= DEFAULT_SETTINGS.min_confidence


def test_why_not_weighs_both_sides_as_pourquoi_pas_does() -> None:
    read = _read(
        "Pourquoi pas, à condition que ce soit encadré.", "Why not, as long as it is supervised."
    )
    assert read["r0"][0] == read["r1"][0] == "Nuanced", read


@pytest.mark.parametrize("reply", ["I'm skeptical, the results are meh.", "Very skeptical."])
def test_american_spelling_names_the_sceptical_option(reply: str) -> None:
    """The open question's default options are written the British way ("Mostly
    sceptical"); members writing "skeptical" name it as much as "sceptical" does."""
    d = Discussion(
        "d",
        "What do you make of AI video generators?",
        ("Mostly optimistic", "Mostly sceptical", "Mixed feelings"),
        language="en",
        replies=(Reply("r0", "a0", reply), Reply("r1", "a1", "I'm sceptical about it.")),
    )
    read = {s.reply_id: s for s in StanceModel([d]).predict(d, min_confidence=0)}
    assert read["r0"].option == "Mostly sceptical"
    assert read["r0"].confidence == pytest.approx(read["r1"].confidence, abs=0.15)


@pytest.mark.parametrize(
    "third",
    ["Nuanced", "Not sure", "Don't know", "No opinion", "Undecided", "Pas sûr", "Ne sait pas"],
)
def test_a_third_option_a_poll_writes_weighs_both_sides(third: str) -> None:
    """A moderator's "Yes | No | Not sure" reads "it depends" under "Not sure", as the
    default "Nuanced" does, instead of counting it as a Yes."""
    d = Discussion(
        "d",
        "Should AI be regulated?",
        ("Yes", "No", third),
        language="en",
        replies=(
            Reply("r0", "a0", "It depends on the budget, partly yes."),
            Reply("r1", "a1", "Yes and no, it depends."),
        ),
    )
    read = [s.option for s in StanceModel([d]).predict(d)]
    assert read == [third, third]


def test_mostly_yes_and_mostly_no_are_a_polar_pair() -> None:
    """English counterparts of "Plutôt oui" / "Plutôt non"."""
    from bot.analysis.stance.cues import option_kinds

    assert option_kinds(("Mostly yes", "Mostly no")) == {"Mostly yes": "yes", "Mostly no": "no"}
