"""Replies' sentence vectors: computed from stored texts, kept beside them, read for themes.

Encoding runs in a worker thread (never on the event loop), in batches; the
encoder loads once, on its first batch (:mod:`bot.analysis.embeddings`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.analysis import model
from bot.analysis.embeddings import Encoder, from_bytes, to_bytes
from bot.app import App
from db.repositories import embeddings as embedding_repo

BATCH = 64
"""Replies encoded per pass (about 0.2-0.6 s of one CPU)."""
AT_SUMMARY = 64
"""A summary encodes the replies still missing a vector only up to this many; more are
left to the background embedder (encoding competes with the event loop for the GIL)."""


async def _encode_and_store(app: App, encoder: Encoder, pending: Sequence[tuple[int, str]]) -> int:
    matrix = await asyncio.to_thread(encoder.encode, [text for _, text in pending])
    rows = [(rid, text, to_bytes(matrix[i])) for i, (rid, text) in enumerate(pending)]
    async with app.sessions.begin() as session:
        return await embedding_repo.store(session, encoder.name, rows)


async def embed_pending(app: App, encoder: Encoder, limit: int = BATCH) -> int:
    """Encode up to ``limit`` stored replies that have no vector yet; how many there were."""
    async with app.sessions() as session:
        pending = await embedding_repo.missing(session, encoder.name, limit)
    if pending:
        await _encode_and_store(app, encoder, pending)
    return len(pending)


def _decode_and_fill(
    stored: dict[int, bytes], discussion: model.Discussion, encoder: Encoder
) -> dict[str, npt.NDArray[np.float32]]:
    """Stored vectors decoded, the missing ones encoded (in a worker thread: all CPU)."""
    vectors: dict[str, Any] = {str(rid): from_bytes(blob) for rid, blob in stored.items()}
    todo = [r for r in discussion.replies if r.id not in vectors and r.text]
    if 0 < len(todo) <= AT_SUMMARY:
        matrix = encoder.encode([r.text for r in todo])
        vectors.update((r.id, matrix[i]) for i, r in enumerate(todo))
    return vectors


async def vectors_of(
    app: App, discussion: model.Discussion, encoder: Encoder
) -> dict[str, npt.NDArray[np.float32]]:
    """The replies' vectors: the stored ones, and the others encoded now when they are at
    most :data:`AT_SUMMARY` (not stored: the background embedder stores those of open
    discussions). Only the reading is on the loop."""
    ids = [int(r.id) for r in discussion.replies]
    async with app.sessions() as session:
        stored = await embedding_repo.vectors_of(session, ids, encoder.name)
    return await asyncio.to_thread(_decode_and_fill, stored, discussion, encoder)
