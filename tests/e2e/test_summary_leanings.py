"""A member reading /summary sees how many replies lean each way without reaching the
confidence threshold, apart from the counts of each option; a reply in which nothing
was read (no cue, no negation) leans only by the base rate and is not said to lean."""

from __future__ import annotations

from tests.harness import world


async def test_summary_says_how_many_replies_lean_under_the_threshold(sqlite_url: str) -> None:
    async with world(sqlite_url, members=4) as w:
        thread, discussion = await w.post()
        w.post_message(discussion)
        await w.members[0].send(thread, "Oui, absolument, c'est indispensable.")
        await w.members[1].send(thread, "C'est utile mais dangereux.")
        await w.members[2].send(thread, "Je regarde ça demain soir.")
        await w.members[3].send(thread, "On verra bien ce que ça donne.")
        await w.settle()
        result = await w.members[0].slash(thread, "summary show")
        embed = result.response.embeds[0]
        description = embed.description or ""
        # the mixed reply leans; the two in which nothing was read do not
        assert "*Replies that lean one way, without certainty: Oui 1*" in description
        fields = {f.name: f.value for f in embed.fields}
        # only the reply that reached the threshold counts for its option
        assert fields["Oui"].startswith("**1** in all (0 declared, 1 inferred")
        assert fields["Non"].startswith("**0** in all")
