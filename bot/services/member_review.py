"""What the web room shows staff about one member of their server: what
``/mydata show`` shows the member, and all their replies, a page at a time.

An id that is not a member of the server shows an empty page, exactly like
an id that is nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.analysis.language import clear_language
from bot.app import App
from bot.write_behind import INTERACTIVE_WAIT
from db.repositories import members
from db.repositories import review as repo

PAGE = 20


@dataclass(frozen=True, slots=True)
class MemberStance:
    discussion_id: int
    question: str
    option: str | None
    at: datetime
    language: str
    """The discussion's: its question's and options' (a page in another marks them)."""


@dataclass(frozen=True, slots=True)
class MemberReply:
    id: int
    discussion_id: int
    question: str
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
class MemberPage:
    user_id: int
    name: str | None
    replies: int
    stances: int
    votes: int
    suggestions: int
    opted_out: bool
    declared: tuple[MemberStance, ...]
    recent: tuple[MemberReply, ...]
    next_before: int | None


async def page(app: App, guild_id: int, user_id: int, *, before: int | None) -> MemberPage:
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    async with app.sessions() as session:
        counts = await members.counts(session, guild_id, user_id)
        stances = await members.stances_of(session, guild_id, user_id)
        rows = await repo.member_replies(
            session, guild_id, user_id, before_id=before, limit=PAGE + 1
        )
        names = await repo.member_names(session, guild_id, [user_id])
    shown = rows[:PAGE]
    declared = tuple(
        MemberStance(
            d.id,
            d.question_text,
            d.options[s.option] if 0 <= s.option < len(d.options) else None,
            s.at,
            d.language,
        )
        for s, d in stances
    )
    recent = tuple(
        MemberReply(
            r.id,
            r.discussion_id,
            question,
            r.text,
            r.created_at,
            r.edited_at,
            language,
            clear_language(r.text),
        )
        for r, question, language in shown
    )
    return MemberPage(
        user_id=user_id,
        name=names.get(user_id),
        replies=counts.replies,
        stances=counts.stances,
        votes=counts.votes,
        suggestions=counts.suggestions,
        opted_out=counts.opted_out,
        declared=declared,
        recent=recent,
        next_before=shown[-1][0].id if len(rows) > PAGE else None,
    )
