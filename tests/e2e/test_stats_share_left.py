"""``/stats``' share « of members » (and the web room's) when a member who opted out left
the server: she is in neither count (Discord's count no longer holds her; those who took
part never did), so she is not taken off Discord's count a second time: 2 participants of
5 members read 50 % (2 of 4)."""

from __future__ import annotations

from bot.runner import web_room
from bot.services.review import ReviewRoom
from tests.harness import world


async def test_a_member_who_opted_out_then_left_is_not_taken_off_the_members_twice(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        alice, bruno, chloe = w.members
        await w.mod.slash(w.text, "schedule pause")
        thread, _ = await w.post()
        await alice.send(thread, "Oui, c'est inévitable.")
        await chloe.send(thread, "Non, pas entièrement.")
        await bruno.send(thread, "Peut-être.")
        await bruno.slash(w.text, "mydata optout")
        w.guild.remove_member(bruno)
        await w.restart()  # Discord's member count is the one given when a session starts
        members = w.bot.get_guild(w.guild.id).member_count
        assert members == len(w.guild.member_ids())  # without her

        server = await alice.slash(w.text, "stats")
        (line,) = server.response.embeds[0].description.splitlines()
        assert ": 2 participants, 2 replies" in line, line
        assert line.endswith(f" · {round(200 / members)}% of members"), (members, line)
        served = web_room(w.bot)  # the web room's whole is the same
        room = ReviewRoom(w.app, member_count=served.member_count, present=served.present)
        assert (await room.discussions(w.guild.id, before=None)).members == members

        # One who opted out and stays is still taken off Discord's count.
        await chloe.slash(w.text, "mydata optout")
        again = await alice.slash(w.text, "stats")
        (line,) = again.response.embeds[0].description.splitlines()
        assert ": 1 participants, 1 replies" in line or ": 1 participant, 1 reply" in line, line
        assert line.endswith(f" · {round(100 / (members - 1))}% of members"), (members, line)
        assert not w.env.errors


async def test_discord_refusing_to_say_who_is_a_member_takes_every_opted_out_off(
    sqlite_url: str,
) -> None:
    """Only Discord's « Unknown Member » says she left: a refusal keeps the count as it
    was before (each member who opted out taken off)."""
    async with world(sqlite_url) as w:
        alice, bruno, chloe = w.members
        await w.mod.slash(w.text, "schedule pause")
        thread, _ = await w.post()
        await alice.send(thread, "Oui, c'est inévitable.")
        await chloe.send(thread, "Non, pas entièrement.")
        await bruno.slash(w.text, "mydata optout")
        w.guild.remove_member(bruno)
        await w.restart()
        members = w.bot.get_guild(w.guild.id).member_count
        w.env.inject_error("GET", f"/guilds/{w.guild.id}/members/*", status=403, times=1)
        server = await alice.slash(w.text, "stats")
        (line,) = server.response.embeds[0].description.splitlines()
        assert line.endswith(f" · {round(200 / (members - 1))}% of members"), (members, line)
        asked = [r.path for r in w.env.http_requests if r.method == "GET"]
        assert f"/guilds/{w.guild.id}/members/{bruno.id}" in asked
        assert not w.env.errors
