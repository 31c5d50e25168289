"""``/mydata``: a member sees, downloads and erases what is stored about them,
or stops its storing (opt-out)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from bot.app import App
from bot.export_format import download_reply_record, download_stance_record, record_line
from bot.write_behind import INTERACTIVE_WAIT
from db.models import Discussion, Reply, Stance
from db.repositories import audit, members
from db.repositories import replies as reply_repo


@dataclass(frozen=True, slots=True)
class MyData:
    counts: members.MemberCounts
    stances: list[tuple[Stance, Discussion]]
    replies: list[tuple[Reply, int | None]]


async def my_data(app: App, guild_id: int, user_id: int) -> MyData:
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    async with app.sessions() as session:
        counts = await members.counts(session, guild_id, user_id)
        stances = await members.stances_of(session, guild_id, user_id)
        recent = await reply_repo.page(session, guild_id, author_id=user_id, limit=10)
    return MyData(counts, stances, recent)


async def my_data_file(app: App, guild_id: int, user_id: int) -> io.BytesIO:
    """Everything stored about the member in this server, as JSONL."""
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    out = io.BytesIO()
    async with app.sessions() as session:
        before = None
        while True:
            rows = await reply_repo.page(
                session, guild_id, author_id=user_id, before_id=before, limit=500
            )
            for reply, _ in rows:
                out.write(record_line(download_reply_record(reply)).encode())
            if len(rows) < 500:
                break
            before = rows[-1][0].id
        stances = await members.stances_of(session, guild_id, user_id, limit=10_000)
    for stance, discussion in stances:
        options = discussion.options
        option = options[stance.option] if 0 <= stance.option < len(options) else None
        out.write(record_line(download_stance_record(discussion.id, option, stance.at)).encode())
    out.seek(0)
    return out


async def erase_member(app: App, guild_id: int, user_id: int) -> int:
    """Erase a member's replies, revisions, stances and votes in one server."""
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    now = app.clock.now()
    async with app.sessions.begin() as session:
        erased = await members.erase_member(session, guild_id, user_id)
        await audit.record(
            session,
            guild_id,
            "member_data_erased",
            actor_id=None,
            now=now,
        )
    return erased


async def set_opted_out(app: App, guild_id: int, user_id: int, opted_out: bool) -> None:
    now = app.clock.now()
    async with app.sessions.begin() as session:
        await members.set_opted_out(session, guild_id, user_id, opted_out, now)
    app.optouts.set(guild_id, user_id, opted_out)


async def load_optouts(app: App) -> None:
    async with app.sessions() as session:
        app.optouts.reset(await members.opted_out_members(session))
