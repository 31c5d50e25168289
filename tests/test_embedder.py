"""The background embedder waits for the write-behind's backlog to be written."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

import pytest

import bot.services.embeddings
from bot.services.embedder import Embedder
from bot.write_behind import WriteBehind
from db.repositories.events import Event, VoteRemoved


class HeldWriter:
    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.written = 0

    async def __call__(self, batch: Sequence[Event]) -> None:
        await self.gate.wait()
        self.written += len(batch)


async def test_no_pass_while_replies_wait_to_be_written(monkeypatch: pytest.MonkeyPatch) -> None:
    passes: list[int] = []
    writer = HeldWriter()
    buffer = WriteBehind(writer, max_batch=10)
    buffer.start()

    async def embed_pending(app: Any, encoder: Any) -> int:
        passes.append(app.buffer.backlog)
        return 0

    monkeypatch.setattr(bot.services.embeddings, "embed_pending", embed_pending)
    app: Any = SimpleNamespace(buffer=buffer)  # all the embedder reads of the app here
    embedder = Embedder(app, encoder=lambda: SimpleNamespace())
    buffer.after_write = embedder.poke
    for i in range(25):
        buffer.offer(VoteRemoved(reply_id=i, voter_id=1, value=1))
    embedder.poke()  # as an edit stored elsewhere would
    for _ in range(5):
        await asyncio.sleep(0)
    assert passes == []  # 25 events wait: storing them comes first
    writer.gate.set()
    await buffer.drain()
    for _ in range(5):
        await asyncio.sleep(0)
    assert writer.written == 25
    assert passes == [0]  # poked by the writer once the backlog was written
    await embedder.drain()
    assert passes == [0, 0]
    await embedder.close()
