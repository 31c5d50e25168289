"""``/answers delete`` when Discord cannot be reached to remove the erased reply's
traces (a time-out, a dropped connection): the text is erased and noted for the
scheduler, so the moderator is told it is erased, and that Discord's copy goes
shortly. She was told « Something went wrong » after the confirmation, and could
only think the erasure had failed."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
import pytest

from db.models import ErasedDiscordText, Reply
from tests.e2e.test_erasure import send_form
from tests.harness import world


@pytest.mark.parametrize(
    "failure",
    [TimeoutError(), aiohttp.ClientConnectionError("connection reset")],
    ids=["timeout", "connection"],
)
async def test_erasing_while_discord_is_unreachable_says_it_is_erased(
    sqlite_url: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    failure: Exception,
) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        post = await send_form(w, w.members[0], discussion, "Par le formulaire, à effacer.")

        async def unreachable(*args: Any, **kwargs: Any) -> None:
            raise failure

        monkeypatch.setattr(w.bot.http, "delete_message", unreachable)
        with caplog.at_level(logging.WARNING):
            result = await w.mod.slash(w.text, "answers delete", message_id=str(post))
        await w.settle()

        said = [result.response.content, *(f.content for f in result.followups)]
        assert said[0] == f"The text of reply {post} is erased (recorded in the audit log)."
        assert said[1:] == [
            "Discord could not be reached just now: its copy of this reply will be "
            "removed within a few minutes."
        ]
        assert result.ephemeral
        shown = w.env.backend.messages[w.text.id]
        assert all(shown[f.id].is_ephemeral for f in result.followups)
        assert not any("Something went wrong" in text for text in said)
        (erased,) = await w.rows(Reply, Reply.id == post)
        assert erased.deleted and erased.text == ""
        assert [e.message_id for e in await w.rows(ErasedDiscordText)] == [post]
        (warned,) = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert warned.exc_info is not None and warned.exc_info[1] is failure
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]

        monkeypatch.undo()
        await w.bot.scheduler.tick()
        await w.settle()
        assert post not in w.env.backend.messages[thread.id]
        assert await w.rows(ErasedDiscordText) == []
