"""A server may hold its debates in a channel only some members see (a club, a
subscribers' tier): what is said there is not shown to the others through the bot."""

from __future__ import annotations

from typing import Any

import discord

from bot import custom_ids
from db.models import Reply, Stance, Vote
from tests.e2e.test_server_isolation import FOREIGN, _forged
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


async def test_buttons_and_the_form_forged_for_a_discussion_she_cannot_see_touch_nothing(
    sqlite_url: str,
) -> None:
    """The question post's buttons carry their discussion's id, which counts up from 1: a
    member outside the club who put the club discussion's id in a button's custom id (a
    modified client) was shown its replies one by one on the voting card (text, author,
    link), voted on them, declared and withdrew a stance there and posted in its thread
    through the form, under her name. Each answers now as a discussion that does not exist
    (the standing button and /summary already did); the insiders' buttons still work."""
    async with world(sqlite_url, members=0, setup=False) as w:
        await w.setup()
        _, public = await w.post()
        channel, club = await _private_debates(w)
        await w.setup(channel)
        club_thread, hidden = await w.post(channel, id=public.question_id)
        insider = w.guild.add_member(w.env.create_user("insider"), roles=[club])
        other_insider = w.guild.add_member(w.env.create_user("insider2"), roles=[club])
        outsider = w.guild.add_member(w.env.create_user("outsider"))
        await insider.send(club_thread, "Entre nous : le club votera contre.")
        await w.settle()
        (reply,) = await w.rows(Reply)

        forged_ids = [
            custom_ids.card(hidden.id),
            custom_ids.vote(hidden.id, reply.id, 1),
            custom_ids.stance(hidden.id, 0),
            custom_ids.withdraw(hidden.id),
            custom_ids.reply(hidden.id),
            custom_ids.standing(hidden.id),
        ]
        for custom_id in forged_ids:
            forged = await _forged(w, w.text, discord.ui.Button(label="·", custom_id=custom_id))
            answer = await outsider.click(forged, custom_id=custom_id)
            shown = str(answer.response.embeds[0].to_dict()) if answer.response.embeds else ""
            assert "Entre nous" not in shown, custom_id
            assert answer.ephemeral and answer.response.content in FOREIGN, custom_id

        form = await outsider.click(w.post_message(public), custom_id=custom_ids.reply(public.id))
        form._interaction.modal["custom_id"] = custom_ids.reply_form(hidden.id)  # forged
        sent = await outsider.submit_modal(form, {custom_ids.REPLY_FORM_TEXT: "Intruse."})
        assert sent.response.content == "Discussion not found in this server."
        await w.settle()

        assert await w.rows(Stance) == [] and await w.rows(Vote) == []
        assert [r.text for r in await w.rows(Reply)] == ["Entre nous : le club votera contre."]
        assert all("Intruse" not in m.content for m in club_thread.history())

        card = await other_insider.click(
            await _forged(
                w, channel, discord.ui.Button(label="·", custom_id=custom_ids.card(hidden.id))
            ),
            custom_id=custom_ids.card(hidden.id),
        )
        assert "Entre nous" in str(card.response.embeds[0].to_dict())  # the club's own card
