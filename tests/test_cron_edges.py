"""Cron slots at the edges: standard weekday numbers, Feb 29, the 31st of short
months, DST gaps and overlaps of half an hour (Lord Howe) or at midnight (Santiago),
and time zone names as people type them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cron import ScheduleError, canonical_zone, next_slots, normalize_cron

SAT_5_DEC = datetime(2026, 12, 5, tzinfo=UTC)


def _days(cron: str, count: int = 7) -> list[str]:
    return [slot.strftime("%a") for slot in next_slots(cron, "UTC", SAT_5_DEC, count)]


@pytest.mark.parametrize(
    ("weekdays", "expected"),
    [
        ("*/2", ["Sun", "Tue", "Thu", "Sat"]),  # standard cron: 0,2,4,6
        ("1-5/2", ["Mon", "Wed", "Fri"]),
        ("0-2", ["Sun", "Mon", "Tue"]),
        ("0-6/2", ["Sun", "Tue", "Thu", "Sat"]),
        ("5-7", ["Fri", "Sat", "Sun"]),
        ("7", ["Sun"]),
        ("0,7", ["Sun"]),
        ("1/3", ["Mon", "Thu"]),
        ("MON-FRI", ["Mon", "Tue", "Wed", "Thu", "Fri"]),
        ("sun,Wed", ["Sun", "Wed"]),
        ("*", ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]),
        ("sat-sun", ["Sat", "Sun"]),  # Sunday ending a range is the week's end (7)
        ("fri-0", ["Fri", "Sat", "Sun"]),
    ],
)
def test_weekdays_mean_what_standard_cron_means(weekdays: str, expected: list[str]) -> None:
    cron = f"0 18 * * {weekdays}"
    assert normalize_cron(cron) == cron
    assert sorted(set(_days(cron, 14)), key=expected.index) == expected


@pytest.mark.parametrize("weekdays", ["8", "3-1", "*/0", "mon-", "1/x", "funday"])
def test_weekdays_that_mean_nothing_are_refused(weekdays: str) -> None:
    with pytest.raises(ScheduleError) as refused:
        normalize_cron(f"0 18 * * {weekdays}")
    assert refused.value.code == "cron_invalid"


FRENCH_DAYS = {
    0: ("dimanche", "dim"),
    1: ("lundi", "lun"),
    2: ("mardi", "mar"),
    3: ("mercredi", "mer"),
    4: ("jeudi", "jeu"),
    5: ("vendredi", "ven"),
    6: ("samedi", "sam"),
}


@pytest.mark.parametrize(
    ("weekdays", "stored"),
    [
        ("lun-ven", "mon-fri"),
        ("LUNDI-Vendredi", "mon-fri"),
        ("sam,dim", "sat,sun"),
        ("sam-dim", "sat-sun"),
        ("mar,jeu,Sam", "tue,thu,sat"),
        ("lun-ven/2", "mon-fri/2"),
        ("Mércredi", "wed"),  # a stray accent
        ("lun,3,FRI", "mon,3,FRI"),  # French, numbers and English together
    ],
)
def test_french_day_names_are_stored_as_english_ones(weekdays: str, stored: str) -> None:
    assert normalize_cron(f"0 18 * * {weekdays}") == f"0 18 * * {stored}"


@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.booleans(), st.booleans()),
        min_size=1,
        max_size=7,
    )
)
def test_french_days_fire_on_the_days_their_numbers_name(
    picked: list[tuple[int, bool, bool]],
) -> None:
    french = ",".join(
        FRENCH_DAYS[day][short].upper() if upper else FRENCH_DAYS[day][short]
        for day, short, upper in picked
    )
    numbers = ",".join(str(day) for day, _, _ in picked)
    assert _days(normalize_cron(f"0 18 * * {french}"), 14) == _days(f"0 18 * * {numbers}", 14)


@pytest.mark.parametrize("weekdays", ["lu", "lundis", "ven-", "lun-", "lun/0"])
def test_french_day_names_that_mean_nothing_are_refused(weekdays: str) -> None:
    with pytest.raises(ScheduleError) as refused:
        normalize_cron(f"0 18 * * {weekdays}")
    assert refused.value.code == "cron_invalid"


def test_the_month_field_keeps_its_english_names() -> None:
    """« mar » is Tuesday in French and March in English: months are not translated."""
    assert normalize_cron("0 18 * mar *") == "0 18 * mar *"
    with pytest.raises(ScheduleError):
        normalize_cron("0 18 * lun *")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("０ １８ * * *", "0 18 * * *"),
        ("０\u3000１８\u3000＊\u3000＊\u3000１－５", "0 18 * * 1-5"),  # an ideographic space
        ("0 18 * * ｌｕｎ，ｍｅｒ", "0 18 * * mon,wed"),
    ],
)
def test_full_width_characters_are_stored_as_plain_ones(typed: str, stored: str) -> None:
    assert normalize_cron(typed) == stored


def test_feb_29_fires_on_leap_years_only() -> None:
    slots = next_slots("0 18 29 2 *", "Europe/Paris", SAT_5_DEC)
    assert [s.year for s in slots] == [2028, 2032, 2036]
    assert all((s.month, s.day, s.hour) == (2, 29, 17) for s in slots)


def test_the_31st_skips_short_months() -> None:
    slots = next_slots("0 9 31 * *", "UTC", SAT_5_DEC, 4)
    assert [(s.year, s.month) for s in slots] == [(2026, 12), (2027, 1), (2027, 3), (2027, 5)]


@pytest.mark.parametrize("cron", ["0 0 30 2 *", "0 0 31 4,6,9,11 *"])
def test_a_date_that_never_comes_is_refused(cron: str) -> None:
    with pytest.raises(ScheduleError) as refused:
        normalize_cron(cron)
    assert refused.value.code == "cron_never"


def test_every_minute_gives_every_minute() -> None:
    slots = next_slots("* * * * *", "UTC", datetime(2026, 12, 5, 23, 59, 30, tzinfo=UTC))
    assert [s.minute for s in slots] == [0, 1, 2] and slots[0].day == 6


def test_lord_howe_half_hour_gap_and_overlap() -> None:
    # 4 Oct 2026 02:00 -> 02:30 (+10:30 -> +11): 02:15 does not exist that night
    spring = next_slots("15 2 * * *", "Australia/Lord_Howe", datetime(2026, 10, 3, tzinfo=UTC))
    assert [s.strftime("%d %H:%M") for s in spring] == ["03 15:45", "04 15:15", "05 15:15"]
    # 5 Apr 2026 02:00 -> 01:30: 01:45 happens twice, posted once (the first)
    autumn = next_slots("45 1 * * *", "Australia/Lord_Howe", datetime(2026, 4, 3, tzinfo=UTC))
    assert [s.strftime("%d %H:%M") for s in autumn] == ["03 14:45", "04 14:45", "05 15:15"]


def test_santiago_changes_at_midnight() -> None:
    # 5 Apr 2026 00:00 -03 -> 4 Apr 23:00 -04: 23:30 on the 4th happens twice
    autumn = next_slots("30 23 * * *", "America/Santiago", datetime(2026, 4, 3, tzinfo=UTC), 4)
    assert [s.strftime("%d %H:%M") for s in autumn] == [
        "03 02:30",
        "04 02:30",
        "05 02:30",
        "06 03:30",
    ]
    # 6 Sep 2026 00:00 -04 -> 01:00 -03: 00:30 does not exist; posted at 01:30 -03
    spring = next_slots("30 0 * * *", "America/Santiago", datetime(2026, 9, 5, 5, tzinfo=UTC))
    assert [s.strftime("%d %H:%M") for s in spring] == ["06 04:30", "07 03:30", "08 03:30"]


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("Europe/Paris", "Europe/Paris"),
        ("europe/paris", "Europe/Paris"),
        ("AUSTRALIA/LORD_HOWE", "Australia/Lord_Howe"),
        ("america/santiago", "America/Santiago"),
        ("utc", "UTC"),
    ],
)
def test_zone_names_in_any_case_are_stored_as_spelled_by_iana(typed: str, canonical: str) -> None:
    assert canonical_zone(typed) == canonical


@pytest.mark.parametrize(
    "name", ["localtime", "posix/Europe/Paris", "right/UTC", "posixrules", "Europe/", "", " UTC"]
)
def test_files_of_the_zone_folder_that_are_not_zones_are_refused(name: str) -> None:
    with pytest.raises(ScheduleError):
        canonical_zone(name)


def test_a_name_stored_by_an_earlier_version_still_gives_slots() -> None:
    slots = next_slots("0 18 * * *", "posix/Europe/Paris", SAT_5_DEC, 1)
    assert slots == [datetime(2026, 12, 5, 17, 0, tzinfo=UTC)]


def test_a_day_of_month_and_a_weekday_must_both_match() -> None:
    """As the README says: ``0 18 1-7 * 1`` is the first Monday of each month."""
    slots = next_slots("0 18 1-7 * 1", "Europe/Paris", SAT_5_DEC, 4)
    local = [slot.astimezone(ZoneInfo("Europe/Paris")) for slot in slots]
    assert [(s.month, s.day, s.strftime("%a"), s.hour) for s in local] == [
        (12, 7, "Mon", 18),
        (1, 4, "Mon", 18),
        (2, 1, "Mon", 18),
        (3, 1, "Mon", 18),
    ]


@pytest.mark.parametrize("month", range(1, 13))
def test_each_day_of_each_month_is_refused_only_when_it_never_comes(month: int) -> None:
    """The check that a date comes is counted, not searched for: it says what the calendar
    says (the 29th of February comes, in leap years)."""
    longest = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    for day in range(1, 32):
        cron = f"0 18 {day} {month} *"
        if day <= longest:
            assert normalize_cron(cron) == cron
            assert next_slots(cron, "UTC", SAT_5_DEC, 1)[0].day == day
        else:
            with pytest.raises(ScheduleError) as refused:
                normalize_cron(cron)
            assert refused.value.code == "cron_never", cron


@pytest.mark.parametrize(
    ("months", "expected"),
    [("jan-dec/3", [1, 4, 7, 10]), ("feb/5", [2, 7, 12]), ("MAR-may,nov", [3, 4, 5, 11])],
)
def test_named_months_are_read_with_their_steps(months: str, expected: list[int]) -> None:
    cron = f"0 18 1 {months} *"
    assert normalize_cron(cron) == cron  # stored as typed
    slots = next_slots(cron, "UTC", datetime(2026, 12, 31, tzinfo=UTC), len(expected))
    assert sorted(s.month for s in slots) == expected


@pytest.mark.parametrize("hours", range(-12, 15))
def test_the_zone_offered_for_an_offset_keeps_it_all_year(hours: int) -> None:
    """POSIX signs ``Etc`` zones the other way round: the zone offered for « UTC+2 » must be
    two hours ahead of UTC in winter and in summer."""
    from bot.cron import fixed_zone, typed_offset, zone

    offset = typed_offset(f"UTC{'+' if hours >= 0 else '−'}{abs(hours)}")
    assert offset == timedelta(hours=hours)
    name = fixed_zone(offset)
    assert name is not None
    for month in (1, 7):
        assert datetime(2026, month, 15, tzinfo=UTC).astimezone(zone(name)).utcoffset() == offset


@pytest.mark.parametrize("typed", ["Europe/Paris", "UTC+15", "GMT+01:75", "Paris+1", ""])
def test_what_is_no_offset_is_not_read_as_one(typed: str) -> None:
    from bot.cron import typed_offset

    assert typed_offset(typed) is None
