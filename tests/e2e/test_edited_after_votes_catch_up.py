"""A reply edited while the bot was away is read as edited after the votes cast before
(the card shows it again to who voted, by card or by reaction); a message update that
changes no text (a link's preview, a pin), live or caught up, is no edit."""

from __future__ import annotations

import simcord

from bot import custom_ids
from db.models import Reply, Vote
from tests.harness import World, world


async def _later(w: World, seconds: float = 60) -> None:
    """Time passes, for Discord (an edit's time) and the bot's clock (a vote's) alike."""
    await w.env.advance_time(seconds)
    w.clock.set(w.env.now())


async def test_an_edit_while_away_shows_the_reply_again_to_who_voted(database_url: str) -> None:
    async with world(database_url, members=3) as w:
        alice, bruno, chloe = w.members
        w.clock.set(w.env.now())
        thread, discussion = await w.post()
        reply = await alice.send(thread, "Les spectateurs doivent pouvoir choisir.")
        await w.settle()
        await _later(w)
        post = w.post_message(discussion)
        card = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        await bruno.click(
            card.response.message, custom_id=custom_ids.vote(discussion.id, reply.id, 1)
        )
        await chloe.react(reply, "👍")
        await w.settle()
        await _later(w)
        await w.settle()
        await w.env._detach_bot()
        await w.bot.app.close()
        await alice.edit(reply, "Il faut fermer toutes les salles.")
        await _later(w)
        new_bot = w.new_bot()
        await simcord.env._attach_bot(w.env, new_bot)
        w.bot = new_bot
        await w.settle()
        (row,) = await w.rows(Reply)
        assert row.text == "Il faut fermer toutes les salles."
        for member in (bruno, chloe):
            again = await member.click(post, custom_id=custom_ids.card(discussion.id))
            (shown,) = again.response.embeds
            assert shown.title and "Edited since your vote" in shown.title, member
        assert len(await w.rows(Vote)) == 2
        assert not w.env.errors


async def test_a_link_preview_or_a_pin_after_the_votes_is_no_edit(database_url: str) -> None:
    async with world(database_url, members=3) as w:
        alice, bruno, _ = w.members
        w.clock.set(w.env.now())
        thread, discussion = await w.post()
        reply = await alice.send(thread, "Voir www.example.org pour les détails.")
        await w.settle()
        await _later(w)
        await bruno.react(reply, "👍")
        await w.settle()
        await _later(w)
        preview = {"title": "Example", "url": "https://www.example.org"}
        w.env.backend.edit_message(thread.id, reply.id, {"embeds": [preview]})
        await w.mod.set_pinned(reply, True)
        await w.settle()
        await _later(w)
        await w.restart()
        (row,) = await w.rows(Reply)
        assert row.edited_at is None, row.edited_at
        post = w.post_message(discussion)
        again = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        assert not again.response.embeds
        assert not w.env.errors
