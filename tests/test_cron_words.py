"""The schedule in words: what a moderator new to cron reads in ``/schedule show``,
``/setup`` and ``/help``, in French and English, and the cron itself when a sentence
would not say it well."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.cron import ScheduleError, iter_slots, next_slots, normalize_cron
from bot.cron_words import Rhythm, describe, rhythm, sentence

SAID = [
    ("0 18 * * mon", "Le lundi à 18\u00a0h", "Mondays at 18:00"),
    ("0 18 * * 1", "Le lundi à 18\u00a0h", "Mondays at 18:00"),
    ("0  18 *  * MON", "Le lundi à 18\u00a0h", "Mondays at 18:00"),
    ("0 18 * * 0", "Le dimanche à 18\u00a0h", "Sundays at 18:00"),
    ("0 18 * * 7", "Le dimanche à 18\u00a0h", "Sundays at 18:00"),
    ("0 18 * * 0,7", "Le dimanche à 18\u00a0h", "Sundays at 18:00"),
    ("0 18 * * *", "Tous les jours à 18\u00a0h", "Every day at 18:00"),
    ("0 18 * * 0-6", "Tous les jours à 18\u00a0h", "Every day at 18:00"),
    ("0 18 * * 1-7", "Tous les jours à 18\u00a0h", "Every day at 18:00"),
    ("0 18 1-31 * *", "Tous les jours à 18\u00a0h", "Every day at 18:00"),
    ("0 18 * * 1-5", "Du lundi au vendredi à 18\u00a0h", "Weekdays at 18:00"),
    ("0 18 * * mon-fri", "Du lundi au vendredi à 18\u00a0h", "Weekdays at 18:00"),
    ("0 18 * * 6,0", "Le week-end à 18\u00a0h", "Weekends at 18:00"),
    ("0 18 * * 6-7", "Le week-end à 18\u00a0h", "Weekends at 18:00"),
    ("0 18 * * 2-4", "Du mardi au jeudi à 18\u00a0h", "Tuesday to Thursday at 18:00"),
    (
        "0 18 * * 1,3,5",
        "Les lundis, mercredis et vendredis à 18\u00a0h",
        "Mondays, Wednesdays and Fridays at 18:00",
    ),
    (
        "0 18 * * 1-5/2",
        "Les lundis, mercredis et vendredis à 18\u00a0h",
        "Mondays, Wednesdays and Fridays at 18:00",
    ),
    (
        "0 18 * * */2",  # standard cron: 0,2,4,6, Sunday last in the week a reader knows
        "Les mardis, jeudis, samedis et dimanches à 18\u00a0h",
        "Tuesdays, Thursdays, Saturdays and Sundays at 18:00",
    ),
    ("0 18 * * 0-1", "Les lundis et dimanches à 18\u00a0h", "Mondays and Sundays at 18:00"),
    ("30 9 * * *", "Tous les jours à 9\u00a0h\u00a030", "Every day at 09:30"),
    ("5 0 * * *", "Tous les jours à 0\u00a0h\u00a005", "Every day at 00:05"),
    ("0 9,18 * * *", "Tous les jours à 9\u00a0h et 18\u00a0h", "Every day at 09:00 and 18:00"),
    (
        "0,30 12 * * *",
        "Tous les jours à 12\u00a0h et 12\u00a0h\u00a030",
        "Every day at 12:00 and 12:30",
    ),
    (
        "0 */8 * * *",
        "Tous les jours à 0\u00a0h, 8\u00a0h et 16\u00a0h",
        "Every day at 00:00, 08:00 and 16:00",
    ),
    ("0 18 1 * *", "Le 1er du mois à 18\u00a0h", "On the 1st of the month at 18:00"),
    (
        "0 18 1,15 * *",
        "Le 1er et le 15 du mois à 18\u00a0h",
        "On the 1st and the 15th of the month at 18:00",
    ),
    (
        "0 18 2,3,22 * *",
        "Le 2, le 3 et le 22 du mois à 18\u00a0h",
        "On the 2nd, the 3rd and the 22nd of the month at 18:00",
    ),
    (
        "0 18 1-7 * *",
        "Du 1er au 7 du mois à 18\u00a0h",
        "From the 1st to the 7th of the month at 18:00",
    ),
    (
        "0 18 1-7 * 1",  # both must match: the first Monday of the month
        "Le lundi à 18\u00a0h, seulement du 1er au 7 du mois",
        "Mondays at 18:00, only from the 1st to the 7th of the month",
    ),
    (
        "0 18 13 * fri",
        "Le vendredi à 18\u00a0h, seulement le 13 du mois",
        "Fridays at 18:00, only on the 13th of the month",
    ),
    (
        "0 18 1 1,7 *",
        "Le 1er du mois à 18\u00a0h, en janvier et juillet",
        "On the 1st of the month at 18:00, in January and July",
    ),
    (
        "0 18 * jan-mar *",
        "Tous les jours à 18\u00a0h, de janvier à mars",
        "Every day at 18:00, from January to March",
    ),
    (
        "0 18 * 4-8 1",
        "Le lundi à 18\u00a0h, d’avril à août",
        "Mondays at 18:00, from April to August",
    ),
    (
        "0 18 * */3 1",
        "Le lundi à 18\u00a0h, en janvier, avril, juillet et octobre",
        "Mondays at 18:00, in January, April, July and October",
    ),
    (
        "0 18 31 12 *",
        "Le 31 du mois à 18\u00a0h, en décembre",
        "On the 31st of the month at 18:00, in December",
    ),
]


@pytest.mark.parametrize(("cron", "french", "english"), SAID)
def test_a_cron_is_said_in_words(cron: str, french: str, english: str) -> None:
    assert sentence(cron, "fr") == french
    assert sentence(cron, "en") == english
    assert describe(cron, "Europe/Paris", "fr") == f"{french} (Europe/Paris)"
    assert describe(cron, "Europe/Paris", "en") == f"{english} (Europe/Paris)"


@pytest.mark.parametrize(
    "cron",
    [
        "*/5 * * * *",  # many minutes
        "0 * * * *",  # every hour
        "0 */2 * * *",  # a step on hours: twelve times a day
        "0 */6 * * *",  # four times a day
        "0,15,30,45 18 * * *",
        "0 18 */2 * *",  # every other day of the month: sixteen scattered days
        "0 18 1,5,9,13 * *",
        "0 18 * 1,3,5,7,9 *",
        "0 18 last * *",  # APScheduler's last day of the month
    ],
)
def test_a_shape_too_complex_is_shown_as_the_cron(cron: str) -> None:
    assert sentence(cron, "fr") is None and sentence(cron, "en") is None
    for lang in ("fr", "en"):
        assert describe(cron, "UTC", lang) == f"`{cron}` (UTC)"


@pytest.mark.parametrize("cron", ["", "0 18 * *", "61 * * * *", "0 0 30 2 *", "0 18 * * x`y"])
def test_an_unusable_cron_is_shown_as_it_is_never_said(cron: str) -> None:
    """A stored cron a later version cannot read any more: shown, not explained."""
    assert sentence(cron, "fr") is None
    shown = describe(cron, "UTC", "en")
    assert shown.startswith("`") and shown.count("`") == 2


# ---------------------------------------------------------------------------------------
# Property: the words say exactly when the bot posts, or the cron is shown.

NUMBER = {0: (0, 59), 1: (0, 23), 2: (1, 31), 3: (1, 12), 4: (0, 7)}
NAMES = {
    3: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
    4: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
}


@st.composite
def _item(draw: st.DrawFn, index: int) -> str:
    low, high = NUMBER[index]
    # Values near the ends of each field, where off-by-one errors live
    value = st.one_of(st.integers(low, high), st.sampled_from([low, low + 1, high - 1, high]))
    shape = draw(st.sampled_from(["n", "*", "*/s", "a-b", "a-b/s", "a/s", "name", "names"]))
    step = draw(st.integers(1, 13))
    a, b = sorted((draw(value), draw(value)))
    if shape == "n":
        return str(draw(value))
    if shape == "*":
        return "*"
    if shape == "*/s":
        return f"*/{step}"
    if shape == "a-b":
        return f"{a}-{b}"
    if shape == "a-b/s":
        return f"{a}-{b}/{step}"
    if shape == "a/s":
        return f"{a}/{step}"
    names = NAMES.get(index)
    if not names:
        return str(draw(value))
    first, last = sorted(
        (draw(st.integers(0, len(names) - 1)), draw(st.integers(0, len(names) - 1)))
    )
    return names[first] if shape == "name" else f"{names[first]}-{names[last]}"


@st.composite
def _cron(draw: st.DrawFn) -> str:
    fields = []
    for index in range(5):
        # Mostly the simple shapes a moderator writes, so that sentences are checked too
        simple = draw(st.booleans())
        if simple and index in (0, 1):
            fields.append(str(draw(st.integers(*NUMBER[index]))))
        elif simple:
            fields.append("*")
        else:
            count = draw(st.integers(1, 3))
            fields.append(",".join(draw(_item(index)) for _ in range(count)))
    return " ".join(fields)


def _said_slots(found: Rhythm, tz: ZoneInfo, after: datetime, until: datetime) -> list[datetime]:
    """The instants the words describe, found from the words' model alone: each matching
    wall-clock time, converted as the server's clock reads it (the first of a repeated
    hour; a missing one at the offset before the change), each instant once."""
    instants: set[datetime] = set()
    day = after.astimezone(tz).date() - timedelta(days=1)
    last: date = until.astimezone(tz).date() + timedelta(days=1)
    while day <= last:
        weekday = (day.weekday() + 1) % 7
        if (
            (found.months is None or day.month in found.months)
            and (found.days is None or day.day in found.days)
            and (found.weekdays is None or weekday in found.weekdays)
        ):
            for hour, minute in found.times:
                wall = datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz, fold=0)
                instants.add(wall.astimezone(UTC))
        day += timedelta(days=1)
    return sorted(i for i in instants if after < i <= until)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    cron=_cron(),
    zone=st.sampled_from(["UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe"]),
    after=st.datetimes(datetime(2025, 1, 1), datetime(2028, 12, 31)).map(
        lambda d: d.replace(tzinfo=UTC)
    ),
)
def test_the_words_say_when_the_bot_posts_or_the_cron_is_shown(
    cron: str, zone: str, after: datetime
) -> None:
    try:
        normalize_cron(cron)
    except ScheduleError:
        assume(False)
    for lang in ("fr", "en"):
        shown = describe(cron, zone, lang)
        said = sentence(cron, lang)
        assert shown.endswith(f" ({zone})")
        assert (said is None) == shown.startswith("`")
    found = rhythm(cron)
    if found is None or sentence(cron, "en") is None:
        return
    # The next couple of weeks, and at least the next dozen posts however rare they are
    coming = next_slots(cron, zone, after, 12)
    until = max([after + timedelta(days=15), *coming])
    slots = list(itertools.takewhile(lambda slot: slot <= until, iter_slots(cron, zone, after)))
    assert _said_slots(found, ZoneInfo(zone), after, until) == slots


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60), lang=st.sampled_from(["fr", "en", "de"]))
def test_anything_stored_is_shown_without_raising(text: str, lang: str) -> None:
    assert describe(text, "Europe/Paris", lang)
