"""The web room's search across every discussion of a server: the live replies that
hold each word or "phrase" asked for (accents and case aside, as a discussion's own
search box reads them), newest first, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.analysis.language import clear_language
from bot.app import App
from bot.write_behind import INTERACTIVE_WAIT
from db.repositories import review as repo
from db.text_search import terms as search_terms

PAGE = 20
WINDOW = 10_000
"""Replies a page reads at most: a word found nowhere read the largest server of
`bench/web_routes.py` whole (p99 166 ms on SQLite at 1,000,000 replies; 86 ms with
20,000 read, 48 ms with 10,000: the goal is 50); the page then says how far it looked
and offers the older ones."""


@dataclass(frozen=True, slots=True)
class FoundReply:
    id: int
    discussion_id: int
    question: str
    author_id: int
    author_name: str
    text: str
    created_at: datetime
    edited_at: datetime | None
    language: str
    """Its discussion's: the question's."""
    text_language: str | None
    """The language the text is clearly written in (``"en"``, ``"fr"``: its stop words,
    :func:`~bot.analysis.language.clear_language`), ``None`` when unsure: a page in
    another marks it, for screen readers' voices."""


@dataclass(frozen=True, slots=True)
class SearchPage:
    query: str
    searched: bool
    """Whether the query held anything to look for (else: the empty form)."""
    found: tuple[FoundReply, ...]
    next_before: int | None
    window_ended: bool = False
    """The page stopped at the oldest reply its window reads, not at a full page: older
    replies remain to search (``next_before``)."""


async def page(app: App, guild_id: int, query: str, *, before: int | None) -> SearchPage:
    terms = search_terms(query)
    if not terms:
        return SearchPage(query, False, (), None)
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    async with app.sessions() as session:
        rows, floor = await repo.search_replies(
            session, guild_id, terms, before_id=before, limit=PAGE + 1, window=WINDOW
        )
    shown = rows[:PAGE]
    found = tuple(
        FoundReply(
            r.id,
            r.discussion_id,
            question,
            r.author_id,
            r.author_name,
            r.text,
            r.created_at,
            r.edited_at,
            language,
            clear_language(r.text),
        )
        for r, question, language in shown
    )
    if len(rows) > PAGE:
        return SearchPage(query, True, found, shown[-1][0].id)
    return SearchPage(query, True, found, floor, window_ended=floor is not None)
