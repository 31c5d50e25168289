"""History never hurts: the server's declared stances are used only where they beat
zero-shot on that same history, and on each unseen X-Stance half the result with
history is at least the zero-shot one."""

from __future__ import annotations

import numpy as np
import pytest

from bench.xstance_data import split_halves, with_declared
from bot.analysis.model import DeclaredStance, Discussion, Reply
from bot.analysis.stance import StanceModel, StanceSettings
from bot.analysis.stance.history import history_wins
from tests.analysis.conftest import XStance, macro_f1


def _half_f1(half: list[Discussion], truth: dict[str, str], settings: StanceSettings) -> float:
    labelled = [with_declared(d, truth)[0] for d in half]
    pairs = []
    for i, d in enumerate(half):
        history = [*labelled[:i], *labelled[i + 1 :]]
        model = StanceModel([d, *history], settings=settings)
        pairs += [(truth[s.reply_id], s.leaning) for s in model.predict(d, min_confidence=0.0)]
    return macro_f1(pairs)


@pytest.mark.parametrize("half", [0, 1])
def test_history_never_lowers_the_unseen_half(xstance: XStance, half: int) -> None:
    discussions, truth = xstance
    unseen = split_halves(discussions)[half]
    zero_shot = _half_f1(unseen, truth, StanceSettings(history="never"))
    with_history = _half_f1(unseen, truth, StanceSettings())
    assert with_history >= zero_shot


def _server(n: int, informative: bool, seed: int = 0) -> list[Discussion]:
    """Past yes/no discussions. In the informative server no reply carries a cue and a
    word ("velo" / "voiture") tells the side: only history can learn it. In the other,
    each reply opens with its answer, which zero-shot reads; the word is random."""
    rng = np.random.default_rng(seed)
    out = []
    for k in range(n):
        replies, stances = [], []
        for i in range(10):
            yes = bool(rng.random() < 0.5)
            if informative:
                text = f"Moi je prends le {'velo' if yes else 'voiture'} le matin."
            else:
                word = rng.choice(["velo", "voiture"])
                text = f"{'Oui' if yes else 'Non'}, moi je prends le {word} le matin."
            replies.append(Reply(f"{k}-{i}", f"{k}-{i}", text))
            stances.append(DeclaredStance(f"{k}-{i}", "Oui" if yes else "Non"))
        question = f"Faut-il changer la ligne {k} ?"
        out.append(
            Discussion(
                f"d{k}", question, ("Oui", "Non"), replies=tuple(replies), stances=tuple(stances)
            )
        )
    return out


def test_history_is_used_where_it_beats_zero_shot_on_the_servers_own_history() -> None:
    assert StanceModel(_server(12, informative=True)).history.used
    assert not StanceModel(_server(12, informative=False)).history.used
    # forced either way, whatever the check says
    assert StanceModel(_server(12, False), settings=StanceSettings(history="always")).history.used
    assert not StanceModel(_server(12, True), settings=StanceSettings(history="never")).history.used


def test_unused_history_leaves_the_zero_shot_probabilities() -> None:
    history = _server(12, informative=False)
    new = Discussion(
        "new",
        "Faut-il changer la ligne 99 ?",
        ("Oui", "Non"),
        replies=(Reply("x", "x", "Oui, c'est nécessaire, je prends le velo."),),
    )
    with_history = StanceModel([new, *history]).predict(new)
    alone = StanceModel([new]).predict(new)
    assert with_history == alone


def test_history_wins_needs_a_gain_chance_would_rarely_show() -> None:
    y = np.array([1.0, 0.0] * 20)
    owner = np.repeat(np.arange(10), 4)
    right = np.where(y == 1.0, 0.9, 0.1)
    coin = np.full(40, 0.6)
    assert history_wins(y, right, coin, owner)[2] >= 0.95
    assert history_wins(y, coin, right, owner)[2] <= 0.05
    assert history_wins(y, right, right, owner)[2] == 0.0


def test_declared_replies_of_a_discussion_are_never_inferred(xstance: XStance) -> None:
    discussions, truth = xstance
    d, declared = with_declared(discussions[0], truth, 0.5)
    for s in StanceModel([d]).predict(d):
        assert (s.source == "declared") == (s.reply_id in declared)
        if s.source == "declared":
            assert s.option == s.leaning == truth[s.reply_id]
