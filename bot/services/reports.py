"""Publishing a discussion's summary as a public report, and the server's report setting."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from bot.app import App
from bot.errors import NotFound
from bot.services import posts
from db.repositories import audit, guilds
from db.repositories import discussions as discussion_repo
from db.repositories import reports as repo

_REPORT_ID = re.compile(r"[A-Za-z0-9_-]{10,43}")
"""What a report's id may be: ``secrets.token_urlsafe`` writes these characters only."""


@dataclass(frozen=True, slots=True)
class Published:
    discussion_id: int
    report_id: str
    path: str
    """``/r/<id>``: to append to the web room's public address."""


def report_path(report_id: str) -> str:
    return f"/r/{report_id}"


async def publish(
    app: App, guild_id: int, discussion_id: int, *, actor_id: int, actor_name: str | None = None
) -> Published:
    """Make the discussion's summary public (the same link if it already is); refused
    like ``/summary show`` while the server hides an open discussion's counts."""
    now = app.clock.now()
    async with app.sessions() as session:
        found = await discussion_repo.get_discussion(session, guild_id, discussion_id)
    if found is None:
        raise NotFound("discussion")
    await posts.refuse_hidden_counts(app, found)
    async with app.sessions.begin() as session:
        discussion = await discussion_repo.get_discussion(session, guild_id, discussion_id)
        if discussion is None:
            raise NotFound("discussion")
        report, created = await repo.publish(
            session,
            secrets.token_urlsafe(16),
            discussion,
            actor_id=actor_id,
            now=now,
        )
        if created:
            await audit.record(
                session,
                guild_id,
                "report_publish",
                actor_id=actor_id,
                actor_name=actor_name,
                target=str(discussion_id),
                now=now,
            )
    return Published(discussion_id, report.id, report_path(report.id))


async def unpublish(
    app: App, guild_id: int, discussion_id: int, *, actor_id: int, actor_name: str | None = None
) -> bool:
    """Take the report down; ``False`` when it was not published."""
    now = app.clock.now()
    async with app.sessions.begin() as session:
        discussion = await discussion_repo.get_discussion(session, guild_id, discussion_id)
        if discussion is None:
            raise NotFound("discussion")
        removed = await repo.unpublish(session, guild_id, discussion_id)
        if removed:
            await audit.record(
                session,
                guild_id,
                "report_unpublish",
                actor_id=actor_id,
                actor_name=actor_name,
                target=str(discussion_id),
                now=now,
            )
    return removed


@dataclass(frozen=True, slots=True)
class PublicReport:
    report_id: str
    guild_id: int
    discussion_id: int
    show_names: bool


async def find(app: App, report_id: str) -> PublicReport | None:
    """The published report ``report_id``, or ``None`` (never published, or taken down)."""
    if not _REPORT_ID.fullmatch(report_id):  # a NUL, say, which PostgreSQL refuses to compare
        return None
    async with app.sessions() as session:
        found = await repo.by_public_id(session, report_id)
        if found is None:
            return None
        report, discussion = found
        guild = await guilds.get_guild(session, discussion.guild_id)
    return PublicReport(
        report.id, discussion.guild_id, discussion.id, bool(guild and guild.report_names)
    )


async def set_report_names(
    app: App, guild_id: int, show: bool, *, actor_id: int, actor_name: str | None = None
) -> None:
    """Whether public reports of the server may name members (a change is audit-logged;
    saving the setting as it is changes nothing and logs nothing)."""
    now = app.clock.now()
    async with app.sessions.begin() as session:
        guild = await guilds.get_guild(session, guild_id)
        if guild is not None and guild.report_names == show:
            return
        await guilds.update_guild(session, guild_id, now, report_names=show)
        await audit.record(
            session,
            guild_id,
            "report_names_on" if show else "report_names_off",
            actor_id=actor_id,
            actor_name=actor_name,
            now=now,
        )
