"""The audit log of a server, a page at a time, with the names members go by.

An entry shows the name its actor went by when she acted; one logged without (before
names were kept, or by a session opened without one) the name she last acted under,
else the one she last wrote a reply under, else her id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.app import App
from db.repositories import review as repo

PAGE = 50


@dataclass(frozen=True, slots=True)
class AuditLine:
    id: int
    at: datetime
    action: str
    actor_id: int | None
    actor_name: str | None
    target: str | None


@dataclass(frozen=True, slots=True)
class AuditPage:
    lines: tuple[AuditLine, ...]
    next_before: int | None


async def page(app: App, guild_id: int, *, before: int | None) -> AuditPage:
    async with app.sessions() as session:
        rows = await repo.audit_page(session, guild_id, before_id=before, limit=PAGE + 1)
        shown = rows[:PAGE]
        unnamed = [r.actor_id for r in shown if r.actor_id and not r.actor_name]
        names = await repo.member_names(session, guild_id, unnamed)
        names |= await repo.actor_names(session, guild_id, unnamed)
    lines = tuple(
        AuditLine(
            r.id,
            r.at,
            r.action,
            r.actor_id,
            (r.actor_name or names.get(r.actor_id)) if r.actor_id else None,
            r.target,
        )
        for r in shown
    )
    return AuditPage(lines, shown[-1].id if len(rows) > PAGE else None)
