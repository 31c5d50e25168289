"""The counts on a question post are right within one refresh after the last click.

The post is refreshed at most once every ``REFRESH`` seconds of SimCord's
clock, however many clicks arrive; after the last click, the next refresh
shows every click, for one click and for thirty at the same moment.
"""

from __future__ import annotations

from typing import Any

import discord

from bot import custom_ids
from db.models import Stance
from tests.harness import world

REFRESH = 5.0


def _counts(post: discord.Message) -> list[int]:
    lines = post.embeds[0].fields[0].value.splitlines()
    return [int(line.rsplit("—", 1)[1]) for line in lines]


async def simultaneous_clicks(
    env: Any, message: discord.Message, clicks: list[tuple[Any, str]]
) -> list[Any]:
    """Every click reaches the bot before it answers any: SimCord's actors click one at a
    time, so the interactions are built as ``actor.click`` builds them and sent together."""
    from simcord import interactions
    from simcord.backend import serializers
    from simcord.enums import ComponentType, InteractionType
    from simcord.results import InteractionResult

    stored = env.backend.get_message(message.channel.id, message.id)
    records = []
    for actor, custom_id in clicks:
        record, payload = interactions.base_payload(
            env.backend,
            type=InteractionType.MESSAGE_COMPONENT,
            channel_id=stored.channel_id,
            guild_id=actor.guild.id,
            user_id=actor.id,
            data={"custom_id": custom_id, "component_type": ComponentType.BUTTON},
        )
        payload["message"] = dict(serializers.message_payload(env.backend, stored))
        record.source_message_id = stored.id
        env.backend.emit("INTERACTION_CREATE", payload)
        records.append(record)
    await env.settle()
    return [InteractionResult(env, record) for record in records]


def _edits(w: object, discussion: object) -> int:
    return sum(
        1
        for r in w.env.http_requests  # type: ignore[attr-defined]
        if r.method == "PATCH" and str(discussion.message_id) in r.path  # type: ignore[attr-defined]
    )


async def test_one_click_is_counted_at_the_next_refresh(sqlite_url: str) -> None:
    async with world(sqlite_url, members=1) as w:
        _, discussion = await w.post()
        clicked = await w.members[0].click(
            w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 1)
        )
        assert clicked.ephemeral
        await w.env.advance_time(REFRESH)
        await w.settle()
        assert _counts(w.post_message(discussion)) == [0, 1, 0]
        assert not w.env.errors


async def test_thirty_clicks_at_once_are_all_counted_at_the_next_refresh(sqlite_url: str) -> None:
    async with world(sqlite_url, members=0) as w:
        _, discussion = await w.post()
        crowd = [w.guild.add_member(w.env.create_user(f"membre{n}")) for n in range(30)]
        post = w.post_message(discussion)
        before = _edits(w, discussion)
        results = await simultaneous_clicks(
            w.env, post, [(m, custom_ids.stance(discussion.id, n % 3)) for n, m in enumerate(crowd)]
        )
        assert all(r.acknowledged and r.ephemeral for r in results)
        await w.env.advance_time(REFRESH)
        await w.settle()
        assert _counts(w.post_message(discussion)) == [10, 10, 10]
        assert len(await w.rows(Stance)) == 30
        assert 1 <= _edits(w, discussion) - before <= 2  # one refresh (and the first at once)
        assert not w.env.errors
