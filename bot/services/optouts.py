"""Who opted out, and the spans that still judge what the bot reads, kept in memory."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.app import App
from db.repositories import members
from db.snowflakes import made_at


async def load_optouts(app: App) -> None:
    """Today's choices and the members' spans that may still block something (see
    ``forget_ended_spans``), from the database."""
    async with app.sessions() as session:
        pairs = await members.opted_out_members(session)
        spans = await members.privacy_spans(session)
    app.optouts.reset(pairs, [(s.guild_id, s.user_id, s.starts_at, s.ends_at) for s in spans])
    forget_ended_spans(app)


SPAN_MARGIN = timedelta(days=1)
"""Spans are kept this long past the horizon (Discord's clock and ours may differ)."""


def forget_ended_spans(app: App) -> int:
    """Forget the opt-out and erasure spans that ended before the oldest open thread of
    their server (the horizon; now, in a server with none open): nothing written before
    it is read again (``OptOuts.forget_ended``). Called at each tick and each load."""
    horizons: dict[int, datetime] = {}
    for discussion in app.open.all():
        made = made_at(discussion.thread_id)  # its thread's id
        horizons[discussion.guild_id] = min(made, horizons.get(discussion.guild_id, made))
    return app.optouts.forget_ended(
        {g: at - SPAN_MARGIN for g, at in horizons.items()}, app.clock.now() - SPAN_MARGIN
    )
