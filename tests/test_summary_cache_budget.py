"""The web room's summary cache counts what it keeps by size: many small summaries (a
visitor going round a server's public reports) stay, a few large ones fill it."""

from __future__ import annotations

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
