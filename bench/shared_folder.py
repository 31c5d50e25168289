"""Where the shared evaluation data lives, for the benchmarks and the tests that read it."""

from __future__ import annotations

import os
from pathlib import Path


def shared_dir() -> Path:
    """The shared evaluation folder: ``ETVOUS_SHARED``, else ``../shared`` beside the checkout."""
    env = os.environ.get("ETVOUS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared"
