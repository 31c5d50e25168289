"""Posting on time, closing on time, erasing on time.

The database is the truth: APScheduler (in the bot's loop) only wakes us up.
Its jobs are rebuilt from the database at start and on every change; each
job calls :meth:`Scheduler.tick`, which reads the clock it was given, finds
what is due and does it idempotently. A slot is claimed in the database
before posting (so restarts, double fires and second processes never post
twice), and slots missed while the bot was down collapse into one post (none when
the next slot is less than an hour away: it posts on time, alone; none either when the
discussion it would open would already be closed: that slot is recorded as skipped).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from datetime import datetime, timedelta

import discord
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot import cron
from bot.app import App
from bot.errors import UserError, is_storage_error
from bot.services import (
    catch_up,
    lifecycle,
    mydata,
    opening,
    optouts,
    reminders,
    retention,
    staff_notice,
)
from bot.services import discussions as discussion_service
from bot.services import summary as summary_service
from bot.services.setup import MIN_GAP_HOURS
from db.models import Guild
from db.repositories import discussions as discussion_repo
from db.repositories import guilds as guild_repo
from db.repositories import slots as slot_repo

log = logging.getLogger(__name__)

SAFETY_NET = timedelta(minutes=1)
POST_ATTEMPTS = 3
"""Ticks that try a slot while Discord answers 5xx/429 (each after discord.py's own retries)."""
LATE_POST_GAP = timedelta(hours=MIN_GAP_HOURS)
"""A slot missed while the bot was down is posted late, unless the next one comes sooner
than this: then that one posts on time, alone (posts are at least this far apart)."""
REBUILD_BATCH = 100
"""Servers whose next slot a rebuild looks at between two yields of the event loop."""
DAILY_AFTER_START = timedelta(minutes=15)
"""The daily job also runs this long after each start (its catch-up done by then): a bot
stopped every night at 03:17 UTC, or down that day, never erased what its servers'
retention or a removal asked."""
STALE_CLAIM = timedelta(minutes=10)
"""A slot claimed longer ago and not finished was left by a process that stopped:
posting takes seconds, and a process that retries gives its claim back between ticks."""


def _unusable(guild: Guild | guild_repo.Rules, error: cron.ScheduleError) -> None:
    log.error(
        "guild %s: its schedule (%r in %r) cannot be used: %s; its slots are skipped",
        guild.id,
        guild.cron,
        guild.timezone,
        error.code,
    )


class Scheduler:
    def __init__(self, app: App, client: discord.Client, *, timers: bool = True) -> None:
        self._app = app
        self._client = client
        self._timers = timers
        self._aps: AsyncIOScheduler | None = None
        self._lock = asyncio.Lock()
        self._attempts: dict[tuple[int, datetime], int] = {}
        app.on_schedule_change = self.rebuild
        self._reminder_attempts: reminders.Attempts = {}
        self._caught_up = False
        """Whether the first catch-up has read the open threads. Until then nothing is
        closed: what members wrote before the closing time while the bot was away is
        read first. Timers fire as soon as the scheduler starts, long before the gateway
        is ready."""
        self._unread: dict[int, int] = {}
        """Shards whose gateway connection dropped and was not caught up since, each with
        the number of its last drop: their servers' discussions are not closed meanwhile
        (what arrived is unread)."""
        self._drops = 0
        self._rebuilding = False
        self._stale = False
        """A rebuild was asked for since the running one read the database."""
        self._next_posts: dict[int, tuple[tuple[str, str], datetime | None]] = {}
        """Each server's next slot, with the cron and zone it was worked out from."""

    def gateway_lost(self, shard_id: int) -> None:
        """A shard's gateway connection dropped: what arrives until its catch-up is unread."""
        self._drops += 1
        self._unread[shard_id] = self._drops

    def catch_up_starts(self) -> int:
        """Mark a catch-up's start; give the mark to ``gateway_caught_up`` at its end."""
        return self._drops

    async def gateway_caught_up(
        self, shard_id: int | None = None, *, started: int | None = None
    ) -> None:
        """A catch-up is done (``shard_id``: that shard's, else every shard's): closing is
        allowed again there (its wake-up is set). With ``started`` (its mark), a shard
        that dropped again while it read stays held: what came after was not read."""
        last = self._drops if started is None else started
        if shard_id is None:
            self._caught_up = True
        for shard in [shard_id] if shard_id is not None else list(self._unread):
            if self._unread.get(shard, last + 1) <= last:
                del self._unread[shard]
        await self.rebuild()

    def _may_close(self, guild_id: int) -> bool:
        if not self._caught_up:
            return False
        return not self._unread or (guild_id >> 22) % (self._shard_count() or 1) not in self._unread

    def _shard_count(self) -> int:
        return int(getattr(self._client, "shard_count", None) or 1)

    async def start(self) -> None:
        if self._timers:
            self._aps = AsyncIOScheduler(timezone="UTC")
            self._aps.start()
            self._aps.add_job(
                self.tick,
                IntervalTrigger(seconds=int(SAFETY_NET.total_seconds())),
                id="safety-net",
                coalesce=True,
                max_instances=1,
            )
            self._aps.add_job(
                self.erase_expired,
                CronTrigger(hour=3, minute=17, timezone="UTC"),
                id="retention",
                coalesce=True,
                max_instances=1,
            )
            self._aps.add_job(
                self.erase_expired,
                DateTrigger(run_date=self._app.clock.now() + DAILY_AFTER_START),
                id="retention-after-start",
                max_instances=1,
            )
        await self.rebuild()

    def shutdown(self) -> None:
        if self._aps is not None and self._aps.running:
            self._aps.shutdown(wait=False)
        self._aps = None

    async def _guilds(self) -> list[Guild]:
        async with self._app.sessions() as session:
            rows = await guild_repo.configured_guilds(session)
        return [g for g in rows if self._app.settings.owns_guild(g.id)]

    async def rebuild(self) -> None:
        """Set the wake-ups again from the database. Asked for during a tick (each post,
        each close asks), it is the one the tick does at its end; asked for while one
        runs, that one runs again once done: never one per server of a busy slot."""
        if self._aps is None:
            return
        self._stale = True
        if self._rebuilding or self._lock.locked():
            return
        self._rebuilding = True
        try:
            while self._stale:
                self._stale = False
                await self._rebuild()
        finally:
            self._rebuilding = False

    async def _rebuild(self) -> None:
        assert self._aps is not None
        now = self._app.clock.now()
        try:
            async with self._app.sessions() as session:
                rules = await guild_repo.schedule_rules(session)
        except Exception as error:  # the database away: the jobs stay, the safety net ticks
            if not is_storage_error(error):
                raise
            log.warning("wake-ups not set again: the database is away (%r)", error)
            return
        soonest: datetime | None = None
        running: set[int] = set()
        for count, guild in enumerate(rules, 1):
            if count % REBUILD_BATCH == 0:
                await asyncio.sleep(0)  # thousands of servers: the loop is not held meanwhile
            if not guild.running or not self._app.settings.owns_guild(guild.id):
                continue
            running.add(guild.id)
            at = self._next_post(guild, now)
            if at is not None and (soonest is None or at < soonest):
                soonest = at
        # a server paused or left is worked out anew when it runs again
        self._next_posts = {g: kept for g, kept in self._next_posts.items() if g in running}
        # and a slot waiting for its retry is owed no more: resumed, a schedule starts anew
        self._attempts = {key: n for key, n in self._attempts.items() if key[0] in running}
        for job in self._aps.get_jobs():
            if job.id in ("post", "close", "remind"):
                job.remove()
        if soonest is not None:  # the tick posts every server due then
            self._aps.add_job(
                self.tick, DateTrigger(run_date=soonest), id="post", misfire_grace_time=None
            )
        # Not for a server not caught up yet: its due close would fire again at once, in a loop.
        # Nor for one whose history Discord failed to give: the safety net reads it again.
        closes = [
            d.closes_at
            for d in self._app.open.all()
            if self._may_close(d.guild_id) and d.id not in self._app.unread
        ]
        if closes:
            self._aps.add_job(
                self.tick,
                DateTrigger(run_date=max(min(closes), now)),
                id="close",
                misfire_grace_time=None,
            )
        remind = await reminders.next_at(self._app, now)
        if remind is not None:
            self._aps.add_job(
                self.tick, DateTrigger(run_date=remind), id="remind", misfire_grace_time=None
            )

    async def tick(self) -> None:
        """Do whatever is due now: post missed or current slots, post again failed
        closing summaries, remove erased members' review cards, remind before closing,
        close expired discussions. The database away (at start, say), the tick stops
        there: the next one does the rest."""
        async with self._lock:
            try:
                await self._tick()
            except Exception as error:
                if not is_storage_error(error):
                    raise
                log.warning("tick cut short: the database is away (%r)", error)
        await self.rebuild()

    async def _tick(self) -> None:
        now = self._app.clock.now()
        app, client = self._app, self._client
        if app.erasures_owed:  # first: a server its staff erased is not posted to
            await _alone("servers erased", lifecycle.erase_owed(app))
        await self._settle_stale_claims(now)
        for guild in await self._guilds():
            if not guild.paused and guild.present:
                try:
                    await self._post_due(guild, now)
                except cron.ScheduleError as error:  # that server only
                    _unusable(guild, error)
                except Exception:  # the database away, say: the other servers still post
                    log.exception("posting for guild %s failed; next tick", guild.id)
            elif (
                guild.present
                and guild.pause_reason in staff_notice.PROBLEMS
                and guild.pause_reason != guild.problem_notice
            ):  # paused for a problem (a post refused, the channel deleted): staff told once
                await _alone("schedule notice", self._tell(guild, guild.pause_reason))
        # summaries that failed at an earlier tick first: one that fails now waits a tick
        await _alone("summaries posted again", summary_service.retry_unposted(app, client))
        if app.locks_owed:  # closed discussions' threads Discord failed to lock
            await _alone("threads locked again", discussion_service.lock_again(app, client))
        if app.redraws_owed:  # question posts Discord gave no answer for
            await _alone("posts redrawn again", discussion_service.redraw_again(app, client))
        await _alone("erasures taken off Discord", mydata.clean_up_erasures(app, client))
        await _alone("reminders", reminders.remind_due(app, client, now, self._reminder_attempts))
        if self._caught_up:  # threads whose catch-up Discord failed, before any closes
            await _alone("threads read again", catch_up.read_again(app, client))
        await self.close_due(now)
        optouts.forget_ended_spans(app)  # those of discussions closed now too

    async def _settle_stale_claims(self, now: datetime) -> None:
        try:
            async with self._app.sessions.begin() as session:
                settled = await slot_repo.recover_stale(session, claimed_before=now - STALE_CLAIM)
        except Exception:  # the database away: the posts below say so, and the next tick retries
            log.warning("stale slot claims not settled this tick", exc_info=True)
            return
        if settled:
            log.warning("%d slot claim(s) left by a stopped process settled", settled)

    async def _post_due(self, guild: Guild, now: datetime) -> None:
        async with self._app.sessions() as session:
            last = await slot_repo.latest(session, guild.id)
        since = max(d for d in (last, guild.schedule_since, guild.created_at) if d is not None)
        slot = cron.latest_due(guild.cron, guild.timezone, since, now)
        if slot is None:
            return
        if not self._in_gateway(guild.id):
            return  # posted once the gateway gives the server: a later tick, on_ready's
        if slot + timedelta(hours=guild.duration_hours) <= now:
            await self._skip(guild.id, slot, now, "its discussion would already be closed")
            return  # missed for longer than a discussion lasts: the next slot posts on time
        async with self._app.sessions() as session:  # only once a slot is due
            last_posted = await slot_repo.latest(session, guild.id, status="posted")
        if last_posted is not None and slot - last_posted < LATE_POST_GAP:
            # a zone whose clocks move by 30 minutes (Australia/Lord_Howe) brings two slots
            # 30 minutes apart once a year: posts stay at least an hour apart
            await self._skip(guild.id, slot, now, "less than an hour after the previous post")
            return
        if slot < now - SAFETY_NET and self._next_soon(guild, now):
            return  # missed, and the next slot is near: it posts on time, not two at once
        async with self._app.sessions.begin() as session:
            claimed = await slot_repo.claim(
                session, guild.id, slot, owner=self._app.instance, now=now
            )
        if not claimed:
            return
        try:
            posted = await opening.post_question(self._app, self._client, guild.id, slot_at=slot)
        except Exception as error:
            # A member error says why for good; Discord's bad moment, the database's, or
            # anything unexpected may pass: the slot is given back for the next tick.
            passing = not isinstance(error, UserError) or error.key in opening.DISCORD_PASSING
            why = error.key if isinstance(error, UserError) else repr(error)
            if not isinstance(error, UserError) and not is_storage_error(error):
                log.error("posting slot %s of guild %s failed", slot, guild.id, exc_info=error)
            key = (guild.id, slot)
            attempts = self._attempts.pop(key, 0) + 1
            if passing and attempts < POST_ATTEMPTS:
                self._attempts[key] = attempts
                log.warning(
                    "slot %s of guild %s not posted (attempt %d of %d): %s; retrying at next tick",
                    slot.isoformat(),
                    guild.id,
                    attempts,
                    POST_ATTEMPTS,
                    why,
                )
                async with self._app.sessions.begin() as session:
                    await slot_repo.release(session, guild.id, slot, owner=self._app.instance)
                return
            log.warning("slot %s of guild %s not posted: %s", slot.isoformat(), guild.id, why)
            status, discussion_id, tries = "failed", None, attempts
            problem = staff_notice.problem_of(error)
        else:
            self._attempts.pop((guild.id, slot), None)
            status, discussion_id, problem, tries = "posted", posted.id, None, 0
        async with self._app.sessions.begin() as session:
            await slot_repo.finish(
                session, guild.id, slot, status=status, discussion_id=discussion_id
            )
            if status == "posted" and guild.problem_notice is not None:
                # posting again: a problem met anew is told anew
                await guild_repo.update_guild(session, guild.id, now, problem_notice=None)
        if problem is not None:
            await _alone("schedule notice", self._tell(guild, problem, slot, tries))

    async def _tell(
        self, guild: Guild, problem: str, slot: datetime | None = None, tries: int = 1
    ) -> None:
        await staff_notice.tell(self._app, self._client, guild, problem, slot=slot, tries=tries)

    async def _skip(self, guild_id: int, slot: datetime, now: datetime, why: str) -> None:
        """Record a slot as skipped, not posted: the next one is counted from it."""
        async with self._app.sessions.begin() as session:
            if await slot_repo.claim(session, guild_id, slot, owner=self._app.instance, now=now):
                await slot_repo.finish(session, guild_id, slot, status="skipped")
                log.info("slot %s of guild %s skipped: %s", slot.isoformat(), guild_id, why)

    def _next_post(self, guild: guild_repo.Rules, now: datetime) -> datetime | None:
        """The server's next slot after ``now``, kept until it passes or its rules change
        (worked out anew for every server at every rebuild, 0.3 ms each, a rebuild held
        the loop 0.4-0.7 s at 2,000 servers); ``None`` for a schedule that cannot be used,
        logged once."""
        rules = (guild.cron, guild.timezone)
        kept = self._next_posts.get(guild.id)
        if kept is not None and kept[0] == rules and (kept[1] is None or kept[1] > now):
            return kept[1]
        try:
            upcoming = cron.next_slots(guild.cron, guild.timezone, now, 1)
        except cron.ScheduleError as error:
            if kept is None or kept[0] != rules:
                _unusable(guild, error)
            self._next_posts[guild.id] = (rules, None)
            return None
        at = upcoming[0] if upcoming else None
        self._next_posts[guild.id] = (rules, at)
        return at

    def _in_gateway(self, guild_id: int) -> bool:
        """Whether the gateway has given this server. Before (the bot starting, the safety
        net firing before READY; Discord marking it unavailable in an outage) its channel
        is fetched without it: the post went out without its role's mention, the bot's
        permissions there unchecked."""
        found = self._client.get_guild(guild_id)
        return found is not None and not found.unavailable

    @staticmethod
    def _next_soon(guild: Guild, now: datetime) -> bool:
        """Whether the server's next slot comes within the minimum gap between posts."""
        upcoming = cron.next_slots(guild.cron, guild.timezone, now, 1)
        return bool(upcoming) and upcoming[0] - now < LATE_POST_GAP

    async def close_due(self, now: datetime | None = None) -> int:
        if not self._caught_up:
            return 0  # the tick after the catch-up closes them
        now = now or self._app.clock.now()
        async with self._app.sessions() as session:
            due = await discussion_repo.due_to_close(session, now)
        closed = 0
        for discussion in due:
            if not self._app.settings.owns_guild(discussion.guild_id):
                continue
            if not self._may_close(discussion.guild_id):
                continue  # its shard's catch-up comes first
            if discussion.id in self._app.unread:
                continue  # its history is not read yet (Discord failed): a later tick
            try:
                if await discussion_service.close(self._app, self._client, discussion, due_by=now):
                    closed += 1
            except Exception:
                log.exception("closing discussion %s failed", discussion.id)
        return closed

    async def erase_expired(self) -> None:
        """The daily job: replies past their server's retention, servers long removed."""
        await _alone("retention", retention.erase_expired(self._app))
        await _alone("servers removed", retention.forget_removed_servers(self._app))


async def _alone(what: str, step: Awaitable[object]) -> None:
    """One step of a tick, whose failure is logged and leaves the next steps to run; the
    next tick tries it again. Discord timing out on one erased quote (a ``TimeoutError``,
    read like the database away) cut every tick short before its closes: no discussion
    of any server closed while it lasted. The database really away, the closes' own read
    still cuts the tick short."""
    try:
        await step
    except Exception as error:
        if is_storage_error(error):  # unreachable: Discord or the database, for now
            log.warning("%s not done this tick: %r", what, error, exc_info=True)
        else:
            log.exception("%s failed this tick", what)
