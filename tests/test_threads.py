"""A closed discussion's thread is opened for a change and archived again after."""

from __future__ import annotations

import logging
from typing import Any

import discord
import pytest

from bot.services.threads import unarchived


class _Thread:
    def __init__(self, archived: bool, refuse_archiving: bool = False) -> None:
        self.id, self.archived, self.refuse_archiving = 7, archived, refuse_archiving
        self.edits: list[bool] = []

    async def edit(self, *, archived: bool) -> None:
        if archived and self.refuse_archiving:
            raise discord.HTTPException(_Response(403), "refused")
        self.edits.append(archived)
        self.archived = archived


class _Response:
    def __init__(self, status: int) -> None:
        self.status, self.reason = status, "Forbidden"


async def test_an_archived_thread_is_open_during_the_change_and_archived_after() -> None:
    thread: Any = _Thread(archived=True)
    async with unarchived(thread):
        assert not thread.archived
    assert thread.edits == [False, True]


async def test_an_open_thread_or_none_is_left_alone() -> None:
    thread: Any = _Thread(archived=False)
    async with unarchived(thread):
        pass
    async with unarchived(None):
        pass
    assert thread.edits == []


async def test_the_thread_is_archived_again_when_the_change_fails() -> None:
    thread: Any = _Thread(archived=True)
    with pytest.raises(RuntimeError):
        async with unarchived(thread):
            raise RuntimeError("the edit failed")
    assert thread.edits == [False, True]


async def test_a_refused_archiving_is_logged_and_the_change_stands(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot.services.threads")
    thread: Any = _Thread(archived=True, refuse_archiving=True)
    done = False
    async with unarchived(thread):
        done = True
    assert done and thread.edits == [False]
    assert "could not archive thread 7 again" in caplog.text
