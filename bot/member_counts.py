"""How many members a server has: the whole that ``/stats`` and the web room's « share of
members » divide by.

The gateway gives a server's member count when a session starts; without the
privileged members intent (the bot asks none) Discord sends no join or leave after it,
so a bot that ran for weeks divided by the members it had at its start. Discord's
approximate count (``GET /guilds/{id}?with_counts=true``) needs no intent: it is asked
at most once every ``FRESH_FOR`` seconds per server, and the gateway's count stands in
when Discord does not answer (or not within ``WAIT``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Collection

import discord

log = logging.getLogger(__name__)


FRESH_FOR = 300.0
"""Seconds a server's count from Discord is used before it is asked again."""


FAILED_FOR = 60.0
"""Seconds the gateway's count stands in after Discord refused or failed to answer."""


WAIT = 2.0
"""Seconds a caller waits for Discord's answer at most (discord.py retries a 5xx with
growing pauses); a late answer still serves the next caller."""


UNKNOWN_MEMBER = 10007
"""Discord's error code for a user who is not a member of the server (any more)."""


CHECKED_AT_MOST = 50
"""Members who opted out asked about at most, per server and ``FRESH_FOR``: Discord
answers one member a request, and a large server's opt-outs would hold that route for
minutes; those not asked count as present, as before any was asked."""


KEPT = 10_000
"""Servers whose count is kept at most (forgotten all at once past it)."""


def _monotonic() -> float:
    """``time.monotonic`` looked up at each call (a simulated clock may replace it)."""
    return time.monotonic()


class MemberCounts:
    """Each server's member count, asked of Discord by REST and kept a few minutes."""

    def __init__(self, client: discord.Client, *, clock: Callable[[], float] | None = None) -> None:
        self._client = client
        self._clock = clock or _monotonic
        self._known: dict[int, tuple[float, int | None]] = {}
        """Per server: when Discord was asked, and its count (``None``: no answer)."""
        self._asking: dict[int, asyncio.Task[int | None]] = {}
        self._swept = self._clock()
        self._present: dict[int, tuple[float, frozenset[int], frozenset[int]]] = {}
        """Per server: when Discord was asked, whom about, and who of them is a member."""
        self._checking: dict[int, tuple[frozenset[int], asyncio.Task[frozenset[int]]]] = {}

    async def get(self, guild_id: int) -> int | None:
        """The server's member count: Discord's, at most ``FRESH_FOR`` seconds old, else
        the gateway's (``None`` when the bot does not know the server)."""
        known = self._known.get(guild_id)
        if known is not None:
            asked, counted = known
            if self._clock() - asked < (FAILED_FOR if counted is None else FRESH_FOR):
                return counted if counted is not None else self._gateway(guild_id)
        task = self._asking.get(guild_id)
        if task is None:
            task = asyncio.create_task(self._ask(guild_id), name=f"member count {guild_id}")
            self._asking[guild_id] = task
            task.add_done_callback(lambda _: self._asking.pop(guild_id, None))
        try:
            counted = await asyncio.wait_for(asyncio.shield(task), WAIT)
        except TimeoutError:
            log.info("member count of server %s: Discord is slow, the gateway's is used", guild_id)
            counted = None
        return counted if counted is not None else self._gateway(guild_id)

    async def besides(self, guild_id: int, user_ids: Collection[int]) -> int | None:
        """The server's member count (:meth:`get`) without those of ``user_ids`` who are
        still its members: the members who opted out, left out of the whole as they are of
        those who took part; one who then left the server is in Discord's count no more,
        and is not taken off it again."""
        if not user_ids:
            return await self.get(guild_id)
        counted, present = await asyncio.gather(
            self.get(guild_id), self.present(guild_id, user_ids)
        )
        return counted - len(present) if counted is not None else None

    async def present(self, guild_id: int, user_ids: Collection[int]) -> frozenset[int]:
        """Those of ``user_ids`` still members of the server, asked of Discord one by one
        (``GET /guilds/{id}/members/{user}``, which needs no members intent: only « Unknown
        Member » means gone), kept ``FRESH_FOR`` seconds; while Discord has not answered
        within ``WAIT``, all of them, as before it was asked (a late answer serves the
        next caller)."""
        wanted = frozenset(user_ids)
        kept = self._present.get(guild_id)
        if kept is not None and kept[1] == wanted and self._clock() - kept[0] < FRESH_FOR:
            return kept[2]
        running = self._checking.get(guild_id)
        if running is not None and running[0] == wanted:
            task = running[1]
        else:  # none under way, or about others (who opted out changed meanwhile)
            task = asyncio.create_task(
                self._check(guild_id, wanted), name=f"members present {guild_id}"
            )
            self._checking[guild_id] = (wanted, task)
            task.add_done_callback(lambda done: self._checked(guild_id, done))
        try:
            return await asyncio.wait_for(asyncio.shield(task), WAIT)
        except TimeoutError:
            log.info("members of server %s: Discord is slow, all taken as present", guild_id)
            return wanted

    def _checked(self, guild_id: int, done: asyncio.Task[frozenset[int]]) -> None:
        running = self._checking.get(guild_id)
        if running is not None and running[1] is done:
            del self._checking[guild_id]

    async def _check(self, guild_id: int, wanted: frozenset[int]) -> frozenset[int]:
        gone: set[int] = set()
        for user_id in sorted(wanted)[:CHECKED_AT_MOST]:
            try:
                await self._client.http.get_member(guild_id, user_id)
            except discord.NotFound as error:
                if error.code == UNKNOWN_MEMBER:
                    gone.add(user_id)
            except (discord.HTTPException, OSError, TimeoutError) as error:
                log.info("member %s of server %s not checked: %r", user_id, guild_id, error)
        found = wanted - gone
        if len(self._present) >= KEPT:
            self._present.clear()
        self._present[guild_id] = (self._clock(), wanted, found)
        return found

    async def _ask(self, guild_id: int) -> int | None:
        try:
            guild = await self._client.fetch_guild(guild_id, with_counts=True)
        except (discord.HTTPException, OSError, TimeoutError) as error:
            why = f"HTTP {error.status}" if isinstance(error, discord.HTTPException) else error
            log.info(
                "member count of server %s not read (%s): the gateway's is used", guild_id, why
            )
            counted = None
        else:
            # ``member_count``: what a simulated Discord gives (real Discord's REST has none)
            counted = guild.approximate_member_count or guild.member_count or None
        now = self._clock()
        if now - self._swept >= FRESH_FOR:  # counts too old to use, of servers not asked since
            self._swept = now
            self._known = {g: k for g, k in self._known.items() if now - k[0] < FRESH_FOR}
        if len(self._known) >= KEPT:
            self._known.clear()
        self._known[guild_id] = (now, counted)
        return counted

    def forget(self, guild_id: int) -> None:
        """The bot was removed from the server."""
        self._known.pop(guild_id, None)
        self._present.pop(guild_id, None)

    def __len__(self) -> int:
        return len(self._known)

    def close(self) -> None:
        """The bot closes: questions still out are dropped."""
        for task in list(self._asking.values()):
            task.cancel()
        for _, checking in list(self._checking.values()):
            checking.cancel()

    def _gateway(self, guild_id: int) -> int | None:
        guild = self._client.get_guild(guild_id)
        return guild.member_count if guild is not None else None
