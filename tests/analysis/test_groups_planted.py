"""Planted structure (one, two, five groups, noise), bridging, normalised consensus, FDR."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from bench.planted import planted_discussion
from bench.polis_measures import score_against
from bot.analysis.model import Discussion, Reply, Vote
from bot.analysis.polis.bridging import bridging_replies, factorise_votes, heard_by_every_group
from bot.analysis.polis.consensus import group_informed_consensus, normalised_consensus
from bot.analysis.polis.groups import find_groups
from bot.analysis.polis.matrix import build_vote_matrix
from bot.analysis.polis.repness import GroupCounts
from bot.analysis.polis.significance import benjamini_hochberg


def _members(result_groups: tuple) -> dict[str, int]:  # type: ignore[type-arg]
    return {m: g.id for g in result_groups for m in g.members}


@pytest.mark.parametrize("seed", range(3))
def test_five_planted_groups_are_found(seed: int) -> None:
    planted = planted_discussion(
        n_groups=5, n_users=400, n_replies=60, votes_per_user=40, seed=seed
    )
    result = find_groups(planted.discussion, bootstrap=0)
    assert len(result.groups) == 5 and result.stable
    assert score_against(planted.truth, _members(result.groups))[0] >= 0.9


@pytest.mark.parametrize("seed", range(3))
def test_two_planted_groups_are_found(seed: int) -> None:
    planted = planted_discussion(n_groups=2, n_users=120, n_replies=30, seed=seed)
    result = find_groups(planted.discussion, bootstrap=0)
    assert len(result.groups) == 2 and result.stable and result.missing == ""
    assert score_against(planted.truth, _members(result.groups))[0] >= 0.95


def _noise(seed: int) -> Discussion:
    rng = np.random.default_rng(seed)
    votes = [
        Vote(f"r{r}", f"u{u}", int(rng.choice([-1, 0, 1])))
        for u in range(120)
        for r in rng.choice(30, size=15, replace=False)
    ]
    replies = tuple(Reply(f"r{j}", "a", f"avis {j}") for j in range(30))
    return Discussion("noise", "?", (), replies=replies, votes=tuple(votes))


def test_one_group_and_noise_are_rarely_called_clear() -> None:
    """The verdict is a 5 % test: over 20 structureless conversations of each kind, at
    most 3 may be called clear (the expected count is 1)."""
    one = [
        find_groups(planted_discussion(n_groups=1, n_users=240, n_replies=40, seed=s).discussion)
        for s in range(20)
    ]
    noise = [find_groups(_noise(s)) for s in range(20)]
    assert sum(r.stable for r in one) <= 3
    assert sum(r.stable for r in noise) <= 3
    unclear = [r for r in one + noise if not r.stable]
    assert all(r.missing in {"no_structure", "one_opinion"} for r in unclear)
    assert all(r.votes_needed > 0 for r in unclear)


def _camps_and_a_bridge() -> Discussion:
    """Two camps of 12 split on r0..r3; everybody agrees with r4; nobody with r5."""
    votes = []
    for u in range(24):
        camp = 1 if u < 12 else -1
        votes += [Vote(f"r{j}", f"u{u}", camp if j % 2 else -camp) for j in range(4)]
        votes.append(Vote("r4", f"u{u}", 0 if u % 6 == 0 else 1))
        votes.append(Vote("r5", f"u{u}", -1))
    replies = tuple(Reply(f"r{j}", "a", f"avis {j}") for j in range(6))
    return Discussion("d", "?", (), replies=replies, votes=tuple(votes))


def test_bridging_lists_what_both_sides_agree_with_and_no_side_s_statement() -> None:
    result = find_groups(_camps_and_a_bridge())
    assert [b.reply_id for b in result.bridging] == ["r4"]
    bridge = result.bridging[0]
    assert bridge.score > 0 and abs(bridge.factor) < 0.5 and bridge.n_votes == 20
    assert result.to_json()["bridging"] == [{"reply_id": "r4", "score": round(bridge.score, 4)}]


def test_a_reply_one_group_only_passed_on_is_not_called_bridging() -> None:
    """Camp A agrees with r6, camp B only passes on it: its only ratings are one side's,
    and the factorisation scored it as agreed with across the divide (intercept 0.14,
    factor 0.44, under the 0.5 bar). Nothing says camp B agrees: it is not listed."""
    base = _camps_and_a_bridge()
    one_sided = tuple(Vote("r6", f"u{u}", 1 if u < 12 else 0) for u in range(24))
    discussion = replace(
        base,
        replies=(*base.replies, Reply("r6", "a", "avis 6")),
        votes=(*base.votes, *one_sided),
    )
    result = find_groups(discussion)
    assert len(result.groups) == 2
    assert [b.reply_id for b in result.bridging] == ["r4"]


def test_a_reply_every_group_voted_on_is_heard_by_every_group() -> None:
    agree = np.array([[3.0, 0.0, 0.0], [1.0, 0.0, 0.0]])
    disagree = np.array([[0.0, 2.0, 0.0], [0.0, 0.0, 0.0]])
    counts = GroupCounts(agree, disagree, agree + disagree + 4)  # passes are seen, not heard
    assert heard_by_every_group(counts).tolist() == [True, False, False]
    matrix = build_vote_matrix(_camps_and_a_bridge())
    nobody = np.zeros(matrix.n_replies, dtype=np.bool_)
    assert bridging_replies(matrix, heard=nobody) == ()


def test_the_factor_takes_up_the_split_and_the_intercept_the_agreement() -> None:
    matrix = build_vote_matrix(_camps_and_a_bridge())
    model = factorise_votes(matrix)
    split = [matrix.replies.index(f"r{j}") for j in range(4)]
    bridge, nobody = matrix.replies.index("r4"), matrix.replies.index("r5")
    assert min(abs(model.reply_factors[split])) > abs(model.reply_factors[bridge])
    assert model.reply_intercepts[bridge] > max(model.reply_intercepts[split])
    assert model.reply_intercepts[nobody] < min(model.reply_intercepts[split])


def test_no_bridging_without_ratings() -> None:
    passes = tuple(Vote("r0", f"u{u}", 0) for u in range(5))
    discussion = Discussion("d", "?", (), replies=(Reply("r0", "a", "x"),), votes=passes)
    assert bridging_replies(build_vote_matrix(discussion)) == ()


def test_normalised_consensus_does_not_shrink_with_more_groups() -> None:
    def counts(n_groups: int) -> GroupCounts:
        agree = np.full((n_groups, 1), 18.0)
        return GroupCounts(agree, np.full((n_groups, 1), 2.0), np.full((n_groups, 1), 20.0))

    two, five = counts(2), counts(5)
    assert group_informed_consensus(five)[0] < group_informed_consensus(two)[0]
    assert normalised_consensus(five)[0] == pytest.approx(normalised_consensus(two)[0])
    assert normalised_consensus(two)[0] == pytest.approx(19 / 22)


def test_divisive_replies_are_those_the_camps_split_on() -> None:
    result = find_groups(_camps_and_a_bridge())
    divisive = {d["reply_id"] for d in result.divisive}
    assert divisive == {"r0", "r1", "r2", "r3"}
    assert all(d["q_value"] <= 0.05 for d in result.divisive)


def test_without_clear_groups_nothing_is_called_divisive() -> None:
    """Groups drawn on noise differ on the votes they were drawn from (the test would be
    circular): without structure, no reply is listed as dividing them."""
    results = [find_groups(_noise(s), bootstrap=0) for s in range(5)]
    assert all(r.divisive == () for r in results if not r.stable)
    assert sum(not r.stable for r in results) >= 4


def test_benjamini_hochberg_keeps_order_and_bounds() -> None:
    p = np.array([0.01, 0.04, 0.03, 0.5])
    q = benjamini_hochberg(p)
    assert np.all(q >= p) and np.all(q <= 1)
    assert q == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.5])
