"""What a question post shows beyond the question (category, credit, hidden
counts), and ``/question preview``: the next post, built by the very code
that posts it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import discord
from sqlalchemy import func, select

from bot import render
from bot.app import App
from bot.cron import next_slots
from bot.errors import NotFound, UserError
from bot.services import next_question
from db.models import Discussion, Guild, Question
from db.repositories import guilds, questions


def extras(guild: Guild | None, question: Question | None) -> render.PostExtras:
    """The server's settings applied to one question's post."""
    if guild is None:
        return render.PostExtras(category=question.category if question else None)
    credit = question.suggested_by if question is not None and guild.credit_suggesters else None
    return render.PostExtras(
        category=question.category if question is not None else None,
        credit_id=credit,
        counts_hidden=guild.hide_counts,
    )


@dataclass(frozen=True, slots=True)
class Preview:
    question: Question
    embed: discord.Embed
    view: discord.ui.View
    posts_at: datetime | None
    """When the schedule would post it (``None``: paused, or only by hand)."""


async def preview(app: App, guild_id: int, question_id: int | None) -> Preview:
    """The post that ``/question post [id]`` would make now, as members would see it."""
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
        # The number the discussion will most likely get (the next row id).
        last = await session.scalar(select(func.max(Discussion.id)))
    embed = render.question_embed(
        discussion_id=(last or 0) + 1,
        question=question.text,
        options=question.options,
        counts={},
        closes_at=now + timedelta(hours=guild.duration_hours),
        closed=False,
        source=question.source,
        language=guild.language,
        extras=extras(guild, question),
    )
    view = render.question_view(0, question.options, guild.language, preview=True)
    view.stop()
    scheduled = question_id is None and not guild.paused
    upcoming = next_slots(guild.cron, guild.timezone, now, 1) if scheduled else []
    return Preview(question, embed, view, upcoming[0] if upcoming else None)


async def refuse_hidden_counts(app: App, discussion: Discussion) -> None:
    """While counts are hidden, no summary of an open discussion (it would show them)."""
    if discussion.closed_at is not None:
        return
    async with app.sessions() as session:
        guild = await guilds.get_guild(session, discussion.guild_id)
    if guild is not None and guild.hide_counts:
        raise UserError("error-counts-hidden", closes=render.timestamp(discussion.closes_at))
