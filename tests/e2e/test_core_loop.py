"""The core loop as members and moderators live it: post, click, reply, edit, delete, react."""

from __future__ import annotations

import discord
import simcord

from bot import custom_ids
from bot.services import participation
from db.models import Question, Reply, ReplyRevision, Stance, StanceChange, Vote
from tests.harness import world


async def test_forum_post_has_question_embed_and_buttons(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        post = w.post_message(discussion)
        assert thread.name.startswith("Envisagez-vous un futur")
        assert len(thread.name) <= 100
        embed = post.embeds[0]
        assert "Quelles en seraient les conséquences" in embed.description
        labels = [c.label for row in post.components for c in row.children]
        assert labels[:3] == ["Oui", "Non", "Nuancé"]
        assert "Répondre" in labels and "Donner mon avis" in labels
        forum = w.bot.get_channel(w.forum.id)
        assert [t.name for t in forum.available_tags] == ["Et vous ?"]


def _as_shown(embed: discord.Embed) -> str:
    """What a member reads of an embed (title, description, fields), markdown rendered:
    the bot's bold marks gone, each escaped character shown as typed."""
    parts = [embed.title or "", embed.description or ""]
    parts += [f"{field.name}\n{field.value}" for field in embed.fields]
    return "\n".join(parts).replace("**", "").replace("\\", "")


async def test_the_post_shows_the_question_once_whole_and_inert(sqlite_url: str) -> None:
    """The post's title was the question cut to a line, its description the whole
    question again: members read the same sentence twice (three times in a forum, with
    the thread's name)."""
    head = "Faut-il **vraiment** revoir _Alien_ ||Ripley survit|| au cinéma"
    tail = "Et vous, qu'en pensez-vous ?"
    middle = " et" + " encore" * 200
    question = head + middle[: 1000 - len(head) - len(tail) - 1] + " " + tail
    assert len(question) == 1000
    async with world(sqlite_url) as w:
        await w.mod.slash(w.forum, "question add", text=question)
        stored = question.removesuffix(" ?") + "\u202f?"  # French: set as the bank is
        tail = tail.removesuffix(" ?") + "\u202f?"
        (added,) = [q for q in await w.rows(Question) if q.text == stored]
        _, discussion = await w.post(id=added.id)
        embed = w.post_message(discussion).embeds[0]
        shown = _as_shown(embed)
        assert shown.count("Faut-il") == 1, shown
        assert shown.count("revoir") == 1 and tail in shown
        assert embed.description is not None and len(embed.description) <= 4096
        assert embed.description.startswith("📌 **Faut-il \\*\\*vraiment\\*\\* revoir \\_Alien\\_")
        assert "Ripley" not in shown and "▒▒▒" in shown
        assert not w.env.errors


async def test_a_tag_named_as_the_french_messages_spell_it_is_the_bots_tag(sqlite_url: str) -> None:
    """A moderator creates the tag the French pause message names, « Et vous ? »
    with its narrow no-break space: the bot posts with it, not with a second tag."""
    async with world(sqlite_url) as w:
        copied = {
            "id": str(w.env.backend.snowflake()),
            "name": "Et vous\u202f?",
            "moderated": False,
            "emoji_id": None,
            "emoji_name": "🗳️",
        }
        w.env.backend.edit_channel(w.forum.id, {"available_tags": [copied]})
        await w.env.settle()
        thread, _ = await w.post()
        forum = w.bot.get_channel(w.forum.id)
        assert [t.name for t in forum.available_tags] == ["Et vous\u202f?"]
        assert w.env.backend.channels[thread.id].applied_tags == [int(copied["id"])]


async def test_text_channel_post_opens_a_thread(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        await w.setup(w.text)
        thread, discussion = await w.post(w.text)
        assert discussion.channel_id == w.text.id
        assert thread.is_thread
        post = w.post_message(discussion)
        assert post.channel.id == w.text.id
        assert post.embeds[0].footer.text.startswith("Discussion n°\u00a01")


async def test_stance_click_is_ephemeral_and_change_keeps_history(database_url: str) -> None:
    async with world(database_url) as w:
        _, discussion = await w.post()
        post = w.post_message(discussion)
        alice = w.members[0]
        first = await alice.click(post, custom_id=custom_ids.stance(discussion.id, 0))
        assert first.ephemeral and "Oui" in first.response.content
        second = await alice.click(post, custom_id=custom_ids.stance(discussion.id, 2))
        assert "Nuancé" in second.response.content
        await w.settle()
        stances = await w.rows(Stance)
        assert [(s.user_id, s.option) for s in stances] == [(alice.id, 2)]
        history = await w.rows(StanceChange)
        assert [c.option for c in sorted(history, key=lambda c: c.id)] == [0, 2]


async def test_replies_edits_deletes_are_stored(database_url: str) -> None:
    async with world(database_url) as w:
        thread, _ = await w.post()
        alice, bruno = w.members[:2]
        first = await alice.send(thread, "Je pense que l'IA reste un outil.")
        second = await bruno.send(thread, "Non, elle va remplacer des métiers.")
        await alice.edit(first, "Je pense que l'IA restera un simple outil.")
        await bruno.delete(second)
        await w.settle()
        replies = {r.id: r for r in await w.rows(Reply)}
        assert replies[first.id].text == "Je pense que l'IA restera un simple outil."
        assert replies[first.id].author_name == "alice"
        assert replies[first.id].edited_at is not None
        assert replies[second.id].deleted and replies[second.id].text == ""
        revisions = await w.rows(ReplyRevision)
        assert [r.text for r in revisions] == ["Je pense que l'IA reste un outil."]


async def test_bot_messages_and_other_channels_are_not_stored(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        await w.post()
        await w.members[0].send(w.text, "hors sujet, dans #general")
        await w.settle()
        assert await w.rows(Reply) == []


async def test_reactions_are_votes_removed_with_the_reaction(database_url: str) -> None:
    async with world(database_url) as w:
        thread, _ = await w.post()
        alice, bruno, chloe = w.members
        reply = await alice.send(thread, "Le cinéma restera humain.")
        await bruno.react(reply, "👍")
        await chloe.react(reply, "👎")
        await chloe.react(reply, "🎉")
        await w.settle()
        votes = {v.voter_id: v.value for v in await w.rows(Vote)}
        assert votes == {bruno.id: 1, chloe.id: -1}
        await bruno.unreact(reply, "👍")
        await w.settle()
        assert {v.voter_id for v in await w.rows(Vote)} == {chloe.id}


async def test_a_vote_reaction_taken_back_leaves_the_one_still_there(database_url: str) -> None:
    """👍 then 👎 on one reply (her vote: 👎, the latest); taking 👎 back leaves 👍 on the
    reply, so her vote is 👍 again, not none; 👎🏽 taken back while 👎 stays keeps 👎."""
    async with world(database_url) as w:
        thread, _ = await w.post()
        alice, bruno, chloe = w.members
        reply = await alice.send(thread, "Le cinéma restera humain.")
        await bruno.react(reply, "👍")
        await bruno.react(reply, "👎")
        await chloe.react(reply, "👎")
        await chloe.react(reply, "👎🏽")
        await w.settle()
        assert {v.voter_id: v.value for v in await w.rows(Vote)} == {bruno.id: -1, chloe.id: -1}
        await bruno.unreact(reply, "👎")
        await chloe.unreact(reply, "👎🏽")
        await w.settle()
        assert {v.voter_id: v.value for v in await w.rows(Vote)} == {bruno.id: 1, chloe.id: -1}
        await bruno.unreact(reply, "👍")
        await w.settle()
        assert {v.voter_id: v.value for v in await w.rows(Vote)} == {chloe.id: -1}
        assert not w.env.errors


async def test_reply_button_opens_modal_and_posts_under_member_name(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        post = w.post_message(discussion)
        alice = w.members[0]
        shown = await alice.click(post, custom_id=custom_ids.reply(discussion.id))
        assert shown.modal is not None
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        done = await alice.submit_modal(shown, {field: "Un outil, pas un remplaçant. @everyone"})
        assert done.ephemeral
        await w.settle()
        posted = thread.last_message
        assert "alice" in posted.content and "Un outil, pas un remplaçant." in posted.content
        stored = await w.rows(Reply)
        assert [(r.author_id, r.text, r.via_modal) for r in stored] == [
            (alice.id, "Un outil, pas un remplaçant. @everyone", True)
        ]
        sent = [
            r
            for r in w.env.http_requests
            if r.method == "POST" and f"/channels/{thread.id}/messages" in r.path
        ]
        assert sent and sent[-1].json["allowed_mentions"]["parse"] == []


async def test_closing_locks_refuses_and_reopen_allows(database_url: str) -> None:
    async with world(database_url) as w:
        thread, discussion = await w.post()
        alice = w.members[0]
        await alice.send(thread, "Avant la clôture.")
        result = await w.mod.slash(w.forum, "discussion close", discussion=discussion.id)
        assert result.ephemeral
        await w.settle()
        fetched = await w.bot.fetch_channel(thread.id)
        assert fetched.locked and fetched.archived
        post = w.post_message(discussion)
        assert all(c.disabled for row in post.components for c in row.children)
        await alice.send(thread, "Après la clôture.")
        await w.settle()
        assert [r.text for r in await w.rows(Reply)] == ["Avant la clôture."]
        await w.mod.slash(w.forum, "discussion reopen", discussion=discussion.id)
        await w.settle()
        post = w.post_message(discussion)
        await alice.click(post, custom_id=custom_ids.stance(discussion.id, 1))
        await w.settle()
        assert [s.option for s in await w.rows(Stance)] == [1]


async def test_catch_up_after_restart_stores_missed_replies_once(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, _ = await w.post()
        alice, bruno = w.members[:2]
        await alice.send(thread, "Avant la panne.")
        await w.settle()
        await w.env._detach_bot()
        missed = [await bruno.send(thread, f"Pendant la panne {i}") for i in range(3)]
        new_bot = w.new_bot()
        await simcord.env._attach_bot(w.env, new_bot)
        w.bot = new_bot
        await w.settle()
        texts = sorted(r.text for r in await w.rows(Reply))
        assert texts == sorted(["Avant la panne.", *(m.content for m in missed)])
        await new_bot.on_ready()
        await w.settle()
        assert len(await w.rows(Reply)) == 4


async def test_edits_deletes_and_reactions_made_while_away_are_caught_up(database_url: str) -> None:
    async with world(database_url) as w:
        thread, _ = await w.post()
        alice, bruno, chloe = w.members[:3]
        kept = await alice.send(thread, "Première version.")
        doomed = await alice.send(thread, "À effacer.")
        voted = await bruno.send(thread, "Les studios vont tout automatiser.")
        await chloe.react(voted, "👎")
        await w.settle()
        await w.env._detach_bot()
        await alice.edit(kept, "Version corrigée pendant la panne.")
        await alice.delete(doomed)
        await alice.react(voted, "👍")
        await chloe.react(kept, "🤷")
        new_bot = w.new_bot()
        await simcord.env._attach_bot(w.env, new_bot)
        w.bot = new_bot
        await w.settle()
        replies = {r.id: r for r in await w.rows(Reply)}
        assert replies[kept.id].text == "Version corrigée pendant la panne."
        revisions = await w.rows(ReplyRevision, ReplyRevision.reply_id == kept.id)
        assert [r.text for r in revisions] == ["Première version."]
        assert replies[doomed.id].deleted and replies[doomed.id].text == ""
        votes = {(v.reply_id, v.voter_id): v.value for v in await w.rows(Vote)}
        assert votes == {(voted.id, chloe.id): -1, (voted.id, alice.id): 1, (kept.id, chloe.id): 0}
        await new_bot.on_ready()  # a second new session changes nothing
        await w.settle()
        assert len(await w.rows(ReplyRevision)) == 1
        assert {(v.reply_id, v.voter_id): v.value for v in await w.rows(Vote)} == votes


async def test_click_after_closing_time_is_refused_politely(sqlite_url: str) -> None:
    from datetime import timedelta

    async with world(sqlite_url) as w:
        _, discussion = await w.post()
        post = w.post_message(discussion)
        w.clock.advance(timedelta(hours=73))
        refused = await w.members[0].click(post, custom_id=custom_ids.stance(discussion.id, 0))
        assert refused.ephemeral and "close" in refused.response.content
        await w.settle()
        assert await w.rows(Stance) == []


async def test_buttons_keep_working_after_a_restart(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        _, discussion = await w.post()
        await w.env.restart_bot(w.new_bot())
        w.bot = w.env.bot
        post = w.post_message(discussion)
        clicked = await w.members[0].click(post, custom_id=custom_ids.stance(discussion.id, 1))
        assert clicked.ephemeral and "Non" in clicked.response.content
        shown = await w.members[0].click(post, custom_id=custom_ids.reply(discussion.id))
        assert shown.modal is not None
        await w.settle()
        assert [(s.user_id, s.option) for s in await w.rows(Stance)] == [(w.members[0].id, 1)]


async def test_a_moderators_purge_erases_every_text(database_url: str) -> None:
    """A purge (MESSAGE_DELETE_BULK, as Discord sends it) reaches the bot's bulk-delete listener."""
    async with world(database_url) as w:
        thread, _ = await w.post()
        sent = [await w.members[i % 3].send(thread, f"message {i}") for i in range(4)]
        await w.settle()
        purged = w.env.backend.bulk_delete_messages(thread.id, [m.id for m in sent[:3]])
        assert len(purged) == 3
        await w.settle()
        replies = {r.id: r for r in await w.rows(Reply)}
        assert [replies[m.id].text for m in sent] == ["", "", "", "message 3"]
        assert all(replies[m.id].deleted and replies[m.id].author_id == 0 for m in sent[:3])
        assert not w.env.errors


async def test_a_resumed_session_catches_up_what_it_missed(sqlite_url: str) -> None:
    """The gateway drops while members talk, then the session resumes (RESUMED, not READY):
    the bot reads what it missed after the newest stored reply."""
    async with world(sqlite_url) as w:
        thread, _ = await w.post()
        alice, bruno = w.members[:2]
        await alice.send(thread, "Avant la coupure.")
        await w.settle()
        shard = w.bot.get_shard(0)._parent  # SimCord's shard: events are dropped while closed
        shard.ws.open = False
        missed = [await bruno.send(thread, f"Pendant la coupure {i}") for i in range(3)]
        await w.settle()
        assert len(await w.rows(Reply)) == 1  # the bot really missed them
        shard.ws.open = True
        w.env.backend.emit("RESUMED", {"__shard_id__": 0})
        await w.settle()
        texts = sorted(r.text for r in await w.rows(Reply))
        assert texts == sorted(["Avant la coupure.", *(m.content for m in missed)])
        assert not w.env.errors


async def test_reply_form_submitted_late_or_after_a_restart_is_posted(sqlite_url: str) -> None:
    """Writing a reply can take longer than 15 minutes, and the bot may restart
    meanwhile: the form's submission must still be posted, never silently lost."""
    async with world(sqlite_url) as w:
        _, discussion = await w.post()
        alice, bruno = w.members[:2]
        slow = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        across = await bruno.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        await w.env.advance_time(20 * 60)
        field = slow.modal["components"][0]["components"][0]["custom_id"]
        done = await alice.submit_modal(slow, {field: "Une réponse longuement mûrie."})
        assert done.ephemeral and "posted" in done.response.content
        await w.restart()
        field = across.modal["components"][0]["components"][0]["custom_id"]
        done = await bruno.submit_modal(across, {field: "Écrite pendant un redémarrage."})
        assert done.ephemeral and "posted" in done.response.content
        await w.settle()
        stored = sorted((r.author_id, r.text, r.via_modal) for r in await w.rows(Reply))
        assert stored == sorted(
            [
                (alice.id, "Une réponse longuement mûrie.", True),
                (bruno.id, "Écrite pendant un redémarrage.", True),
            ]
        )


async def test_a_long_form_reply_is_posted_whole(sqlite_url: str) -> None:
    """The form takes up to 1900 characters; the bot's post cut them at 1800 (a flat
    budget), so the thread showed less than was stored as the member's reply."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice = w.members[0]
        sentence = "Le cinéma restera un art humain, même avec des outils nouveaux. "
        text = (sentence * 40)[: participation.MAX_REPLY].strip()
        shown = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        await alice.submit_modal(shown, {field: text})
        await w.settle()
        assert thread.last_message.content.endswith(text)
        assert [r.text for r in await w.rows(Reply)] == [text]


async def test_a_reaction_on_ones_own_reply_is_not_a_vote(sqlite_url: str) -> None:
    """The card never offers a member her own reply and refuses a vote on it; a 👍
    under her own message (or under the bot's post of her form reply) counted."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        mine = await alice.send(thread, "Mon propre avis.")
        shown = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        await alice.submit_modal(shown, {field: "Mon avis par le formulaire."})
        await w.settle()
        form_post = thread.last_message
        for message in (mine, form_post):
            await alice.react(message, "👍")
            await bruno.react(message, "👎")
        await w.settle()
        votes = sorted((v.reply_id, v.voter_id, v.value) for v in await w.rows(Vote))
        assert votes == sorted([(mine.id, bruno.id, -1), (form_post.id, bruno.id, -1)])


async def test_a_member_withdraws_her_stance_from_the_answer_to_her_click(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        _, discussion = await w.post()
        post = w.post_message(discussion)
        alice, bruno = w.members[:2]
        await bruno.click(post, custom_id=custom_ids.stance(discussion.id, 0))
        clicked = await alice.click(post, custom_id=custom_ids.stance(discussion.id, 1))
        assert clicked.ephemeral
        await w.env.advance_time(6)
        await w.settle()
        assert "**Non** — 1" in w.post_message(discussion).embeds[0].fields[0].value
        withdrawn = await alice.click(
            clicked.response.message, custom_id=custom_ids.withdraw(discussion.id)
        )
        assert "withdrawn" in withdrawn.response.content, withdrawn.response
        await w.settle()
        assert [(s.user_id, s.option) for s in await w.rows(Stance)] == [(bruno.id, 0)]
        mine = [c for c in await w.rows(StanceChange) if c.user_id == alice.id]
        assert [c.option for c in sorted(mine, key=lambda c: c.id)] == [1, -1]
        await w.env.advance_time(6)
        await w.settle()
        assert "**Non** — 0" in w.post_message(discussion).embeds[0].fields[0].value

        again = await alice.click(post, custom_id=custom_ids.stance(discussion.id, 2))
        assert again.ephemeral
        await w.settle()
        assert {(s.user_id, s.option) for s in await w.rows(Stance)} == {
            (bruno.id, 0),
            (alice.id, 2),
        }
        # The discussion closed, the button under her old answer changes nothing.
        await w.mod.slash(w.text, "discussion close", discussion=discussion.id)
        await w.settle()
        late = await alice.click(
            again.response.message, custom_id=custom_ids.withdraw(discussion.id)
        )
        assert late.ephemeral and "closed" in late.response.content, late.response
        await w.settle()
        assert (alice.id, 2) in {(s.user_id, s.option) for s in await w.rows(Stance)}
        assert not w.env.errors
