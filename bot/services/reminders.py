"""The reminder before a discussion closes: one message in its thread.

Servers opt in with ``/setup reminder_hours``. The reminder says how long is
left, how many replies and participants so far, and the stance counts unless
the server hides them until the close. It pings nobody, except the role staff
chose (``/setup reminder_role``), and that role only. Like a posting slot, it
is claimed in the database before it is sent (keyed by discussion and closing
time), so a restart, a double tick or a second process never posts it twice,
and a reopened discussion is reminded again before its new close. A claim never
recorded as posted (the process stopped, or the record failed, after Discord took
the reminder) is settled once stale from the thread: posted when the bot's
reminder is there, else given back and posted; a post Discord failed (5xx) is looked
for in the thread at once, before it is given back. A reminder Discord refuses (403: a
permission taken in the channel) is not tried again, and staff are told in the review
channel what the bot lacks (:func:`staff_notice.tell_reminder_refused`).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta

import discord
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App
from bot.discord_text import safe
from bot.i18n import t
from bot.post_extras import timestamp
from bot.services import staff_notice
from bot.write_behind import INTERACTIVE_WAIT
from db.models import Discussion, Guild, Reminder
from db.repositories import discussions as discussion_repo
from db.repositories import guilds as guild_repo
from db.repositories import participation_stats as stats_repo
from db.repositories import reminders as repo

log = logging.getLogger(__name__)

POST_ATTEMPTS = 3
"""Ticks that try a reminder while Discord answers 5xx/429."""

Attempts = dict[tuple[int, datetime], int]


def remind_at(discussion: Discussion, hours: int) -> datetime | None:
    """When to remind; ``None`` when the discussion is not longer than the reminder."""
    at = discussion.closes_at - timedelta(hours=hours)
    return at if at > discussion.opened_at else None


async def _candidates(app: App, session: AsyncSession) -> list[tuple[Discussion, Guild, datetime]]:
    """This process's open discussions in servers that want a reminder, with its time."""
    rows = await guild_repo.guilds_with_reminders(session)
    wanting = {g.id: g for g in rows if g.reminder_hours and app.settings.owns_guild(g.id)}
    if not wanting:
        return []
    found = []
    for discussion in await discussion_repo.open_discussions(session):
        guild = wanting.get(discussion.guild_id)
        if guild is None or guild.reminder_hours is None:
            continue
        at = remind_at(discussion, guild.reminder_hours)
        if at is not None:
            found.append((discussion, guild, at))
    return found


async def next_at(app: App, now: datetime) -> datetime | None:
    """The next reminder time still ahead (for the scheduler's wake-up); overdue
    ones are posted by the tick itself, a retry by the one-minute safety net."""
    async with app.sessions() as session:
        candidates = await _candidates(app, session)
    upcoming = [at for _, _, at in candidates if at > now]
    return min(upcoming) if upcoming else None


STALE_CLAIM = timedelta(minutes=10)
"""A reminder claimed longer ago and still not posted was left by a process that stopped."""


async def remind_due(app: App, client: discord.Client, now: datetime, attempts: Attempts) -> int:
    """Post every reminder due now, each once; returns how many were posted."""
    async with app.sessions() as session:
        stale = await repo.stale_claims(session, claimed_before=now - STALE_CLAIM)
    for claim in stale:
        await _settle(app, client, claim)
    async with app.sessions() as session:
        candidates = await _candidates(app, session)
    posted = 0
    for discussion, guild, at in candidates:
        if not at <= now < discussion.closes_at:
            continue
        if _locked_by_staff(client, discussion):
            continue  # members cannot write there: reminded once staff unlock it, if in time
        async with app.sessions.begin() as session:
            current = await discussion_repo.get_discussion(
                session, discussion.guild_id, discussion.id
            )
            if not _still_due(current, discussion):
                continue  # extended (or closed) since read: its own time comes
            claimed = await repo.claim(
                session, discussion.id, discussion.closes_at, owner=app.instance, now=now
            )
        if not claimed:
            continue
        try:
            if await _post(app, client, discussion, guild, now, attempts):
                posted += 1
        except Exception:
            # The database away while counting, say: give the claim back for the next tick.
            log.exception("reminder of discussion %s failed; will retry", discussion.id)
            async with app.sessions.begin() as session:
                await repo.release(session, discussion.id, discussion.closes_at, owner=app.instance)
    return posted


def _still_due(current: Discussion | None, read: Discussion) -> bool:
    """Whether the discussion read for this tick still closes when it did then: a
    moderator who extended it meanwhile had the thread told its new time, which an
    earlier reminder would contradict."""
    return current is not None and current.closed_at is None and current.closes_at == read.closes_at


async def _post(
    app: App,
    client: discord.Client,
    discussion: Discussion,
    guild: Guild,
    now: datetime,
    attempts: Attempts,
) -> bool:
    key = (discussion.id, discussion.closes_at)
    sending = False
    thread: discord.Thread | None = None
    try:
        thread = await _thread(client, discussion)
        if thread is None:
            log.warning("reminder of discussion %s not posted: no thread", discussion.id)
            await _finish(app, discussion, "failed")
            return False
        content, mentions = await _message(app, discussion, guild, now)
        sending = True
        message = await thread.send(content, allowed_mentions=mentions)
    except (discord.Forbidden, discord.NotFound) as error:
        log.warning("reminder of discussion %s not posted: HTTP %s", discussion.id, error.status)
        await _finish(app, discussion, "failed")
        if isinstance(error, discord.Forbidden):  # a permission taken: staff can give it back
            await _tell_refused(app, client, discussion, thread)
        return False
    except discord.HTTPException as error:
        if sending and error.status >= 500 and await _posted_anyway(app, client, discussion):
            attempts.pop(key, None)
            return True
        tries = attempts.pop(key, 0) + 1
        if tries < POST_ATTEMPTS:
            attempts[key] = tries  # Discord's bad moment: the next tick tries again
            async with app.sessions.begin() as session:
                await repo.release(session, discussion.id, discussion.closes_at, owner=app.instance)
        else:
            await _finish(app, discussion, "failed")
        log.warning(
            "reminder of discussion %s not posted (attempt %d): HTTP %s",
            discussion.id,
            tries,
            error.status,
        )
        return False
    attempts.pop(key, None)
    try:
        await _finish(app, discussion, "posted", message.id)
    except Exception:
        # Posted: the claim must not be given back (it would be posted again). It stays,
        # and once stale it is settled from the thread, where the reminder is.
        log.exception(
            "reminder posted in discussion %s but not recorded; its claim is settled "
            "from the thread in %s",
            discussion.id,
            STALE_CLAIM,
        )
        return True
    log.info("reminder posted in discussion %s", discussion.id)
    return True


async def _tell_refused(
    app: App, client: discord.Client, discussion: Discussion, thread: discord.Thread | None
) -> None:
    """Staff told, once for this reminder (its claim is finished), that Discord refused it:
    they chose to have it, and nothing else would say it was not posted."""
    try:
        await staff_notice.tell_reminder_refused(app, client, discussion, thread)
    except Exception:  # the reminder's outcome is recorded: the notice alone is lost
        log.exception("staff not told of the refused reminder of discussion %s", discussion.id)


async def _posted_anyway(app: App, client: discord.Client, discussion: Discussion) -> bool:
    """Discord failed the post (5xx) but may have taken it: when the thread has it, it is
    recorded as posted. Returns whether the claim is settled (posted, or kept when the
    thread cannot be read now: once stale it is settled from the thread)."""
    try:
        found = await _posted_reminder(client, discussion, discussion.closes_at)
    except (discord.HTTPException, OSError, TimeoutError) as error:
        log.warning(
            "reminder of discussion %s: the post failed and the thread could not be read "
            "(%r); its claim is settled from the thread in %s",
            discussion.id,
            error,
            STALE_CLAIM,
        )
        return True
    if found is None:
        return False
    await _finish(app, discussion, "posted", found)
    log.warning("reminder of discussion %s: Discord failed the post but took it", discussion.id)
    return True


REMINDER_LOOKBACK = 200
"""Newest messages of a thread (two requests) searched for the reminder a stale claim may
have posted: a stale claim is 10 minutes old or more, and the reminder is further back
only if members wrote that many messages since. Not found, it is posted (again)."""


async def _settle(app: App, client: discord.Client, claim: Reminder) -> None:
    """A claim its process left (stopped, or the record failed after the post): marked
    posted when the thread has the reminder, else given back to be posted at this tick.
    Discord failing the read leaves the claim for the next tick."""
    async with app.sessions() as session:
        discussion = await session.get(Discussion, claim.discussion_id)
    if discussion is not None and not app.settings.owns_guild(discussion.guild_id):
        return  # another process's server: it settles its own
    found: int | None = None
    if discussion is not None and discussion.thread_id is not None:
        try:
            found = await _posted_reminder(client, discussion, claim.closes_at)
        except (discord.NotFound, discord.Forbidden):
            pass  # the thread gone or closed to the bot: given back, the post records the failure
        except (discord.HTTPException, OSError, TimeoutError) as error:
            log.warning(
                "stale reminder claim of discussion %s not settled: %r; checked again at "
                "the next tick",
                claim.discussion_id,
                error,
            )
            return
    async with app.sessions.begin() as session:
        settled = await repo.settle(session, claim, message_id=found)
    if settled and found is not None:
        log.warning(
            "reminder of discussion %s found posted by a process that stopped; recorded",
            claim.discussion_id,
        )
    elif settled:
        log.warning(
            "reminder claim of discussion %s left by a process that stopped given back",
            claim.discussion_id,
        )


_LEFT = "\x00"
_ROLE_MENTION = re.compile(r"^<@&\d+> ")


async def _posted_reminder(
    client: discord.Client, discussion: Discussion, closes_at: datetime
) -> int | None:
    """The id of the bot's reminder of ``closes_at`` among the thread's newest
    ``REMINDER_LOOKBACK`` messages, recognised by its first line (whatever time was
    left then, whichever role it mentioned)."""
    assert discussion.thread_id is not None
    head, _, tail = t(
        "reminder-time", discussion.language, left=_LEFT, closes=timestamp(closes_at)
    ).partition(_LEFT)
    me = client.user.id if client.user is not None else 0
    thread = client.get_partial_messageable(
        discussion.thread_id, guild_id=discussion.guild_id, type=discord.ChannelType.public_thread
    )
    async for message in thread.history(limit=REMINDER_LOOKBACK):
        if message.author.id != me:
            continue
        line = _ROLE_MENTION.sub("", message.content.split("\n", 1)[0], count=1)
        if line.startswith(head) and line.endswith(tail):
            return message.id
    return None


def _locked_by_staff(client: discord.Client, discussion: Discussion) -> bool:
    """Whether the open discussion's thread is locked (staff calming it down): a reminder
    would invite members to write where they cannot. Read from the cache only, as the
    gateway keeps it current: no request at every tick."""
    thread = client.get_channel(discussion.thread_id) if discussion.thread_id else None
    return isinstance(thread, discord.Thread) and thread.locked


async def _thread(client: discord.Client, discussion: Discussion) -> discord.Thread | None:
    if discussion.thread_id is None:
        return None
    channel = client.get_channel(discussion.thread_id)
    if channel is None:
        channel = await client.fetch_channel(discussion.thread_id)
    return channel if isinstance(channel, discord.Thread) else None


async def _finish(
    app: App, discussion: Discussion, status: str, message_id: int | None = None
) -> None:
    async with app.sessions.begin() as session:
        await repo.finish(
            session, discussion.id, discussion.closes_at, status=status, message_id=message_id
        )


def time_left(left: timedelta, language: str) -> str:
    """``que 24 heures``, ``qu’une heure``, ``3 hours``, ``45 minutes``: what is left,
    rounded, as the reminder's first line says it (French elides its « que » before
    « une »: the words are the catalog's, not a count put after « Plus que »)."""
    hours = round(left.total_seconds() / 3600)
    if hours >= 1:
        return t("reminder-left-hours", language, n=hours)
    return t("reminder-left-minutes", language, n=max(1, round(left.total_seconds() / 60)))


async def _message(
    app: App, discussion: Discussion, guild: Guild, now: datetime
) -> tuple[str, discord.AllowedMentions]:
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    async with app.sessions() as session:
        counts = await discussion_repo.stance_counts(session, discussion.id)
        rows = await stats_repo.activity(session, discussion.guild_id, [discussion.id])
    lang = discussion.language
    lines = [
        t(
            "reminder-time",
            lang,
            left=time_left(discussion.closes_at - now, lang),
            closes=timestamp(discussion.closes_at),
        ),
        t(
            "reminder-so-far",
            lang,
            replies=sum(n for _, _, n in rows),
            participants=len({member for _, member, _ in rows}),
        ),
    ]
    if not guild.hide_counts:
        stances = " · ".join(
            f"{safe(option, 80, one_line=True)} — {counts.get(i, 0)}"
            for i, option in enumerate(discussion.options)
        )
        lines.append(t("reminder-stances", lang, stances=stances))
    content = "\n".join(lines)
    if guild.reminder_role_id is None:
        return content, discord.AllowedMentions.none()
    role = discord.Object(id=guild.reminder_role_id)
    return f"<@&{guild.reminder_role_id}> {content}", discord.AllowedMentions(
        everyone=False, users=False, roles=[role], replied_user=False
    )
