"""Caches bounded in what they hold, not only in how many entries: the web room's and the
member counts' entries of servers not asked lately, the analysis' word caches."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from bot import member_counts
from bot.analysis import keywords
from bot.analysis.themes import _words
from bot.services import review


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _Sessions:
    def __call__(self) -> _Sessions:
        return self

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc: object) -> None:
        return None


async def test_the_web_room_forgets_servers_not_visited_lately() -> None:
    clock = _Clock()
    room = review.ReviewRoom(SimpleNamespace(sessions=_Sessions()), clock=clock)  # type: ignore[arg-type]

    async def read(_session: Any) -> int:
        return 3

    for guild_id in range(100):  # a server a day, each visited once
        await room._kept(room._known, guild_id, read)
        clock.now += 86_400.0
    assert room.cached() <= 2


async def test_member_counts_forget_servers_not_asked_lately() -> None:
    clock = _Clock()

    async def fetch_guild(guild_id: int, *, with_counts: bool) -> Any:
        return SimpleNamespace(approximate_member_count=10, member_count=None)

    client = SimpleNamespace(fetch_guild=fetch_guild, get_guild=lambda _g: None)
    counts = member_counts.MemberCounts(client, clock=clock)  # type: ignore[arg-type]
    for guild_id in range(100):  # servers the bot left while away: no removal event
        assert await counts.get(guild_id) == 10
        clock.now += 86_400.0
    assert len(counts) <= 2


def test_long_words_are_not_kept_by_the_analysis_word_caches() -> None:
    long_words = [f"{chr(97 + n % 26)}{'a' * 3_000}{n}" for n in range(20)]
    keywords._content(long_words)
    assert not any(w in keywords._FOLDED for w in long_words)
    text = " ".join(f"Mot{'o' * 3_000}x{n}" for n in range(20))
    _words.reply_words(text)
    assert not any(len(w) > 100 for w in _words._WORDS)
