"""Vectors of reply texts for ``python -m bot analyze``: a cache on disk, the rest encoded.

The cache is one SQLite file per encoder, keyed by the SHA-256 of the text
(:func:`bot.analysis.embeddings.text_key`), in ``$XDG_CACHE_HOME/etvous``
(``~/.cache/etvous``) unless told otherwise: a second analysis of the same
export encodes nothing. Texts are encoded in batches; ``progress`` hears how
many are done after each.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager, closing, nullcontext
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.analysis.embeddings import Encoder, from_bytes, text_key, to_bytes

BATCH = 256
"""Texts encoded at once (the encoder streams its weights once per batch)."""

Progress = Callable[[int, int], None]
"""Called with (texts done, texts to encode)."""


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "etvous"


class VectorCache:
    """Vectors by text key, in one SQLite file per encoder."""

    def __init__(self, folder: Path, encoder_name: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in encoder_name)
        self._db = sqlite3.connect(folder / f"vectors-{safe}.sqlite3")
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, v BLOB)")

    def get(self, keys: Iterable[str]) -> dict[str, npt.NDArray[np.float32]]:
        found: dict[str, npt.NDArray[np.float32]] = {}
        wanted = list(keys)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, v FROM vectors WHERE key IN ({marks})", chunk)
            found.update((key, from_bytes(blob)) for key, blob in rows)
        return found

    def put(self, vectors: Mapping[str, npt.NDArray[np.float32]]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (key, v) VALUES (?, ?)",
                ((key, to_bytes(v)) for key, v in vectors.items()),
            )

    def close(self) -> None:
        self._db.close()


def vectors_for(
    texts: Mapping[str, str],
    encoder: Encoder,
    *,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> dict[str, npt.NDArray[np.float32]]:
    """The vector of every text, by the same ids: from the cache, else encoded (and cached)."""
    keys = {reply_id: text_key(encoder.name, text) for reply_id, text in texts.items()}
    cache = VectorCache(cache_dir, encoder.name) if cache_dir is not None else None
    guard: AbstractContextManager[object] = closing(cache) if cache is not None else nullcontext()
    with guard:
        known = cache.get(set(keys.values())) if cache is not None else {}
        todo = {key: texts[rid] for rid, key in keys.items() if key not in known}
        pending = list(todo.items())
        for start in range(0, len(pending), BATCH):
            batch = pending[start : start + BATCH]
            encoded = encoder.encode([text for _, text in batch])
            fresh = {key: encoded[i] for i, (key, _) in enumerate(batch)}
            known.update(fresh)
            if cache is not None:
                cache.put(fresh)
            if progress is not None:
                progress(start + len(batch), len(pending))
    return {rid: known[key] for rid, key in keys.items()}
