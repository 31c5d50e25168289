"""The bot removed from a server, invited back, asked to erase everything and leave, a
channel or thread deleted under it."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable

from bot.app import App
from bot.errors import UserError, is_storage_error
from bot.state import OpenDiscussion
from db.models import Discussion
from db.repositories import discussions, guilds
from db.repositories import servers as server_repo
from db.repositories.events import ThreadDeleted

log = logging.getLogger(__name__)


async def guild_left(app: App, guild_id: int) -> None:
    """The bot removed from a server: its schedule paused and its removal dated, for
    ``retention.forget_removed_servers`` to forget it later. A server that never ran
    ``/setup`` is forgotten at once (``never_set_up_left``)."""
    now = app.clock.now()
    async with app.sessions.begin() as session:
        set_up = await guilds.get_guild(session, guild_id) is not None
        if set_up:
            await guilds.update_guild(
                session,
                guild_id,
                now,
                present=False,
                left_at=now,
                paused=True,
                pause_reason="kicked",
            )
    if not set_up:
        await never_set_up_left(app, guild_id)
        return
    for discussion in app.open.in_guild(guild_id):
        app.open.remove(discussion.id)
    app.forget_guild(guild_id)
    log.info("removed from guild %s: schedule paused", guild_id)


async def never_set_up_left(app: App, guild_id: int) -> None:
    """A server that never ran ``/setup`` removed the bot: what its members stored there is
    erased now, not kept 30 days (it has no row to date the removal by, so nothing would
    ever forget it). Only members' own choices can be stored there (an opt-out, an
    erasure) and its staff's traces (a ``/review`` login, an export's audit line): nothing
    is collected in a server without its setup, so a choice that only judges what is
    collected protects nothing once the bot is gone.
    Invited back, the server starts as a new one; a member who opted out there opts out
    again, as she would after the 30 days of a server that had used the bot."""
    async with app.sessions.begin() as session:
        erased = await server_repo.forget_never_set_up(session, guild_id)
    app.server_forgotten(guild_id)
    if erased:
        log.info("removed from guild %s, never set up: its %d rows are erased", guild_id, erased)


async def guild_joined(app: App, guild_id: int) -> None:
    app.erasing.discard(guild_id)  # a new server: its staff may erase it again
    if guild_id in app.erasures_owed:  # its staff asked: it comes back as a new server
        await erase_now(app, guild_id)
        return
    now = app.clock.now()
    async with app.sessions.begin() as session:
        guild = await guilds.get_guild(session, guild_id)
        if guild is None or guild.present:
            return
        await guilds.update_guild(
            session,
            guild_id,
            now,
            present=True,
            left_at=None,
            paused=True,
            pause_reason="rejoined",
        )
    app.guild_languages[guild_id] = guild.language
    app.guild_problems[guild_id] = "rejoined"
    from bot.services.discussions import load_open
    from bot.services.optouts import load_optouts

    await load_open(app)
    await load_optouts(app)  # the spans its open discussions need again
    log.info("invited back to guild %s: schedule stays paused until staff resume it", guild_id)


async def erase_and_leave(
    app: App,
    guild_id: int,
    *,
    leave: Callable[[], Awaitable[bool]],
    leaving: Callable[[], Awaitable[None]],
    actor_id: int,
) -> bool:
    """The server's staff asked the bot to erase everything it stored there and leave.

    The database is asked first: it records the erasure as owed (``servers.owe_erasure``;
    away, nothing is done: the member is told to try again); then ``leaving`` answers the
    member, while the bot can still answer there; then the bot leaves (``leave``:
    ``False`` when Discord did not let it, and then nothing is erased and none is owed:
    the bot stays as it was, and the command can be run again); then everything goes at
    once (``erase_now``). Leaving first, nothing more comes from the server to
    be stored after the erasure. The database failing then, nothing is half-erased (one
    transaction) and the erasure is tried again at each tick (``erase_owed``; after a
    restart too: ``found_at_new_session`` reads the owed ones back). Returns whether the
    bot left.

    A second confirmation while one is under way or done (``App.erasing``: checked and
    marked before anything awaits) is refused: nothing is erased twice."""
    if guild_id in app.erasing:
        raise UserError("erase-server-under-way")
    app.erasing.add(guild_id)
    try:
        async with app.sessions.begin() as session:
            await server_repo.owe_erasure(session, guild_id)
    except BaseException:
        app.erasing.discard(guild_id)
        raise
    try:
        await leaving()
        left = await leave()
    except BaseException:
        await _forgive_erasure(app, guild_id)
        raise
    if not left:
        await _forgive_erasure(app, guild_id)
        log.warning(
            "guild %s: erasure asked by member %s not done: Discord did not let the bot leave",
            guild_id,
            actor_id,
        )
        return False
    log.info("guild %s: member %s asked to erase its data; the bot left it", guild_id, actor_id)
    app.server_forgotten(guild_id)  # and again once erased: a post may finish meanwhile
    try:
        await _erase_or_owe(app, guild_id)
    except Exception as error:  # the database away (any other failure is logged there)
        log.warning(
            "guild %s: erasure not done, the database is away (%s); tried again at each tick",
            guild_id,
            type(error).__name__,
        )
    await app.schedule_changed()
    return True


async def _forgive_erasure(app: App, guild_id: int) -> None:
    """The bot did not leave: the erasure asked is not owed (nothing was erased), and may
    be confirmed again."""
    app.erasing.discard(guild_id)
    try:
        async with app.sessions.begin() as session:
            await server_repo.forgive_erasure(session, guild_id)
    except Exception as error:
        if not is_storage_error(error):
            raise
        log.warning("guild %s: erasure still marked owed: the database is away", guild_id)


async def erase_now(app: App, guild_id: int) -> None:
    """Delete every row of the server in one transaction. The write-behind writes none of
    its events meanwhile (those queued are dropped, and those that arrive), so none comes
    back after; one that arrives later names a discussion no longer stored, and is dropped
    when written (``repositories.events``). Other servers' writes go on."""
    async with app.buffer.refusing(guild_id) as refusal, app.sessions.begin() as session:
        deleted = await server_repo.erase_server(session, guild_id)
    app.erasures_owed.discard(guild_id)
    app.server_forgotten(guild_id)  # what came meanwhile: a post recorded, a summary built
    log.info(
        "guild %s erased at its staff's request: %d rows deleted, %d queued events dropped",
        guild_id,
        deleted,
        refusal.dropped,
    )


async def _erase_or_owe(app: App, guild_id: int) -> None:
    """:func:`erase_now`; failing, the erasure stays owed (``App.erasures_owed``: each tick
    tries it again), logged with its traceback, or raised when the database is away (every
    other erasure would fail as well)."""
    try:
        await erase_now(app, guild_id)
    except Exception as error:
        app.erasures_owed.add(guild_id)
        if is_storage_error(error):
            raise
        log.exception("guild %s: erasure failed; tried again at the next tick", guild_id)


async def erase_owed(app: App) -> None:
    """The erasures the database failed, tried again (each tick), each alone: one failing
    for its own reason keeps none of the others waiting."""
    for guild_id in sorted(app.erasures_owed):
        await _erase_or_owe(app, guild_id)


async def thread_deleted(app: App, thread_id: int) -> list[int]:
    """A discussion's thread deleted on Discord: every message in it was deleted with it
    (Discord sends no deletion for each), so its stored replies are erased as deleted
    messages' are (``erase_threads``), its discussion open or closed; an open one is
    closed (nothing more can arrive). Returns the ids of the discussions closed."""
    closed = await _close_open(app, [d for d in app.open.all() if d.thread_id == thread_id])
    async with app.sessions() as session:
        row = await discussions.by_thread_id(session, thread_id)
    if row is not None:
        await erase_threads(app, [row])
    return closed


async def channel_deleted(app: App, guild_id: int, channel_id: int) -> None:
    """A channel deleted on Discord: the threads opened in it went with it (Discord sends
    no deletion for them, nor for their messages), so the replies of every discussion
    held there are erased (``erase_threads``) and the open ones closed; the server's
    discussion channel deleted pauses its schedule."""
    now = app.clock.now()
    await review_channel_deleted(app, guild_id, channel_id)
    async with app.sessions.begin() as session:
        guild = await guilds.get_guild(session, guild_id)
        if guild is not None and guild.channel_id == channel_id:
            await guilds.update_guild(
                session, guild_id, now, paused=True, pause_reason="channel_missing"
            )
            app.guild_problems[guild_id] = "channel_missing"
            log.info("discussion channel of guild %s deleted: schedule paused", guild_id)
    held = [
        d
        for d in app.open.in_guild(guild_id)
        if d.channel_id == channel_id or d.thread_id == channel_id
    ]
    await _close_open(app, held)
    async with app.sessions() as session:
        rows = await discussions.in_channel(session, guild_id, channel_id)
    await erase_threads(app, rows)


async def _close_open(app: App, held: list[OpenDiscussion]) -> list[int]:
    """Close these open discussions, whose thread is gone; returns their ids."""
    now = app.clock.now()
    closed = []
    for discussion in held:
        async with app.sessions.begin() as session:
            await discussions.mark_closed(session, discussion.id, now)
        app.open.remove(discussion.id)
        closed.append(discussion.id)
        log.info("thread of discussion %s deleted: discussion closed", discussion.id)
    return closed


async def erase_threads(app: App, gone: Iterable[Discussion]) -> None:
    """The threads of these discussions are deleted on Discord, and every message in
    them with them: each reply stored there is erased exactly as a deleted message's is
    (``ReplyDeleted``, through the write-behind: its text, author, earlier versions and
    vector go, and the votes cast on it; only its id stays, to recognise the message).
    The discussion itself stays, with its stances, for the schedule and the history."""
    for discussion in gone:
        await app.buffer.put(
            ThreadDeleted(discussion_id=discussion.id, guild_id=discussion.guild_id)
        )
        log.info("thread of discussion %s deleted: its stored replies are erased", discussion.id)


async def review_channel_deleted(app: App, guild_id: int, channel_id: int) -> None:
    """The channel or thread suggestions were reviewed in deleted in Discord: they wait in
    ``/question suggestions``, as with none set (each card failed unseen, and ``/schedule
    show`` named a deleted channel)."""
    async with app.sessions.begin() as session:
        guild = await guilds.get_guild(session, guild_id)
        if guild is not None and guild.review_channel_id == channel_id:
            await guilds.update_guild(session, guild_id, app.clock.now(), review_channel_id=None)
            log.info("review channel of guild %s deleted: suggestions wait in the list", guild_id)


async def role_deleted(app: App, guild_id: int, role_id: int) -> None:
    """A role the bot mentions (on new questions, in reminders) deleted in Discord: the
    bot stops naming it (its posts opened on "@deleted-role")."""
    now = app.clock.now()
    async with app.sessions.begin() as session:
        guild = await guilds.get_guild(session, guild_id)
        if guild is None:
            return
        cleared = {
            column: None
            for column in ("question_role_id", "reminder_role_id")
            if getattr(guild, column) == role_id
        }
        if cleared:
            await guilds.update_guild(session, guild_id, now, **cleared)
            log.info("role %s of guild %s deleted: no longer mentioned", role_id, guild_id)


async def found_at_new_session(app: App, servers: dict[int, set[int] | None]) -> None:
    """What changed in the servers while the gateway was away, handled as it would have
    been live: the bot removed from a server (``guild_left``), or invited back to one
    it had been removed from (``guild_joined``: Discord lists it at READY, no join event
    comes), a discussion channel deleted (``channel_deleted``); a server that never ran
    ``/setup`` and removed the bot is forgotten (``never_set_up_left``).

    ``servers``: each server the new session lists, with its channels (``None`` when
    Discord could not describe it, in an outage). A server it does not list, among those
    this process serves, no longer has the bot.
    """
    async with app.sessions() as session:  # asked before a stop: erased at the next tick
        owed = await server_repo.erasures_owed(session)  # (or as it is invited back)
    app.erasures_owed.update(g for g in owed if app.settings.owns_guild(g))
    async with app.sessions() as session:
        configured = await guilds.configured_guilds(session)
        never_set_up = await server_repo.never_set_up(session)
    for guild_id in never_set_up:
        if app.settings.owns_guild(guild_id) and guild_id not in servers:
            log.info("removed from guild %s, never set up, while the bot was away", guild_id)
            await never_set_up_left(app, guild_id)
    for guild in configured:
        if not app.settings.owns_guild(guild.id):
            continue
        if guild.id not in servers:
            if guild.present:
                log.info("removed from guild %s while the bot was away", guild.id)
                await guild_left(app, guild.id)
            continue
        if not guild.present:  # invited back while away: no join event comes for it
            log.info("invited back to guild %s while the bot was away", guild.id)
            await guild_joined(app, guild.id)
        channels = servers[guild.id]
        if channels is None or guild.channel_id is None or guild.channel_id in channels:
            continue
        if guild.paused and guild.pause_reason == "channel_missing":
            continue
        log.info("discussion channel of guild %s deleted while the bot was away", guild.id)
        await channel_deleted(app, guild.id, guild.channel_id)
