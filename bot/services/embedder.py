"""The background task that gives every stored reply its sentence vector.

The bot factory makes it and has the write-behind buffer poke it when the
writer has written what was queued; it then encodes what lacks a vector, a
batch at a time, until nothing does, and stops. An edited reply lost its
vector with its old text (see :mod:`db.repositories.events`) and is encoded
again here.

Storing comes first: a pass starts only while nothing waits to be written.
Encoding costs about 1.5 ms of CPU a reply (and a second to load the weights
on the first pass), some forty times what receiving and storing one costs;
run beside a flood it took that CPU (and the GIL) from the gateway and the
writer (bench/ingest_throughput.py, 5 Dec 2026). During
a flood the embedder stops between passes, and the writer pokes it again
once the flood is written.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.analysis.embeddings import Encoder
    from bot.app import App

log = logging.getLogger(__name__)


def _default() -> Encoder:
    from bot.analysis.embeddings import default_encoder  # numpy: not at start-up

    return default_encoder()


class Embedder:
    def __init__(self, app: App, encoder: Callable[[], Encoder] = _default) -> None:
        self._app = app
        self._encoder = encoder
        self._task: asyncio.Task[None] | None = None
        self._again = False
        self._closed = False
        self.encoded = 0
        self.failures = 0

    def poke(self) -> None:
        """New or edited replies were stored: encode them soon (a no-op once closed)."""
        if self._closed:
            return
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="etvous-embedder")
        else:
            self._again = True

    async def _run(self) -> None:
        from bot.services.embeddings import embed_pending

        while not self._closed:
            if self._app.buffer.backlog:
                return  # the writer pokes again when it has written the backlog
            self._again = False
            try:
                done = await embed_pending(self._app, self._encoder())
            except Exception:
                self.failures += 1
                log.exception("encoding replies failed; trying again at the next poke")
                return
            self.encoded += done
            if not done and not self._again:
                return

    async def drain(self) -> None:
        """Wait until every reply queued so far is stored and has its vector (tests)."""
        await self._app.buffer.drain()
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)
        if not self._closed:
            self.poke()
            if self._task is not None:
                await asyncio.shield(self._task)

    async def close(self) -> None:
        self._closed = True
        if self._task is not None and not self._task.done():
            await asyncio.wait([self._task])
