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


def _describe(handle: asyncio.Handle) -> str:
    """The coroutine a callback stepped, when it stepped a task (SimCord wraps callbacks)."""
    seen: list[object] = [getattr(handle, "_callback", None)]
    for _ in range(4):
        found = next(
            (o for o in seen if isinstance(getattr(o, "__self__", None), asyncio.Task)), None
        )
        if found is not None:
            coro = found.__self__.get_coro()  # type: ignore[attr-defined]
            frame = getattr(coro, "cr_frame", None)
            where = f" at {frame.f_code.co_filename}:{frame.f_lineno}" if frame else ""
            return f"task {getattr(coro, '__qualname__', coro)}{where}"
        seen = [
            cell.cell_contents
            for o in seen
            for cell in (getattr(o, "__closure__", None) or ())
            if hasattr(cell, "cell_contents")
        ]
    return repr(handle)[:300]


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
                use.longest, use.culprit = spent, _describe(handle)

    asyncio.Handle._run = _run  # type: ignore[method-assign]
    try:
        yield use
    finally:
        asyncio.Handle._run = original  # type: ignore[method-assign]
