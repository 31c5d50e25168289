"""``/question``: a server's question bank."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import categories, importer
from bot.app import App
from bot.discord_text import safe, visible
from bot.errors import NotFound, UserError
from bot.services import article_fetch
from bot.services.paging import page_of
from bot.stored_text import storable
from db.engine import SessionFactory
from db.models import Question
from db.repositories import audit, guilds, questions

MAX_QUESTION = importer.MAX_QUESTION_CHARS
MAX_IMPORT_QUESTIONS = importer.MAX_QUESTIONS
MAX_OPTIONS_TEXT = importer.MAX_OPTIONS * (importer.MAX_OPTION_CHARS + 1)
"""The longest ``A|B|C`` of valid options."""
PAGE = 10
MAX_SOURCE = 200
"""The longest source (an imported file's name) a question keeps: ``questions.source``."""


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An article's question left out as a duplicate."""

    text: str
    bank_id: int | None
    """The number of the bank question it repeats; ``None``: the article asks it twice."""


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    added: list[Question]
    skipped: list[Duplicate]
    """Questions already in the bank, or asked twice by the article."""
    too_long: int
    left_out: list[importer.SkippedLine] = field(default_factory=list)
    """Lines of the article left out (too long, not UTF-8), with their numbers."""


def parse_options(raw: str | None, *, left: str = "chosen") -> tuple[str, ...] | None:
    """``"A|B|C"`` as checked options, ``None`` for none given. Options given that show
    nothing (spaces, invisible characters) are refused, not taken for none: the option left
    out says that (``left``: what leaving it out does, ``chosen`` from the wording, or
    ``kept`` as they are)."""
    if raw is None:
        return None
    if not visible(raw):
        raise UserError("error-options-blank", left=left)
    try:
        options = importer.validate_options([part for part in raw.split("|")])
    except importer.ArticleError:
        options = ()
    if not options or not all(visible(option) for option in options):  # an empty button
        raise UserError(
            "error-options",
            min=importer.MIN_OPTIONS,
            max=importer.MAX_OPTIONS,
            chars=importer.MAX_OPTION_CHARS,
        )
    return options


async def _language(app: App, guild_id: int) -> str:
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, guild_id)
    if guild is None:
        raise UserError("error-not-setup")
    return guild.language


def parse_category(raw: str | None) -> str | None:
    """A category as typed by staff or a member, in its one spelling; ``None`` when none
    was given. One given that shows nothing (spaces, invisible characters) is refused,
    not taken for none: the option left out says that."""
    if raw is None:
        return None
    if not visible(raw):
        raise UserError("error-category-blank")
    try:
        return categories.normalize(raw)
    except categories.CategoryError:
        raise UserError("error-category", max=categories.MAX_CATEGORY) from None


@dataclass(frozen=True, slots=True)
class Draft:
    """A question checked as ``/question add`` checks it, not stored yet."""

    text: str
    options: tuple[str, ...]
    category: str | None
    language: str


async def draft(
    app: App, guild_id: int, *, text: str, options: str | None, category: str | None
) -> Draft:
    """Check a question's text, options and category; default options from its wording. A
    French one is set with French spacing, as an imported one is (:func:`typeset`)."""
    text = checked_text(text)
    language = await _language(app, guild_id)
    text = typeset(text, language)
    chosen = parse_options(options)
    if chosen is None:  # in the question's language, as an imported one's
        worded = importer.question_language(text, "fr" if language == "fr" else "en")
        chosen = importer.default_options(importer.infer_kind(text, worded), worded, text)
    return Draft(text, chosen, parse_category(category), language)


def checked_text(text: str) -> str:
    """A question's text as stored: one line, no control characters, visible, not too long.
    A line break (the edit form's question is a paragraph) is a space between the words on
    either side of it, not dropped with the other control characters."""
    text = " ".join(storable(importer.without_controls(" ".join(text.split()))).split())
    if not visible(text):  # zero-width and filler characters only: an empty post
        raise UserError("error-question-empty")
    if not importer.duplicate_key(text):  # « ? », « ... »: marks only, nothing asked
        raise UserError("error-question-no-words")
    if len(text) > MAX_QUESTION:
        raise UserError("error-question-too-long", max=MAX_QUESTION)
    return text


def typeset(text: str, server_language: str) -> str:
    """A question typed by hand (staff's, a member's suggestion) as the bank stores it: with
    French spacing when its words are French (``importer.typeset_question``; the server's
    language alone does not make it French), as imported ones and the shipped bank are. The
    duplicate key reads every space alike: « Et vous ? » repeats « Et vous? ».

    The limit is checked again once set: the spaces it adds may take a question typed at
    :data:`MAX_QUESTION` over it (over the edit form's maximum too, whose default it is), and
    refusing says why rather than cutting the question's end."""
    text = importer.typeset_question(text, server_language)
    if len(text) > MAX_QUESTION:
        raise UserError("error-question-too-long-spaced", max=MAX_QUESTION, length=len(text))
    return text


def duplicate_of(text: str, existing: Sequence[tuple[int, str]]) -> int | None:
    """The id of the entry ``text`` repeats once normalized; ``None`` when it is new."""
    key = importer.duplicate_key(text)
    return next((i for i, other in existing if importer.duplicate_key(other) == key), None)


async def refuse_duplicate(
    session: AsyncSession, guild_id: int, text: str, *, besides: int | None = None
) -> None:
    """Refuse a question the bank already holds (``besides`` that one), naming the question
    it repeats."""
    found = await duplicate_in_bank(session, guild_id, text, besides=besides)
    if found is not None:
        raise UserError("error-question-duplicate", id=found)


async def duplicate_in_bank(
    session: AsyncSession, guild_id: int, text: str, *, besides: int | None = None
) -> int | None:
    """The bank's question ``text`` repeats (``besides`` that one), or ``None`` (compared in
    a worker thread: a large bank never holds the event loop)."""
    existing = [
        (i, other) for i, other in await questions.texts_by_id(session, guild_id) if i != besides
    ]
    return await asyncio.to_thread(duplicate_of, text, existing)


async def add(
    app: App,
    guild_id: int,
    *,
    text: str,
    options: str | None,
    actor_id: int,
    actor_name: str | None = None,
    category: str | None = None,
) -> Question:
    checked = await draft(app, guild_id, text=text, options=options, category=category)
    now = app.clock.now()
    async with app.bank_lock(guild_id), app.sessions.begin() as session:
        await guilds.lock_bank(session, guild_id)
        await refuse_duplicate(session, guild_id, checked.text)
        (question,) = await questions.add_questions(
            session,
            guild_id,
            [(checked.text, checked.language, list(checked.options), None)],
            now=now,
            category=checked.category,
        )
        await audit.record(
            session,
            guild_id,
            "question_add",
            actor_id=actor_id,
            actor_name=actor_name,
            target=str(question.id),
            now=now,
        )
    return question


async def import_article(
    app: App,
    guild_id: int,
    data: bytes,
    *,
    options: str | None,
    actor_id: int | None,
    actor_name: str | None = None,
    source: str | None = None,
    category: str | None = None,
) -> ImportOutcome:
    """Import an article's "Et vous ?" questions; nothing is written on error.

    The article is parsed in a worker thread: a megabyte of hostile text
    never holds the event loop (and every pattern of the parser is linear).
    """
    chosen = parse_options(options)
    sorted_as = parse_category(category)
    try:
        parsed = await asyncio.to_thread(importer.parse_article_bytes, data, options=chosen)
    except importer.ArticleError as error:
        heading = safe(error.heading, 100, one_line=True)  # the section the article has
        if error.reason.startswith("questions_too_long"):  # why none is left, with its figures
            key = f"error-import-{error.reason.replace('_', '-')}"
            raise UserError(key, heading=heading, **error.values) from None
        raise UserError(
            f"error-import-{error.code.replace('_', '-')}",
            max=MAX_IMPORT_QUESTIONS,
            heading=heading,
        ) from None
    await _language(app, guild_id)
    async with app.bank_lock(guild_id):
        return await store_import(
            app.sessions,
            guild_id,
            parsed,
            source=source,
            actor_id=actor_id,
            actor_name=actor_name,
            now=app.clock.now(),
            category=sorted_as,
        )


async def import_link(
    app: App,
    guild_id: int,
    url: str,
    *,
    options: str | None,
    actor_id: int | None,
    actor_name: str | None = None,
    category: str | None = None,
) -> ImportOutcome:
    """Import the questions of the article at ``url``: the page fetched with the guards of
    :mod:`bot.services.article_fetch`, then read as :func:`import_article` reads a file.
    What staff gave is checked before anything is fetched; nothing is written on error."""
    parse_options(options)
    parse_category(category)
    await _language(app, guild_id)
    page = await article_fetch.fetch_article(url, allow_loopback=app.settings.import_allow_loopback)
    return await import_article(
        app,
        guild_id,
        page.data,
        options=options,
        actor_id=actor_id,
        actor_name=actor_name,
        source=article_fetch.source_of(page.url),
        category=category,
    )


async def store_import(
    sessions: SessionFactory,
    guild_id: int,
    parsed: importer.ParsedArticle,
    *,
    source: str | None,
    actor_id: int | None,
    actor_name: str | None = None,
    now: datetime,
    category: str | None = None,
) -> ImportOutcome:
    """Add a parsed article's new questions in one transaction; duplicates are skipped,
    and so are questions staff removed (an article imported again brings none back).
    Questions whose words are French are stored with French spacing
    (:func:`importer.typeset_question`, the heading's language tipping only words leaning
    French, as the server's does for typed ones), as the shipped bank is: the duplicate key
    reads every space alike.

    ``source`` (the file's name) is kept storable and within its column: a name the
    system could not decode holds lone surrogates, and PostgreSQL refuses what SQLite
    would keep beyond the column's length."""
    source = storable(source, MAX_SOURCE) if source is not None else None
    async with sessions.begin() as session:
        await guilds.lock_bank(session, guild_id)
        existing = await questions.numbered_texts_ever_held(session, guild_id)
        kept, skipped = await asyncio.to_thread(
            importer.dedupe_numbered, parsed.questions, existing
        )
        added = await questions.add_questions(
            session,
            guild_id,
            [
                (
                    importer.typeset_question(q.text, parsed.language),
                    q.language,
                    list(q.options),
                    source,
                )
                for q in kept
            ],
            now=now,
            category=category,
        )
        if added:
            await audit.record(
                session,
                guild_id,
                "question_import",
                actor_id=actor_id,
                actor_name=actor_name,
                target=str(len(added)),
                now=now,
            )
    too_long = sum(1 for line in parsed.skipped if line.reason != "not_utf8")
    duplicates = [Duplicate(q.text, bank_id) for q, bank_id in skipped]
    return ImportOutcome(added, duplicates, too_long, list(parsed.skipped))


async def page(
    app: App,
    guild_id: int,
    cursor: int = 0,
    *,
    category: str | None = None,
    backward: bool = False,
) -> tuple[list[Question], int, bool]:
    """A page of the bank in order (of one category) after the position ``cursor``, or
    the page before it (``backward``); the bank's size; and whether more follow in
    that direction."""
    async with app.sessions() as session:
        rows = await questions.list_questions(
            session,
            guild_id,
            after_position=0 if backward else cursor,
            before_position=cursor if backward else None,
            limit=PAGE + 1,
            category=category,
        )
        total = await questions.count_questions(session, guild_id, category=category)
    shown, more = page_of(rows, PAGE, backward=backward)
    return shown, total, more


async def rotation(app: App, guild_id: int) -> tuple[str, ...]:
    """The categories the server posts in turn (/setup categories); none when it posts
    every question."""
    return await _rotation(app.sessions, guild_id)


async def _rotation(sessions: SessionFactory, guild_id: int) -> tuple[str, ...]:
    async with sessions() as session:
        guild = await guilds.get_guild(session, guild_id)
    return tuple(guild.categories or ()) if guild is not None else ()


def outside(rotation: Sequence[str], category: str | None) -> bool:
    """Whether the schedule never reaches a question of ``category``: the server posts
    only the categories of ``rotation`` and it is none of them (no category, or another).
    Only staff's ``/question post`` (or choosing it to go next) posts it."""
    return bool(rotation) and category not in rotation


async def missed_rotation(
    sessions: SessionFactory, guild_id: int, asked: Sequence[Question]
) -> tuple[str, ...]:
    """The categories the server posts in turn, when the schedule will never post one of
    ``asked`` (still to post, not chosen to go next, and in none of them); empty otherwise.
    What staff are warned of when they add, import or recategorise questions (Discord and
    the CLI alike)."""
    rotation = await _rotation(sessions, guild_id)
    missed = any(
        q.status == "ready" and not q.up_next and outside(rotation, q.category) for q in asked
    )
    return rotation if missed else ()


async def category_names(app: App, guild_id: int, current: str = "") -> list[str]:
    """The bank's categories containing ``current`` (for autocompletion)."""
    async with app.sessions() as session:
        counts = await questions.category_counts(session, guild_id)
    wanted = " ".join(current.split()).lower()
    return sorted(name for name in counts if wanted in name)[:25]


async def edit(
    app: App,
    guild_id: int,
    question_id: int,
    *,
    text: str | None,
    options: str | None,
    category: str | None,
    actor_id: int,
    actor_name: str | None = None,
) -> Question:
    """Correct a question of the bank (posted ones too: a repost shows the new words; the
    discussions already held keep theirs). Only what is given changes; a French text is
    set with French spacing (:func:`typeset`)."""
    values: dict[str, object] = {}
    if text is not None:
        values["text"] = checked_text(text)
    if options is not None:
        chosen = parse_options(options, left="kept")
        if chosen is None:
            raise UserError(
                "error-options",
                min=importer.MIN_OPTIONS,
                max=importer.MAX_OPTIONS,
                chars=importer.MAX_OPTION_CHARS,
            )
        values["options"] = list(chosen)
    if category is not None:
        values["category"] = parse_category(category)
    if not values:
        raise UserError("error-question-edit-nothing")
    now = app.clock.now()
    async with app.bank_lock(guild_id), app.sessions.begin() as session:
        await guilds.lock_bank(session, guild_id)
        question = await questions.get_question(session, guild_id, question_id)
        if question is None:
            raise NotFound("question")
        if "text" in values:
            guild = await guilds.get_guild(session, guild_id)
            language = guild.language if guild is not None else question.language
            values["text"] = typeset(str(values["text"]), language)
            await refuse_duplicate(session, guild_id, str(values["text"]), besides=question.id)
        for name, value in values.items():
            setattr(question, name, value)
        await audit.record(
            session,
            guild_id,
            "question_edit",
            actor_id=actor_id,
            actor_name=actor_name,
            target=str(question.id),
            now=now,
        )
    return question


async def remove(
    app: App, guild_id: int, question_id: int, *, actor_id: int, actor_name: str | None = None
) -> Question:
    now = app.clock.now()
    async with app.sessions.begin() as session:
        question = await questions.get_question(session, guild_id, question_id)
        if question is None or not await questions.mark_removed(session, question.id):
            raise NotFound("question")
        await audit.record(
            session,
            guild_id,
            "question_remove",
            actor_id=actor_id,
            actor_name=actor_name,
            target=str(question.id),
            now=now,
        )
    return question
