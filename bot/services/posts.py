"""What a question post shows beyond the question (category, credit, hidden
counts), and ``/question preview``: the next post as the scheduler would make
it now, drawn by the cog with the renderer that draws the post itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.app import App
from bot.cron import ScheduleError, next_slots
from bot.errors import NotFound, UserError
from bot.post_extras import PostExtras, timestamp
from bot.seed_bank import load_seed_bank
from bot.services import next_question
from db.models import Discussion, Guild, Question
from db.repositories import discussions as discussion_repo
from db.repositories import guilds, questions


def extras(
    guild: Guild | None, question: Question | None, posted: Discussion | None = None
) -> PostExtras:
    """The server's settings applied to one question's post; ``posted``: the discussion
    the post opened, which keeps the category it was posted with (a preview has none yet:
    the question's own)."""
    if posted is not None:
        category = posted.category
    else:
        category = question.category if question is not None else None
    source_language = _source_language(question.source if question is not None else None)
    if guild is None:
        return PostExtras(category=category, source_language=source_language)
    credit = question.suggested_by if question is not None and guild.credit_suggesters else None
    return PostExtras(
        category=category,
        credit_id=credit,
        counts_hidden=guild.hide_counts,
        role_id=guild.question_role_id,
        source_language=source_language,
    )


def _source_language(source: str | None) -> str | None:
    """The language of a source that is a title: the shipped bank's article, which the
    seed bank names with its language (its title is every seeded question's source)."""
    shipped = load_seed_bank().source
    return shipped.language if source == shipped.title else None


@dataclass(frozen=True, slots=True)
class Preview:
    """Everything the post would show, but when it closes: it is not posted now."""

    question: Question
    discussion_id: int
    """The number the discussion will most likely get (the next row id)."""
    open_hours: int
    """How long the discussion will stay open once posted (not a time: not posted now)."""
    language: str
    extras: PostExtras
    posts_at: datetime | None
    """When the schedule would post it (``None``: paused, or only by hand)."""


async def preview(app: App, guild_id: int, question_id: int | None) -> Preview:
    """The post that ``/question post [id]`` would make, its close said as a duration."""
    now = app.clock.now()
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, guild_id)
        if guild is None or guild.channel_id is None:
            raise UserError("error-not-setup")
        if question_id is not None:
            question = await questions.get_question(session, guild_id, question_id)
            if question is None:
                raise NotFound("question")
        else:
            question = await next_question.choose(session, guild)
            if question is None:
                raise next_question.none_left(guild)
        discussion_id = await discussion_repo.next_id(session)
    scheduled = question_id is None and not guild.paused
    try:
        upcoming = next_slots(guild.cron, guild.timezone, now, 1) if scheduled else []
    except ScheduleError:  # an unusable stored zone or cron: nothing is posted on schedule
        upcoming = []
    return Preview(
        question=question,
        discussion_id=discussion_id,
        open_hours=guild.duration_hours,
        language=guild.language,
        extras=extras(guild, question),
        posts_at=upcoming[0] if upcoming else None,
    )


class CountsHidden(UserError):
    """The server hides counts until the close, and the discussion is open."""

    def __init__(self, closes_at: datetime) -> None:
        super().__init__("error-counts-hidden", closes=timestamp(closes_at))
        self.closes_at = closes_at
        """For an interface that writes dates its own way (the web room)."""


async def refuse_hidden_counts(app: App, discussion: Discussion) -> None:
    """While counts are hidden, no summary of an open discussion (it would show them):
    not in Discord (``/summary show``, ``/summary publish``), not in the web room (the
    discussion's page, its public report, their charts), for members and staff alike."""
    if discussion.closed_at is not None:
        return
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, discussion.guild_id)
    if guild is not None and guild.hide_counts:
        raise CountsHidden(discussion.closes_at)
