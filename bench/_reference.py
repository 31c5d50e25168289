"""A fixed CPU-bound workload timed beside a benchmark.

This machine's speed varies by a factor of three from one day to the next;
figures from different days compare as their ratio to this workload.
"""

from __future__ import annotations

import time

import numpy as np


def reference_seconds() -> float:
    """Sorting 4M floats, best of 3."""
    data = np.random.default_rng(0).random(4_000_000)
    best = np.inf
    for _ in range(3):
        start = time.perf_counter()
        np.sort(data)
        best = min(best, time.perf_counter() - start)
    return float(best)
