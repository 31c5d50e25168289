"""What a member may do through the bot is what she may do in Discord: the bot never
writes for her where she may not write herself."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import discord
import pytest
import simcord
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType

from bot import custom_ids
from bot.i18n import t
from bot.services import participation
from db.models import Reply, Stance, Vote
from tests.harness import world


async def test_a_member_muted_in_the_debates_cannot_post_through_the_reply_form(
    sqlite_url: str,
) -> None:
    """A member staff took the right to write in threads from (an overwrite, a muting
    role), or who is timed out, is refused the form, and a form she opened before is
    not posted: the bot would otherwise speak in the thread in her name."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        post = w.post_message(discussion)
        alice, bruno = w.members[:2]
        opened = await alice.click(post, custom_id=custom_ids.reply(discussion.id))
        assert opened.modal is not None  # opened while she could still write
        deny = discord.Permissions(send_messages=True, send_messages_in_threads=True)
        w.env.backend.set_overwrite(
            w.forum.id, Overwrite(target_id=alice.id, type=OverwriteType.MEMBER, deny=deny.value)
        )
        with pytest.raises(simcord.BackendError):
            await alice.send(thread, "Je ne peux plus écrire ici.")

        sent = await alice.submit_modal(
            opened, {custom_ids.REPLY_FORM_TEXT: "Je passe par le formulaire."}
        )
        assert sent.ephemeral and "not allowed to write" in sent.response.content
        again = await alice.click(post, custom_id=custom_ids.reply(discussion.id))
        assert again.modal is None and "not allowed to write" in again.response.content

        # A timeout: the same refusal as the stance and vote buttons give her.
        before = await bruno.click(post, custom_id=custom_ids.reply(discussion.id))
        assert before.modal is not None  # opened before the timeout
        w.env.backend.edit_member(
            w.guild.id, bruno.id, {"timed_out_until": "2099-01-01T00:00:00+00:00"}
        )
        timed_out = await bruno.click(post, custom_id=custom_ids.reply(discussion.id))
        assert timed_out.modal is None
        assert timed_out.response.content == t("error-timed-out", "en")
        late = await bruno.submit_modal(before, {custom_ids.REPLY_FORM_TEXT: "Exclu, j'écris."})
        assert late.ephemeral and late.response.content == t("error-timed-out", "en")
        assert late.response.embeds[0].description == "Exclu, j'écris."  # given back

        await w.settle()
        assert [m.id for m in thread.history()] == [discussion.message_id]
        assert await w.rows(Reply) == []
        assert not w.env.errors


@pytest.mark.parametrize("in_forum", [True, False])
async def test_a_thread_staff_locked_takes_no_reply_through_the_form(
    sqlite_url: str, in_forum: bool
) -> None:
    """Staff lock a heated thread (Discord then lets only those who manage threads write
    there): the Répondre form still posted members' replies in it, the bot writing where
    they may not. Refused, her text given back; staff who manage threads still may."""
    async with world(sqlite_url) as w:
        w.speaks(w.members[0], "fr")
        thread, discussion = await w.post(w.text if not in_forum else None)
        post = w.post_message(discussion)
        alice = w.members[0]
        opened = await alice.click(post, custom_id=custom_ids.reply(discussion.id))
        assert opened.modal is not None  # opened before the lock
        w.env.backend.edit_channel(thread.id, {}, thread_metadata={"locked": True})
        await w.settle()

        late = await alice.submit_modal(opened, {custom_ids.REPLY_FORM_TEXT: "Et pourtant…"})
        assert late.ephemeral and late.response.content == t("error-thread-locked", "fr")
        assert late.response.embeds[0].description == "Et pourtant…"
        again = await alice.click(post, custom_id=custom_ids.reply(discussion.id))
        assert again.modal is None and again.response.content == t("error-thread-locked", "fr")
        await w.settle()
        assert [m.id for m in thread.history() if m.author.id != w.bot.user.id] == []
        assert await w.rows(Reply) == []

        keeper = w.guild.create_role(
            "gardiens", permissions=discord.Permissions(manage_threads=True)
        )
        staff = w.add_member("gardienne", roles=[keeper])
        form = await staff.click(post, custom_id=custom_ids.reply(discussion.id))
        done = await staff.submit_modal(form, {custom_ids.REPLY_FORM_TEXT: "Je clos ce point."})
        assert done.ephemeral and "thread" not in done.response.content.lower()
        await w.settle()
        assert [r.text for r in await w.rows(Reply)] == ["Je clos ce point."]
        assert not w.env.errors


async def test_an_opted_out_member_takes_back_her_vote_by_removing_her_reaction(
    sqlite_url: str,
) -> None:
    """Opting out stops the storing of what she does next; taking a reaction back stores
    nothing, it takes her earlier vote away (as catch-up does after a restart)."""
    async with world(sqlite_url) as w:
        thread, _ = await w.post()
        alice, bruno = w.members[:2]
        reply = await bruno.send(thread, "Les doubleurs doivent être protégés.")
        await alice.react(reply, "👍")
        await w.settle()
        assert [(v.voter_id, v.value) for v in await w.rows(Vote)] == [(alice.id, 1)]
        await alice.slash(w.text, "mydata optout")
        await alice.react(reply, "👎")  # while opted out: not stored
        await alice.unreact(reply, "👍")
        await w.settle()
        assert await w.rows(Vote) == []
        assert not w.env.errors


async def test_her_download_holds_the_name_stored_with_each_of_her_replies(
    database_url: str,
) -> None:
    """Each reply is stored with the name she had when she wrote it (shown in the web
    room, the exports, the summaries' quotes): hers to see, in her download."""
    async with world(database_url) as w:
        thread, discussion = await w.post()
        alice = w.members[0]
        first = await alice.send(thread, "Sous mon premier nom.")
        w.env.backend.edit_member(w.guild.id, alice.id, {"nick": "Alice la critique"})
        shown = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        await alice.submit_modal(shown, {custom_ids.REPLY_FORM_TEXT: "Sous mon surnom."})
        await w.settle()
        stored = {r.id: r.author_name for r in await w.rows(Reply)}
        assert stored[first.id] == "alice" and "Alice la critique" in stored.values()

        download = await alice.slash(w.text, "mydata show", download=True)
        lines = (await download.response.attachments[0].read()).decode().splitlines()
        replies = [json.loads(line) for line in lines if '"type": "reply"' in line]
        assert {(r["text"], r["author_name"]) for r in replies} == {
            ("Sous mon premier nom.", "alice"),
            ("Sous mon surnom.", "Alice la critique"),
        }


def _counts(post: discord.Message) -> list[int]:
    lines = post.embeds[0].fields[0].value.splitlines()
    return [int(line.rsplit("—", 1)[1]) for line in lines]


async def test_the_posts_counts_leave_out_a_member_who_opted_out_or_erased_her_data(
    sqlite_url: str,
) -> None:
    """The summary leaves out an opted-out member's stance; the post counted it still
    (and she may not withdraw it while opted out). Her erasure took her stance away,
    but the post went on showing it until someone else clicked."""
    async with world(sqlite_url) as w:
        _, discussion = await w.post()
        post = w.post_message(discussion)
        alice, bruno, chloe = w.members
        for member, option in ((alice, 0), (bruno, 0), (chloe, 1)):
            await member.click(post, custom_id=custom_ids.stance(discussion.id, option))

        async def shown() -> list[int]:
            await w.env.advance_time(5)
            await w.settle()
            return _counts(w.post_message(discussion))

        assert await shown() == [2, 1, 0]
        await alice.slash(w.text, "mydata optout")
        assert await shown() == [1, 1, 0]
        await alice.slash(w.text, "mydata optin")
        assert await shown() == [2, 1, 0]  # her past stance stays, counted again
        asked = await chloe.slash(w.text, "mydata delete")
        await chloe.click(asked.response.message, custom_id=custom_ids.erase(chloe.id, "confirm"))
        assert await shown() == [2, 0, 0]
        assert not w.env.errors


async def test_a_long_form_reply_full_of_parentheses_is_shown_whole(sqlite_url: str) -> None:
    """Escaping doubles each ``(``, ``)``, ``*`` or ``_``: a reply of the form's full
    length with many of them did not fit in one message and was shown cut ("…"),
    while she was told it was posted and the whole text was stored as hers."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice = w.members[0]
        sentence = "Le doublage (par IA) reste un métier (humain) :) "
        text = (sentence * 60)[: participation.MAX_REPLY].strip()
        shown = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        done = await alice.submit_modal(shown, {custom_ids.REPLY_FORM_TEXT: text})
        assert "posted" in done.response.content
        await w.settle()
        posted = thread.last_message
        assert posted.content.startswith("**alice** répond\u00a0:")  # the server's language
        visible = posted.content + "".join(e.description or "" for e in posted.embeds)
        assert "…" not in visible
        assert re.sub(r"\\(.)", r"\1", visible).endswith(text)
        assert [r.text for r in await w.rows(Reply)] == [text]
        sent = [r for r in w.env.http_requests if r.method == "POST" and str(thread.id) in r.path]
        assert sent[-1].json["allowed_mentions"]["parse"] == []


async def test_a_form_opened_before_opting_out_is_not_posted(sqlite_url: str) -> None:
    """Opted out, her form reply was posted but not stored: a post in her name that
    she cannot delete (it is the bot's) and that /mydata delete cannot find."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice = w.members[0]
        opened = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        await alice.slash(w.text, "mydata optout")
        sent = await alice.submit_modal(opened, {custom_ids.REPLY_FORM_TEXT: "Mon avis."})
        assert sent.ephemeral and "opted out" in sent.response.content
        await w.settle()
        assert [m.id for m in thread.history()] == [discussion.message_id]
        assert await w.rows(Reply) == []


async def test_a_form_refused_after_she_wrote_it_gives_her_text_back(sqlite_url: str) -> None:
    """The discussion closed while she was writing (or Discord refused the post): the
    form is gone, and with it what she wrote. The refusal gives her text back to copy."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice = w.members[0]
        opened = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        w.clock.advance(timedelta(hours=73))
        text = "Un long avis, **mûrement** pesé, sur <@&1> et le doublage (par IA)."
        refused = await alice.submit_modal(opened, {custom_ids.REPLY_FORM_TEXT: text})
        assert refused.ephemeral and "closed" in refused.response.content
        (kept,) = refused.response.embeds
        assert re.sub(r"\\(.)", r"\1", kept.description) == text
        assert kept.title == "Your text, so you do not lose it"
        await w.settle()
        assert [m.id for m in thread.history()] == [discussion.message_id]
        assert await w.rows(Reply) == []


async def test_a_member_deletes_one_reply_she_posted_through_the_form(sqlite_url: str) -> None:
    """A typed reply she deletes in Discord; a form reply is the bot's message, which she
    cannot delete: only /mydata delete (all her data) took it away. "Delete my reply"
    on it takes that one away, from the thread and from what is stored."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        post = w.post_message(discussion)
        for text in ("Ma première réponse.", "Je regrette celle-ci."):
            opened = await alice.click(post, custom_id=custom_ids.reply(discussion.id))
            await alice.submit_modal(opened, {custom_ids.REPLY_FORM_TEXT: text})
        await w.settle()
        (regretted,) = [m for m in thread.history() if "Je regrette" in m.content]
        with pytest.raises(simcord.BackendError):
            await alice.delete(regretted)  # the bot's message

        tried = await bruno.context_menu(thread, "Delete my reply", regretted)
        assert tried.ephemeral and "not a reply you posted" in tried.response.content
        typed = await bruno.send(thread, "Tapée à la main.")
        own = await bruno.context_menu(thread, "Delete my reply", typed)
        assert "not a reply you posted" in own.response.content
        done = await alice.context_menu(thread, "Delete my reply", regretted)
        assert done.ephemeral and "deleted" in done.response.content
        await w.settle()
        assert regretted.id not in [m.id for m in thread.history()]
        kept = await w.rows(Reply, Reply.deleted.is_(False))
        assert sorted(r.text for r in kept) == ["Ma première réponse.", "Tapée à la main."]

        w.clock.advance(timedelta(hours=73))  # closed: the thread is locked and archived
        await w.bot.scheduler.tick()
        await w.settle()
        (first,) = [m for m in thread.history() if "Ma première" in m.content]
        done = await alice.context_menu(thread, "Delete my reply", first)
        assert "deleted" in done.response.content
        await w.settle()
        assert first.id not in [m.id for m in thread.history()]
        kept = await w.rows(Reply, Reply.deleted.is_(False))
        assert [r.text for r in kept] == ["Tapée à la main."]
        assert not w.env.errors


async def test_her_last_click_on_the_card_is_her_vote(sqlite_url: str) -> None:
    """Agree, then Disagree at once on the same card, before it moved on: each click
    read the reply before queuing its vote, and the first to finish reading was queued
    first, so her earlier click could be the one kept."""
    from tests.e2e.test_live_counts import simultaneous_clicks

    async with world(sqlite_url, members=4) as w:
        thread, discussion = await w.post()
        alice, *others = w.members
        for n, member in enumerate(others):
            await member.send(thread, f"Avis numéro {n} sur le doublage.")
        await w.settle()
        post = w.post_message(discussion)
        for first, last in ((1, -1), (-1, 1), (1, 0)):
            card = (await alice.click(post, custom_id=custom_ids.card(discussion.id))).response
            reply_id = int(card.embeds[0].fields[0].value.rsplit("/", 1)[1])
            await simultaneous_clicks(
                w.env,
                card.message,
                [
                    (alice, custom_ids.vote(discussion.id, reply_id, first)),
                    (alice, custom_ids.vote(discussion.id, reply_id, last)),
                ],
            )
            await w.settle()
            assert [v.value for v in await w.rows(Vote, Vote.reply_id == reply_id)] == [last]


async def test_a_timed_out_member_cannot_declare_a_stance_or_vote(sqlite_url: str) -> None:
    """Discord's timeout stops her writing and reacting in the server: the bot's stance
    and voting buttons refuse her too (as its reply form does), then take her clicks
    again once the timeout is lifted."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        post = w.post_message(discussion)
        alice, bruno = w.members[:2]
        reply = await bruno.send(thread, "Les doubleurs doivent être protégés.")
        await w.settle()
        declared = await alice.click(post, custom_id=custom_ids.stance(discussion.id, 0))
        card = await alice.click(post, custom_id=custom_ids.card(discussion.id))
        assert card.response.embeds  # both opened before the timeout
        w.env.backend.edit_member(
            w.guild.id, alice.id, {"timed_out_until": "2099-01-01T00:00:00+00:00"}
        )
        with pytest.raises(simcord.BackendError):
            await alice.react(reply, "👍")  # Discord's own refusal

        refusals = [
            await alice.click(post, custom_id=custom_ids.stance(discussion.id, 1)),
            await alice.click(
                declared.response.message, custom_id=custom_ids.withdraw(discussion.id)
            ),
            await alice.click(post, custom_id=custom_ids.card(discussion.id)),
            await alice.click(
                card.response.message, custom_id=custom_ids.vote(discussion.id, reply.id, 1)
            ),
        ]
        for refused in refusals:
            assert refused.ephemeral and "timed out" in refused.response.content
        await w.settle()
        assert [(s.user_id, s.option) for s in await w.rows(Stance)] == [(alice.id, 0)]
        assert await w.rows(Vote) == []

        w.env.backend.edit_member(w.guild.id, alice.id, {"timed_out_until": None})
        await alice.click(post, custom_id=custom_ids.stance(discussion.id, 1))
        await alice.click(
            card.response.message, custom_id=custom_ids.vote(discussion.id, reply.id, 1)
        )
        await w.settle()
        assert [(s.user_id, s.option) for s in await w.rows(Stance)] == [(alice.id, 1)]
        assert [(v.voter_id, v.value) for v in await w.rows(Vote)] == [(alice.id, 1)]
        assert not w.env.errors


async def test_the_form_is_acknowledged_before_its_reply_is_posted(sqlite_url: str) -> None:
    """Her reply was posted in the thread, then she was answered: in a busy thread, where
    Discord makes the bot wait, the 3 seconds Discord gives an answer ran out after the
    post, and she read « interaction failed » over a reply that was there (and sent it
    again). The form is acknowledged first, then posted, then she is thanked."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice = w.members[0]
        opened = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        before = len(w.env.http_requests)
        sent = await alice.submit_modal(opened, {custom_ids.REPLY_FORM_TEXT: "Mon avis."})
        await w.settle()
        asked = [(r.method, r.path) for r in w.env.http_requests[before:]]
        posted = asked.index(("POST", f"/channels/{thread.id}/messages"))
        answered = next(i for i, (m, p) in enumerate(asked) if p.endswith("/callback"))
        assert answered < posted
        assert sent.ephemeral and sent.response is not None
        assert sent.response.content.startswith("Thanks! Your reply is posted")
        assert thread.history()[-1].content.endswith("Mon avis.")
        assert [r.text for r in await w.rows(Reply)] == ["Mon avis."]
