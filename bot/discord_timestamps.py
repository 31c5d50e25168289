"""Discord's timestamp markup in a member's text (``<t:1700000000:R>``), read as dates.

Discord draws it in a message, an embed's description and its fields' values, each
reader in their own time zone; elsewhere (the web room, the CLI's text report) it showed
as typed. There it is written as a date in the reader's language instead: the date, the
time or both, as the markup's style asks (a relative one, « dans 2 heures », is relative
to when it is read: written as the date it names). Plain data, no Discord.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

MARKUP = re.compile(r"<t:(-?\d{1,13})(?::([tTdDfFR]))?>")
"""As Discord reads it: seconds since 1970, then an optional style letter."""

FORMATS = {
    "fr": {"date": "%d/%m/%Y", "time": "%H:%M", "both": "%d/%m/%Y %H:%M"},
    "en": {"date": "%Y-%m-%d", "time": "%H:%M", "both": "%Y-%m-%d %H:%M"},
}
"""The web room's dates (``web.render.DATE_FORMATS``), the date or the time alone."""
_PART = {"t": "time", "T": "time", "d": "date", "D": "date"}


@dataclass(frozen=True, slots=True)
class Stamp:
    start: int
    end: int
    moment: datetime
    part: str
    """``date``, ``time`` or ``both``: what the markup's style shows."""


def stamps(text: str) -> Iterator[Stamp]:
    """Each timestamp markup in ``text`` naming a date Python can write (year 1 to 9999)."""
    if "<t:" not in text:
        return
    for match in MARKUP.finditer(text):
        try:
            moment = datetime.fromtimestamp(int(match.group(1)), UTC)
        except (OverflowError, OSError, ValueError):
            continue  # no such date: left as typed
        yield Stamp(match.start(), match.end(), moment, _PART.get(match.group(2) or "f", "both"))


def written(stamp: Stamp, language: str, zone: tzinfo = UTC) -> str:
    """The stamp's date in ``zone``, as ``language`` writes dates."""
    formats = FORMATS.get(language, FORMATS["en"])
    return stamp.moment.astimezone(zone).strftime(formats[stamp.part])


def readable(text: str, language: str, zone: tzinfo = UTC, *, zone_name: str = "") -> str:
    """``text`` with each timestamp markup written as a date (``zone_name`` after a time,
    for a reader who cannot tell which zone it is in: "UTC")."""
    shown, at = [], 0
    for stamp in stamps(text):
        shown += [text[at : stamp.start], written(stamp, language, zone)]
        if zone_name and stamp.part != "date":
            shown.append(" " + zone_name)
        at = stamp.end
    return "".join(shown) + text[at:] if shown else text
