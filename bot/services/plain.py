"""Stored rows as the analysis's plain data."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

from bot.analysis import model
from bot.app import App
from db.models import Discussion
from db.repositories import discussions as discussion_repo
from db.repositories import export as export_repo

HISTORY_DISCUSSIONS = 20


async def load(app: App, discussion: Discussion) -> model.Discussion:
    """One discussion with its replies, declared stances and votes (opted-out left out).

    The rows are read on the event loop; the objects are built in a worker
    thread (a large discussion has tens of thousands of votes).
    """
    async with app.sessions() as session:
        replies = [row async for row in export_repo.replies(session, discussion.id)]
        stances = await export_repo.stances(session, discussion.id)
        votes = [row async for row in export_repo.votes(session, discussion.id)]
    head = model.Discussion(
        id=str(discussion.id),
        question=discussion.question_text,
        options=tuple(discussion.options),
        language=discussion.language,
        guild_id=str(discussion.guild_id),
        closed=discussion.closed_at is not None,
    )
    return await asyncio.to_thread(_build, head, replies, stances, votes)


def _build(
    head: model.Discussion, replies: list[Any], stances: list[Any], votes: list[Any]
) -> model.Discussion:
    options = head.options
    return dataclasses.replace(
        head,
        replies=tuple(
            model.Reply(
                id=str(r.id),
                author_id=str(r.author_id),
                text=r.text,
                author_name=r.author_name,
                created_at=r.created_at.isoformat(),
                reply_to=str(r.reply_to) if r.reply_to else None,
                edited_after_votes=bool(r.edited_after_votes),
            )
            for r in replies
        ),
        stances=tuple(
            model.DeclaredStance(str(s.user_id), options[s.option])
            for s in stances
            if 0 <= s.option < len(options)
        ),
        votes=tuple(model.Vote(str(v.reply_id), str(v.voter_id), int(v.value)) for v in votes),
    )


async def load_with_history(app: App, discussion: Discussion) -> list[model.Discussion]:
    """The discussion first, then the server's recent others (the classifier learns
    from their declared stances)."""
    async with app.sessions() as session:
        recent = await discussion_repo.recent_for_guild(
            session, discussion.guild_id, limit=HISTORY_DISCUSSIONS + 1
        )
    result = [await load(app, discussion)]
    for other in recent:
        if other.id != discussion.id and len(result) <= HISTORY_DISCUSSIONS:
            result.append(await load(app, other))
    return result
