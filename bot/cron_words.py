"""A server's schedule in words: "Le lundi à 18 h (Europe/Paris)", "Mondays at 18:00".

The cron is read as :mod:`bot.cron` reads it (its normalisation, weekdays 0 or 7 =
Sunday, ranges, lists, steps, a day of the month and a weekday both given must both
match) into a :class:`Rhythm`: the wall-clock times, weekdays, days of the month and
months it fires on. A shape that does not read well in a sentence (many times a day,
many scattered days, ``last``) has no rhythm: it is shown as the cron itself, in code,
never as a sentence that would be wrong. Pure: no Discord, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.cron import ScheduleError, normalize_cron, weekday_numbers
from bot.i18n import t

MAX_TIMES = 3
"""Times a day said in words ("à 9 h, 13 h et 18 h"); more is shown as the cron."""
MAX_LISTED = 4
"""Days of the month or months listed one by one when they are not one run."""

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ITEM = re.compile(r"(?:\*|(?P<first>\d+)(?:-(?P<last>\d+))?)(?:/(?P<step>\d+))?")
_WEEK = (1, 2, 3, 4, 5, 6, 0)
"""Weekdays in the order a reader expects them, Monday first (0 is Sunday)."""


@dataclass(frozen=True, slots=True)
class Rhythm:
    """When a cron fires, on the wall clock: every field that names all its values is
    ``None``. A day fires when its month, day of the month and weekday all match."""

    times: tuple[tuple[int, int], ...]
    """(hour, minute), in order."""
    weekdays: frozenset[int] | None
    """0 (Sunday) to 6 (Saturday)."""
    days: tuple[int, ...] | None
    """Days of the month, 1 to 31."""
    months: tuple[int, ...] | None
    """1 (January) to 12."""


def _values(field: str, low: int, high: int, names: tuple[str, ...] = ()) -> set[int] | None:
    """The values a minute, hour, day or month field names, as APScheduler reads it;
    ``None`` for what this reader does not know (``last``, a name with a step …)."""
    found: set[int] = set()
    for item in field.lower().split(","):
        if names:
            head, _, tail = item.partition("-")
            if head in names and (not tail or tail in names):
                start = names.index(head) + low
                stop = names.index(tail) + low if tail else start
                if start > stop:
                    return None
                found.update(range(start, stop + 1))
                continue
        match = _ITEM.fullmatch(item)
        if match is None:
            return None
        step = int(match["step"]) if match["step"] else 1
        first = int(match["first"]) if match["first"] else low
        if match["last"]:
            last_value = int(match["last"])
        else:
            last_value = high if match["step"] or not match["first"] else first
        if step < 1 or first < low or last_value > high or first > last_value:
            return None
        found.update(range(first, last_value + 1, step))
    return found or None


def rhythm(cron: str) -> Rhythm | None:
    """What the cron says, or ``None`` when it is not usable or too complex to say well."""
    try:
        fields = normalize_cron(cron).split()
        weekdays = weekday_numbers(fields[4])
    except (ScheduleError, ValueError):
        return None
    minutes = _values(fields[0], 0, 59)
    hours = _values(fields[1], 0, 23)
    days = _values(fields[2], 1, 31)
    months = _values(fields[3], 1, 12, _MONTH_NAMES)
    if minutes is None or hours is None or days is None or months is None:
        return None
    if len(minutes) * len(hours) > MAX_TIMES:
        return None
    times = tuple(sorted((h, m) for h in hours for m in minutes))
    return Rhythm(
        times,
        None if len(weekdays) == 7 else frozenset(weekdays),
        None if len(days) == 31 else tuple(sorted(days)),
        None if len(months) == 12 else tuple(sorted(months)),
    )


def describe(cron: str, timezone: str, lang: str) -> str:
    """The schedule as a sentence with its time zone, or the cron itself in code."""
    said = sentence(cron, lang)
    if said is None:
        return t("cron-as-code", lang, cron=_code(cron), timezone=timezone)
    return t("cron-in-zone", lang, schedule=said, timezone=timezone)


def sentence(cron: str, lang: str, *, start: bool = True) -> str | None:
    """The schedule in words ("Le lundi à 18 h", "Mondays at 18:00"), ``None`` when
    they would not say it well; ``start``: it begins a sentence (else "le lundi à 18 h",
    inside one)."""
    found = rhythm(cron)
    if found is None:
        return None
    weekdays = _weekdays_phrase(found.weekdays, lang)
    monthdays = _monthdays_phrase(found.days, lang) if found.days is not None else None
    months = _months_phrase(found.months, lang) if found.months is not None else None
    if (found.days is not None and monthdays is None) or (
        found.months is not None and months is None
    ):
        return None
    times = _join([_time(h, m, lang) for h, m in found.times], lang)
    when = weekdays or monthdays or t("cron-every-day", lang)
    said = t("cron-at", lang, when=when, times=times)
    if weekdays is not None and monthdays is not None:
        said = t("cron-only-monthdays", lang, schedule=said, monthdays=monthdays)
    if months is not None:
        said = t("cron-in-months", lang, schedule=said, months=months)
    return said[:1].upper() + said[1:] if start else said


def _weekdays_phrase(weekdays: frozenset[int] | None, lang: str) -> str | None:
    if weekdays is None:
        return None
    ordered = [d for d in _WEEK if d in weekdays]
    if weekdays == {1, 2, 3, 4, 5}:
        return t("cron-weekdays-work", lang)
    if weekdays == {6, 0}:
        return t("cron-weekend", lang)
    if len(ordered) == 1:
        return t("cron-weekday-one", lang, day=t(f"cron-day-{ordered[0]}", lang))
    if len(ordered) >= 3 and _run([_WEEK.index(d) for d in ordered]):
        return t(
            "cron-weekday-range",
            lang,
            first=t(f"cron-day-{ordered[0]}", lang),
            last=t(f"cron-day-{ordered[-1]}", lang),
        )
    return t(
        "cron-weekday-list", lang, days=_join([t(f"cron-days-{d}", lang) for d in ordered], lang)
    )


def _monthdays_phrase(days: tuple[int, ...], lang: str) -> str | None:
    if len(days) <= MAX_LISTED - 1:
        listed = _join([t("cron-monthday-item", lang, day=_nth(d, lang)) for d in days], lang)
        return t("cron-monthday-list", lang, days=listed)
    if _run(list(days)):
        return t("cron-monthday-range", lang, first=_nth(days[0], lang), last=_nth(days[-1], lang))
    return None


def _months_phrase(months: tuple[int, ...] | None, lang: str) -> str | None:
    if months is None:
        return None
    if len(months) >= 3 and _run(list(months)):
        return t(
            "cron-month-range",
            lang,
            first=t(f"cron-month-from-{months[0]}", lang),
            last=t(f"cron-month-{months[-1]}", lang),
        )
    if len(months) <= MAX_LISTED:
        return t(
            "cron-month-list",
            lang,
            months=_join([t(f"cron-month-{m}", lang) for m in months], lang),
        )
    return None


def _time(hour: int, minute: int, lang: str) -> str:
    return t("cron-time", lang, hour=hour, minute=minute)


def _nth(day: int, lang: str) -> str:
    return t("cron-monthday", lang, day=day)


def _run(values: list[int]) -> bool:
    return values == list(range(values[0], values[0] + len(values)))


def _join(items: list[str], lang: str) -> str:
    if len(items) == 1:
        return items[0]
    return t("cron-list-and", lang, head=", ".join(items[:-1]), last=items[-1])


def _code(cron: str) -> str:
    """The cron in inline code (a stored one may hold anything: backticks are dropped)."""
    return "`{}`".format(" ".join(cron.replace("`", "").split())[:100])
