"""A bot process stopped by a signal in a flood: ``python -m tests.e2e.stop_child URL SIGNAL``.

The real bot on SimCord, with the runner's signal handling (:func:`bot.runner.stop_on_signals`).
A discussion is posted, then a flood of replies reaches the bot through the gateway
(SimCord's backend broadcasts them faster than actors could). Once the write-behind
buffer has written a first batch and still holds events, the process signals itself
(the OS's own delivery, as ``docker stop`` or Ctrl-C). It prints each message id the
bot's gateway handler was handed (``accepted <id>``), then ``queued <n>`` (the events
waiting in the buffer at the signal), and exits 0 once stopped.
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

from bot.runner import stop_on_signals
from tests.harness import world

FLOOD = 3_000


async def main(url: str, signum: int) -> int:
    async with world(url, members=4) as w:
        thread, _ = await w.post()
        await w.settle()
        accepted: list[int] = []
        handler = w.bot.message_handler
        assert handler is not None

        def recording(message: Any) -> None:
            handler(message)
            accepted.append(message.id)

        w.bot.message_handler = recording
        stopping = stop_on_signals(w.bot)
        backend, authors = w.env.backend, [m.id for m in w.members]
        for n in range(FLOOD):
            backend.create_message(thread.id, authors[n % 4], f"réponse {n}")
        buffer = w.bot.app.buffer
        while buffer.batches == 0 or not buffer.backlog:  # noqa: ASYNC110
            await asyncio.sleep(0)
        queued = buffer.backlog
        os.kill(os.getpid(), signum)
        while not stopping.is_set():  # noqa: ASYNC110 (the loop runs the handler)
            await asyncio.sleep(0)
        await stopping.closed()
        for message_id in accepted:
            print(f"accepted {message_id}")
        print(f"queued {queued}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], int(sys.argv[2]))))
