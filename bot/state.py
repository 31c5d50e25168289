"""What the bot keeps in memory: the open discussions and who opted out.

Both are small (open discussions only) and rebuilt from the database at start,
so the gateway handlers decide in O(1), without a query, whether a message
belongs to a discussion, and members get answers while the database is away.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class OpenDiscussion:
    id: int
    guild_id: int
    thread_id: int
    message_id: int
    channel_id: int
    options: tuple[str, ...]
    language: str
    closes_at: datetime
    question: str


class OpenDiscussions:
    def __init__(self) -> None:
        self._by_thread: dict[int, OpenDiscussion] = {}
        self._by_id: dict[int, OpenDiscussion] = {}

    def add(self, discussion: OpenDiscussion) -> None:
        self._by_thread[discussion.thread_id] = discussion
        self._by_id[discussion.id] = discussion

    def remove(self, discussion_id: int) -> OpenDiscussion | None:
        found = self._by_id.pop(discussion_id, None)
        if found is not None:
            self._by_thread.pop(found.thread_id, None)
        return found

    def by_thread(self, thread_id: int | None) -> OpenDiscussion | None:
        return self._by_thread.get(thread_id) if thread_id is not None else None

    def get(self, discussion_id: int) -> OpenDiscussion | None:
        return self._by_id.get(discussion_id)

    def all(self) -> list[OpenDiscussion]:
        return list(self._by_id.values())

    def in_guild(self, guild_id: int) -> list[OpenDiscussion]:
        return [d for d in self._by_id.values() if d.guild_id == guild_id]

    def clear(self) -> None:
        self._by_thread.clear()
        self._by_id.clear()

    def __len__(self) -> int:
        return len(self._by_id)


class OptOuts:
    """Members who asked that nothing they do be stored, per server."""

    def __init__(self, pairs: Iterable[tuple[int, int]] = ()) -> None:
        self._pairs: set[tuple[int, int]] = set(pairs)

    def reset(self, pairs: Iterable[tuple[int, int]]) -> None:
        self._pairs = set(pairs)

    def set(self, guild_id: int, user_id: int, opted_out: bool) -> None:
        if opted_out:
            self._pairs.add((guild_id, user_id))
        else:
            self._pairs.discard((guild_id, user_id))

    def __contains__(self, pair: tuple[int, int]) -> bool:
        return pair in self._pairs

    def in_guild(self, guild_id: int) -> frozenset[int]:
        return frozenset(u for g, u in self._pairs if g == guild_id)


@dataclass(frozen=True, slots=True)
class UnpostedSummary:
    guild_id: int
    attempts: int
    """Attempts that failed so far."""
    posted: int
    """Messages of the summary already posted (a retry posts the rest)."""


class UnpostedSummaries:
    """Closing summaries that failed to post, retried at the next scheduler ticks.

    Kept in memory only: after a restart, staff (who were told in the thread)
    ask ``/summary`` instead.
    """

    def __init__(self) -> None:
        self._by_id: dict[int, UnpostedSummary] = {}

    def failed(self, guild_id: int, discussion_id: int, posted: int) -> int:
        """Record a failed attempt; returns the number of attempts that failed."""
        earlier = self._by_id.get(discussion_id)
        attempts = (earlier.attempts if earlier else 0) + 1
        self._by_id[discussion_id] = UnpostedSummary(guild_id, attempts, posted)
        return attempts

    def posted(self, discussion_id: int) -> int:
        found = self._by_id.get(discussion_id)
        return found.posted if found else 0

    def done(self, discussion_id: int) -> None:
        self._by_id.pop(discussion_id, None)

    def pending(self) -> list[tuple[int, int]]:
        """``(guild id, discussion id)`` of each summary to post again."""
        return [(u.guild_id, d) for d, u in self._by_id.items()]
