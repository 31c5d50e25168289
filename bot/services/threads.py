"""Changes to what a closed discussion left in its thread: Discord refuses any while
the thread is archived, so it is opened for them and archived again after."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import discord

log = logging.getLogger(__name__)


@asynccontextmanager
async def unarchived(thread: discord.Thread | None) -> AsyncIterator[None]:
    """``thread`` open for the block when it is archived, archived again after (a lock it
    had stays); nothing is done for an open thread or ``None``. A thread Discord will not
    archive again is logged: what the block did stands."""
    archived = thread if thread is not None and thread.archived else None
    if archived is not None:
        await archived.edit(archived=False)
    try:
        yield
    finally:
        if archived is not None:
            try:
                await archived.edit(archived=True)
            except discord.HTTPException as error:
                log.info("could not archive thread %s again: HTTP %s", archived.id, error.status)
