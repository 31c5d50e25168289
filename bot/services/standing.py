"""Where a member stands among a discussion's opinion groups ("Où je me situe"), told to
her alone: the card's button and ``/summary position``.

Only the opinion groups are computed (no stance model, no themes), in a worker thread.
What she is shown names no other member: her group's size and what it stands for, the
replies where she votes against most of it, what bridges the groups, each with her own
vote. An opted-out member has no votes stored, so she is told that instead.
"""

from __future__ import annotations

import asyncio
import logging

from bot.analysis import model
from bot.analysis.polis.standing import MemberStanding, Standing
from bot.app import App
from bot.errors import UserError
from bot.services import plain, posts
from bot.services import summary as summary_service
from bot.write_behind import INTERACTIVE_WAIT
from db.models import Discussion

log = logging.getLogger(__name__)

QUOTE_CHARS = 200
"""Characters of a reply quoted (the renderer cuts further to fit)."""


async def where_she_stands(
    app: App, discussion: Discussion, member_id: int, *, language: str
) -> MemberStanding:
    """Where ``member_id`` stands in ``discussion`` (already checked to be of her server
    and readable by her), the opinion map with her point marked drawn in ``language``
    when she is on it."""
    if (discussion.guild_id, member_id) in app.optouts:
        raise UserError("error-opted-out")
    await posts.refuse_hidden_counts(app, discussion)  # group sizes are counts
    await app.buffer.drain(limit=INTERACTIVE_WAIT)  # her last click counts
    loaded = await plain.load(app, discussion)
    found, opinion_map = await asyncio.to_thread(_standing, loaded, str(member_id), language)
    named = _named(found)
    texts = {r.id: r.text for r in loaded.replies}
    return MemberStanding(
        standing=found,
        discussion_id=discussion.id,
        language=discussion.language,
        closed=discussion.closed_at is not None,
        quotes={r: _quote(texts.get(r, "")) for r in named},
        links={r: summary_service.jump_link(discussion, r) for r in named},
        opinion_map=opinion_map,
        edited=frozenset(r.id for r in loaded.replies if r.edited_after_votes and r.id in named),
    )


def _standing(
    discussion: model.Discussion, member_id: str, language: str
) -> tuple[Standing, bytes | None]:
    """Her standing, and the opinion map with her point when the groups are clear and
    her votes place her on it (a worker thread: numpy and matplotlib)."""
    from bot.analysis.polis.standing import standing
    from bot.analysis.summarize import opinion_groups

    result = opinion_groups(discussion)
    found = standing(discussion, result, member_id)
    if result is None or found.group is None or member_id not in result.projection:
        return found, None
    try:
        from bot.charts.opinion_map import opinion_map_png

        members = [g.members for g in result.groups]
        return found, opinion_map_png(result.projection, members, language, you=member_id)
    except Exception:
        log.exception("opinion map for discussion %s failed", discussion.id)
        return found, None


def _named(found: Standing) -> list[str]:
    ids = [tally.reply_id for _, tally in found.stands_for]
    ids += [tally.reply_id for tally in (*found.apart, *found.bridging)]
    return list(dict.fromkeys(ids))


def _quote(text: str) -> str:
    from bot.analysis._text import cut_quote

    return cut_quote(text, QUOTE_CHARS)
