"""``/setup`` and ``/schedule``: a server's channel, cron, time zone and duration."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot import categories as category_names
from bot import importer
from bot.app import App
from bot.config import LANGUAGES
from bot.cron import (
    MAX_CRON,
    ScheduleError,
    canonical_zone,
    fixed_zone,
    iter_slots,
    next_slots,
    normalize_cron,
    same_slots,
    typed_offset,
    zone,
)
from bot.discord_text import clean, safe
from bot.errors import UserError
from bot.seed_bank import as_shipped, load_seed_bank
from bot.services import next_question
from bot.stored_text import storable_name
from db.models import Guild
from db.repositories import audit, events, guilds, questions, suggestions

MIN_DURATION, MAX_DURATION = 1, 720
MAX_RETENTION_DAYS = 3650
CLEARABLE = ("review_channel", "reminder_role", "question_role")


@dataclass(frozen=True, slots=True)
class Community:
    """The question-of-the-day options of ``/setup``; ``None`` leaves one unchanged."""

    review_channel_id: int | None = None
    credit_suggesters: bool | None = None
    reminder_hours: int | None = None
    """0 turns the reminder off."""
    reminder_role_id: int | None = None
    question_role_id: int | None = None
    leaderboard: bool | None = None
    hide_counts: bool | None = None
    categories: str | None = None
    """As typed: ``"cinéma, société"`` (that rotation) or ``*`` (every question)."""
    clear: str | None = None
    """``review_channel``, ``reminder_role`` or ``question_role``: turn that one off."""

    def validate(self) -> None:
        if self.reminder_hours is not None and not 0 <= self.reminder_hours <= MAX_DURATION:
            raise UserError("error-reminder-hours", max=MAX_DURATION)
        if self.clear is not None and self.clear not in CLEARABLE:
            raise UserError("error-bad-value")
        if self.categories is not None:
            try:
                category_names.parse_rotation(self.categories)
            except category_names.CategoryError:
                raise UserError("error-categories", max=category_names.MAX_ROTATION) from None

    async def values(self, session: AsyncSession, guild: Guild) -> dict[str, object]:
        """The guild columns these options set (categories checked against the bank)."""
        values: dict[str, object] = {}
        for name in (
            "review_channel_id",
            "credit_suggesters",
            "reminder_role_id",
            "question_role_id",
            "leaderboard",
            "hide_counts",
        ):
            if getattr(self, name) is not None:
                values[name] = getattr(self, name)
        if self.review_channel_id is not None and self.review_channel_id != guild.review_channel_id:
            # a problem met while staff had no usable review channel is told in the new one;
            # the same channel named again already heard it
            values["problem_notice"] = None
        if self.reminder_hours is not None:
            values["reminder_hours"] = self.reminder_hours or None
        if self.clear is not None:
            values[f"{self.clear}_id"] = None
        if self.categories is not None:
            rotation = category_names.parse_rotation(self.categories)
            known = await questions.category_counts(session, guild.id)
            for name in rotation or []:
                if not known:  # nothing to choose from: say how to give questions one
                    raise UserError("error-category-none", name=safe(name, 40, one_line=True))
                if name not in known:
                    raise UserError(
                        "error-category-unknown",
                        name=safe(name, 40, one_line=True),
                        known=_listed(known),
                    )
            values["categories"] = rotation
        return values


def _listed(names: Iterable[str], shown: int = 20) -> str:
    """``a, b, c``: the first ``shown`` in order, then how many more (an answer stays short)."""
    ordered = sorted(names)
    listed = ", ".join(safe(name, 40, one_line=True) for name in ordered[:shown]) or "—"
    return listed + (f", … (+{len(ordered) - shown})" if len(ordered) > shown else "")


@dataclass(frozen=True, slots=True)
class ScheduleView:
    guild: Guild
    next_slots: list[datetime]
    open_discussions: int
    set_aside: int = 0
    """This server's events the database refused for good (dead letters)."""
    waiting: int = 0
    """Changes held in memory because the database is not answering (0 when it is)."""
    unusable: str | None = None
    """Why the stored schedule cannot be used (a :class:`ScheduleError` code, e.g. ``timezone``
    for a zone a later tzdata dropped); the scheduler skips such a server until ``/setup``."""
    used_up: bool = False
    """No question is left to post (in the rotation's categories, when it has some): the
    next slots post nothing until staff add questions."""
    language_from: str | None = None
    """Where the first ``/setup``, given no ``language``, took the posts' language from:
    ``server`` (the server's language on Discord) or ``default`` (``DEFAULT_LANGUAGE``);
    ``None`` when it was given, or was not chosen now."""
    unreviewed: int = 0
    """Pending suggestions with no card in the review channel (made before it was named, or
    while the bot could not post there): they wait in ``/question suggestions``."""


SERVER_LOCALES = {"fr": "fr", "en-us": "en", "en-gb": "en"}
"""The languages a server may be set to on Discord (its community's « preferred locale »)
that the bot speaks, and the language of the posts each one gives."""


def first_language(server_locale: str | None, default: str) -> tuple[str, str]:
    """The posts' language a first ``/setup`` gives a server when not told, and where it was
    taken from: the server's language on Discord when the bot speaks it (``server``), else
    the bot's ``DEFAULT_LANGUAGE`` (``default``)."""
    spoken = SERVER_LOCALES.get((server_locale or "").lower())
    return (spoken, "server") if spoken is not None else (default, "default")


def _typed(value: str | None) -> str | None:
    """A cron or zone as the moderator meant it: pasted spaces and zero-width
    characters around or inside it are not part of it."""
    return None if value is None else " ".join(clean(value).split())


def validate(
    cron: str | None,
    timezone: str | None,
    duration_hours: int | None,
    language: str | None,
    retention_days: int | None,
) -> None:
    """Raise the first problem with the options, as a localized :class:`UserError`."""
    cron, timezone = _typed(cron), _typed(timezone)
    if cron is not None:
        try:
            normalize_cron(cron)
        except ScheduleError as error:
            raise UserError(
                "error-cron",
                cron=safe(cron, 100, one_line=True),
                detail=error.code,
                max=MAX_CRON,
            ) from None
    if timezone is not None:
        try:
            canonical_zone(timezone)
        except ScheduleError:
            shown = safe(timezone, 64, one_line=True)
            offset = typed_offset(timezone)
            if offset is None:
                raise UserError("error-timezone", timezone=shown) from None
            fixed = fixed_zone(offset)
            if fixed is None:
                raise UserError("error-timezone-offset", timezone=shown) from None
            raise UserError("error-timezone-offset-fixed", timezone=shown, fixed=fixed) from None
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
    actor_name: str | None = None,
    channel_id: int | None,
    channel_kind: str | None,
    cron: str | None = None,
    timezone: str | None = None,
    duration_hours: int | None = None,
    language: str | None = None,
    retention_days: int | None = None,
    community: Community | None = None,
    server_locale: str | None = None,
    server_name: str | None = None,
) -> ScheduleView:
    """Create or change a server's settings; the first setup seeds the bank.

    The first ``/setup`` names the discussion channel; later ones may change
    any option alone. Without ``language``, the first one takes the server's language on
    Discord (``server_locale``, « en-US ») when it is French or English, else the bot's
    ``DEFAULT_LANGUAGE`` (:func:`first_language`), and its view says which. ``server_name``:
    the server's name on Discord, stored for the web room (see ``server_names``).
    """
    cron, timezone = _typed(cron), _typed(timezone)
    validate(cron, timezone, duration_hours, language, retention_days)
    timezone = canonical_zone(timezone) if timezone is not None else None
    community = community or Community()
    community.validate()
    now = app.clock.now()
    first, language_from = first_language(server_locale, app.settings.default_language)
    async with app.sessions.begin() as session:
        if channel_id is None:
            existing = await guilds.get_guild(session, guild_id)
            if existing is None or existing.channel_id is None:
                raise UserError("error-setup-channel-first")
        guild, created = await guilds.ensure_guild(
            session,
            guild_id,
            now=now,
            timezone=timezone or app.settings.default_timezone,
            language=language or first,
        )
        await guilds.lock_bank(session, guild_id)  # the bank is seeded or translated below
        values = _changed_values(
            guild,
            now,
            channel_id=channel_id,
            channel_kind=channel_kind,
            cron=cron,
            timezone=timezone,
            duration_hours=duration_hours,
            language=language,
            retention_days=retention_days,
        )
        if created or not await questions.held_any(session, guild_id):
            # Once: a bank staff emptied by hand stays empty (its questions stay removed).
            await seed_bank(session, guild_id, language or guild.language, now)
        elif language is not None and language != guild.language:
            await translate_seed_bank(session, guild_id, guild.language, language)
        values |= await community.values(session, guild)
        if server_name and guild.name != storable_name(server_name):
            values["name"] = storable_name(server_name)
        _check_reminder(guild, values)
        _check_gap(guild, values, now)
        await guilds.update_guild(session, guild_id, now, **values)
        await audit.record(
            session, guild_id, "setup", actor_id=actor_id, actor_name=actor_name, now=now
        )
    app.guild_languages[guild_id] = language or guild.language
    if channel_id is not None:
        app.guild_problems.pop(guild_id, None)
    await app.schedule_changed()
    view = await show(app, guild_id)
    if created and language is None:
        view = dataclasses.replace(view, language_from=language_from)
    return view


SLOT_RULES = ("cron", "timezone")
"""The options that decide when slots fall."""


def _changed_values(
    guild: Guild,
    now: datetime,
    *,
    channel_id: int | None,
    channel_kind: str | None,
    cron: str | None,
    timezone: str | None,
    duration_hours: int | None,
    language: str | None,
    retention_days: int | None,
) -> dict[str, object]:
    """The columns a ``/setup`` changes: only the options given.

    Naming a channel again resumes a schedule that a Discord problem (not
    staff) paused. The schedule starts from now only when it was not running
    (the first channel, a pause, the bot away): moving a running schedule to
    another channel, or naming the same one again, does not drop a slot due
    at that moment or waiting for its retry.
    """
    values: dict[str, object] = {}
    if channel_id is not None:
        values |= {"channel_id": channel_id, "channel_kind": channel_kind, "present": True}
        if guild.channel_id is None or guild.paused or not guild.present:
            values["schedule_since"] = now
        if guild.pause_reason is not None and guild.pause_reason != "staff":
            values |= {"paused": False, "pause_reason": None, "problem_notice": None}
    optional = {
        "cron": normalize_cron(cron) if cron is not None else None,
        "timezone": timezone,
        "duration_hours": duration_hours,
        "language": language,
    }
    values |= {name: value for name, value in optional.items() if value is not None}
    changed = {n for n in SLOT_RULES if n in values and values[n] != getattr(guild, n)}
    if "cron" in changed and same_slots(str(values["cron"]), guild.cron):
        changed.remove("cron")  # typed differently (« mon » for 1): the same slots
    if changed:
        # A new rule applies from now: its slots that fell before it existed are not owed.
        values["schedule_since"] = now
    if retention_days is not None:
        values["retention_days"] = retention_days or None
    return values


def _check_reminder(guild: Guild, values: dict[str, object]) -> None:
    """Refuse a reminder that would never be sent: one due when the discussion opens or before.

    Refused rather than accepted with a warning: the answer is ephemeral and read once, and
    a stored setting that silently does nothing is what the moderator would not expect.
    """
    if "reminder_hours" not in values and "duration_hours" not in values:
        return  # a server stored before this rule keeps working for its other options
    reminder = values.get("reminder_hours", guild.reminder_hours)
    duration = values.get("duration_hours", guild.duration_hours)
    if isinstance(reminder, int) and isinstance(duration, int) and reminder >= duration:
        raise UserError("error-reminder-too-late", reminder=reminder, duration=duration)


MIN_GAP_HOURS = 1
"""Slots closer than this would open a crowd of discussions at once (``* * * * *``)."""
GAP_SLOTS = 50
"""Slots checked: a cron's hours and minutes are the same on every day it fires, so a day
with no two slots closer than an hour holds at most 24; 50 slots cover the rest of today
and one whole day it fires, and any day with more slots has two too close."""


def _check_gap(guild: Guild, values: dict[str, object], now: datetime) -> None:
    """Refuse a cron whose next slots, in the server's zone, come closer than the minimum.

    Two wall-clock times that fall on one instant (02:30 and 03:30 on a spring-forward
    night) are one slot, claimed once, so they do not count as too close.
    """
    if not any(name in values for name in SLOT_RULES):
        return
    cron = str(values.get("cron", guild.cron))
    slots = sorted(  # around a DST change, wall-clock order is not always instant order
        itertools.islice(
            iter_slots(cron, str(values.get("timezone", guild.timezone)), now), GAP_SLOTS
        )
    )
    gap = timedelta(hours=MIN_GAP_HOURS)
    if any(timedelta(0) < later - earlier < gap for earlier, later in itertools.pairwise(slots)):
        raise UserError(
            "error-cron-too-frequent", cron=safe(cron, 100, one_line=True), hours=MIN_GAP_HOURS
        )


async def load_languages(app: App) -> None:
    """Each server's language, and which schedules a Discord problem stopped (of the
    servers the bot is in: those it was removed from come back with ``guild_joined``)."""
    async with app.sessions() as session:
        rows = [g for g in await guilds.configured_guilds(session) if g.present]
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


async def translate_seed_bank(session: AsyncSession, guild_id: int, old: str, new: str) -> None:
    """The server's language changed: the shipped questions not posted yet and as shipped
    (staff neither edited them nor their options) follow it, in their place in the bank; a
    question staff hold already in the new words is not repeated."""
    bank = load_seed_bank()
    shipped = {as_shipped(q.text.get(old)): q for q in bank.questions}
    held = {
        importer.duplicate_key(text) for _, text in await questions.texts_by_id(session, guild_id)
    }
    for question in await questions.ready_from(session, guild_id, bank.source.title, old):
        seed = shipped.get(as_shipped(question.text))
        if seed is None or list(question.options) != list(seed.option_labels(old)):
            continue  # staff's words now
        text = seed.text.get(new)
        if importer.duplicate_key(text) in held:
            continue
        question.text, question.language = text, new
        question.options = list(seed.option_labels(new))


async def show(app: App, guild_id: int) -> ScheduleView:
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, guild_id)
        set_aside = await events.dead_letter_count(session, guild_id)
        if guild is None or guild.channel_id is None:
            raise UserError("error-not-setup")
        used_up = await next_question.choose(session, guild) is None
        unreviewed = (
            await suggestions.count_without_card(session, guild_id, guild.review_channel_id)
            if guild.review_channel_id is not None
            else 0
        )
    upcoming: list[datetime] = []
    unusable = None
    try:
        zone(guild.timezone)
        if not guild.paused:
            upcoming = next_slots(guild.cron, guild.timezone, app.clock.now(), 3)
    except ScheduleError as error:
        unusable = error.code
    waiting = app.buffer.backlog if app.buffer.failures else 0
    opened = len(app.open.in_guild(guild_id))
    return ScheduleView(
        guild, upcoming, opened, set_aside, waiting, unusable, used_up, unreviewed=unreviewed
    )


async def set_paused(
    app: App,
    guild_id: int,
    paused: bool,
    *,
    actor_id: int | None,
    actor_name: str | None = None,
    reason: str = "staff",
    posted: bool = False,
) -> ScheduleView:
    """Pause or resume; a resume is refused while the channel is known deleted, unless a
    post there just went through (``posted``): every slot would fail and pause again."""
    now = app.clock.now()
    async with app.sessions.begin() as session:
        guild = await guilds.get_guild(session, guild_id)
        if guild is None or guild.channel_id is None:
            raise UserError("error-not-setup")
        if not (paused or posted) and guild.paused and guild.pause_reason == "channel_missing":
            raise UserError("error-channel-missing")
        values: dict[str, object] = {"paused": paused, "pause_reason": reason if paused else None}
        if not paused:
            values["problem_notice"] = None  # resumed: a problem met anew is told anew
        if not paused and guild.paused:
            # The slots the pause covered are not owed; a schedule that was running keeps
            # a slot due now or waiting for its retry.
            values["schedule_since"] = now
        await guilds.update_guild(session, guild_id, now, **values)
        if actor_id is not None:
            await audit.record(
                session,
                guild_id,
                "pause" if paused else "resume",
                actor_id=actor_id,
                actor_name=actor_name,
                now=now,
            )
    if not paused:
        app.guild_problems.pop(guild_id, None)
    await app.schedule_changed()
    return await show(app, guild_id)


PAUSES_A_POST_ENDS = frozenset({"missing_permissions", "forum_tag", "channel_missing"})
"""Pauses for Discord refusing posts in the channel: a post there that succeeds ends them."""


async def resume_after_post(
    app: App, guild_id: int, *, actor_id: int, actor_name: str | None = None
) -> bool:
    """Staff's post just went through in the server's channel: a pause for Discord
    refusing posts there is over, and the schedule resumes. Returns whether it did;
    a pause staff chose, or one for a kick, stays."""
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, guild_id)
    if guild is None or not guild.paused or guild.pause_reason not in PAUSES_A_POST_ENDS:
        return False
    await set_paused(app, guild_id, False, actor_id=actor_id, actor_name=actor_name, posted=True)
    return True


async def pause_for_problem(app: App, guild_id: int, reason: str) -> None:
    """Pause a server's schedule because Discord refused us (``reason`` is a code)."""
    now = app.clock.now()
    async with app.sessions.begin() as session:
        await guilds.update_guild(session, guild_id, now, paused=True, pause_reason=reason)
    app.guild_problems[guild_id] = reason
