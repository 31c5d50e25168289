"""``/setup`` and ``/schedule``: a server's channel, cron, time zone and duration."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App
from bot.config import LANGUAGES
from bot.cron import ScheduleError, next_slots, normalize_cron, zone
from bot.discord_text import safe
from bot.errors import UserError
from bot.seed_bank import load_seed_bank
from db.models import Guild
from db.repositories import audit, events, guilds, questions

MIN_DURATION, MAX_DURATION = 1, 720
MAX_RETENTION_DAYS = 3650


@dataclass(frozen=True, slots=True)
class ScheduleView:
    guild: Guild
    next_slots: list[datetime]
    open_discussions: int
    set_aside: int = 0
    """This server's events the database refused for good (dead letters)."""
    waiting: int = 0
    """Changes held in memory because the database is not answering (0 when it is)."""


def validate(
    cron: str | None,
    timezone: str | None,
    duration_hours: int | None,
    language: str | None,
    retention_days: int | None,
) -> None:
    """Raise the first problem with the options, as a localized :class:`UserError`."""
    if cron is not None:
        try:
            normalize_cron(cron)
        except ScheduleError as error:
            raise UserError(
                "error-cron", cron=safe(cron, 100, one_line=True), detail=error.code
            ) from None
    if timezone is not None:
        try:
            zone(timezone)
        except ScheduleError:
            raise UserError("error-timezone", timezone=safe(timezone, 64, one_line=True)) from None
    if duration_hours is not None and not MIN_DURATION <= duration_hours <= MAX_DURATION:
        raise UserError("error-duration", min=MIN_DURATION, max=MAX_DURATION)
    if language is not None and language not in LANGUAGES:
        raise UserError("error-language")
    if retention_days is not None and not 0 <= retention_days <= MAX_RETENTION_DAYS:
        raise UserError("error-retention", max=MAX_RETENTION_DAYS)


async def configure(
    app: App,
    guild_id: int,
    *,
    actor_id: int,
    channel_id: int,
    channel_kind: str,
    cron: str | None = None,
    timezone: str | None = None,
    duration_hours: int | None = None,
    language: str | None = None,
    retention_days: int | None = None,
) -> ScheduleView:
    """Create or change a server's settings; the first setup seeds the bank."""
    validate(cron, timezone, duration_hours, language, retention_days)
    now = app.clock.now()
    async with app.sessions.begin() as session:
        guild, created = await guilds.ensure_guild(
            session,
            guild_id,
            now=now,
            timezone=timezone or app.settings.default_timezone,
            language=language or app.settings.default_language,
        )
        values: dict[str, object] = {
            "channel_id": channel_id,
            "channel_kind": channel_kind,
            "present": True,
            "schedule_since": now,
        }
        if cron is not None:
            values["cron"] = normalize_cron(cron)
        if timezone is not None:
            values["timezone"] = timezone
        if duration_hours is not None:
            values["duration_hours"] = duration_hours
        if language is not None:
            values["language"] = language
        if retention_days is not None:
            values["retention_days"] = retention_days or None
        if guild.pause_reason is not None and guild.pause_reason != "staff":
            values["paused"] = False
            values["pause_reason"] = None
        await guilds.update_guild(session, guild_id, now, **values)
        if created or await questions.count_questions(session, guild_id) == 0:
            await seed_bank(session, guild_id, language or guild.language, now)
        await audit.record(session, guild_id, "setup", actor_id=actor_id, now=now)
    app.guild_languages[guild_id] = language or guild.language
    app.guild_problems.pop(guild_id, None)
    await app.schedule_changed()
    return await show(app, guild_id)


async def load_languages(app: App) -> None:
    """Each server's language, and which schedules a Discord problem stopped."""
    async with app.sessions() as session:
        rows = await guilds.configured_guilds(session)
    app.guild_languages.update({g.id: g.language for g in rows})
    app.guild_problems.update(
        {g.id: g.pause_reason for g in rows if g.paused and g.pause_reason not in (None, "staff")}
    )


async def seed_bank(session: AsyncSession, guild_id: int, language: str, now: datetime) -> None:
    """Give a server the shipped bank, in its language."""
    bank = load_seed_bank()
    title = bank.source.title
    await questions.add_questions(
        session,
        guild_id,
        [
            (q.text.get(language), language, list(q.option_labels(language)), title)
            for q in bank.questions
        ],
        now=now,
    )


async def show(app: App, guild_id: int) -> ScheduleView:
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, guild_id)
        set_aside = await events.dead_letter_count(session, guild_id)
    if guild is None or guild.channel_id is None:
        raise UserError("error-not-setup")
    now = app.clock.now()
    upcoming = [] if guild.paused else next_slots(guild.cron, guild.timezone, now, 3)
    waiting = app.buffer.backlog if app.buffer.failures else 0
    return ScheduleView(guild, upcoming, len(app.open.in_guild(guild_id)), set_aside, waiting)


async def set_paused(
    app: App, guild_id: int, paused: bool, *, actor_id: int | None, reason: str = "staff"
) -> ScheduleView:
    now = app.clock.now()
    async with app.sessions.begin() as session:
        guild = await guilds.get_guild(session, guild_id)
        if guild is None or guild.channel_id is None:
            raise UserError("error-not-setup")
        values: dict[str, object] = {"paused": paused, "pause_reason": reason if paused else None}
        if not paused:
            values["schedule_since"] = now
        await guilds.update_guild(session, guild_id, now, **values)
        if actor_id is not None:
            await audit.record(
                session, guild_id, "pause" if paused else "resume", actor_id=actor_id, now=now
            )
    if not paused:
        app.guild_problems.pop(guild_id, None)
    await app.schedule_changed()
    return await show(app, guild_id)


async def pause_for_problem(app: App, guild_id: int, reason: str) -> None:
    """Pause a server's schedule because Discord refused us (``reason`` is a code)."""
    now = app.clock.now()
    async with app.sessions.begin() as session:
        await guilds.update_guild(session, guild_id, now, paused=True, pause_reason=reason)
    app.guild_problems[guild_id] = reason
