"""Pausing the cycle collector while the analysis builds many acyclic objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector (as it was, after) while many acyclic objects are built.

    Reading or analysing 100k replies makes millions of dicts, tuples and records
    without a cycle: the collector would walk them again and again for nothing
    (a tenth of the run). Reference counting still frees them as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
