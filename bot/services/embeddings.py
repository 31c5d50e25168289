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


async def vectors_of(
    app: App, discussion: model.Discussion, encoder: Encoder
) -> dict[str, npt.NDArray[np.float32]]:
    """Every reply's vector: stored ones, the others encoded now (and stored)."""
    ids = [int(r.id) for r in discussion.replies]
    async with app.sessions() as session:
        stored = await embedding_repo.vectors_of(session, ids, encoder.name)
    vectors: dict[str, Any] = {str(rid): from_bytes(blob) for rid, blob in stored.items()}
    todo = [(int(r.id), r.text) for r in discussion.replies if r.id not in vectors and r.text]
    for start in range(0, len(todo), BATCH * 4):
        batch = todo[start : start + BATCH * 4]
        matrix = await asyncio.to_thread(encoder.encode, [text for _, text in batch])
        vectors.update((str(rid), matrix[i]) for i, (rid, _) in enumerate(batch))
        rows = [(rid, text, to_bytes(matrix[i])) for i, (rid, text) in enumerate(batch)]
        async with app.sessions.begin() as session:
            await embedding_repo.store(session, encoder.name, rows)
    return vectors
