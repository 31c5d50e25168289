"""``/answers`` and ``/mydata``: reading and erasing stored replies."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from bot.app import App
from bot.errors import NotFound, UserError
from bot.services import export
from bot.write_behind import INTERACTIVE_WAIT
from db.models import Discussion, Reply, Stance
from db.repositories import audit, members
from db.repositories import replies as reply_repo

PAGE = 5
MAX_ATTACHMENT = 8 * 1024 * 1024


async def page(
    app: App,
    guild_id: int,
    *,
    discussion_id: int | None,
    author_id: int | None,
    before_id: int | None,
    limit: int = PAGE,
) -> list[tuple[Reply, int | None]]:
    """Stored replies with their thread id, newest first (keyset on the message id)."""
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    async with app.sessions() as session:
        return await reply_repo.page(
            session,
            guild_id,
            discussion_id=discussion_id,
            author_id=author_id,
            before_id=before_id,
            limit=limit,
        )


async def export_file(
    app: App, guild_id: int, discussion_id: int | None, fmt: str, *, actor_id: int | None
) -> io.BytesIO:
    """The export as an in-memory file, refused when too large for Discord."""
    if fmt not in ("jsonl", "csv"):
        raise UserError("error-format")
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    out = io.BytesIO()
    async with app.sessions() as session:
        async for chunk in export.stream(session, guild_id, discussion_id, fmt):
            out.write(chunk.encode("utf-8"))
            if out.tell() > MAX_ATTACHMENT:
                raise UserError("error-export-too-large")
    now = app.clock.now()
    async with app.sessions.begin() as session:
        await audit.record(
            session,
            guild_id,
            "export",
            actor_id=actor_id,
            target=str(discussion_id) if discussion_id else None,
            now=now,
        )
    out.seek(0)
    return out


async def erase_answer(app: App, guild_id: int, message_id: int, *, actor_id: int) -> None:
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    now = app.clock.now()
    async with app.sessions.begin() as session:
        if not await reply_repo.erase(session, guild_id, message_id):
            raise NotFound("reply")
        await audit.record(
            session, guild_id, "answer_delete", actor_id=actor_id, target=str(message_id), now=now
        )


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
            for r, _ in rows:
                out.write(
                    (
                        json.dumps(
                            {
                                "type": "reply",
                                "id": str(r.id),
                                "discussion_id": str(r.discussion_id),
                                "text": r.text,
                                "created_at": export.iso(r.created_at),
                                "edited_at": export.iso(r.edited_at),
                            },
                            ensure_ascii=False,
                        )
                        + "\n"
                    ).encode()
                )
            if len(rows) < 500:
                break
            before = rows[-1][0].id
        for stance, discussion in await members.stances_of(
            session, guild_id, user_id, limit=10_000
        ):
            options = discussion.options
            out.write(
                (
                    json.dumps(
                        {
                            "type": "stance",
                            "discussion_id": str(discussion.id),
                            "option": options[stance.option]
                            if 0 <= stance.option < len(options)
                            else None,
                            "at": export.iso(stance.at),
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                ).encode()
            )
    out.seek(0)
    return out


async def erase_member(app: App, guild_id: int, user_id: int, *, by_staff: bool = False) -> int:
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
            target="cli" if by_staff else None,
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
