"""The background task that gives every stored reply its sentence vector.

The bot factory makes it and has the write-behind buffer poke it after each
batch it writes; it then encodes
what lacks a vector, a batch at a time, until nothing does, and stops. An
edited reply lost its vector with its old text (see
:mod:`db.repositories.events`) and is encoded again here.
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
        """Wait until every stored reply has its vector (tests; a closing summary)."""
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
