"""The application's resources, built by the bot factory and handed around."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.state import OpenDiscussions, OptOuts
from bot.write_behind import WriteBehind, session_dead_letters, session_writer
from db.engine import SessionFactory, open_engine, session_factory


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    sessions: SessionFactory
    buffer: WriteBehind
    clock: Clock = field(default_factory=SystemClock)
    open: OpenDiscussions = field(default_factory=OpenDiscussions)
    optouts: OptOuts = field(default_factory=OptOuts)
    instance: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")

    @classmethod
    def build(cls, settings: Settings, *, clock: Clock | None = None) -> App:
        engine = open_engine(settings.database_url, lock_wait=settings.lock_wait_seconds)
        sessions = session_factory(engine)
        clock = clock or SystemClock()
        return cls(
            settings=settings,
            engine=engine,
            sessions=sessions,
            buffer=WriteBehind(
                session_writer(sessions), dead_letters=session_dead_letters(sessions, clock)
            ),
            clock=clock,
        )

    guild_languages: dict[int, str] = field(default_factory=dict)
    """Each server's language, filled at start and by ``/setup``."""
    guild_problems: dict[int, str] = field(default_factory=dict)
    """Servers whose schedule Discord stopped (reason code), to tell their staff; only
    those the bot is in (a server that removed it sends no command to answer)."""
    bank_locks: dict[int, asyncio.Lock] = field(default_factory=dict)
    """One per server: a bank's check for duplicates and the write it allows are one step
    in this process (its writers queue here, not on the database); across processes,
    ``guilds.lock_bank`` does it, first in the write's transaction."""
    unread: dict[int, int] = field(default_factory=dict)
    """Open discussions whose history could not be read at catch-up (Discord's bad
    moment, or the database away), with the attempts failed so far: read again at each
    tick, not closed before."""
    unchecked: dict[int, int] = field(default_factory=dict)
    """Recently closed discussions whose check for replies deleted while the bot was away
    Discord failed (a passing error), with the attempts so far: checked again at each tick."""
    erasures_owed: set[int] = field(default_factory=set)
    """Servers whose staff asked for their data to be erased, which the bot left, but whose
    erasure the database failed: tried again at each tick (``lifecycle.erase_owed``)."""
    erasing: set[int] = field(default_factory=set)
    """Servers whose erasure their staff confirmed in this process (``/erase-and-leave``):
    a second confirmation (two admins at once, a form opened before) is told it is done
    or under way, and erases nothing. Dropped when the bot could not leave, or is invited
    back (a new server)."""
    summaries_held: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """Discussions whose closing summary waits for permissions the bot lacks in its thread,
    and which (``summary._hold``): ``/discussion close`` says so in its answer."""
    summaries_told: set[int] = field(default_factory=set)
    """Those of :attr:`summaries_held` whose staff this process told: not told again at
    each tick."""
    quotes_told: set[int] = field(default_factory=set)
    """Threads whose summaries still quote erased replies because the bot lacks a
    permission there, whose staff this process told so (``mydata._quotes_held``)."""
    locks_owed: dict[int, int] = field(default_factory=dict)
    """Closed discussions whose thread Discord failed to lock, with the ticks tried since:
    locked at the next ticks (``discussions.lock_again``)."""
    redraws_owed: set[int] = field(default_factory=set)
    """Discussions whose question post Discord gave no answer for when it was redrawn after
    a close, a reopening or an extension (its buttons or closing time as before): redrawn
    at the next ticks (``discussions.redraw_again``)."""
    on_server_forgotten: list[Callable[[int], None]] = field(default_factory=list)
    """What else this process keeps of a server's data (the web room's summaries), dropped
    when the server is forgotten (:meth:`server_forgotten`)."""
    on_schedule_change: Callable[[], Awaitable[None]] | None = None
    """The scheduler's rebuild, set by the scheduler (none in the CLI, which has no timers)."""
    guild_names: Callable[[int], str | None] | None = None
    """Each server's name as the bot's Discord cache knows it, installed by the bot factory
    (none when the web room runs alone, ``python -m bot web``): :meth:`server_name`."""

    def guild_language(self, guild_id: int | None) -> str:
        if guild_id is None:
            return self.settings.default_language
        return self.guild_languages.get(guild_id, self.settings.default_language)

    def server_name(self, guild_id: int) -> str | None:
        """The server's name as Discord has it (member-controlled text, raw), ``None`` when
        unknown: no Discord here, or a server the bot is not in."""
        return self.guild_names(guild_id) if self.guild_names is not None else None

    def bank_lock(self, guild_id: int) -> asyncio.Lock:
        """Held while a server's bank (or its pending suggestions) is checked and written."""
        return self.bank_locks.setdefault(guild_id, asyncio.Lock())

    def forget_guild(self, guild_id: int) -> None:
        """The bot was removed from the server: what this process kept of it goes (its
        row stays in the database; ``lifecycle.guild_joined`` reads it again)."""
        self.guild_languages.pop(guild_id, None)
        self.guild_problems.pop(guild_id, None)
        lock = self.bank_locks.get(guild_id)
        if lock is not None and not lock.locked():
            del self.bank_locks[guild_id]
        self.unread = {d: n for d, n in self.unread.items() if self.open.get(d) is not None}

    def server_forgotten(self, guild_id: int) -> None:
        """The server's rows were deleted (``retention.forget_removed_servers``,
        ``lifecycle.erase_now``): nothing this process kept of it stays in memory either (its
        open discussions, one posted as it was erased included, its members' opt-outs)."""
        for discussion in self.open.in_guild(guild_id):
            self.open.remove(discussion.id)
        self.forget_guild(guild_id)
        self.optouts.forget_guild(guild_id)
        for forget in list(self.on_server_forgotten):
            forget(guild_id)

    async def schedule_changed(self) -> None:
        """Posting or closing times changed: the scheduler sets its timers again."""
        if self.on_schedule_change is not None:
            await self.on_schedule_change()

    async def close(self) -> None:
        await self.buffer.close(limit=self.settings.stop_flush_seconds)
        await self.engine.dispose()
