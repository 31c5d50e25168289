"""Where one member stands among the opinion groups (``polis.standing``)."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.planted import planted_discussion
from bot.analysis.model import Discussion, Reply, Vote
from bot.analysis.polis.groups import find_groups
from bot.analysis.polis.standing import Standing, standing


def _two_camps() -> tuple[Discussion, dict[str, int]]:
    planted = planted_discussion(n_groups=2, n_users=60, n_replies=16, seed=4)
    return planted.discussion, planted.truth


def test_a_member_is_told_her_group_with_its_size() -> None:
    discussion, truth = _two_camps()
    result = find_groups(discussion)
    member = next(iter(truth))
    found = standing(discussion, result, member)
    group = next(g for g in result.groups if member in g.members)
    assert found.group == group.id and not found.placed
    assert found.group_size == len(group.members) + len(group.placed)
    assert found.groups == len(result.groups) == 2
    assert found.votes_needed == 0
    assert found.missing == ""
    # what her group stands for, as the summary shows it, with her own vote on it
    assert found.stands_for
    for direction, tally in found.stands_for:
        assert direction in ("agree", "disagree")
        rate = tally.agree_rate if direction == "agree" else tally.disagree_rate
        assert rate > 0.5
        assert tally.mine in (1, -1, 0, None)


def test_a_vote_against_her_own_group_is_named() -> None:
    discussion, truth = _two_camps()
    member = next(iter(truth))
    result = find_groups(discussion)
    group = next(g for g in result.groups if member in g.members)
    # the reply her group agrees with most: she now disagrees with it
    target = max(
        (r for r in group.representative if r.direction == "agree"), key=lambda r: r.agree_rate
    )
    votes = (
        *tuple(
            v
            for v in discussion.votes
            if not (v.user_id == member and v.reply_id == target.reply_id)
        ),
        Vote(target.reply_id, member, -1),
    )
    changed = dataclasses.replace(discussion, votes=votes)
    found = standing(changed, result, member)
    assert [t.reply_id for t in found.apart][:1] == [target.reply_id]
    assert found.apart[0].mine == -1
    assert found.apart[0].agree > found.apart[0].disagree
    # before the change she voted with her group there
    assert target.reply_id not in {t.reply_id for t in standing(discussion, result, member).apart}


def test_a_member_with_too_few_votes_is_told_how_many_more() -> None:
    discussion, _ = _two_camps()
    newcomer = "newcomer"
    first = discussion.replies[0].id
    with_her = dataclasses.replace(discussion, votes=(*discussion.votes, Vote(first, newcomer, 1)))
    result = find_groups(with_her)
    found = standing(with_her, result, newcomer)
    assert found.votes == 1
    assert found.votes_needed == result.min_votes - 1 > 0
    if found.group is not None:  # placed beside the others' groups, without shaping them
        assert found.placed


def test_no_clear_groups_says_why_and_compares_with_the_majority() -> None:
    replies = tuple(Reply(f"r{i}", f"a{i}", f"texte {i}") for i in range(4))
    votes = (
        Vote("r0", "me", 1),
        Vote("r1", "me", -1),
        *(Vote("r0", f"u{i}", 1) for i in range(4)),
        *(Vote("r1", f"u{i}", 1) for i in range(4)),
    )
    discussion = Discussion("d", "Q ?", ("Oui", "Non"), replies=replies, votes=votes)
    found = standing(discussion, find_groups(discussion), "me")
    assert found.group is None
    assert found.missing != ""
    assert (found.with_majority, found.majority_known) == (1, 2)


def test_votes_on_replies_no_longer_there_do_not_count() -> None:
    replies = (Reply("r0", "a0", "là"),)
    votes = (Vote("r0", "me", 1), Vote("gone", "me", -1))
    discussion = Discussion("d", "Q ?", (), replies=replies, votes=votes)
    assert standing(discussion, find_groups(discussion), "me").votes == 1


def test_without_groups_result_nothing_is_claimed() -> None:
    discussion = Discussion("d", "Q ?", (), replies=(Reply("r0", "a0", "x"),))
    assert standing(discussion, None, "me") == Standing(
        votes=0, votes_needed=0, can_vote=1, missing="no_structure"
    )


def test_she_can_still_vote_on_others_replies_she_has_not_voted_on() -> None:
    """Not on her own reply: an author of one of five replies can cast four votes."""
    replies = tuple(Reply(f"r{i}", "me" if i == 0 else f"a{i}", "x") for i in range(5))
    votes = (Vote("r1", "me", 1), Vote("r2", "me", 0), Vote("r1", "a2", 1))
    found = standing(Discussion("d", "Q ?", (), replies=replies, votes=votes), None, "me")
    assert (found.votes, found.can_vote) == (2, 2)


_votes = st.lists(
    st.tuples(
        st.sampled_from(["m0", "m1", "m2", "m3", "me"]),
        st.integers(0, 5),
        st.sampled_from([-1, 0, 1]),
    ),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(_votes)
def test_any_votes_give_a_standing(raw: list[tuple[str, int, int]]) -> None:
    replies = tuple(Reply(f"r{i}", f"a{i}", f"t{i}") for i in range(4))
    votes = tuple(Vote(f"r{r}", u, v) for u, r, v in raw)
    discussion = Discussion("d", "Q ?", (), replies=replies, votes=votes)
    found = standing(discussion, find_groups(discussion), "me")
    assert 0 <= found.with_majority <= found.majority_known <= found.votes <= 4
    assert found.votes_needed >= 0
    assert (found.group is None) == (found.group_size == 0)


def test_a_reply_with_nothing_to_read_is_never_named() -> None:
    """An image or a link alone is no quote (``_text.readable``): her vote on it counts,
    but it is not listed to her."""
    discussion, truth = _two_camps()
    member = next(iter(truth))
    result = find_groups(discussion)
    blank = {r.reply_id for g in result.groups for r in g.representative}
    blanked = dataclasses.replace(
        discussion,
        replies=tuple(
            dataclasses.replace(r, text="\u200b") if r.id in blank else r
            for r in discussion.replies
        ),
    )
    found = standing(blanked, result, member)
    assert found.group is not None and not found.stands_for
    assert found.votes == standing(discussion, result, member).votes
