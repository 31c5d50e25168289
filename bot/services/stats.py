"""``/stats`` and the monthly leaderboard: who takes part, never who is "best".

A member took part in a discussion when they replied there or declared a
stance. Members who opted out are never counted in a member's figures or
the leaderboard, nor shown; a member may also hide themselves from the
leaderboard (and from other members' ``/stats``).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import cron
from bot.analysis import participation
from bot.app import App
from bot.errors import UserError
from db.models import Guild
from db.repositories import discussions, guilds
from db.repositories import participation_stats as repo

RECENT = 10
"""Discussions shown in the server's figures."""
HOURS_SAMPLE = 20_000
"""Newest replies read for the busiest hours."""
LEADERBOARD_SIZE = 10

Standing = participation.Standing
"""A member's line of the leaderboard."""
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
FIRST_MONTH = (2015, 5)
"""Discord's first month: no discussion can be older (a well-written year outside it was
once told it was written wrong)."""


@dataclass(frozen=True, slots=True)
class DiscussionFigures:
    id: int
    question: str
    participants: int
    replies: int
    share: float | None


@dataclass(frozen=True, slots=True)
class ServerStats:
    discussions: list[DiscussionFigures]
    hours: list[int]
    busiest: list[int]
    timezone: str
    chart: bytes | None


@dataclass(frozen=True, slots=True)
class MemberStats:
    user_id: int
    streak: participation.Streak
    replies: int
    discussions: int
    """Discussions posted in the server so far."""


@dataclass(frozen=True, slots=True)
class Leaderboard:
    month: str
    standings: list[participation.Standing]
    own: participation.Standing | None
    """The viewer's own line, also when outside the top (none when not counted)."""
    hidden: bool = False
    """The viewer hid herself from the leaderboard (``/leaderboard hide``)."""
    opted_out: bool = False
    """The viewer opted out (``/mydata optout``): nothing of hers is counted."""
    more: int = 0
    """Members tied within the top places beyond the lines shown (a month's first
    discussion often ties everyone: one message holds ten lines, not a hundred)."""


async def _guild(app: App, guild_id: int) -> Guild:
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, guild_id)
    if guild is None or guild.channel_id is None:
        raise UserError("error-not-setup")
    return guild


async def server(
    app: App,
    guild_id: int,
    *,
    members: int | None,
    language: str,
    chart: bool = True,
    readable: Callable[[int], bool] = lambda _: True,
) -> ServerStats:
    """The last discussions' participation and the busiest hours, with a chart; only
    those of the channels ``readable`` (given a channel id) lets the viewer see.

    ``members``: Discord's count without the members who opted out and are still in the
    server (``MemberCounts.besides``): they are left out of it as they are left out of those
    who took part (counted in the whole only, they lowered the share); one who then left
    is in neither count.
    """
    guild = await _guild(app, guild_id)
    async with app.sessions() as session:
        # Filtered before the limit: ten newer discussions in a channel she cannot see
        # would leave her none, "no discussion posted yet".
        channels = await _readable_channels(session, guild_id, readable)
        recent = await repo.recent_posted(session, guild_id, limit=RECENT, in_channels=channels)
        ids = [d.id for d in recent]
        rows = await repo.activity(session, guild_id, ids)
        times = await repo.reply_times(session, guild_id, ids, limit=HOURS_SAMPLE)
    people: dict[int, set[int]] = {i: set() for i in ids}
    replies = dict.fromkeys(ids, 0)
    for discussion, member, n in rows:
        people[discussion].add(member)
        replies[discussion] += n
    figures = [
        DiscussionFigures(
            d.id,
            d.question_text,
            len(people[d.id]),
            replies[d.id],
            participation.share(len(people[d.id]), members),
        )
        for d in recent
    ]
    tz, zone_name = cron.zone_or_utc(guild.timezone)
    hours = participation.hour_histogram(times, tz)
    png = None
    if chart and figures:
        from bot.charts.participation import participation_chart_png

        png = await asyncio.to_thread(
            participation_chart_png,
            [(f.id, f.participants, f.replies, f.share) for f in figures],
            hours,
            zone=zone_name,
            language=language,
        )
    return ServerStats(figures, hours, participation.busiest_hours(hours), zone_name, png)


async def _readable_channels(
    session: AsyncSession, guild_id: int, readable: Callable[[int], bool]
) -> list[int]:
    """The channels of the server's discussions that the viewer may read."""
    return [c for c in await discussions.channel_ids(session, guild_id) if readable(c)]


async def member(
    app: App,
    guild_id: int,
    user_id: int,
    *,
    viewer_id: int,
    viewer_is_staff: bool,
    readable: Callable[[int], bool] = lambda _: True,
) -> MemberStats:
    """A member's discussions taken part in, replies, and current and best streaks, of the
    discussions in the channels ``readable`` lets the viewer see: counted in, those she
    cannot see would tell her they exist, and how busy they are."""
    await _guild(app, guild_id)
    if (guild_id, user_id) in app.optouts:  # herself: told how to be counted again
        raise UserError("error-opted-out" if user_id == viewer_id else "error-stats-opted-out")
    async with app.sessions() as session:
        others = user_id != viewer_id and not viewer_is_staff
        if others and user_id in await repo.hidden_members(session, guild_id):
            raise UserError("error-stats-hidden")
        channels = await _readable_channels(session, guild_id, readable)
        order = await repo.posted_discussions(session, guild_id, in_channels=channels)
        activity = await repo.member_activity(session, guild_id, user_id)
    shown = {d for d, _ in order}
    taken = {d: n for d, n in activity.items() if d in shown}
    still_open = {d for d, is_open in order if is_open}
    streak = participation.streak([d for d, _ in order], taken, still_open)
    return MemberStats(user_id, streak, sum(taken.values()), len(order))


def month_bounds(raw: str | None, zone: str, now: datetime) -> tuple[str, datetime, datetime]:
    """``YYYY-MM`` (default: this month in the server's zone) and its start and end in UTC."""
    tz, _ = cron.zone_or_utc(zone)
    local = now.astimezone(tz)
    year, month = local.year, local.month
    if raw is not None and raw.strip():
        match = _MONTH.match(raw.strip())
        if match is None or not 1 <= int(match[2]) <= 12:
            raise UserError("error-month")
        asked = (int(match[1]), int(match[2]))
        if not FIRST_MONTH <= asked <= (year, month):
            shown = "{:04d}-{:02d}".format
            raise UserError(
                "error-month-range",
                month=shown(*asked),
                first=shown(*FIRST_MONTH),
                last=shown(year, month),
            )
        year, month = asked
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
    return f"{year:04d}-{month:02d}", start.astimezone(UTC), end.astimezone(UTC)


async def leaderboard(
    app: App,
    guild_id: int,
    *,
    month: str | None,
    viewer_id: int,
    readable: Callable[[int], bool] = lambda _: True,
) -> Leaderboard:
    """The month's most regular participants (discussions opened that month, in the
    channels ``readable`` lets the viewer see)."""
    guild = await _guild(app, guild_id)
    if not guild.leaderboard:
        raise UserError("error-leaderboard-off")
    label, start, end = month_bounds(month, guild.timezone, app.clock.now())
    async with app.sessions() as session:
        channels = await _readable_channels(session, guild_id, readable)
        ids = await repo.opened_between(session, guild_id, start, end, in_channels=channels)
        rows = await repo.activity(session, guild_id, ids)
        hidden = await repo.hidden_members(session, guild_id)
    optouts = app.optouts.in_guild(guild_id)
    excluded = hidden | optouts
    everyone = participation.leaderboard(rows, excluded=excluded, limit=len(rows) or 1)
    own = next((s for s in everyone if s.user_id == viewer_id), None)
    top = [s for s in everyone if s.rank <= LEADERBOARD_SIZE]
    return Leaderboard(
        label,
        top[:LEADERBOARD_SIZE],
        own,
        hidden=viewer_id in hidden,
        opted_out=viewer_id in optouts,
        more=max(0, len(top) - LEADERBOARD_SIZE),
    )


async def set_hidden(app: App, guild_id: int, user_id: int, hidden: bool) -> None:
    """A member leaves (or rejoins) the leaderboard and other members' ``/stats``."""
    await _guild(app, guild_id)
    async with app.sessions.begin() as session:
        await repo.set_hidden(session, guild_id, user_id, hidden, app.clock.now())
