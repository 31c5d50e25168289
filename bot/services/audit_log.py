"""The audit log of a server, a page at a time, with the names members go by."""

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
        names = await repo.member_names(session, guild_id, [r.actor_id or 0 for r in shown])
    lines = tuple(
        AuditLine(
            r.id,
            r.at,
            r.action,
            r.actor_id,
            names.get(r.actor_id) if r.actor_id else None,
            r.target,
        )
        for r in shown
    )
    return AuditPage(lines, shown[-1].id if len(rows) > PAGE else None)
