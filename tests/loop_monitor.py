"""How long the event loop was held, counted by what runs on it.

Every ready callback (a task's step, a timer, a future's done callback) runs
through ``asyncio.Handle._run``. The monitor wraps it and keeps the longest
run in the loop thread's CPU time (``time.thread_time``): time the operating
system gave other processes of a loaded machine does not count, nor does
work a worker thread does, so the figure is what the loop itself spent on
one callback, whatever else the machine is doing.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class LoopUse:
    longest: float = 0.0
    """Seconds of CPU the longest callback held the loop."""
    culprit: str = ""
    callbacks: int = 0


@contextmanager
def loop_use() -> Iterator[LoopUse]:
    original = asyncio.Handle._run
    use = LoopUse()

    def _run(handle: asyncio.Handle) -> None:
        started = time.thread_time()
        try:
            original(handle)
        finally:
            spent = time.thread_time() - started
            use.callbacks += 1
            if spent > use.longest:
                use.longest, use.culprit = spent, repr(handle)[:300]

    asyncio.Handle._run = _run  # type: ignore[method-assign]
    try:
        yield use
    finally:
        asyncio.Handle._run = original  # type: ignore[method-assign]
