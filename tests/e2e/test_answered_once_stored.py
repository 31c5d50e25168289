"""What a member is told is recorded is in the database when she reads it.

Discord keeps no trace of a click or of a form's submission: a stance, or a reply
posted by the bot in her name, that the bot answered from memory and had not
written yet was lost for good if the process was killed then (SIGKILL, out of
memory, a power cut), where messages and reactions are read back at the next
start. Here the database file is read, outside the bot, at the very moment
Discord receives each answer: what a process killed then would have left.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from simcord.http import router

from bot import custom_ids
from tests.harness import world

ANSWERS = [
    ("POST", ["interactions", "{interaction_id}", "{token}", "callback"]),
    ("POST", ["webhooks", "{webhook_id}", "{token}"]),
    ("PATCH", ["webhooks", "{webhook_id}", "{token}", "messages", "@original"]),
]


def _on_disk(url: str, query: str) -> Callable[[], int]:
    path = url.split("///", 1)[1]

    def count() -> int:
        with sqlite3.connect(path) as connection:
            return int(connection.execute(query).fetchone()[0])

    return count


@contextmanager
def _read_when_answered(count: Callable[[], int]) -> Iterator[list[int]]:
    """``count()`` at each answer to an interaction, as Discord receives it."""
    seen: list[int] = []
    saved = []
    for method, parts in ANSWERS:
        handlers = router._ROUTES[method]
        index = next(i for i, (p, _) in enumerate(handlers) if p == parts)
        original = handlers[index][1]

        def answer(ctx: Any, original: Any = original) -> Any:
            seen.append(count())
            return original(ctx)

        handlers[index] = (parts, answer)
        saved.append((handlers, index, original))
    try:
        yield seen
    finally:
        for handlers, index, original in saved:
            handlers[index] = (handlers[index][0], original)


async def test_a_stance_is_written_before_she_is_told_it_is_recorded(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        _, discussion = await w.post()
        alice = w.members[0]
        post = w.post_message(discussion)
        await w.settle()
        changes = _on_disk(sqlite_url, "SELECT count(*) FROM stance_changes")
        with _read_when_answered(changes) as seen:
            chosen = await alice.click(post, custom_id=custom_ids.stance(discussion.id, 1))
        assert chosen.ephemeral and seen == [1]
        with _read_when_answered(changes) as seen:
            await alice.click(chosen.response.message, custom_id=custom_ids.withdraw(discussion.id))
        assert seen == [2]
        assert not w.env.errors


async def test_a_form_reply_is_written_before_she_is_thanked(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        _, discussion = await w.post()
        alice = w.members[0]
        post = w.post_message(discussion)
        shown = await alice.click(post, custom_id=custom_ids.reply(discussion.id))
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        replies = _on_disk(sqlite_url, "SELECT count(*) FROM replies")
        with _read_when_answered(replies) as seen:
            done = await alice.submit_modal(shown, {field: "Un outil, pas un remplaçant."})
        assert done.ephemeral
        assert seen == [0, 1]  # « thinking » before the post; thanked once stored
        assert not w.env.errors
