"""Streaks, the leaderboard and the busiest hours: pure counting, unit and property tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bot.analysis.participation import (
    Standing,
    Streak,
    busiest_hours,
    hour_histogram,
    leaderboard,
    share,
    streak,
)


def test_streak_counts_runs_and_an_open_unanswered_discussion_breaks_nothing() -> None:
    order = [1, 2, 3, 4, 5, 6]
    assert streak(order, {1, 2, 4, 5}, still_open={6}) == Streak(answered=4, current=2, best=2)
    assert streak(order, {1, 2, 3, 5, 6}) == Streak(answered=5, current=2, best=3)
    assert streak(order, {1, 2, 3}, still_open=set()) == Streak(answered=3, current=0, best=3)
    assert streak([], set()) == Streak(0, 0, 0)


def test_a_closed_unanswered_discussion_breaks_the_run() -> None:
    assert streak([1, 2, 3], {1, 3}) == Streak(answered=2, current=1, best=1)


@given(
    st.lists(st.booleans(), max_size=40),
    st.sets(st.integers(min_value=0, max_value=39), max_size=5),
)
def test_streak_properties(answered_flags: list[bool], open_positions: set[int]) -> None:
    order = list(range(len(answered_flags)))
    answered = {d for d, yes in zip(order, answered_flags, strict=True) if yes}
    still_open = {d for d in open_positions if d in order and d not in answered}
    result = streak(order, answered, still_open)
    assert result.answered == len(answered)
    assert 0 <= result.current <= result.best <= result.answered
    if answered and len(answered) + len(still_open) == len(order):
        assert result.current == result.best == len(answered)
    # A discussion answered at the end extends the current run by one.
    longer = streak([*order, len(order)], answered | {len(order)}, still_open)
    assert longer.current == result.current + 1


def test_leaderboard_ranks_by_discussions_then_replies_and_ties_share_a_rank() -> None:
    activity = [
        (1, 10, 2),
        (2, 10, 0),
        (1, 20, 5),
        (2, 20, 1),
        (1, 30, 1),
        (3, 30, 0),
        (1, 40, 9),
        (2, 99, 7),
        (3, 99, 7),
    ]
    board = leaderboard(activity, excluded={99})
    assert board == [
        Standing(1, 20, 2, 6),
        Standing(2, 10, 2, 2),
        Standing(3, 30, 2, 1),
        Standing(4, 40, 1, 9),
    ]
    tied = leaderboard([(1, 1, 1), (1, 2, 1), (1, 3, 0)])
    assert [(s.rank, s.user_id) for s in tied] == [(1, 1), (1, 2), (3, 3)]
    assert leaderboard(activity, excluded={10, 20, 30, 40, 99}) == []


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=6),
            st.integers(min_value=1, max_value=8),
            st.integers(min_value=0, max_value=5),
        ),
        max_size=60,
    ),
    st.sets(st.integers(min_value=1, max_value=8), max_size=3),
    st.integers(min_value=1, max_value=8),
)
def test_leaderboard_properties(
    activity: list[tuple[int, int, int]], excluded: set[int], limit: int
) -> None:
    board = leaderboard(activity, excluded=excluded, limit=limit)
    assert not {s.user_id for s in board} & excluded
    assert len({s.user_id for s in board}) == len(board)
    assert all(s.rank <= limit for s in board)
    scores = [(s.discussions, s.replies) for s in board]
    assert scores == sorted(scores, reverse=True)
    ranks = [s.rank for s in board]
    assert ranks == sorted(ranks) and (not ranks or ranks[0] == 1)
    for s in board:
        assert s.discussions == len({d for d, m, _ in activity if m == s.user_id})


def test_hours_in_the_server_zone_and_the_busiest_ones() -> None:
    paris = ZoneInfo("Europe/Paris")
    start = datetime(2026, 11, 23, 17, 30, tzinfo=UTC)  # 18:30 in Paris
    times = [
        start,
        start + timedelta(minutes=10),
        start + timedelta(hours=3),
        start.replace(hour=7),
    ]
    histogram = hour_histogram(times, paris)
    assert histogram[18] == 2 and histogram[21] == 1 and histogram[8] == 1 and sum(histogram) == 4
    assert busiest_hours(histogram) == [18, 8, 21]
    assert busiest_hours([0] * 24) == []


def test_share_of_members() -> None:
    assert share(5, 20) == 0.25
    assert share(30, 20) == 1.0
    assert share(3, None) is None and share(3, 0) is None
