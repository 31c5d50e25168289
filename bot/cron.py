"""Slot arithmetic: when a server's cron fires, in its own time zone.

Cron is matched against the server's wall clock, then each match becomes one
UTC instant. Daylight-saving changes therefore give exactly one post per
matching wall-clock time: a 02:30 slot on the spring-forward night (a time
that does not exist) is posted at the instant 02:30 would have been, in the
offset before the change (03:30 summer time); a 01:30 slot on the fall-back
night (a time that happens twice) is posted once, at its first occurrence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from apscheduler.triggers.cron import CronTrigger

_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FRENCH_DAYS = {
    **dict.fromkeys(("dimanche", "dim"), "sun"),
    **dict.fromkeys(("lundi", "lun"), "mon"),
    **dict.fromkeys(("mardi", "mar"), "tue"),
    **dict.fromkeys(("mercredi", "mer"), "wed"),
    **dict.fromkeys(("jeudi", "jeu"), "thu"),
    **dict.fromkeys(("vendredi", "ven"), "fri"),
    **dict.fromkeys(("samedi", "sam"), "sat"),
}
_WORD = re.compile(r"[^\W\d_]+")


class ScheduleError(ValueError):
    """A cron expression or time zone that cannot be used; ``code`` says which."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code
        self.detail = detail


def _weekday(token: str) -> int:
    """A standard cron weekday, 0-7 (0 and 7 are Sunday) or a name, as 0-7."""
    if token.isdigit() and int(token) <= 7:
        return int(token)
    if token.lower() in _DAY_NAMES:
        return _DAY_NAMES.index(token.lower())
    raise ValueError(f"unknown weekday {token[:20]!r}")


def _standard_weekdays(field: str) -> str:
    """Standard cron weekdays (0 or 7 = Sunday, ranges, steps) as the list of day names
    APScheduler reads right.

    APScheduler counts from Monday and ignores a step on a named range, so ``*/2``,
    ``1-5/2`` or ``0-2`` cannot be handed over as written: each item is expanded here.
    """
    return ",".join(_DAY_NAMES[day] for day in sorted(weekday_numbers(field)))


def weekday_numbers(field: str) -> set[int]:
    """The days a standard cron weekday field names, 0 (Sunday) to 6 (Saturday);
    ``ValueError`` for one it cannot read."""
    days: set[int] = set()
    for item in field.split(","):
        base, slash, step_text = item.partition("/")
        step = int(step_text) if slash and step_text.isdigit() else 0 if slash else 1
        if step < 1:
            raise ValueError(f"bad step in {item[:20]!r}")
        if base in ("*", "?"):
            first, last = 0, 6
        elif "-" in base:
            low, _, high = base.partition("-")
            first, last = _weekday(low), _weekday(high)
            if last == 0 < first:
                last = 7  # « sat-sun », « ven-dim »: the week's end, Sunday counted as 7
        else:
            first = _weekday(base)
            last = 6 if slash else first  # "1/3": from Monday to the week's end
        if first > last:
            raise ValueError(f"range {base[:20]!r} runs backwards")
        days.update(day % 7 for day in range(first, last + 1, step))
    return days


_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LONGEST_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ITEM = re.compile(r"(?:\*|(?P<first>[0-9]+)(?:-(?P<last>[0-9]+))?)(?:/(?P<step>[0-9]+))?")
"""An item of a minute, hour, day or month field as APScheduler reads it whole."""
_NAME = re.compile(r"[a-z]+", re.IGNORECASE)


def _numbered_months(field: str) -> str:
    """A month field's English names as their numbers (``jan-dec/3`` is ``1-12/3``):
    APScheduler reads a name and drops whatever follows it, a step included."""
    return _NAME.sub(
        lambda name: (
            str(_MONTH_NAMES.index(name.group().lower()) + 1)
            if name.group().lower() in _MONTH_NAMES
            else name.group()
        ),
        field,
    )


def _items(field: str, name: str) -> list[re.Match[str] | None]:
    """Each item of a field, matched whole (``None`` for ``last``, the day field's last
    day of the month); anything else is refused: APScheduler would read a part of it."""
    matched: list[re.Match[str] | None] = []
    for item in field.split(","):
        found = _ITEM.fullmatch(item)
        if found is None and not (name == "day" and item.lower() == "last"):
            raise ScheduleError("cron_invalid", f"{name} {item[:20]!r}")
        matched.append(found)
    return matched


def _values(items: list[re.Match[str] | None], low: int, high: int) -> set[int]:
    """The values items name, as APScheduler counts them (``5/10``: from 5 to the end)."""
    values: set[int] = set()
    for item in items:
        if item is None:
            continue
        step = int(item["step"] or 1)
        first = int(item["first"]) if item["first"] else low
        last = (
            int(item["last"])
            if item["last"]
            else first
            if item["first"] and not item["step"]
            else high
        )
        values.update(range(first, last + 1, max(step, 1)))
    return values


def _ever_fires(day: str, month: str) -> bool:
    """Whether some month the cron names has one of its days: a date that exists falls on
    every weekday in some year, and hours and minutes exist every day. Asked of
    APScheduler, a date that never comes (« 31 2,4,6,9,11 ») was searched for up to the
    year 9999: a second of the event loop."""
    days = _items(day, "day")
    if any(item is None for item in days):
        return True  # « last »: every month has one
    first_day = min(_values(days, 1, 31), default=32)
    return any(first_day <= _LONGEST_MONTH[m - 1] for m in _values(_items(month, "month"), 1, 12))


def parse_cron(expression: str) -> CronTrigger:
    """A trigger on naive wall-clock time (UTC stands in for "local")."""
    fields = expression.split()
    if len(fields) != 5:
        raise ScheduleError("cron_fields", f"{len(fields)} fields")
    minute, hour, day, month, weekday = fields
    month = _numbered_months(month)
    for field, name in ((minute, "minute"), (hour, "hour"), (day, "day"), (month, "month")):
        _items(field, name)
    try:
        return CronTrigger(
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=_standard_weekdays(weekday),
            timezone=UTC,
        )
    except (ValueError, TypeError, KeyError) as error:
        raise ScheduleError("cron_invalid", str(error)[:200]) from None


def _fields_read(expression: str) -> tuple[frozenset[int], ...] | None:
    """What each field of an expression names, as numbers (``mon`` and ``1``, ``00`` and
    ``0``, ``jan`` and ``1`` alike; ``last`` as 0); ``None`` for one that cannot be read."""
    fields = _plain(expression).split()
    if len(fields) != 5:
        return None
    minute, hour, day, month, weekday = fields
    try:
        days = _items(day, "day")
        return (
            frozenset(_values(_items(minute, "minute"), 0, 59)),
            frozenset(_values(_items(hour, "hour"), 0, 23)),
            frozenset(_values(days, 1, 31) | ({0} if None in days else set())),
            frozenset(_values(_items(_numbered_months(month), "month"), 1, 12)),
            frozenset(weekday_numbers(_english_weekdays(weekday))),
        )
    except (ScheduleError, ValueError):
        return None


def same_slots(one: str, other: str) -> bool:
    """Whether two expressions name the same slots however typed: ``0 18 * * 1`` and
    ``0 18 * * mon`` (or ``lun``, extra spaces): each field compared by what it names, as
    APScheduler reads it (a slot matches every field). A change of spelling is no change
    of schedule: a slot due or waiting for its retry is still owed."""
    if " ".join(one.split()) == " ".join(other.split()):
        return True
    read = _fields_read(one)
    return read is not None and read == _fields_read(other)


MAX_CRON = 100
"""The longest expression a server's settings hold (``guilds.cron``: PostgreSQL refuses
a longer one, where SQLite would keep it)."""


def _plain(expression: str) -> str:
    """Full-width characters (« ０ １８ ＊ ＊ ＊ ») as their ASCII forms (NFKC), and any other
    script's digits as ASCII ones: read alike, they are stored alike."""
    folded = unicodedata.normalize("NFKC", expression)
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in folded)


def _english_weekdays(field: str) -> str:
    """A weekday field with French day names (lundi or lun …, in any case, a stray accent
    aside) as the English ones cron reads; the month field keeps its names (« mar » is
    Tuesday in French, March in English)."""
    return _WORD.sub(lambda word: _FRENCH_DAYS.get(_folded(word.group()), word.group()), field)


def normalize_cron(expression: str) -> str:
    """The expression as stored: single spaces, ASCII (see :func:`_plain`), French day
    names in English; after checking it fits, parses and ever fires."""
    fields = _plain(expression).split()
    if len(fields) == 5:
        fields[4] = _english_weekdays(fields[4])
    normalized = " ".join(fields)
    if len(normalized) > MAX_CRON:
        raise ScheduleError("cron_too_long")
    trigger = parse_cron(normalized)
    _, _, day, month, _ = normalized.split()
    if not _ever_fires(day, _numbered_months(month)):
        raise ScheduleError("cron_never")
    if trigger.get_next_fire_time(None, datetime(2000, 1, 1, tzinfo=UTC)) is None:
        raise ScheduleError("cron_never")  # a second opinion: quick, since a date comes
    return normalized


@cache
def _zones_by_folded_name() -> dict[str, str]:
    # "localtime" is this machine's own zone, not a name that means the same anywhere
    return {_folded(name): name for name in available_timezones() if name != "localtime"}


@cache
def _zone_objects() -> dict[str, ZoneInfo]:
    """Every zone, held: ``ZoneInfo`` keeps only a few, and reading them all again from
    disk for each offset typed in the autocomplete took 80 ms of the event loop."""
    return {name: ZoneInfo(name) for name in _zones_by_folded_name().values()}


def _folded(name: str) -> str:
    """A zone's name as typed and as IANA writes it, compared: case, accents, and a space
    for IANA's underscore left aside (« são paulo » is ``Sao_Paulo``)."""
    parts = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in parts if not unicodedata.combining(c)).replace(" ", "_")


def canonical_zone(name: str) -> str:
    """The IANA name ``name`` stands for, spelled as IANA does (``europe/paris`` is
    ``Europe/Paris``); files of the zone folder that are not zones (``localtime``,
    ``posix/…``, ``right/…``) are refused."""
    found = _zones_by_folded_name().get(_folded(name)) if name == name.strip() else None
    if found is None:
        raise ScheduleError("timezone", name[:64])
    return found


def zone(name: str) -> ZoneInfo:
    """The zone of a stored name: names kept by earlier versions (``posix/…``) still read."""
    try:
        if not name or name != name.strip() or ".." in name:
            raise ValueError(name)
        return ZoneInfo(_zones_by_folded_name().get(_folded(name), name))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ScheduleError("timezone", name[:64]) from None


def zone_or_utc(name: str) -> tuple[ZoneInfo, str]:
    """The zone of a stored name and that name; UTC and "UTC" when it is unusable (a
    zone a later tzdata dropped: ``/schedule show`` tells staff, the rest still shows)."""
    try:
        return zone(name), name
    except ScheduleError:
        return ZoneInfo("UTC"), "UTC"


def _local_to_utc(wall: datetime, tz: ZoneInfo) -> datetime:
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC)


def iter_slots(cron: str, timezone: str, after: datetime) -> Iterator[datetime]:
    """UTC instants of the cron's wall-clock matches, strictly after ``after``, each once:
    two matches that fall on one instant (02:30 and 03:30 on a spring-forward night) are
    one slot, claimed once, so they are given once."""
    trigger = parse_cron(cron)
    tz = zone(timezone)
    # Start a little before ``after`` on the wall clock: around a DST change the
    # wall clock and the instant order can differ by the size of the change.
    wall = after.astimezone(tz).replace(tzinfo=None) - timedelta(hours=3)
    previous: datetime | None = None
    cursor = wall.replace(tzinfo=UTC)
    given: set[datetime] = set()  # the last few hours' instants: a DST change is shorter
    while True:
        fire = trigger.get_next_fire_time(previous, cursor)
        if fire is None:
            return
        previous = fire
        cursor = fire + timedelta(microseconds=1)
        instant = _local_to_utc(fire.replace(tzinfo=None), tz)
        if instant > after and instant not in given:
            given = {i for i in given if i > instant - timedelta(hours=3)} | {instant}
            yield instant


def next_slots(cron: str, timezone: str, after: datetime, count: int = 3) -> list[datetime]:
    slots = []
    for slot in iter_slots(cron, timezone, after):
        slots.append(slot)
        if len(slots) == count:
            break
    return slots


def latest_due(cron: str, timezone: str, after: datetime, now: datetime) -> datetime | None:
    """The newest slot in ``(after, now]``: missed slots collapse into one."""
    latest = None
    for slot in iter_slots(cron, timezone, after):
        if slot > now:
            break
        latest = slot
    return latest


_COMMON_ZONES = (
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Zurich",
    "America/Montreal",
    "America/New_York",
    "Europe/London",
    "UTC",
)
_OFFSET = re.compile(r"(?:utc|gmt)?([+\-\u2212])(\d{1,2})(?::?(\d{2}))?")
"""An offset as people type it: « UTC+1 », « GMT+01:00 », « +0530 », « UTC−5 »."""


def timezone_suggestions(current: str, now: datetime, limit: int = 25) -> list[str]:
    """IANA zones containing ``current`` (case-insensitive), common ones first; for an
    offset typed (« GMT+1 »), the zones at that offset ``now``: POSIX signs the ``Etc``
    zones the other way round, and « Etc/GMT+1 », the one whose name contained « GMT+1 »,
    is an hour behind UTC."""
    needle = _folded(" ".join(current.split()))
    everything = sorted(_zones_by_folded_name().values())
    ordered = list(_COMMON_ZONES) + [z for z in everything if z not in _COMMON_ZONES]
    offset = _OFFSET.fullmatch(needle.replace(" ", "").replace("_", ""))
    if offset is not None:
        sign = 1 if offset[1] == "+" else -1
        wanted = sign * timedelta(hours=int(offset[2]), minutes=int(offset[3] or 0))
        zones = _zone_objects()
        return [z for z in ordered if now.astimezone(zones[z]).utcoffset() == wanted][:limit]
    return [z for z in ordered if needle in _folded(z)][:limit]


def typed_offset(text: str) -> timedelta | None:
    """The offset ``text`` names when it is one (« UTC+2 », « GMT−05:00 », « +0530 »), not a
    zone: what the moderator meant, to tell her how to pick her place's zone instead."""
    found = _OFFSET.fullmatch(_folded(" ".join(text.split())).replace("_", ""))
    if found is None or int(found[2]) > 14 or int(found[3] or 0) > 59:
        return None
    sign = 1 if found[1] == "+" else -1
    return sign * timedelta(hours=int(found[2]), minutes=int(found[3] or 0))


def fixed_zone(offset: timedelta) -> str | None:
    """The zone that keeps ``offset`` all year, where one exists (whole hours, UTC−12 to
    UTC+14), in POSIX's inverted sign: UTC+2 is ``Etc/GMT-2``."""
    minutes = int(offset.total_seconds()) // 60
    if minutes % 60 or not -12 * 60 <= minutes <= 14 * 60:
        return None
    return "Etc/GMT" if minutes == 0 else f"Etc/GMT{-minutes // 60:+d}"


_FIXED_NAMES = frozenset(
    {"EST", "MST", "HST", "UTC", "UCT", "GMT", "GMT0", "GMT+0", "GMT-0"}
    | {"Greenwich", "Universal", "Zulu"}
)
"""Zones named for an offset, not a place: they never change for summer time. Those
written like ``EST5EDT`` do change, and are not among them."""


def never_changes_for_summer(name: str) -> bool:
    """Whether ``name`` is a fixed-offset zone (``EST``, ``Etc/GMT-1``, ``UTC`` …): a
    community that lives by a place's clock sees its posts move by an hour twice a year."""
    if name not in _FIXED_NAMES and not name.startswith("Etc/"):
        return False
    try:
        tz = zone(name)
    except ScheduleError:
        return False
    january, july = (datetime(2026, month, 15, tzinfo=UTC) for month in (1, 7))
    return january.astimezone(tz).utcoffset() == july.astimezone(tz).utcoffset()


def utc_offset(name: str, when: datetime) -> str:
    """A zone's offset at ``when``, as « UTC+01:00 » or « UTC−05:00 » (a true minus sign)."""
    total = int((when.astimezone(zone(name)).utcoffset() or timedelta(0)).total_seconds()) // 60
    sign = "+" if total >= 0 else "\u2212"
    return f"UTC{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"
