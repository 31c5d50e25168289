"""The voting card's order."""

from __future__ import annotations

import dataclasses

from bench.planted import planted_discussion
from bot.analysis.model import Discussion, Reply, Vote
from bot.analysis.polis.routing import next_reply_for, reply_priority


def _discussion(n_replies: int, votes: list[tuple[str, str, int]]) -> Discussion:
    replies = tuple(
        Reply(id=f"r{j}", author_id=f"author{j % 3}", text=f"s{j}") for j in range(n_replies)
    )
    return Discussion(
        id="route",
        question="?",
        options=(),
        replies=replies,
        votes=tuple(Vote(r, u, v) for u, r, v in votes),
    )


def test_priority_prefers_few_votes_and_penalises_passes() -> None:
    assert reply_priority(0, 0, 0, 0.0) > reply_priority(10, 0, 20, 0.0)
    assert reply_priority(5, 0, 10, 0.0) > reply_priority(5, 5, 10, 0.0)
    assert reply_priority(5, 0, 10, 2.0) > reply_priority(5, 0, 10, 0.0)


def test_unvoted_replies_come_first() -> None:
    # r0..r4 have 30 votes each, r5 none: r5 is drawn far more often than any of them.
    votes = [(f"v{u}", f"r{j}", 1 if u % 2 else -1) for u in range(30) for j in range(5)]
    discussion = _discussion(6, votes)
    picks = [next_reply_for(f"new{i}", discussion, seed=i) for i in range(200)]
    most_voted = max(picks.count(f"r{j}") for j in range(5))
    assert picks.count("r5") > 3 * most_voted


def test_never_own_never_twice_then_none() -> None:
    discussion = _discussion(7, [("x", "r1", 1)])
    voter = "author0"  # wrote r0, r3, r6
    seen: list[str] = []
    current = discussion
    while (reply := next_reply_for(voter, current, seed=3)) is not None:
        assert reply not in seen
        seen.append(reply)
        current = dataclasses.replace(current, votes=(*current.votes, Vote(reply, voter, 0)))
        assert len(seen) <= 7
    assert sorted(seen) == ["r1", "r2", "r4", "r5"]


def test_opted_out_authors_are_skipped() -> None:
    discussion = _discussion(6, [])
    picks = {
        next_reply_for("someone", discussion, seed=s, exclude_user_ids=frozenset({"author1"}))
        for s in range(50)
    }
    assert picks and all(p not in {"r1", "r4"} for p in picks)
    everyone = frozenset({"author0", "author1", "author2"})
    assert next_reply_for("someone", discussion, exclude_user_ids=everyone) is None


def test_empty_discussion_and_determinism() -> None:
    assert next_reply_for("a", _discussion(0, [])) is None
    planted = planted_discussion(n_users=200, n_replies=30, seed=2)
    first = next_reply_for("u1", planted.discussion, seed=9)
    assert first is not None
    assert next_reply_for("u1", planted.discussion, seed=9) == first
    voted = {v.reply_id for v in planted.discussion.votes if v.user_id == "u1"}
    assert first not in voted


def test_a_profile_statement_gets_pol_is_meta_priority() -> None:
    """Pol.is shows its moderators' "meta" comments at a fixed priority (7 squared) whatever
    their votes; a reply describing its author stands in for one."""
    votes = [(f"v{u}", f"r{j}", 1 if u % 2 else -1) for u in range(30) for j in range(6)]
    base = _discussion(6, votes)
    replies = (*base.replies[:5], Reply("r5", "author2", "J'ai entre 30 et 39 ans."))
    discussion = dataclasses.replace(base, replies=replies)
    picks = [next_reply_for(f"new{i}", discussion, seed=i) for i in range(200)]
    assert picks.count("r5") > 100
    plain = [next_reply_for(f"new{i}", base, seed=i) for i in range(200)]
    assert plain.count("r5") < 100


def test_a_reply_edited_since_her_vote_comes_again_before_the_others() -> None:
    """She voted on r1 and r2, then r1's text changed: r1 is shown to her again before any
    reply she never saw; once she voted again, it is not (the service says what changed)."""
    discussion = _discussion(6, [("voter", "r1", 1), ("voter", "r2", -1), ("x", "r4", 1)])
    again = frozenset({"r1", "r0"})  # r0: never voted on by her, so nothing to show again
    picks = {next_reply_for("voter", discussion, seed=i, again=again) for i in range(50)}
    assert picks == {"r1"}
    # not hers to see again: her own reply, or one she never voted on
    assert next_reply_for("author1", discussion, seed=1, again=frozenset({"r1"})) != "r1"
    rest = {next_reply_for("voter", discussion, seed=i) for i in range(50)}
    assert "r1" not in rest and "r2" not in rest
