"""Participation figures over plain data: streaks, the monthly leaderboard,
the busiest hours. No database and no Discord: the services load the rows,
these functions count, the adapters render."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo


@dataclass(frozen=True, slots=True)
class Streak:
    answered: int
    """Discussions the member took part in."""
    current: int
    """Discussions in a row up to the newest (an open one not yet answered breaks nothing)."""
    best: int
    """The longest run of discussions in a row."""


def streak(
    discussions: Sequence[int], answered: Collection[int], still_open: Collection[int] = ()
) -> Streak:
    """A member's streaks over the server's discussions, oldest first.

    A discussion that is still open and not answered yet neither counts nor
    breaks a run: the member may still answer it.
    """
    run = best = count = 0
    for discussion in discussions:
        if discussion in answered:
            count += 1
            run += 1
            best = max(best, run)
        elif discussion not in still_open:
            run = 0
    return Streak(answered=count, current=run, best=best)


@dataclass(frozen=True, slots=True)
class Standing:
    rank: int
    user_id: int
    discussions: int
    replies: int


def leaderboard(
    activity: Iterable[tuple[int, int, int]],
    *,
    excluded: Collection[int] = (),
    limit: int = 10,
) -> list[Standing]:
    """Members by discussions taken part in, then by replies (ties share a rank).

    ``activity`` holds ``(discussion, member, replies)`` rows; members in
    ``excluded`` (opted out, or hidden by their own choice) are neither
    counted nor shown.
    """
    discussions: dict[int, set[int]] = {}
    replies: dict[int, int] = {}
    for discussion, member, n in activity:
        if member in excluded:
            continue
        discussions.setdefault(member, set()).add(discussion)
        replies[member] = replies.get(member, 0) + n
    order = sorted(discussions, key=lambda m: (-len(discussions[m]), -replies[m], m))
    standings: list[Standing] = []
    previous: tuple[int, int] | None = None
    rank = 0
    for position, member in enumerate(order, start=1):
        score = (len(discussions[member]), replies[member])
        if score != previous:
            rank, previous = position, score
        if rank > limit:
            break
        standings.append(Standing(rank, member, score[0], score[1]))
    return standings


def hour_histogram(times: Iterable[datetime], zone: tzinfo) -> list[int]:
    """Replies per hour of the day (0–23) in the server's time zone."""
    counts = [0] * 24
    for when in times:
        counts[when.astimezone(zone).hour] += 1
    return counts


def busiest_hours(histogram: Sequence[int], n: int = 3) -> list[int]:
    """The ``n`` hours with the most replies (earlier hour first on ties), none if empty."""
    ranked = sorted((h for h in range(len(histogram)) if histogram[h]), key=lambda h: -histogram[h])
    return ranked[:n]


def share(participants: int, members: int | None) -> float | None:
    """The share of the server's members who took part, ``None`` when unknown."""
    if not members or members <= 0:
        return None
    return min(1.0, participants / members)
