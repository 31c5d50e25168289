"""« Où je me situe » / "Where I stand": a member sees, privately, her opinion group and
what it stands for, where she votes unlike it and what bridges the groups, from the
voting card's button or ``/summary position``."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot import custom_ids
from cogs import _voting_card as voting_card
from db.models import Guild
from tests.discord_checks import check_inert, check_limits, embed_texts
from tests.harness import World, world

CAMP = 10
"""Members in each of the two planted camps."""


async def _two_camps(w: World) -> tuple[Any, Any, list[Any], list[Any], list[Any]]:
    """A discussion whose votes draw two clear camps: each camp agrees with its four
    replies and disagrees with the other camp's. Returns the thread, the discussion, the
    camps and the replies (the first four camp one's)."""
    thread, discussion = await w.post()
    alice, bruno = w.members[:2]
    replies = []
    for i in range(4):
        hostile = " @everyone <@123> [lien](https://evil.example) ||x||" if i == 0 else ""
        replies.append(
            await alice.send(thread, f"Pour : l’argument numéro {i} de la salle.{hostile}")
        )
    for i in range(4):
        replies.append(await bruno.send(thread, f"Contre : l’objection numéro {i} du public."))
    one = [w.add_member(f"un{i}") for i in range(CAMP)]
    two = [w.add_member(f"deux{i}") for i in range(CAMP)]
    for camp, mine in ((one, replies[:4]), (two, replies[4:])):
        for member in camp:
            for reply in replies:
                await member.react(reply, "👍" if reply in mine else "👎")
    await w.settle()
    return thread, discussion, one, two, replies


async def _standing_from_card(w: World, member: Any, discussion: Any) -> tuple[Any, Any]:
    post = w.post_message(discussion)
    card = await member.click(post, custom_id=custom_ids.card(discussion.id))
    buttons = [c["custom_id"] for row in card.response.components for c in row["components"]]
    assert custom_ids.standing(discussion.id) in buttons
    shown = await member.click(card.response.message, custom_id=custom_ids.standing(discussion.id))
    assert shown.ephemeral
    (embed,) = shown.response.embeds
    check_limits(None, [embed])
    links = {
        f"https://discord.com/channels/{w.guild.id}/{discussion.thread_id}/{m.id}"
        for m in w.env.backend.messages.get(discussion.thread_id, {}).values()
    }
    for text in embed_texts(embed):
        check_inert(text, links)
    # after "thinking…", the answer is the interaction's follow-up (a webhook message)
    answered = [r for r in w.env.http_requests if r.path.startswith("/webhooks/")][-1]
    data = answered.json.get("data", answered.json)  # multipart: the JSON part
    assert data["allowed_mentions"] == {"parse": []}
    return embed, shown


async def test_a_member_sees_her_group_and_what_it_stands_for(sqlite_url: str) -> None:
    async with world(sqlite_url, members=3) as w:
        _, discussion, one, two, _replies = await _two_camps(w)
        first, shown = await _standing_from_card(w, one[0], discussion)
        # the opinion map, her own point marked, beside what she reads
        assert first.image.url == "attachment://map.png"
        (chart,) = shown.response.attachments
        assert chart.filename == "map.png" and chart.description.endswith("the star is you")
        assert (await chart.read()).startswith(b"\x89PNG")
        assert first.title == "Where do you stand?"
        assert f"({CAMP} members), one of the 2 opinion groups" in first.description
        letter = first.description.split("**group ")[1][0]
        other, _ = await _standing_from_card(w, two[0], discussion)
        assert f"**group {'B' if letter == 'A' else 'A'}**" in other.description
        same, _ = await _standing_from_card(w, one[1], discussion)
        assert f"**group {letter}**" in same.description
        fields = {f.name: f.value for f in first.fields}
        stands_for = fields["What your group thinks"]
        assert "l’argument numéro" in stands_for or "l’objection numéro" in stands_for
        for line in stands_for.splitlines():
            # her camp agrees with its own replies and disagrees with the others: she too
            mine = "l’argument numéro" in line
            assert ("100% agree with" in line) == mine
            assert line.endswith("you: agree" if mine else "you: disagree")
            assert f"/{discussion.thread_id}/" in line  # a jump link to the reply
        assert "Where you vote unlike your group" not in fields
        assert "\\@everyone" in stands_for or "@\u200beveryone" in stands_for  # shown, inert
        assert "voted as most others" not in first.description  # her group says more
        assert first.footer.text == "You voted on 8 replies. Only you can see this message."
        assert not w.env.errors


async def test_a_vote_against_her_group_is_shown_as_such(sqlite_url: str) -> None:
    async with world(sqlite_url, members=3) as w:
        _, discussion, one, _, replies = await _two_camps(w)
        rebel = one[0]
        await rebel.unreact(replies[0], "👍")
        await rebel.react(replies[0], "👎")
        await w.settle()
        embed, _ = await _standing_from_card(w, rebel, discussion)
        fields = {f.name: f.value for f in embed.fields}
        (line,) = fields["Where you vote unlike your group"].splitlines()
        assert "100% agree with" in line and "l’argument numéro 0" in line
        assert line.endswith("you: disagree")
        assert f"/{replies[0].id})" in line
        assert not w.env.errors


async def test_a_newcomer_is_told_how_many_votes_she_still_needs(sqlite_url: str) -> None:
    async with world(sqlite_url, members=3) as w:
        thread, discussion, _, _, replies = await _two_camps(w)
        newcomer = w.members[2]
        await newcomer.react(replies[0], "👍")
        await w.settle()
        card = await newcomer.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        assert card.response.embeds  # a reply to vote on, and beside its votes, the button
        rows = [[c["custom_id"] for c in row["components"]] for row in card.response.components]
        assert rows[-1] == [custom_ids.standing(discussion.id)] and len(rows[0]) == 3
        result = await newcomer.slash(thread, "summary position")
        (embed,) = result.response.embeds
        # one vote: placed nearest a group, or told what is missing; never put in one
        assert "one of the 2 opinion groups" not in embed.description
        assert "6 more votes and you will count in the groups" in embed.description
        assert embed.footer.text.startswith("You voted on 1 reply.")
        assert not result.response.attachments  # not on the map: no map
        silent = w.add_member("silent")
        result = await silent.slash(thread, "summary position")
        (embed,) = result.response.embeds
        assert embed.description.startswith("7 more votes (“Donner mon avis” button)")
        assert not w.env.errors


async def test_in_french_with_no_groups_yet_she_is_told_why(sqlite_url: str) -> None:
    async with world(sqlite_url, members=3) as w:
        thread, _discussion = await w.post()
        alice, bruno, _chloe = w.members
        w.speaks(bruno, "fr")
        reply = await alice.send(thread, "Une seule réponse, @everyone <@1> **gras**")
        await bruno.react(reply, "👍")
        await w.settle()
        result = await bruno.slash(thread, "summary position")
        (embed,) = result.response.embeds
        assert embed.title == "Où vous situez-vous\u202f?"
        assert embed.description.startswith(
            "Pas encore de groupes d’opinion\u00a0: il faut au moins"
        )
        assert embed.footer.text.startswith("Vous avez voté sur 1 réponse.")
        assert not w.env.errors


async def test_she_is_refused_when_opted_out_hidden_counts_or_another_server(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=3) as w:
        thread, discussion = await w.post()
        alice, bruno, _ = w.members
        await alice.send(thread, "Une réponse.")
        await w.settle()
        await bruno.slash(thread, "mydata optout")
        result = await bruno.slash(thread, "summary position")
        assert result.ephemeral and not result.response.embeds
        assert "stop" in result.response.content.lower() or "opt" in result.response.content.lower()
        await bruno.slash(thread, "mydata optin")
        async with w.app.sessions.begin() as session:
            guild = await session.get(Guild, w.guild.id)
            assert guild is not None
            guild.hide_counts = True
        hidden = await alice.slash(thread, "summary position")
        assert not hidden.response.embeds and "hidden" in hidden.response.content.lower()
        other = w.env.create_guild("Ailleurs")
        chan = other.create_text_channel("ici")
        stranger = other.add_member(w.env.create_user("stranger"))
        elsewhere = await stranger.slash(chan, "summary position", discussion=discussion.id)
        assert not elsewhere.response.embeds
        assert "not found" in elsewhere.response.content.lower() or "no discussion" in (
            elsewhere.response.content.lower()
        )
        assert not w.env.errors


async def test_the_button_answers_a_discussion_whose_groups_take_seconds(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding the groups and drawing her map of a large discussion takes seconds on a small
    host; Discord forgets a click not answered within 3 s. The button says it is thinking
    first (as ``/summary position`` does), then shows where she stands."""
    async with world(sqlite_url, members=3) as w:
        _, discussion, one, _, _ = await _two_camps(w)
        computed = asyncio.Event()
        real = voting_card.where_she_stands

        async def slow(*args: Any, **kwargs: Any) -> Any:
            await w.env.external_wait(computed.wait(), reason="a large discussion's groups")
            return await real(*args, **kwargs)

        monkeypatch.setattr(voting_card, "where_she_stands", slow)
        card = await one[0].click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        shown = await one[0].click(
            card.response.message, custom_id=custom_ids.standing(discussion.id)
        )
        await w.env.advance_time(5)  # the groups take 5 s
        computed.set()
        await w.settle()
        assert shown.ephemeral and shown.response is not None
        (embed,) = shown.response.embeds
        assert f"({CAMP} members), one of the 2 opinion groups" in embed.description
        assert not w.env.errors


async def test_an_author_who_voted_on_all_she_can_is_not_told_to_vote_more(
    sqlite_url: str,
) -> None:
    """Five replies, each from its own author, and enough voters that the authors are not
    needed to make up the groups: a vote counts in them from five votes, and an author can
    cast four (not on her own reply). Her card said "Nothing left to vote on" and the
    button under it "1 more vote and your votes will count in the groups"; once the
    discussion closed, it still asked for a vote."""
    async with world(sqlite_url, members=1) as w:
        thread, discussion = await w.post()
        authors = [w.add_member(f"auteur{i}") for i in range(5)]
        replies = [
            await a.send(thread, f"Avis numéro {i} : le cinéma change.")
            for i, a in enumerate(authors)
        ]
        for n in range(16):
            voter = w.add_member(f"votant{n}")
            for i, reply in enumerate(replies):
                await voter.react(reply, "👍" if (i < 2) == (n % 2 == 0) else "👎")
        she = authors[0]
        for reply in replies[1:]:
            await she.react(reply, "👍")
        await w.settle()
        card = await she.click(w.post_message(discussion), custom_id=custom_ids.card(discussion.id))
        assert card.response.content.startswith("Nothing left to vote on")
        embed, _ = await _standing_from_card(w, she, discussion)
        assert "Your 4 votes place you nearest **group " in embed.description
        assert "more vote" not in embed.description
        assert embed.description.endswith(
            "They will count in the groups once there are more replies for you to vote on."
        )
        await w.mod.slash(thread, "discussion close")
        await w.settle()
        w.speaks(she, "fr")
        closed = await she.slash(thread, "summary position")
        (embed,) = closed.response.embeds
        assert embed.description.startswith("Vos 4 votes vous placent près du **groupe ")
        assert "Encore" not in embed.description
        assert embed.description.endswith("Ils n’ont pas suffi pour compter dans les groupes.")
        assert not w.env.errors


async def test_the_button_refusal_comes_after_thinking_as_its_answer(sqlite_url: str) -> None:
    """Now that the button thinks first, what refuses her (opted out since her card was
    shown) is the answer in place of "thinking…", not a silent failure."""
    async with world(sqlite_url, members=3) as w:
        thread, discussion = await w.post()
        alice, bruno, _ = w.members
        await alice.send(thread, "Une réponse.")
        await w.settle()
        card = await bruno.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        await bruno.slash(thread, "mydata optout")
        shown = await bruno.click(
            card.response.message, custom_id=custom_ids.standing(discussion.id)
        )
        assert shown.ephemeral and not shown.response.embeds
        assert "/mydata optin" in shown.response.content
        assert not w.env.errors


async def test_her_own_reply_among_her_groups_is_called_hers_not_unvoted(
    sqlite_url: str,
) -> None:
    """An author cannot vote on her own reply, and the card never offers it: listed among
    what her group thinks, it said "you: not voted yet" (and, once closed, "you: did not
    vote"), as if she still should."""
    async with world(sqlite_url, members=3) as w:
        thread, _discussion, _one, _two, replies = await _two_camps(w)
        alice = w.members[0]  # wrote camp one's four replies
        for reply in replies[4:]:
            await alice.react(reply, "👎")
        await w.settle()
        for closed in (False, True):
            if closed:
                await w.mod.slash(thread, "discussion close")
                await w.settle()
            shown = await alice.slash(thread, "summary position")
            (embed,) = shown.response.embeds
            lines = {f.name: f.value for f in embed.fields}["What your group thinks"]
            own = [line for line in lines.splitlines() if "l’argument numéro" in line]
            assert own and all(line.endswith(" · your reply") for line in own), lines
            assert "voted yet" not in lines and "did not vote" not in lines
        w.speaks(alice, "fr")
        shown = await alice.slash(thread, "summary position")
        lines = shown.response.embeds[0].fields[0].value
        assert "· votre réponse" in lines and "pas voté" not in lines, lines
        assert not w.env.errors
