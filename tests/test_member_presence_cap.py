"""Who of the opted-out members is still in the server is asked of Discord one member a
request: at most ``CHECKED_AT_MOST`` of them, the others counted present as before."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import discord

from bot import member_counts
from bot.member_counts import MemberCounts


class _Gone(discord.NotFound):
    def __init__(self) -> None:
        self.code = member_counts.UNKNOWN_MEMBER


async def test_a_large_servers_opt_outs_are_asked_about_at_most_the_cap() -> None:
    asked: list[int] = []

    async def get_member(guild_id: int, user_id: int) -> dict[str, Any]:
        asked.append(user_id)
        raise _Gone()  # every one of them left

    client = cast(discord.Client, SimpleNamespace(http=SimpleNamespace(get_member=get_member)))
    opted_out = range(1, member_counts.CHECKED_AT_MOST + 31)
    present = await MemberCounts(client).present(7, opted_out)

    assert len(asked) == member_counts.CHECKED_AT_MOST
    assert present == frozenset(opted_out[member_counts.CHECKED_AT_MOST :])
