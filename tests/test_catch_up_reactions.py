"""Who reacted, read at catch-up: super reactions (Discord lists their members apart, and
SimCord has none) are votes as they are live."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import discord

from bot.clock import ManualClock
from bot.services.catch_up_votes import missed_votes
from bot.state import OpenDiscussion, OptOuts
from db.repositories.events import VoteRemoved, VoteSet
from db.repositories.replies import StoredVote

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
ALICE, BRUNO, CHLOE, DAVID, BOT = 11, 12, 13, 14, 99


@dataclass
class _User:
    id: int
    bot: bool = False


@dataclass
class _Reaction:
    emoji: str
    normal: list[int]
    burst: list[int] = field(default_factory=list)
    asked: list[discord.ReactionType] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.normal) + len(self.burst)

    @property
    def burst_count(self) -> int:
        return len(self.burst)

    @property
    def me(self) -> bool:
        return BOT in self.normal

    @property
    def me_burst(self) -> bool:
        return BOT in self.burst

    async def users(
        self,
        *,
        type: discord.ReactionType | None = None,
        after: Any = None,
        limit: int | None = None,
    ) -> AsyncIterator[_User]:
        """As Discord: without a type, the members of normal reactions, by id."""
        kind = type or discord.ReactionType.normal
        self.asked.append(kind)
        listed = sorted(self.burst if kind is discord.ReactionType.burst else self.normal)
        listed = [u for u in listed if after is None or u > after.id][:limit]
        for user_id in listed:
            yield _User(user_id, bot=user_id == BOT)


@dataclass
class _Message:
    reactions: list[_Reaction]
    id: int = 500
    created_at: datetime = NOW - timedelta(hours=1)
    author: _User = field(default_factory=lambda: _User(DAVID))


class _Buffer:
    def __init__(self) -> None:
        self.events: list[Any] = []

    async def put(self, event: Any) -> None:
        self.events.append(event)


@dataclass
class _App:
    clock: ManualClock = field(default_factory=lambda: ManualClock(NOW))
    optouts: OptOuts = field(default_factory=OptOuts)
    buffer: _Buffer = field(default_factory=_Buffer)


DISCUSSION = OpenDiscussion(
    id=1,
    guild_id=2,
    thread_id=3,
    message_id=4,
    channel_id=5,
    options=("Oui", "Non"),
    language="fr",
    closes_at=NOW + timedelta(days=1),
    question="Q ?",
)


async def test_a_super_reaction_is_a_vote_caught_up_and_not_taken_back() -> None:
    """Alice's super 👍 was stored live; Bruno super-reacted 👎 while the bot was away.
    Discord lists only normal reactions unless asked for super ones: Alice's vote was
    taken back and Bruno's never stored."""
    app: Any = _App()
    thumbs = _Reaction("👍", normal=[CHLOE], burst=[ALICE])
    down = _Reaction("👎", normal=[BOT], burst=[BRUNO])
    stored = {ALICE: StoredVote(1, by_reaction=True), CHLOE: StoredVote(1, by_reaction=True)}
    message: Any = _Message([thumbs, down])
    await missed_votes(app, DISCUSSION, message, stored)
    assert [(type(e), e.voter_id, e.value) for e in app.buffer.events] == [(VoteSet, BRUNO, -1)]
    assert not [e for e in app.buffer.events if isinstance(e, VoteRemoved)]
    normal, burst = discord.ReactionType.normal, discord.ReactionType.burst
    assert (thumbs.asked, down.asked) == ([normal, burst], [burst])  # not the bot's own


class _Client:
    """What ``_still_reacting`` asks of discord.py: the thread, and the message in cache."""

    def __init__(self, message: _Message) -> None:
        self.cached_messages = [message]

    def get_channel(self, channel_id: int) -> Any:
        thread = discord.Thread.__new__(discord.Thread)
        thread.id = channel_id
        return thread

    def get_partial_messageable(self, channel_id: int) -> Any:
        return self

    def get_partial_message(self, message_id: int) -> Any:
        return None


async def test_a_super_reaction_still_there_is_her_vote_when_another_is_taken_back() -> None:
    """Alice's super 👍 stays when she takes her normal 👎 back: her vote is 👍 (the
    members of super reactions are listed apart: asked with their kind); a normal 👎 that
    stays when her super 👎 goes keeps 👎."""
    from bot.services.collection import _still_reacting

    message = _Message([_Reaction("👍", normal=[], burst=[ALICE]), _Reaction("👎", [BRUNO])])
    payload = discord.RawReactionActionEvent(
        {
            "user_id": str(ALICE),
            "channel_id": "7",
            "message_id": str(message.id),
            "emoji": {"name": "👎", "id": None},
            "burst": False,
            "type": 0,
        },
        discord.PartialEmoji(name="👎"),
        "REACTION_REMOVE",
    )
    assert await _still_reacting(_Client(message), payload) == 1  # type: ignore[arg-type]
    message = _Message([_Reaction("👎", normal=[ALICE], burst=[])])
    payload.burst = True
    assert await _still_reacting(_Client(message), payload) == -1  # type: ignore[arg-type]


def test_counts_agree_per_vote_with_super_reactions_and_without_the_bots_own() -> None:
    """A reconnect asks who reacted only where the counts differ (SimCord has no super
    reactions, and this bot none of its own): a super 👍 counts as a 👍, the bot's own
    reactions as nobody's, a card vote as no reaction; one member's normal and super 👍
    are two reactions for one vote, so who reacted is asked."""
    from bot.services.catch_up_votes import counts_agree

    stored = {
        ALICE: StoredVote(1, by_reaction=True),
        BRUNO: StoredVote(-1, by_reaction=True),
        CHLOE: StoredVote(-1, by_reaction=False),
    }
    reactions: Any = [_Reaction("👍", normal=[BOT], burst=[ALICE]), _Reaction("👎", [BRUNO])]
    assert counts_agree(reactions, stored)
    reactions = [_Reaction("👍", normal=[ALICE], burst=[ALICE, BOT]), _Reaction("👎", [BRUNO])]
    assert not counts_agree(reactions, stored)
    reactions = [_Reaction("👍", normal=[], burst=[ALICE]), _Reaction("👎🏽", [BRUNO, CHLOE])]
    assert not counts_agree(reactions, stored)
    assert not counts_agree([_Reaction("👍", normal=[ALICE])], stored)
