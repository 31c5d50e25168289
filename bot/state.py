"""What the bot keeps in memory: the open discussions and who opted out.

Both are small (open discussions only) and rebuilt from the database at start,
so the gateway handlers decide in O(1), without a query, whether a message
belongs to a discussion, and members get answers while the database is away.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
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
        self._reactions_followed: set[int] = set()
        self._reading: dict[int, int] = {}
        """Discussions a catch-up is reading now (how many catch-ups at once)."""
        self._reacted: dict[int, dict[int, int]] = {}
        """Their replies a live reaction event touched meanwhile, with its ``_marks``."""
        self._marks = 0
        self._readings: dict[int, dict[int, Hashable]] = {}
        """Per discussion, its replies whose vote reactions outnumber the votes they cast
        (one's own, another bot's, an opted-out member's), with what the last full reading
        of each found there (see ``catch_up_votes.reading_of``); forgotten when a live
        reaction event touches the reply."""

    def add(self, discussion: OpenDiscussion) -> None:
        self._by_thread[discussion.thread_id] = discussion
        self._by_id[discussion.id] = discussion

    def remove(self, discussion_id: int) -> OpenDiscussion | None:
        found = self._by_id.pop(discussion_id, None)
        self._reactions_followed.discard(discussion_id)
        self._readings.pop(discussion_id, None)
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
        self._reactions_followed.clear()
        self._readings.clear()

    def follow_reactions(self, discussion_id: int) -> None:
        """This process knows who reacts on the discussion's replies (it read them all at a
        catch-up, or posted it) and has followed them live since, save for the gaps between
        gateway sessions: a new session's catch-up may trust the reaction counts. Forgotten
        when the discussion leaves the index (closed, its server left)."""
        if discussion_id in self._by_id:
            self._reactions_followed.add(discussion_id)

    def reactions_followed(self, discussion_id: int) -> bool:
        return discussion_id in self._reactions_followed

    def remember_reading(self, discussion_id: int, reply_id: int, reading: Hashable | None) -> None:
        """What a full reading of who reacts on the reply found (``None``: nothing to keep)."""
        if reading is None:
            self._readings.get(discussion_id, {}).pop(reply_id, None)
        elif discussion_id in self._by_id:
            self._readings.setdefault(discussion_id, {})[reply_id] = reading

    def last_reading(self, discussion_id: int, reply_id: int) -> Hashable | None:
        """What the last full reading of the reply found, if no live reaction event
        touched it since."""
        return self._readings.get(discussion_id, {}).get(reply_id)

    def begin_read(self, discussion_id: int) -> int:
        """A catch-up starts reading the discussion's thread; returns the mark to pass
        ``reacted_since`` for what live reaction events touch from now on."""
        self._reading[discussion_id] = self._reading.get(discussion_id, 0) + 1
        self._reacted.setdefault(discussion_id, {})
        return self._marks

    def end_read(self, discussion_id: int) -> None:
        left = self._reading.pop(discussion_id, 1) - 1
        if left > 0:
            self._reading[discussion_id] = left
        else:
            self._reacted.pop(discussion_id, None)

    def reaction_seen(self, discussion_id: int, reply_id: int) -> None:
        """A live reaction event (added, taken back, cleared) on one of the discussion's
        replies; kept only while a catch-up reads the thread."""
        self._marks += 1
        self._readings.get(discussion_id, {}).pop(reply_id, None)
        touched = self._reacted.get(discussion_id)
        if touched is not None:
            touched[reply_id] = self._marks

    def reaction_mark(self) -> int:
        return self._marks

    def reacted_since(self, discussion_id: int, reply_id: int, mark: int) -> bool:
        """Whether a live reaction event touched the reply after ``mark`` (while read)."""
        return self._reacted.get(discussion_id, {}).get(reply_id, 0) > mark

    def __len__(self) -> int:
        return len(self._by_id)


class OptOuts:
    """Who asked that nothing they do be stored, per server, and since when.

    ``pair in optouts`` is today's choice (clicks, live gateway events).
    Things that come back later (catch-up reading a thread, the reactions on
    a message) are judged by the choice in force when they were done: the
    member's spans, each an opt-out (from opt-out to opt-in) or an erasure
    (everything up to the moment she erased her data).
    """

    def __init__(self, pairs: Iterable[tuple[int, int]] = ()) -> None:
        self._pairs: set[tuple[int, int]] = set(pairs)
        self._spans: dict[tuple[int, int], list[tuple[datetime | None, datetime | None]]] = {}

    def reset(
        self,
        pairs: Iterable[tuple[int, int]],
        spans: Iterable[tuple[int, int, datetime | None, datetime | None]] = (),
    ) -> None:
        self._pairs = set(pairs)
        self._spans = {}
        for guild_id, user_id, start, end in spans:
            self.add_span(guild_id, user_id, start, end)

    def set(self, guild_id: int, user_id: int, opted_out: bool, at: datetime | None = None) -> None:
        """Today's choice; with ``at``, the opt-out span opened or closed then."""
        key = (guild_id, user_id)
        if opted_out:
            if at is not None and key not in self._pairs:
                self.add_span(guild_id, user_id, at, None)
            self._pairs.add(key)
        else:
            if at is not None and key in self._pairs:
                spans = self._spans.get(key, [])
                for index, (start, end) in enumerate(spans):
                    if end is None:
                        spans[index] = (start, at)
            self._pairs.discard(key)

    def erased(self, guild_id: int, user_id: int, at: datetime) -> None:
        """She erased her data at ``at``: nothing she did before is stored again."""
        key = (guild_id, user_id)
        kept = [(s, e) for s, e in self._spans.get(key, []) if e is None or e > at]
        self._spans[key] = [(None, at), *kept]

    def add_span(
        self, guild_id: int, user_id: int, start: datetime | None, end: datetime | None
    ) -> None:
        self._spans.setdefault((guild_id, user_id), []).append((start, end))

    def forget_ended(self, horizons: Mapping[int, datetime], default: datetime) -> int:
        """Forget the spans that ended at or before their server's horizon (``horizons``,
        else ``default``): the moment before which nothing the bot may still read there
        was written. Returns how many were forgotten.

        Spans only judge what was done in open discussions (catch-up reading their
        threads, reactions on their replies): everything there was written after the
        thread was made. A span that ended before the oldest open thread of its server
        can block nothing any more; kept, every opt-out and erasure of every member
        stayed in memory for ever. One still running (no end) is always kept. A
        discussion that opens again with an older thread (reopened, a server that
        invited the bot back) reloads them from the database (``services.optouts.load_optouts``).
        """
        forgotten = 0
        for key in list(self._spans):
            horizon = horizons.get(key[0], default)
            spans = self._spans[key]
            kept = [(s, e) for s, e in spans if e is None or e > horizon]
            forgotten += len(spans) - len(kept)
            if kept:
                self._spans[key] = kept
            else:
                del self._spans[key]
        return forgotten

    def forget_guild(self, guild_id: int) -> None:
        """The server was forgotten or erased: its members' choices and spans went from the
        database with it (a new setup starts with none, as the database does)."""
        self._pairs = {pair for pair in self._pairs if pair[0] != guild_id}
        for key in [key for key in self._spans if key[0] == guild_id]:
            del self._spans[key]

    def span_count(self) -> int:
        return sum(len(spans) for spans in self._spans.values())

    def blocks(self, guild_id: int, user_id: int, at: datetime) -> bool:
        """Whether something the member did at ``at`` must not be stored."""
        spans = self._spans.get((guild_id, user_id))
        return spans is not None and any(
            (start is None or start <= at) and (end is None or at < end) for start, end in spans
        )

    def blocks_since(self, guild_id: int, user_id: int, since: datetime) -> bool:
        """Whether something done at an unknown time after ``since`` may fall in a span.

        A reaction found by catch-up has no date: it was made after its
        message was written, and before now.
        """
        return any(
            end is None or end > since for _, end in self._spans.get((guild_id, user_id), ())
        )

    def __contains__(self, pair: tuple[int, int]) -> bool:
        return pair in self._pairs

    def in_guild(self, guild_id: int) -> frozenset[int]:
        return frozenset(u for g, u in self._pairs if g == guild_id)
