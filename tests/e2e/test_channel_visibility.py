"""A server may hold its debates in a channel only some members see (a club, a
subscribers' tier): what is said there is not shown to the others through the bot."""

from __future__ import annotations

from typing import Any

import discord

from tests.harness import world


async def _private_debates(w: Any) -> Any:
    """A text channel hidden from @everyone, open to the club role, staff and the bot."""
    everyone = w.bot.get_guild(w.guild.id).default_role
    club = w.guild.create_role("club")
    hidden, shown = (discord.PermissionOverwrite(view_channel=v) for v in (False, True))
    channel = w.guild.create_text_channel(
        "club-debats",
        overwrites={
            everyone: hidden,
            club: shown,
            w.mod: shown,
            w.bot.get_guild(w.guild.id).me: shown,
        },
    )
    return channel, club


async def test_a_member_who_cannot_see_the_channel_cannot_read_its_summaries(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=0, setup=False) as w:
        channel, club = await _private_debates(w)
        await w.setup(channel)
        thread, discussion = await w.post(channel)
        insider = w.guild.add_member(w.env.create_user("insider"), roles=[club])
        outsider = w.guild.add_member(w.env.create_user("outsider"))
        await insider.send(thread, "Entre nous : le club votera contre, c'est décidé.")
        await w.settle()

        refused = await outsider.slash(w.text, "summary show", discussion=discussion.id)
        assert refused.ephemeral and not refused.response.embeds
        unknown = await outsider.slash(w.text, "summary show", discussion=999_999)
        assert refused.response.content == unknown.response.content  # as if it did not exist
        assert await outsider.autocomplete(w.text, "summary show", "discussion", "") == []

        shown = await insider.slash(w.text, "summary show", discussion=discussion.id)
        assert shown.response.embeds
        offered = await insider.autocomplete(w.text, "summary show", "discussion", "")
        assert [c["value"] for c in offered] == [discussion.id]


async def test_the_server_stats_leave_out_the_discussions_of_a_channel_one_cannot_see(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=0, setup=False) as w:
        channel, club = await _private_debates(w)
        await w.setup(channel)
        thread, discussion = await w.post(channel)
        insider = w.guild.add_member(w.env.create_user("insider"), roles=[club])
        outsider = w.guild.add_member(w.env.create_user("outsider"))
        await insider.send(thread, "Une réponse du club.")
        await w.settle()

        theirs = await outsider.slash(w.text, "stats")
        assert theirs.response.embeds[0].description == "No discussion posted yet."
        assert not theirs.response.attachments
        ours = await insider.slash(w.text, "stats")
        line = ours.response.embeds[0].description
        assert line.startswith(f"**#{discussion.id}**") and "1 participant, 1 reply" in line


async def test_the_discussion_autocomplete_offers_what_she_can_read_behind_newer_hidden_ones(
    sqlite_url: str,
) -> None:
    """A server that moved its debates to a club channel: the 25 newest discussions are
    the club's, and an outsider is still offered the older ones she can read."""
    async with world(sqlite_url, members=0, setup=False) as w:
        await w.setup()
        _, public = await w.post()
        channel, _ = await _private_debates(w)
        await w.setup(channel)
        for _ in range(25):
            await w.post(channel, id=public.question_id)  # reposted on purpose
        outsider = w.guild.add_member(w.env.create_user("outsider"))

        offered = await outsider.autocomplete(w.text, "summary show", "discussion", "")
        assert [c["value"] for c in offered] == [public.id]
        shown = await outsider.slash(w.text, "summary show", discussion=public.id)
        assert shown.response.embeds


async def test_the_server_stats_show_what_she_can_read_behind_ten_newer_hidden_ones(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=0, setup=False) as w:
        await w.setup()
        _, public = await w.post()
        channel, _ = await _private_debates(w)
        await w.setup(channel)
        for _ in range(10):
            await w.post(channel, id=public.question_id)
        outsider = w.guild.add_member(w.env.create_user("outsider"))

        theirs = await outsider.slash(w.text, "stats")
        [line] = theirs.response.embeds[0].description.splitlines()
        assert line.startswith(f"**#{public.id}**"), line  # not "No discussion posted yet."


async def test_a_members_stats_and_the_leaderboard_count_only_what_the_viewer_can_read(
    sqlite_url: str,
) -> None:
    """Seen by a member outside the club, another member's /stats read « took part in 2 of
    2 discussions » and the leaderboard ranked him by them: it told her that discussions
    she cannot see exist, and how busy they are. What she is shown is of the discussions
    she can read; the insider, and staff, see them all."""
    async with world(sqlite_url, members=0, setup=False) as w:
        await w.setup(leaderboard=True)
        public_thread, public = await w.post()
        channel, club = await _private_debates(w)
        await w.setup(channel)
        club_thread, _ = await w.post(channel, id=public.question_id)
        insider = w.guild.add_member(w.env.create_user("insider"), roles=[club])
        outsider = w.guild.add_member(w.env.create_user("outsider"))
        await insider.send(club_thread, "Entre nous.")
        await insider.send(club_thread, "Encore entre nous.")
        await insider.send(public_thread, "En public.")
        await w.settle()

        seen = await outsider.slash(w.text, "stats", member=insider.user)
        assert "took part in 1 of 1 discussion" in seen.response.embeds[0].description
        assert "1 reply" in seen.response.embeds[0].description
        own = await insider.slash(w.text, "stats", member=insider.user)
        assert "took part in 2 of 2 discussions" in own.response.embeds[0].description

        board = await outsider.slash(w.text, "leaderboard view")
        [line] = board.response.embeds[0].description.splitlines()
        assert f"<@{insider.user.id}>" in line and "1 discussion" in line, line
        theirs = await insider.slash(w.text, "leaderboard view")
        [line] = theirs.response.embeds[0].description.splitlines()
        assert "2 discussions" in line, line
