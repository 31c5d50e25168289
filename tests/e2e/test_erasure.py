"""Erasure and opt-out are permanent, whatever catch-up or a restart brings back.

Alice writes, edits, votes, declares a stance and answers through the form;
she opts out and writes, edits and reacts; she opts in; the bot restarts
(catch-up reads every thread again and fetches the reactions). Then she
erases her data and the bot restarts again. Every table and every column of
the database is then searched for her id and for fragments of what she
wrote: only her preference row and the recognisers (erased message ids,
her privacy intervals) may name her.
"""

from __future__ import annotations

from typing import Any

import simcord
from sqlalchemy import select

from bot import custom_ids
from db.models import (
    Base,
    MemberPreference,
    PrivacyInterval,
    Reply,
    ReplyRevision,
    Stance,
    StanceChange,
    Vote,
)
from tests.harness import World, world

FRAGMENTS = ("Mon premier avis", "corrigé", "formulaire", "pendant mon refus", "retour")
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

        # She erases her data; the bot restarts and catches up again.
        asked = await alice.slash(thread, "mydata delete")
        confirmed = await alice.click(asked.response.message, label="Yes, erase everything")
        assert "erased" in confirmed.response.content
        await w.settle()
        assert form_post not in w.env.backend.messages[thread.id]  # the bot's post of it
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
        await tick(w)

        # A moderator erases Bruno's message and his form reply.
        for message_id in (doomed.id, bruno_post):
            result = await w.mod.slash(w.text, "answers delete", message_id=str(message_id))
            assert result.ephemeral
        await w.settle()
        assert bruno_post not in w.env.backend.messages[thread.id]

        # The admin forgets Alice from the command line while the bot is down.
        await w.settle()
        old = w.bot
        await w.env._detach_bot()
        await old.app.close()
        assert await cli_ops.forget(old.app.sessions, w.guild.id, alice.id) == 2
        w.bot = w.new_bot()
        await simcord.env._attach_bot(w.env, w.bot)
        await w.settle()

        assert alice_post not in w.env.backend.messages[thread.id]  # removed by catch-up
        rows = {r.id: r for r in await w.rows(Reply)}
        for message_id in (doomed.id, bruno_post, mine.id, alice_post):
            assert (rows[message_id].deleted, rows[message_id].text) == (True, "")
            assert rows[message_id].author_id == 0
        assert await w.rows(Vote) == []
        assert [p.reason for p in await w.rows(PrivacyInterval)] == ["erased"]
        assert await w.rows(MemberPreference) == []
        assert not w.env.errors
