"""``/answers``: staff browse, export and erase the server's stored replies."""

from __future__ import annotations

import io
import logging
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.app import App
from bot.discord_text import safe, size, spoiler_parts
from bot.errors import NotFound, UserError
from bot.export_format import CSV_DIALECTS, DEFAULT_CSV_DIALECT
from bot.services import export
from bot.services.paging import page_of
from bot.write_behind import INTERACTIVE_WAIT
from db.models import Discussion, Reply
from db.repositories import audit, erased_texts
from db.repositories import discussions as discussion_repo
from db.repositories import replies as reply_repo
from db.text_search import first_found, terms

log = logging.getLogger(__name__)

Traces = list[tuple[int, int]]
"""``(thread id, message id)`` of what an erased reply left on Discord."""

PAGE = 5
SEARCH_CHARS = 36
"""The longest search ``/answers list`` takes: the page buttons carry it in their custom id."""
MAX_ATTACHMENT = 8 * 1024 * 1024


async def page(
    app: App,
    guild_id: int,
    cursor: int = 0,
    *,
    backward: bool = False,
    discussion_id: int | None,
    author_id: int | None,
    search: str | None = None,
) -> tuple[list[tuple[Reply, int | None]], bool]:
    """A page of stored replies with their thread id, newest first (keyset on the message
    id: older than ``cursor``, 0 for the newest; or, ``backward``, the page newer than it),
    and whether more follow in that direction; with ``search``, those containing each of
    its words or "quoted phrases", accents and case aside (the web room's search)."""
    searched = terms(search or "")
    if search is not None and not searched:
        raise UserError("error-search-empty")
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    async with app.sessions() as session:
        rows = await reply_repo.page(
            session,
            guild_id,
            discussion_id=discussion_id,
            author_id=author_id,
            before_id=None if backward or not cursor else cursor,
            limit=PAGE + 1,
            after_id=cursor if backward else None,
            terms=searched,
        )
    return page_of(rows, PAGE, backward=backward)


def excerpt(text: str, search: str | None, width: int) -> str:
    """``text`` from a little before the first searched term when the term lies beyond
    the first ``width`` characters (a long answer would otherwise show none of what was
    searched for), measured as echoed (an escape, an emoji takes two), with « … » where it was
    cut at the start: a few words before the term, or within a long word (an address). The
    terms are found as the search found the reply (:func:`db.text_search.first_found`). A cut
    never falls inside a
    member's spoiler: its opening ``||`` gone, its end would be echoed in clear; the line
    starts at the spoiler instead, which the echo masks."""
    first = first_found(text, terms(search or ""))
    lead = width // 4
    if first < 0 or _echoed(text[:first]) + lead < width:
        return text
    start = first  # back to at most ``lead`` of echo before it, then on to a word's start
    floor = max(0, first - 4 * width)  # a flood of invisible characters echoes nothing
    while start > floor and _echoed(text[start - 1 : first]) <= lead:
        start -= 1
    if start > 0 and text[start - 1] != " ":  # a long word (an address) is cut, not kept whole
        start = text.find(" ", start, first) + 1 or start
    while start < first and _continues(text[start]):  # never half a letter or an emoji
        start += 1
    at = 0
    for part, hidden in spoiler_parts(text):
        end = at + len(part) + (4 if hidden else 0)  # a spoiler's text and its two ``||``
        if hidden and at < start < end:
            start = at
            break
        at = end
    return "…" + text[start:]


def _continues(char: str) -> bool:
    """Whether ``char`` belongs to the character before it: an accent, an emoji's joiner or
    presentation selector."""
    return unicodedata.category(char) in ("Mn", "Mc", "Me") or char in "\u200d\ufe0e\ufe0f"


def _echoed(part: str) -> int:
    """How long ``part`` of a reply is once echoed (:func:`bot.discord_text.safe`, on one
    line): a markdown character takes its escape too, an emoji two UTF-16 units."""
    return size(safe(part, 3 * size(part) + 1, one_line=True)) if part.strip() else len(part)


async def export_file(
    app: App,
    guild_id: int,
    discussion_id: int | None,
    fmt: str,
    dialect: str = DEFAULT_CSV_DIALECT,
    *,
    actor_id: int | None,
    actor_name: str | None = None,
) -> io.BytesIO:
    """The export as an in-memory file (a CSV in ``dialect``), refused when too large for
    Discord."""
    if fmt not in ("jsonl", "csv"):
        raise UserError("error-format")
    if dialect not in CSV_DIALECTS:
        raise UserError("error-csv-dialect")
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    out = io.BytesIO()
    async with app.sessions() as session:
        async for chunk in export.stream(session, guild_id, discussion_id, fmt, dialect):
            out.write(chunk.encode("utf-8"))
            if out.tell() > MAX_ATTACHMENT:
                raise UserError("error-export-too-large")
    await export.log_export(app, guild_id, discussion_id, actor_id=actor_id, actor_name=actor_name)
    out.seek(0)
    return out


@dataclass(frozen=True, slots=True)
class ErasedAnswer:
    """What an erased reply leaves on Discord, as ``(thread id, message id)`` lists."""

    form_posts: list[tuple[int, int]]
    """The bot's post of it, when it was a form reply: to delete."""
    quoted: list[tuple[int, int]]
    """The reply, when its discussion is closed: the closing summary may quote it."""


async def erase_answer(
    app: App, guild_id: int, message_id: int, *, actor_id: int, actor_name: str | None = None
) -> ErasedAnswer:
    """Erase a stored reply; returns what of it is left on Discord, to be removed too."""
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    now = app.clock.now()
    async with app.sessions.begin() as session:
        found = await reply_repo.get_reply(session, guild_id, message_id)
        via_modal = found is not None and found.via_modal
        discussion = await session.get(Discussion, found.discussion_id) if found else None
        closed = discussion is not None and discussion.closed_at is not None
        if not await reply_repo.erase(session, guild_id, message_id):
            raise NotFound("reply")
        thread_id = await discussion_repo.thread_of_reply(session, message_id)
        await audit.record(
            session,
            guild_id,
            "answer_delete",
            actor_id=actor_id,
            actor_name=actor_name,
            target=str(message_id),
            now=now,
        )
        erased = [(thread_id, message_id)] if thread_id is not None else []
        answer = ErasedAnswer(
            form_posts=erased if via_modal else [], quoted=erased if closed else []
        )
        # Noted as a member's erasure is: the caller removes them at once when it can, and
        # what Discord refused, or a room without the bot could not reach, goes at a tick.
        await erased_texts.note(session, guild_id, erased_texts.FORM_POST, answer.form_posts)
        await erased_texts.note(session, guild_id, erased_texts.QUOTE, answer.quoted)
    return answer


async def remove_traces_now(
    app: App,
    erased: ErasedAnswer,
    *,
    remove_posts: Callable[[Traces], Awaitable[int]] | None,
    remove_quotes: Callable[[Traces], Awaitable[int]] | None,
) -> bool:
    """Take the erased reply's traces off Discord now (``None``: no Discord to take them
    from, as in the console's room) and off the scheduler's list; ``False`` when Discord
    could not be reached (a time-out, a dropped connection): the erasure stands, and the
    scheduler takes them off at its next tick."""
    gone = done = 0
    reached = True
    try:
        if erased.form_posts and remove_posts is not None:
            gone = await remove_posts(erased.form_posts)
        if erased.quoted and remove_quotes is not None:
            done = await remove_quotes(erased.quoted)
    except Exception:
        log.warning("an erased reply's traces on Discord are left to the scheduler", exc_info=True)
        reached = False
    await removed_at_once(app, erased, posts_gone=gone, threads_done=done)
    return reached


async def removed_at_once(
    app: App, erased: ErasedAnswer, *, posts_gone: int, threads_done: int
) -> None:
    """Take off the scheduler's clean-up list what the caller just removed from Discord
    (``posts_gone`` of the bot's posts, ``threads_done`` of the summaries' threads): done
    again at its next tick, a closed thread was unarchived to delete a post long gone."""
    done = []
    if erased.form_posts and posts_gone >= len(erased.form_posts):
        done.append((erased_texts.FORM_POST, [m for _, m in erased.form_posts]))
    if erased.quoted and threads_done >= len({t for t, _ in erased.quoted}):
        done.append((erased_texts.QUOTE, [m for _, m in erased.quoted]))
    if not done:
        return
    async with app.sessions.begin() as session:
        for kind, message_ids in done:
            await erased_texts.done(session, kind, message_ids)
