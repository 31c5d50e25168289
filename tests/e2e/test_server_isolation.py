"""Two servers in one run: a component of one server replayed in the other (a
forged message carrying its custom id, a form submitted under its id) answers
as an unknown id would, and changes nothing in the first server."""

from __future__ import annotations

from typing import Any

import discord
import simcord
from simcord.builders import to_discord_message

from bot import custom_ids
from db.models import Discussion, Reply, Stance, StanceChange, Suggestion, Vote
from tests.harness import world

FOREIGN = ("Discussion not found in this server.", "Suggestion not found in this server.")


async def _forged(w: Any, channel: Any, item: discord.ui.Item[Any]) -> Any:
    """A message in ``channel`` carrying ``item``, as a modified client could present it."""
    view = discord.ui.View()
    view.add_item(item)
    await w.bot.get_channel(channel.id).send("·", view=view)
    view.stop()
    await w.settle()
    return channel.history()[-1]


async def test_components_replayed_in_another_server_touch_nothing(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        await alice.click(w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 0))
        await alice.send(thread, "Une réponse à protéger.")
        await bruno.slash(w.text, "suggest", text="Faut-il protéger les doubleurs ?")
        await w.mod.slash(
            w.text, "question add", text="Une question du premier serveur ?", category="Club A"
        )
        await w.settle()
        (reply,) = await w.rows(Reply)

        other = w.env.create_guild("Autre")
        forum, text = other.create_forum_channel("f"), other.create_text_channel("t")
        staff = other.create_role(
            "staff", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
        )
        stranger = other.add_member(w.env.create_user("stranger"), roles=[staff])
        await stranger.slash(forum, "setup", channel=forum)
        replayed = [
            custom_ids.stance(discussion.id, 1),
            custom_ids.reply(discussion.id),
            custom_ids.card(discussion.id),
            custom_ids.vote(discussion.id, reply.id, -1),
            custom_ids.withdraw(discussion.id),
            custom_ids.standing(discussion.id),
            *(custom_ids.review(1, action) for action in custom_ids.REVIEW_ACTIONS),
        ]
        for custom_id in replayed:
            forged = await _forged(w, text, discord.ui.Button(label="·", custom_id=custom_id))
            answer = await stranger.click(forged, custom_id=custom_id)
            assert answer.ephemeral and answer.response.content in FOREIGN, custom_id

        lists = [
            custom_ids.answers_page("next", 0, discussion.id, alice.id),
            custom_ids.suggestions_page("next", 0),
        ]
        for custom_id in lists:
            forged = await _forged(w, text, discord.ui.Button(label="·", custom_id=custom_id))
            page = await stranger.click(forged, custom_id=custom_id)
            shown = page.response.embeds[0].description
            assert shown in ("No stored replies.", "No suggestion is waiting."), custom_id

        bank_page = custom_ids.bank_page("next", 0, "club a")
        forged = await _forged(w, text, discord.ui.Button(label="·", custom_id=bank_page))
        listed = await stranger.click(forged, custom_id=bank_page)
        assert "premier serveur" not in str(listed.response.embeds[0].to_dict())
        forged = await _forged(w, w.text, discord.ui.Button(label="·", custom_id=bank_page))
        ours = await w.mod.click(forged, custom_id=bank_page)
        assert "premier serveur" in str(ours.response.embeds[0].to_dict())  # there, in A

        menu = discord.ui.Select(
            custom_id=custom_ids.SUGGESTIONS_PICK,
            options=[discord.SelectOption(label="1", value="1")],
        )
        picked = await stranger.select(await _forged(w, text, menu), ["1"])
        assert picked.response.content == "Suggestion not found in this server."

        await stranger.slash(forum, "question post")
        (own,) = await w.rows(Discussion, Discussion.guild_id == other.id)
        own_post = simcord.ChannelHandle(w.env, other, w.env.backend.channels[own.thread_id])
        shown = await stranger.click(own_post.history()[0], custom_id=custom_ids.reply(own.id))
        shown._interaction.modal["custom_id"] = custom_ids.reply_form(discussion.id)  # forged
        sent = await stranger.submit_modal(shown, {custom_ids.REPLY_FORM_TEXT: "Intrus."})
        assert sent.response.content == "Discussion not found in this server."
        shown = await stranger.click(own_post.history()[0], custom_id=custom_ids.reply(own.id))
        shown._interaction.modal["custom_id"] = custom_ids.suggestion_form(1, "reject")  # forged
        sent = await stranger.submit_modal(shown, {custom_ids.REPLY_FORM_TEXT: "Intrus."})
        assert sent.response.content == "Suggestion not found in this server."

        assert [s.status for s in await w.rows(Suggestion)] == ["pending"]
        assert [(s.user_id, s.option) for s in await w.rows(Stance)] == [(alice.id, 0)]
        assert await w.rows(Vote) == []
        assert [r.text for r in await w.rows(Reply)] == ["Une réponse à protéger."]
        assert all("Intrus" not in m.content for m in thread.history())


async def test_a_member_of_two_servers_sees_and_erases_her_data_in_one(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, first = await w.post()
        alice, bruno = w.members[:2]
        await alice.send(thread, "Ma réponse dans le premier serveur.")
        # Her stance (changed once: a history) and her vote in the first server, too.
        for option in (0, 1):
            await alice.click(w.post_message(first), custom_id=custom_ids.stance(first.id, option))
        his = await bruno.send(thread, "La réponse de Bruno.")
        await alice.react(his, "👍")
        other = w.env.create_guild("Autre")
        forum = other.create_forum_channel("f")
        staff = other.create_role(
            "staff", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
        )
        stranger = other.add_member(w.env.create_user("stranger"), roles=[staff])
        alice_there = other.add_member(alice.user)
        await stranger.slash(forum, "setup", channel=forum)
        await stranger.slash(forum, "question post")
        (there,) = await w.rows(Discussion, Discussion.guild_id == other.id)
        their_thread = simcord.ChannelHandle(w.env, other, w.env.backend.channels[there.thread_id])
        await alice_there.send(their_thread, "Ma réponse dans le second serveur.")
        [their_post] = [
            to_discord_message(w.env, m)
            for m in w.env.backend.messages[there.thread_id].values()
            if m.id == there.message_id
        ]
        for option in (0, 1):
            await alice_there.click(their_post, custom_id=custom_ids.stance(there.id, option))
        await w.settle()
        kept = (
            [(s.discussion_id, s.option) for s in await w.rows(Stance, Stance.user_id == alice.id)],
            [c.discussion_id for c in await w.rows(StanceChange, StanceChange.user_id == alice.id)],
            [v.reply_id for v in await w.rows(Vote, Vote.voter_id == alice.id)],
        )
        assert kept[0] == [(first.id, 1), (there.id, 1)] and kept[2] == [his.id], kept
        assert set(kept[1]) == {first.id, there.id}, kept

        shown = await alice_there.slash(forum, "mydata show", download=True)
        listed = str(shown.response.embeds[0].to_dict())
        assert "second serveur" in listed and "premier serveur" not in listed
        (download,) = shown.response.attachments
        data = (await download.read()).decode()
        assert "second serveur" in data and "premier serveur" not in data

        asked = await alice_there.slash(forum, "mydata delete")
        await alice_there.click(
            asked.response.message, custom_id=custom_ids.erase(alice.id, "confirm")
        )
        await w.settle()
        texts = {r.guild_id: r.text for r in await w.rows(Reply, Reply.id != his.id)}
        assert texts[w.guild.id] == "Ma réponse dans le premier serveur."
        assert texts[other.id] != "Ma réponse dans le second serveur."
        # Her stance, its history and her vote in the first server are hers there still.
        assert (
            [(s.discussion_id, s.option) for s in await w.rows(Stance, Stance.user_id == alice.id)],
            [c.discussion_id for c in await w.rows(StanceChange, StanceChange.user_id == alice.id)],
            [v.reply_id for v in await w.rows(Vote, Vote.voter_id == alice.id)],
        ) == (
            [(first.id, 1)],
            [d for d in kept[1] if d == first.id],
            [his.id],
        )
