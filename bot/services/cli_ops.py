"""What the admin CLI does with the database (no Discord involved)."""

from __future__ import annotations

from contextlib import aclosing
from typing import Any, TextIO

from bot import importer
from bot.config import Settings
from bot.errors import CliError
from bot.export_format import DEFAULT_CSV_DIALECT
from bot.services import export as export_service
from db.engine import SessionFactory
from db.models import Question
from db.repositories import audit, discussions, guilds, members, questions


async def _require_guild(sessions: SessionFactory, guild_id: int) -> None:
    async with sessions() as session:
        if await guilds.get_guild(session, guild_id) is None:
            raise CliError("cli-unknown-server", guild=guild_id)


async def import_questions(
    sessions: SessionFactory,
    settings: Settings,
    guild_id: int,
    data: bytes,
    *,
    options: str | None,
    source: str | None,
    category: str | None = None,
) -> Any:
    from bot import categories
    from bot.services.bank import store_import

    await _require_guild(sessions, guild_id)
    sorted_as = None
    if category is not None:
        try:
            sorted_as = categories.normalize(category)
        except categories.CategoryError:
            raise CliError(
                "cli-bad-category", category=category[:50], max=categories.MAX_CATEGORY
            ) from None
    chosen = None
    if options is not None:
        try:
            chosen = importer.validate_options(options.split("|"))
        except importer.ArticleError as error:
            raise _article_error(error) from None
    try:
        parsed = importer.parse_article_bytes(data, options=chosen)
    except importer.ArticleError as error:
        raise _article_error(error) from None
    from bot.clock import SystemClock

    return await store_import(
        sessions,
        guild_id,
        parsed,
        source=source,
        actor_id=None,
        now=SystemClock().now(),
        category=sorted_as,
    )


def _article_error(error: importer.ArticleError) -> CliError:
    """The importer's refusal, with the figures its message quotes."""
    limit = importer.MAX_ARTICLE_BYTES if error.code == "too_large" else importer.MAX_QUESTIONS
    return CliError(
        "cli-import-" + error.reason.replace("_", "-"),
        **{"max": limit, "heading": error.heading, **error.values},
    )


async def list_questions(sessions: SessionFactory, guild_id: int) -> list[Question]:
    await _require_guild(sessions, guild_id)
    async with sessions() as session:
        return await questions.list_questions(session, guild_id, limit=100_000)


async def export(
    sessions: SessionFactory,
    guild_id: int,
    discussion_id: int | None,
    fmt: str,
    out: TextIO,
    dialect: str = DEFAULT_CSV_DIALECT,
) -> int:
    await _require_guild(sessions, guild_id)
    if discussion_id is not None:
        async with sessions() as session:
            if await discussions.get_discussion(session, guild_id, discussion_id) is None:
                raise CliError("cli-unknown-discussion", discussion=discussion_id, guild=guild_id)
    lines = 0
    async with (
        sessions() as session,
        aclosing(export_service.stream(session, guild_id, discussion_id, fmt, dialect)) as chunks,
    ):
        async for chunk in chunks:
            out.write(chunk)
            lines += 1
    return lines


async def forget(sessions: SessionFactory, guild_id: int, user_id: int) -> members.Erasure:
    """Erase a member's data in one server. Her review cards are noted in the
    database: the bot removes them from Discord at its next tick (its first one
    at start when it is down)."""
    await _require_guild(sessions, guild_id)
    from bot.clock import SystemClock

    now = SystemClock().now()
    async with sessions.begin() as session:
        erasure = await members.erase_member(session, guild_id, user_id, now)
        await audit.record(
            session, guild_id, "member_data_erased", actor_id=None, target="cli", now=now
        )
    return erasure
