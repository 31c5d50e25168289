"""The stance model on real English replies nobody here wrote (IBM Debater ArgKP sample,
bench/data/README.md), with the settings chosen on French data: nothing is tuned here."""

from __future__ import annotations

from bench.stance_argkp import SAMPLE, load_argkp
from bench.xstance_data import with_declared
from bot.analysis.model import Discussion, Reply
from bot.analysis.stance import StanceModel
from tests.analysis.conftest import macro_f1


def _f1(discussions: list[Discussion], truth: dict[str, str], history: bool) -> float:
    labelled = [with_declared(d, truth)[0] for d in discussions]
    pairs = []
    for i, d in enumerate(discussions):
        others = [*labelled[:i], *labelled[i + 1 :]] if history else []
        stances = StanceModel([d, *others]).predict(d)
        pairs += [(truth[s.reply_id], s.leaning) for s in stances]
    return macro_f1(pairs, labels=("Yes", "No"))


def test_english_zero_shot_beats_the_majority_class() -> None:
    discussions, truth = load_argkp(SAMPLE)
    assert len(truth) == 420
    majority = macro_f1([(t, "Yes") for t in truth.values()], labels=("Yes", "No"))
    assert _f1(discussions, truth, history=False) >= majority + 0.2


def test_english_history_never_lowers_the_result() -> None:
    discussions, truth = load_argkp(SAMPLE)
    assert _f1(discussions, truth, history=True) >= _f1(discussions, truth, history=False)


def test_a_negation_after_a_modal_turns_it() -> None:
    d = Discussion(
        "d",
        "Routine checks should be mandatory?",
        ("Yes", "No"),
        replies=(
            Reply("a", "a", "It should not be mandatory, it must never be forced."),
            Reply("b", "b", "It should be mandatory, and it must be."),
        ),
    )
    leanings = [s.leaning for s in StanceModel([d]).predict(d, min_confidence=0.0)]
    assert leanings == ["No", "Yes"]
