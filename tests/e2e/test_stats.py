"""Participation as members and staff read it: /stats, streaks, the monthly leaderboard."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update

from bot import custom_ids
from db.models import Reply
from tests.discord_checks import check_limits
from tests.harness import world


async def _discussion(w: Any, replies: list[Any], stances: list[Any]) -> Any:
    """Post the next question; these members reply, those declare a stance; then it closes."""
    thread, discussion = await w.post()
    for member in replies:
        await member.send(thread, f"{member.name} répond à la discussion {discussion.id}.")
    post = w.post_message(discussion)
    for member in stances:
        await member.click(post, custom_id=custom_ids.stance(discussion.id, 0))
    await w.settle()
    w.clock.set(discussion.closes_at + timedelta(minutes=1))
    await w.bot.scheduler.tick()
    await w.settle()
    return discussion


def _fields(result: Any) -> dict[str, str]:
    return {f.name: f.value for f in result.response.embeds[0].fields}


async def test_streaks_across_discussions_with_an_opted_out_member(sqlite_url: str) -> None:
    async with world(sqlite_url, members=4) as w:
        alice, bruno, chloe, david = w.members
        await w.mod.slash(w.text, "schedule pause")  # only the posts made here
        await _discussion(w, [alice, chloe], [bruno])  # Nov 23
        await _discussion(w, [alice, chloe], [])  # Nov 26
        await chloe.slash(w.text, "mydata optout")
        await _discussion(w, [alice, bruno], [])  # Nov 29
        await _discussion(w, [bruno, chloe], [alice])  # Dec 2: chloé's reply is not stored
        await w.post()  # Dec 5, open, nobody has answered yet

        mine = await alice.slash(w.text, "stats", member=alice)
        assert mine.ephemeral
        assert mine.response.embeds[0].description == (
            f"<@{alice.id}> took part in 4 of 5 discussions (3 replies)."
        )
        # A streak says what it counts (« Série en cours : 1 » read as a bare number).
        assert _fields(mine) == {
            "Current streak": "4 discussions in a row",
            "Best streak": "4 discussions in a row",
        }
        his = await alice.slash(w.text, "stats", member=bruno)
        assert _fields(his) == {
            "Current streak": "2 discussions in a row",
            "Best streak": "2 discussions in a row",
        }
        assert "3 of 5" in his.response.embeds[0].description
        nothing = await alice.slash(w.text, "stats", member=david)
        assert _fields(nothing) == {  # not "0 discussions in a row"
            "Current streak": "No streak at the moment",
            "Best streak": "No streak yet",
        }
        w.speaks(alice, "fr")
        mine = await alice.slash(w.text, "stats", member=alice)
        assert _fields(mine) == {
            "Série en cours": "4 discussions d’affilée",
            "Meilleure série": "4 discussions d’affilée",
        }
        nothing = await alice.slash(w.text, "stats", member=david)
        assert _fields(nothing) == {  # not « 0 discussion »
            "Série en cours": "Aucune série en ce moment",
            "Meilleure série": "Aucune série pour l’instant",
        }
        w.speaks(alice, "en-US")
        refused = await alice.slash(w.text, "stats", member=chloe)
        assert "opted out" in refused.response.content and not refused.response.embeds

        server = await alice.slash(w.text, "stats")
        assert server.ephemeral
        lines = server.response.embeds[0].description.splitlines()
        assert len(lines) == 5 and lines[0].startswith("**#5**")
        assert ": 0 participants, 0 replies" in lines[0]
        assert lines[-1].startswith("**#1**") and "2 participants, 1 reply" in lines[-1]
        # chloé replied there before opting out: read as absent, as the summary reads her
        assert re.search(r" · \d+% of members$", lines[-1]), lines[-1]  # "50%": English spacing
        assert "Busiest hours (Europe/Paris)" in _fields(server)
        assert server.response.embeds[0].image.url == "attachment://participation.png"
        png = await server.response.attachments[0].read()
        assert png.startswith(b"\x89PNG") and len(png) > 5_000

        off = await alice.slash(w.text, "leaderboard view")
        assert "leaderboard is off" in off.response.content
        await w.setup(leaderboard=True)
        november = await alice.slash(w.text, "leaderboard view", month="2026-11")
        board = november.response.embeds[0]
        assert board.title == "Most regular participants, November 2026"  # as English writes it
        assert board.description.splitlines() == [
            f"**1.** <@{alice.id}>: 3 discussions, 3 replies ← you",
            f"**2.** <@{bruno.id}>: 2 discussions, 1 reply",
        ]  # chloé took part twice but opted out: never counted, never shown
        assert "Your place" not in _fields(november)  # her line once, marked in the list
        december = await alice.slash(w.text, "leaderboard view")
        assert december.response.embeds[0].description.splitlines()[0] == (
            f"**1.** <@{bruno.id}>: 1 discussion, 1 reply"
        )
        bad = await alice.slash(w.text, "leaderboard view", month="2026-13")
        assert "YYYY-MM" in bad.response.content
        for month in ("1999-12", "2027-01"):  # well written, but no discussion can be there
            out = await alice.slash(w.text, "leaderboard view", month=month)
            assert out.response.content == (
                f"There is no leaderboard for {month}: give a month from 2015-05 "
                "(when Discord opened) to 2026-12 (this month)."
            ), out.response.content

        await bruno.slash(w.text, "leaderboard hide")
        hidden = await alice.slash(w.text, "leaderboard view", month="2026-11")
        assert str(bruno.id) not in hidden.response.embeds[0].description
        assert "chose not to appear" in (
            (await alice.slash(w.text, "stats", member=bruno)).response.content
        )
        assert (await bruno.slash(w.text, "stats", member=bruno)).response.embeds
        assert (await w.mod.slash(w.text, "stats", member=bruno)).response.embeds
        await bruno.slash(w.text, "leaderboard unhide")
        back = await alice.slash(w.text, "leaderboard view", month="2026-11")
        assert str(bruno.id) in back.response.embeds[0].description
        assert not w.env.errors


async def test_the_busiest_hours_are_written_as_the_schedule_writes_its_times(
    sqlite_url: str,
) -> None:
    """/stats wrote "9:00" where /schedule writes "Mondays at 09:30"; French « 9 h » in both."""
    async with world(sqlite_url, members=1) as w:
        (alice,) = w.members
        thread, _ = await w.post()
        await alice.send(thread, "Oui, mais pas pour les acteurs.")
        await w.settle()
        morning = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)  # 09:30 in Paris
        async with w.bot.app.sessions.begin() as session:
            await session.execute(update(Reply).values(created_at=morning))
        shown = await alice.slash(w.text, "stats")
        assert _fields(shown)["Busiest hours (Europe/Paris)"] == "09:00"
        w.speaks(alice, "fr")
        shown = await alice.slash(w.text, "stats")
        assert _fields(shown)["Heures les plus actives (Europe/Paris)"] == "9\u00a0h"
        assert not w.env.errors


async def test_stats_before_setup_and_before_any_discussion(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        early = await w.members[0].slash(w.text, "stats")
        assert early.ephemeral and "not set up" in early.response.content
        await w.setup()
        empty = await w.members[0].slash(w.text, "stats")
        assert empty.response.embeds[0].description == "No discussion posted yet."
        assert not empty.response.attachments


async def test_member_stats_after_a_single_discussion_read_in_the_singular(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=2) as w:
        alice, bruno = w.members
        await w.mod.slash(w.text, "schedule pause")  # only the post made here
        await _discussion(w, [alice], [])
        mine = await alice.slash(w.text, "stats", member=alice)
        assert mine.response.embeds[0].description == (
            f"<@{alice.id}> took part in 1 of 1 discussion (1 reply)."
        )
        his = await alice.slash(w.text, "stats", member=bruno)
        assert his.response.embeds[0].description == (
            f"<@{bruno.id}> took part in 0 of 1 discussion (0 replies)."
        )


async def test_a_leaderboard_of_many_tied_members_fits_in_one_message(sqlite_url: str) -> None:
    """Early in a month every participant is often tied (one discussion, one stance each):
    the leaderboard shows its ten lines and says how many more share those places,
    instead of a message Discord refuses."""
    async with world(sqlite_url, members=0) as w:
        await w.setup(leaderboard=True)
        _, discussion = await w.post()
        post = w.post_message(discussion)
        crowd = [w.guild.add_member(w.env.create_user(f"membre{i}")) for i in range(90)]
        for member in crowd:
            await member.click(post, custom_id=custom_ids.stance(discussion.id, 0))
        await w.settle()
        last = crowd[-1]
        board = await last.slash(w.text, "leaderboard view")
        assert board.response.embeds, board.response.content
        check_limits(board.response.content, board.response.embeds)
        lines = board.response.embeds[0].description.splitlines()
        assert len(lines) == 11 and all(line.startswith("**1.**") for line in lines[:10])
        assert lines[-1] == "…and 80 more tied at these ranks"
        assert _fields(board)["Your place"] == f"**1.** <@{last.id}>: 1 discussion, 0 replies"


async def test_her_own_line_once_and_a_hidden_member_told_how_to_show_herself(
    sqlite_url: str,
) -> None:
    """A member in the top list read her line twice (in the list, then as « Votre place »);
    a member who had hidden herself read the list with no word of her: she could not tell
    she was hidden, nor how to come back."""
    async with world(sqlite_url, members=3) as w:
        alice, bruno, chloe = w.members
        await w.setup(leaderboard=True)
        await w.mod.slash(w.text, "schedule pause")
        await _discussion(w, [alice, bruno], [])
        await _discussion(w, [alice], [])

        board = await alice.slash(w.text, "leaderboard view")
        check_limits(board.response.content, board.response.embeds)
        assert board.response.embeds[0].description.splitlines() == [
            f"**1.** <@{alice.id}>: 2 discussions, 2 replies ← you",
            f"**2.** <@{bruno.id}>: 1 discussion, 1 reply",
        ]
        assert _fields(board) == {}  # not a second time below
        outside = await chloe.slash(w.text, "leaderboard view")
        assert "← you" not in outside.response.embeds[0].description
        assert _fields(outside) == {}  # not counted: no place to show

        await bruno.slash(w.text, "leaderboard hide")
        hidden = await bruno.slash(w.text, "leaderboard view")
        embed = hidden.response.embeds[0]
        assert embed.description.splitlines() == [f"**1.** <@{alice.id}>: 2 discussions, 2 replies"]
        assert _fields(hidden) == {
            "Your place": "You left the leaderboard: it does not show you, and other members "
            "do not see your figures. /leaderboard unhide to appear on it again."
        }
        assert "/leaderboard hide" not in embed.footer.text  # she already did
        w.speaks(bruno, "fr")
        hidden = await bruno.slash(w.text, "leaderboard view")
        assert _fields(hidden) == {
            "Votre place": "Vous avez quitté le classement\u00a0: il ne vous montre pas, et les "
            "autres membres ne voient pas vos chiffres. /classement réafficher pour y figurer "
            "de nouveau."
        }
        w.speaks(alice, "fr")
        mine = await alice.slash(w.text, "leaderboard view")
        assert mine.response.embeds[0].description.splitlines()[0] == (
            f"**1.** <@{alice.id}>\u00a0: 2 discussions, 2 réponses ← vous"
        )
        await bruno.slash(w.text, "leaderboard unhide")
        back = await bruno.slash(w.text, "leaderboard view")
        assert back.response.embeds[0].description.splitlines()[1].endswith("← vous")
        assert _fields(back) == {}
        assert not w.env.errors


async def test_a_member_who_opted_out_reads_why_the_leaderboard_leaves_her_out(
    sqlite_url: str,
) -> None:
    """After /mydata optout the leaderboard showed her nothing of herself, as to a member
    who never took part: she is told she opted out and how to be counted again."""
    async with world(sqlite_url, members=2) as w:
        alice, bruno = w.members
        await w.setup(leaderboard=True)
        await w.mod.slash(w.text, "schedule pause")
        await _discussion(w, [alice, bruno], [])
        await alice.slash(w.text, "mydata optout")
        await alice.slash(w.text, "leaderboard hide")  # opted out prevails: optin comes first
        board = await alice.slash(w.text, "leaderboard view")
        assert str(alice.id) not in board.response.embeds[0].description
        assert _fields(board) == {
            "Your place": "You opted out in this server: your participation is not counted. "
            "/mydata optin to have it counted again."
        }
        assert "/leaderboard hide" not in board.response.embeds[0].footer.text
        w.speaks(alice, "fr")
        board = await alice.slash(w.text, "leaderboard view")
        assert _fields(board) == {
            "Votre place": "Vous avez refusé l’enregistrement sur ce serveur\u00a0: votre "
            "participation n’est pas comptée. /mesdonnées accepter pour qu’elle le soit de nouveau."
        }
        assert not w.env.errors


async def test_a_member_who_opted_out_is_told_how_to_come_back_when_she_asks_her_stats(
    sqlite_url: str,
) -> None:
    """Her own /stats after /mydata optout answered « Ce membre a refusé l’enregistrement »:
    she was spoken of as someone else, and not told the command that counts her again.
    Another member asking about her still reads that she refused."""
    async with world(sqlite_url, members=2) as w:
        alice, bruno = w.members
        w.speaks(alice, "fr")
        w.speaks(bruno, "fr")
        await alice.slash(w.text, "mydata optout")
        mine = await alice.slash(w.text, "stats", member=alice)
        assert mine.ephemeral
        assert mine.response.content == (
            "Vous avez refusé l’enregistrement sur ce serveur (/mesdonnées accepter pour revenir)."
        )
        hers = await bruno.slash(w.text, "stats", member=alice)
        assert hers.response.content.startswith("Ce membre a refusé l’enregistrement")
        await alice.slash(w.text, "mydata optin")
        again = await alice.slash(w.text, "stats", member=alice)
        assert again.response.embeds and not w.env.errors
