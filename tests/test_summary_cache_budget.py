"""The web room's summary cache counts what it keeps by size: many small summaries (a
visitor going round a server's public reports) stay, a few large ones fill it."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest

from bot.services import summary_cache
from bot.services.summary_cache import SummaryCache


class _Cache(SummaryCache):
    def __init__(self, replies_of: dict[int, int], **kwargs: Any) -> None:
        super().__init__(app=None, **kwargs)  # type: ignore[arg-type]
        self.replies_of = replies_of

    async def _fingerprint(self, guild_id: int, discussion_id: int) -> Any:
        return SimpleNamespace(id=discussion_id), "unchanged"

    async def _build(self, discussion: Any) -> Any:
        self.builds += 1
        stances = [object()] * self.replies_of[discussion.id]
        return SimpleNamespace(analysis=SimpleNamespace(reply_stances=stances))


@pytest.fixture(autouse=True)
def _counts_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    async def shown(app: Any, discussion: Any) -> None:
        return None

    monkeypatch.setattr(summary_cache.posts, "refuse_hidden_counts", shown)


async def test_a_round_of_small_public_reports_is_built_once() -> None:
    cache = _Cache({d: 5 for d in range(12)})
    for _ in range(3):
        for d in range(12):
            await cache.get(1, d)
    assert cache.builds == 12  # 8 kept by number before: every visit of the round rebuilt


async def test_large_summaries_fill_it_by_their_replies() -> None:
    cache = _Cache({1: 8_000, 2: 8_000, 3: 8_000, 4: 30_000})
    for d in (1, 2, 3):
        await cache.get(1, d)
    await cache.get(1, 1)  # 24,000 reply stances were over the budget: the oldest went
    assert cache.builds == 4
    await cache.get(1, 4)
    await cache.get(1, 4)  # larger than the budget alone: still kept, alone
    assert cache.builds == 5


async def test_the_number_kept_is_bounded_too() -> None:
    cache = _Cache({d: 1 for d in range(40)}, size=32)
    for d in range(40):
        await cache.get(1, d)
    await cache.get(1, 39)
    await cache.get(1, 0)
    assert cache.builds == 41


async def test_a_forgotten_server_s_summaries_go_even_one_being_built() -> None:
    """``forget_server``: the server's summaries leave at once, another server's stay; one
    it was building when forgotten is given to its visitor, not kept."""

    class _Slow(_Cache):
        def __init__(self) -> None:
            super().__init__({1: 1, 2: 1, 3: 1})
            self.started, self.release = asyncio.Event(), asyncio.Event()

        async def _build(self, discussion: Any) -> Any:
            if discussion.id == 3:
                self.started.set()
                await self.release.wait()
            return await super()._build(discussion)

    cache = _Slow()
    await cache.get(10, 1)
    await cache.get(20, 2)
    building = asyncio.create_task(cache.get(10, 3))
    await cache.started.wait()
    cache.forget_server(10)
    cache.release.set()
    assert (await building).analysis is not None
    assert cache.kept() == [2]
