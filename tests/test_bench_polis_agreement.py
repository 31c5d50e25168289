"""bench/polis_agreement.py judges whatever set of conversations it is given.

Acceptance points it at other Pol.is conversations: their number is not eight, one may
have no Pol.is groups, one may break the analysis; none of these may lose the others.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

import bench.polis_agreement as bench
from bench.polis_data import PolisConversation
from bench.polis_measures import Row
from bot.analysis.model import Discussion, Reply

GOOD = Row(
    name="good",
    polis_k=2,
    our_k=2,
    ari=0.9,
    coverage=1.0,
    no_clear_groups=False,
    seconds=0.1,
    naive_k=2,
    naive_ari=0.5,
    naive_coverage=1.0,
    bridging_overlap="1/1, ρ 0.90",
    bridging_seconds=0.001,
    placed=0,
    profile=0,
)


def test_a_conversation_without_pol_is_groups_is_named_and_left_out_of_the_goals(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ungrouped = replace(GOOD, name="ungrouped", polis_k=0, ari=math.nan, coverage=math.nan)
    assert bench.summarise([GOOD, ungrouped] + [GOOD] * 6)
    out = capsys.readouterr().out
    assert "not scored (Pol.is grouped no participant): ungrouped" in out
    assert "nan" not in out


def test_no_conversation_to_judge_misses_the_goals_without_crashing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert not bench.summarise([])
    assert "no conversation with Pol.is groups to measure" in capsys.readouterr().out


@pytest.mark.parametrize(("n", "needed"), [(3, 3), (8, 7), (12, 11)])
def test_the_k_goal_is_issue_14s_share_of_the_conversations_given(
    capsys: pytest.CaptureFixture[str], n: int, needed: int
) -> None:
    rows = [GOOD] * needed + [replace(GOOD, our_k=3)] * (n - needed)
    assert bench.summarise(rows)
    assert f"goal met: k right on >= {needed} of {n}" in capsys.readouterr().out


def test_no_clear_groups_is_a_miss_only_where_pol_is_shows_two_groups_or_more() -> None:
    single = replace(GOOD, name="single", polis_k=1, our_k=1, no_clear_groups=True, ari=0.9)
    assert bench.summarise([GOOD] * 7 + [single])
    assert not bench.summarise([GOOD] * 7 + [replace(GOOD, no_clear_groups=True)])


def test_a_conversation_the_analysis_fails_on_is_named_and_the_others_measured(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(conv: PolisConversation, *, seed: int = 0) -> Row:
        if conv.name == "broken":
            raise ZeroDivisionError("float division by zero")
        return replace(GOOD, name=conv.name)

    monkeypatch.setattr(bench, "run_conversation", run)
    empty = Discussion("d", "", ())
    convs = [PolisConversation(name, empty, {}) for name in ("first", "broken", "last")]
    rows, failed = bench.measure(convs, seed=0)
    assert [r.name for r in rows] == ["first", "last"]
    assert [f.name for f in failed] == ["broken"]
    assert failed[0].reason.startswith("ZeroDivisionError: float division by zero (")
    assert "not measured: broken: ZeroDivisionError" in capsys.readouterr().out


def test_a_conversation_without_votes_is_measured() -> None:
    replies = (Reply("0", "a", "Premier avis"), Reply("1", "b", "Second avis"))
    conv = PolisConversation("silent", Discussion("silent", "", (), replies=replies), {"a": 0})
    row = bench.run_conversation(conv)
    assert (row.polis_k, row.our_k, row.coverage, row.no_clear_groups) == (1, 0, 0.0, True)
    assert row.bridging_overlap.startswith("0/0")
