"""``/question``: a server's question bank."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime

from bot import importer
from bot.app import App
from bot.errors import NotFound, UserError
from db.engine import SessionFactory
from db.models import Question
from db.repositories import audit, guilds, questions

MAX_QUESTION = importer.MAX_QUESTION_CHARS
MAX_IMPORT_QUESTIONS = importer.MAX_QUESTIONS
PAGE = 10


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    added: list[Question]
    skipped: list[str]
    """Questions already in the bank."""
    too_long: int
    left_out: list[importer.SkippedLine] = field(default_factory=list)
    """Lines of the article left out (too long, not UTF-8), with their numbers."""


def parse_options(raw: str | None) -> tuple[str, ...] | None:
    """``"A|B|C"`` as checked options, ``None`` for none given."""
    if raw is None or not raw.strip():
        return None
    try:
        return importer.validate_options([part for part in raw.split("|")])
    except importer.ArticleError:
        raise UserError(
            "error-options",
            min=importer.MIN_OPTIONS,
            max=importer.MAX_OPTIONS,
            chars=importer.MAX_OPTION_CHARS,
        ) from None


async def _language(app: App, guild_id: int) -> str:
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, guild_id)
    if guild is None:
        raise UserError("error-not-setup")
    return guild.language


async def add(
    app: App, guild_id: int, *, text: str, options: str | None, actor_id: int
) -> Question:
    text = " ".join(text.split())
    if not text:
        raise UserError("error-question-empty")
    if len(text) > MAX_QUESTION:
        raise UserError("error-question-too-long", max=MAX_QUESTION)
    language = await _language(app, guild_id)
    chosen = parse_options(options)
    if chosen is None:
        kind = importer.infer_kind(
            text, importer.detect_language(text, "fr" if language == "fr" else "en")
        )
        chosen = importer.default_options(kind, "fr" if language == "fr" else "en")
    now = app.clock.now()
    async with app.sessions.begin() as session:
        existing = await questions.question_texts(session, guild_id)
        if await asyncio.to_thread(_is_duplicate, text, existing):
            raise UserError("error-question-duplicate")
        (question,) = await questions.add_questions(
            session, guild_id, [(text, language, list(chosen), None)], now=now
        )
        await audit.record(
            session, guild_id, "question_add", actor_id=actor_id, target=str(question.id), now=now
        )
    return question


def _is_duplicate(text: str, existing: list[str]) -> bool:
    key = importer.normalize_question(text)
    return any(importer.normalize_question(q) == key for q in existing)


async def import_article(
    app: App,
    guild_id: int,
    data: bytes,
    *,
    options: str | None,
    actor_id: int | None,
    source: str | None = None,
) -> ImportOutcome:
    """Import an article's "Et vous ?" questions; nothing is written on error.

    The article is parsed in a worker thread: a megabyte of hostile text
    never holds the event loop (and every pattern of the parser is linear).
    """
    chosen = parse_options(options)
    try:
        parsed = await asyncio.to_thread(importer.parse_article_bytes, data, options=chosen)
    except importer.ArticleError as error:
        raise UserError(
            f"error-import-{error.code.replace('_', '-')}", max=MAX_IMPORT_QUESTIONS
        ) from None
    await _language(app, guild_id)
    return await store_import(
        app.sessions, guild_id, parsed, source=source, actor_id=actor_id, now=app.clock.now()
    )


async def store_import(
    sessions: SessionFactory,
    guild_id: int,
    parsed: importer.ParsedArticle,
    *,
    source: str | None,
    actor_id: int | None,
    now: datetime,
) -> ImportOutcome:
    """Add a parsed article's new questions in one transaction; duplicates are skipped."""
    async with sessions.begin() as session:
        existing = await questions.question_texts(session, guild_id)
        kept, skipped = await asyncio.to_thread(importer.dedupe, parsed.questions, existing)
        added = await questions.add_questions(
            session,
            guild_id,
            [(q.text, q.language, list(q.options), source) for q in kept],
            now=now,
        )
        if added:
            await audit.record(
                session,
                guild_id,
                "question_import",
                actor_id=actor_id,
                target=str(len(added)),
                now=now,
            )
    too_long = sum(1 for line in parsed.skipped if line.reason == "too_long")
    return ImportOutcome(added, [q.text for q in skipped], too_long, list(parsed.skipped))


async def page(
    app: App, guild_id: int, after_position: int = 0
) -> tuple[list[Question], int, bool]:
    """A page of the bank in order, the bank's size, and whether more follow."""
    async with app.sessions() as session:
        rows = await questions.list_questions(
            session, guild_id, after_position=after_position, limit=PAGE + 1
        )
        total = await questions.count_questions(session, guild_id)
    return rows[:PAGE], total, len(rows) > PAGE


async def remove(app: App, guild_id: int, question_id: int, *, actor_id: int) -> Question:
    now = app.clock.now()
    async with app.sessions.begin() as session:
        question = await questions.get_question(session, guild_id, question_id)
        if question is None:
            raise NotFound("question")
        await questions.set_status(session, question.id, "removed")
        await audit.record(
            session,
            guild_id,
            "question_remove",
            actor_id=actor_id,
            target=str(question.id),
            now=now,
        )
    return question
