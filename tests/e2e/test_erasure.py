"""Erasure and opt-out are permanent, whatever catch-up or a restart brings back.

Alice writes, edits, votes, declares a stance, answers through the form and
suggests questions (one staff reject, one waiting in the queue, each with its
review card); she opts out and writes, edits and reacts; she opts in; the bot
restarts (catch-up reads every thread again and fetches the reactions). Then
she erases her data and the bot restarts again. Every table and every column
of the database is then searched for her id and for fragments of what she
wrote: only her preference row and the recognisers (erased message ids, her
privacy intervals) may name her; her replies' vectors are gone; her review
cards are gone from the staff channel and her suggestions from the queue.
"""

from __future__ import annotations

from typing import Any

import simcord
from sqlalchemy import select

from bot import custom_ids
from db.models import (
    AuditEntry,
    Base,
    ErasedCredit,
    ErasedReviewCard,
    MemberPreference,
    PrivacyInterval,
    Question,
    Reply,
    ReplyEmbedding,
    ReplyRevision,
    Stance,
    StanceChange,
    Suggestion,
    Vote,
)
from tests.harness import World, world

FRAGMENTS = (
    "Mon premier avis",
    "corrigé",
    "formulaire",
    "pendant mon refus",
    "retour",
    "ciné-club",
    "Peut-être bien",
    "popcorn",
)
"""Bits of everything Alice writes, in every version."""


async def tick(w: World) -> None:
    """Let Discord's clock move on, so each step has its own time."""
    await w.env.advance_time(2)
    await w.settle()


async def send_form(w: World, member: Any, discussion: Any, text: str) -> int:
    """Answer through the form; returns the id of the bot's post of the answer."""
    before = set(w.env.backend.messages[discussion.thread_id])
    shown = await member.click(
        w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
    )
    field = shown.modal["components"][0]["components"][0]["custom_id"]
    done = await member.submit_modal(shown, {field: text})
    assert done.ephemeral
    await w.settle()
    messages = w.env.backend.messages[discussion.thread_id]
    (posted,) = [i for i in set(messages) - before if not messages[i].is_ephemeral]
    return int(posted)


SUGGESTIONS = (
    {"text": "Faut-il rouvrir le ciné-club du quartier ?", "options": "Oui|Non|Peut-être bien"},
    {"text": "Le popcorn devrait-il être interdit en salle ?"},
)
SECOND_STORED = "Le popcorn devrait-il être interdit en salle\u202f?"
"""The second as the bank keeps it: French, set with French spacing."""


async def suggest(w: World, member: Any, staff: Any) -> list[Any]:
    """She suggests; staff reject the first (with a reason) and leave the second waiting.
    Returns the review cards of her suggestions."""
    for kwargs in SUGGESTIONS:
        sent = await member.slash(w.text, "suggest", **kwargs)
        assert sent.ephemeral and "suggestion #" in sent.response.content, sent.response
    await w.settle()
    cards = [m for m in staff.history() if str(member.id) in _shown(m)]
    assert len(cards) == 2
    first = min(await w.rows(Suggestion, Suggestion.author_id == member.id), key=lambda s: s.id)
    shown = await w.mod.click(cards[0], custom_id=custom_ids.review(first.id, "reject"))
    field = shown.modal["components"][0]["components"][0]["custom_id"]
    await w.mod.submit_modal(shown, {field: "Hors sujet."})
    await w.settle()
    return cards


def _shown(message: Any) -> str:
    """All a message shows: its text and every part of its embeds."""
    parts = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.title or "", embed.description or "", embed.author.name or ""]
        parts += [f"{f.name} {f.value}" for f in embed.fields]
    return "\n".join(parts)


def check_cards_gone(w: World, staff: Any, member: Any, cards: list[Any]) -> None:
    """Her cards are deleted; nothing in the staff channel shows her words, name or id."""
    left = w.env.backend.messages.get(staff.id, {})
    assert not {card.id for card in cards} & set(left)
    for message in staff.history():
        assert not _names(_shown(message), member.id), _shown(message)


async def everything_naming(w: World, user_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table with a column holding the user's id or her words."""
    await w.app.buffer.drain()
    found: dict[str, list[dict[str, Any]]] = {}
    async with w.app.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in (await connection.execute(select(table))).mappings():
                if any(_names(value, user_id) for value in row.values()):
                    found.setdefault(table.name, []).append(dict(row))
    return found


def _names(value: Any, user_id: int) -> bool:
    if isinstance(value, int) and not isinstance(value, bool):
        return value == user_id
    text = str(value) if value is not None else ""
    return str(user_id) in text or "alice" in text or any(f in text for f in FRAGMENTS)


async def test_erased_and_opted_out_data_never_comes_back(database_url: str) -> None:
    async with world(database_url, members=3) as w:
        thread, discussion = await w.post()
        alice, bruno, chloe = w.members
        post = w.post_message(discussion)

        # Before: she takes part in every way.
        staff = w.guild.create_text_channel("moderation")
        await w.setup(review_channel=staff)
        cards = await suggest(w, alice, staff)
        assert len(await w.rows(AuditEntry, AuditEntry.actor_id == alice.id)) == 2
        mine = await alice.send(thread, "Mon premier avis sur la question.")
        await tick(w)
        await alice.edit(mine, "Mon premier avis, corrigé.")
        theirs = await bruno.send(thread, "L'avis de Bruno.")
        other = await chloe.send(thread, "L'avis de Chloé.")
        await alice.react(theirs, "👍")
        await bruno.react(mine, "👍")
        await alice.click(post, custom_id=custom_ids.stance(discussion.id, 0))
        form_post = await send_form(w, alice, discussion, "Réponse par le formulaire.")
        await tick(w)
        assert len(await w.rows(ReplyRevision)) == 1
        assert len(await w.rows(Vote, Vote.voter_id == alice.id)) == 1

        # Opted out: she writes, edits and reacts; none of it is hers to keep.
        await alice.slash(thread, "mydata optout")
        await tick(w)
        hidden = await alice.send(thread, "Écrit pendant mon refus.")
        await alice.edit(mine, "Mon premier avis, corrigé pendant mon refus.")
        await alice.react(other, "👎")
        await tick(w)
        await alice.slash(thread, "mydata optin")
        await tick(w)
        back = await alice.send(thread, "De retour parmi vous.")

        await w.restart()  # catch-up reads the thread whole and fetches the reactions
        replies = {r.id: r for r in await w.rows(Reply)}
        assert hidden.id not in replies
        assert replies[mine.id].text == "Mon premier avis, corrigé."
        assert replies[back.id].text == "De retour parmi vous."
        votes = {(v.reply_id, v.voter_id) for v in await w.rows(Vote)}
        assert (other.id, alice.id) not in votes and (theirs.id, alice.id) in votes

        # Her replies have their sentence vectors (the background embedder).
        await w.bot.embedder.drain()
        hers = [mine.id, back.id, form_post]
        vectors = await w.rows(ReplyEmbedding, ReplyEmbedding.reply_id.in_(hers))
        assert {v.reply_id for v in vectors} == set(hers)

        queue = await w.mod.slash(w.text, "question suggestions")
        assert "popcorn" in _shown(queue.response)  # her second suggestion waits

        # She erases her data; the bot restarts and catches up again.
        asked = await alice.slash(thread, "mydata delete")
        confirmed = await alice.click(asked.response.message, label="Yes, erase everything")
        assert "erased (3 replies, 2 suggestions)" in confirmed.response.content
        await w.settle()
        assert form_post not in w.env.backend.messages[thread.id]  # the bot's post of it
        check_cards_gone(w, staff, alice, cards)
        queue = await w.mod.slash(w.text, "question suggestions")
        assert "ciné-club" not in _shown(queue.response) and "popcorn" not in _shown(queue.response)
        assert not queue.response.components  # nothing waits: no page to turn, nothing to open
        await w.restart()

        assert await w.rows(Vote, Vote.voter_id == alice.id) == []  # her 👍 is still on Discord
        assert await w.rows(Stance, Stance.user_id == alice.id) == []
        assert await w.rows(StanceChange, StanceChange.user_id == alice.id) == []
        erased = {r.id: r for r in await w.rows(Reply, Reply.deleted.is_(True))}
        assert {mine.id, back.id, form_post} <= set(erased)
        assert all((r.author_id, r.author_name, r.text) == (0, "", "") for r in erased.values())
        assert await w.rows(ReplyRevision) == []
        assert [r.text for r in await w.rows(Reply, Reply.deleted.is_(False))] == [
            "L'avis de Bruno.",
            "L'avis de Chloé.",
        ]

        await w.bot.embedder.drain()
        assert await w.rows(ReplyEmbedding, ReplyEmbedding.reply_id.in_(hers)) == []
        assert await w.rows(Suggestion) == [] and await w.rows(ErasedReviewCard) == []
        check_cards_gone(w, staff, alice, cards)
        naming = await everything_naming(w, alice.id)
        assert set(naming) == {"member_preferences", "privacy_intervals"}, naming
        assert [r["reason"] for r in naming["privacy_intervals"]] == ["erased"]
        assert len(naming["member_preferences"]) == 1
        assert not w.env.errors


async def test_staff_delete_and_cli_forget_are_permanent(sqlite_url: str) -> None:
    from bot.services import cli_ops

    async with world(sqlite_url, members=2) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members
        doomed = await bruno.send(thread, "Un message que la modération efface.")
        bruno_post = await send_form(w, bruno, discussion, "Bruno par le formulaire.")
        mine = await alice.send(thread, "Mon premier avis, que j'oublierai.")
        alice_post = await send_form(w, alice, discussion, "Alice par le formulaire.")
        await alice.react(doomed, "👎")
        staff = w.guild.create_text_channel("moderation")
        await w.setup(review_channel=staff)
        cards = await suggest(w, alice, staff)  # the first rejected, the second waiting
        await w.mod.slash(w.text, "suggest", text="Une idée de la modération ?")
        await w.settle()
        (waiting,) = await w.rows(
            Suggestion, Suggestion.author_id == alice.id, Suggestion.status == "pending"
        )
        approved = await w.mod.click(cards[1], custom_id=custom_ids.review(waiting.id, "approve"))
        assert approved.response is not None
        # Her approved question is posted, crediting her, and closed (its thread archived).
        (question,) = await w.rows(Question, Question.suggested_by == alice.id)
        credited_thread, credited = await w.post(id=question.id)
        assert f"<@{alice.id}>" in _shown(w.post_message(credited))
        await w.mod.slash(w.text, "discussion close", discussion=credited.id)
        await w.settle()
        assert (await w.bot.fetch_channel(credited_thread.id)).archived
        await tick(w)
        await w.bot.embedder.drain()
        assert len(await w.rows(ReplyEmbedding, ReplyEmbedding.reply_id.in_([doomed.id]))) == 1

        # A moderator erases Bruno's message and his form reply.
        for message_id in (doomed.id, bruno_post):
            result = await w.mod.slash(w.text, "answers delete", message_id=str(message_id))
            assert result.ephemeral
        await w.settle()
        assert bruno_post not in w.env.backend.messages[thread.id]
        await w.bot.embedder.drain()
        erased = [doomed.id, bruno_post]
        assert await w.rows(ReplyEmbedding, ReplyEmbedding.reply_id.in_(erased)) == []

        # The admin forgets Alice from the command line while the bot is down.
        await w.settle()
        old = w.bot
        await w.env._detach_bot()
        await old.app.close()
        erasure = await cli_ops.forget(old.app.sessions, w.guild.id, alice.id)
        assert (erasure.replies, erasure.suggestions, erasure.cards) == (2, 2, 2)
        assert [c.discussion_id for c in await w.rows(ErasedCredit)] == [credited.id]
        assert len(await w.rows(ErasedReviewCard)) == 2  # noted: the CLI has no Discord
        # The restarted bot's first tick removes her cards; one Discord refuses stays
        # noted, and goes at the next tick.
        w.env.inject_error("DELETE", f"/channels/{staff.id}/messages/{cards[0].id}", status=403)
        w.bot = w.new_bot()
        await simcord.env._attach_bot(w.env, w.bot)
        await w.settle()
        assert [c.message_id for c in await w.rows(ErasedReviewCard)] == [cards[0].id]
        assert cards[0].id in w.env.backend.messages[staff.id]
        assert cards[1].id not in w.env.backend.messages[staff.id]
        assert str(alice.id) not in _shown(w.post_message(credited))  # drawn again
        assert SECOND_STORED in _shown(w.post_message(credited))  # staff's now
        reopened = await w.bot.fetch_channel(credited_thread.id)
        assert reopened.archived and reopened.locked  # closed as it was
        assert await w.rows(ErasedCredit) == []
        await w.bot.scheduler.tick()
        await w.settle()
        assert await w.rows(ErasedReviewCard) == []
        check_cards_gone(w, staff, alice, cards)
        assert await w.rows(Suggestion, Suggestion.author_id == alice.id) == []
        # The approved question stays in the bank, as staff's: without her name.
        (kept,) = await w.rows(Question, Question.text == SECOND_STORED)
        assert kept.suggested_by is None
        assert await w.rows(AuditEntry, AuditEntry.actor_id == alice.id) == []

        assert alice_post not in w.env.backend.messages[thread.id]  # removed by catch-up
        rows = {r.id: r for r in await w.rows(Reply)}
        for message_id in (doomed.id, bruno_post, mine.id, alice_post):
            assert (rows[message_id].deleted, rows[message_id].text) == (True, "")
            assert rows[message_id].author_id == 0
        assert await w.rows(Vote) == []
        assert [p.reason for p in await w.rows(PrivacyInterval)] == ["erased"]
        assert await w.rows(MemberPreference) == []
        assert not w.env.errors
