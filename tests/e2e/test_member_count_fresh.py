"""The share « of members » in ``/stats`` and the web room follows the server's member
count while the bot runs. The bot has no members intent: Discord sends it no join or
leave, and the gateway's count stays the one given when its session started."""

from __future__ import annotations

from typing import Any

from bot.member_counts import FAILED_FOR, FRESH_FOR
from bot.runner import web_room
from bot.services.review import ReviewRoom
from tests.harness import World, world


async def _share(w: World, actor: Any) -> str:
    server = await actor.slash(w.text, "stats")
    (line,) = server.response.embeds[0].description.splitlines()
    assert ": 2 participants, 2 replies" in line, line
    return line.rsplit(" · ", 1)[1]


def _counted(w: World) -> int:
    return len(w.env.backend.guilds[w.guild.id].members)


def _asked(w: World) -> int:
    return sum(
        1
        for r in w.env.http_requests
        if r.method == "GET" and r.path.rstrip("/") == f"/guilds/{w.guild.id}"
    )


async def test_the_share_of_members_follows_members_who_join_while_the_bot_runs(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        alice, bruno, _ = w.members
        await w.mod.slash(w.text, "schedule pause")
        thread, _ = await w.post()
        await alice.send(thread, "Oui, c'est inévitable.")
        await bruno.send(thread, "Non, pas entièrement.")
        await w.restart()  # the gateway's count is the one given when a session starts
        at_start = _counted(w)
        assert w.bot.get_guild(w.guild.id).member_count == at_start
        assert await _share(w, alice) == f"{round(200 / at_start)}% of members"
        asked = _asked(w)

        for n in range(15):
            w.add_member(f"nouveau{n}")
        await w.settle()
        assert w.bot.get_guild(w.guild.id).member_count == at_start  # the gateway's, stale
        assert await _share(w, alice) == f"{round(200 / at_start)}% of members"  # kept
        assert _asked(w) == asked  # a few minutes: not asked again

        await w.env.advance_time(FRESH_FOR + 1)
        now = _counted(w)
        assert await _share(w, alice) == f"{round(200 / now)}% of members"
        assert _asked(w) == asked + 1
        room = ReviewRoom(w.app, member_count=web_room(w.bot).member_count)  # the runner's
        assert (await room.discussions(w.guild.id, before=None)).members == now
        assert not w.env.errors


async def test_the_gateways_count_stands_in_when_discord_does_not_say(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        alice, bruno, _ = w.members
        await w.mod.slash(w.text, "schedule pause")
        thread, _ = await w.post()
        await alice.send(thread, "Oui, c'est inévitable.")
        await bruno.send(thread, "Non, pas entièrement.")
        await w.restart()
        at_start = _counted(w)
        for n in range(15):
            w.add_member(f"nouveau{n}")
        w.env.inject_error("GET", f"/guilds/{w.guild.id}", status=403, times=1)
        assert await _share(w, alice) == f"{round(200 / at_start)}% of members"
        await w.env.advance_time(FAILED_FOR + 1)
        assert await _share(w, alice) == f"{round(200 / _counted(w))}% of members"
        assert not w.env.errors
