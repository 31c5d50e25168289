"""A member who opted out is read as absent in every count shown, as in the summary:
the reminder's replies and participants, ``/stats``, its busiest hours, the summary's
declared stances."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot import custom_ids
from tests.harness import world


def _busiest(stats: Any) -> list[str]:
    """The hours ``/stats`` names as the busiest (« 18:00, 20:00 »)."""
    (field,) = [f for f in stats.response.embeds[0].fields if f.name.startswith("Busiest hours")]
    return field.value.split(", ")


def _reminder(thread: Any) -> Any:
    (found,) = [m for m in thread.history() if m.content.startswith("⏰")]
    return found


async def test_an_opted_out_member_leaves_the_reminder_and_stats_counts(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        alice, bruno, chloe = w.members
        await w.setup(reminder_hours=24)
        await w.mod.slash(w.text, "schedule pause")  # only the post made here
        thread, discussion = await w.post()
        post = w.post_message(discussion)
        await alice.send(thread, "Oui, c'est inévitable.")
        await w.env.advance_time(2 * 3600)  # his replies two hours later: another busiest hour
        await bruno.send(thread, "Non, un film sans acteurs n'a pas d'âme.")
        await bruno.send(thread, "Et les doubleurs perdraient leur métier.")
        await alice.click(post, custom_id=custom_ids.stance(discussion.id, 0))
        await bruno.click(post, custom_id=custom_ids.stance(discussion.id, 1))
        await chloe.click(post, custom_id=custom_ids.stance(discussion.id, 1))
        await w.settle()
        await bruno.slash(w.text, "mydata optout")  # what he wrote and chose stays stored

        w.clock.set(discussion.closes_at - timedelta(hours=24) + timedelta(seconds=30))
        await w.bot.scheduler.tick()
        await w.settle()
        lines = _reminder(thread).content.splitlines()
        assert lines[1] == "Jusqu’ici\u00a0: 2 participants · 1 réponse."
        assert lines[2] == "Positions\u00a0: Oui — 1 · Non — 1 · Nuancé — 0"

        server = await alice.slash(w.text, "stats")
        (line,) = server.response.embeds[0].description.splitlines()
        assert ": 2 participants, 1 reply" in line, line
        assert len(_busiest(server)) == 1  # Alice's hour only
        summary = await alice.slash(thread, "summary show")
        fields = {f.name: f.value for f in summary.response.embeds[0].fields}
        assert fields["Non"].startswith("**1** in all (1 declared"), fields["Non"]  # Chloé's

        await bruno.slash(w.text, "mydata optin")  # back in the counts, as in the summary
        again = await alice.slash(w.text, "stats")
        assert ": 3 participants, 3 replies" in again.response.embeds[0].description
        assert len(_busiest(again)) == 2
        summary = await alice.slash(thread, "summary show")
        fields = {f.name: f.value for f in summary.response.embeds[0].fields}
        assert fields["Non"].startswith("**2** in all (2 declared"), fields["Non"]
        assert not w.env.errors


async def test_stats_share_leaves_opted_out_members_out_of_the_whole_too(
    sqlite_url: str,
) -> None:
    """The share « of members » counted an opted-out member among the members (Discord's
    count) but never among those who took part: her choice lowered everyone's share."""
    async with world(sqlite_url) as w:
        alice, bruno, chloe = w.members
        await w.mod.slash(w.text, "schedule pause")
        thread, _ = await w.post()
        await alice.send(thread, "Oui, c'est inévitable.")
        await chloe.send(thread, "Non, pas entièrement.")
        await bruno.send(thread, "Peut-être.")
        await bruno.slash(w.text, "mydata optout")
        await w.restart()  # Discord's member count is the one given when a session starts
        members = w.bot.get_guild(w.guild.id).member_count
        assert members is not None

        server = await alice.slash(w.text, "stats")
        (line,) = server.response.embeds[0].description.splitlines()
        assert ": 2 participants, 2 replies" in line, line
        assert line.endswith(f" · {round(200 / (members - 1))}% of members"), (members, line)

        await bruno.slash(w.text, "mydata optin")
        again = await alice.slash(w.text, "stats")
        (line,) = again.response.embeds[0].description.splitlines()
        assert line.endswith(f" · {round(300 / members)}% of members"), (members, line)
        assert not w.env.errors
