"""A long outage in a busy thread: hundreds of replies (several pages of history),
edits, deletions and reactions while the bot is away, and members still writing while
it reads the history back at start.

Members' messages while away are fed straight into the simulated Discord's history
(no bot is attached: nothing is announced), the cheapest way SimCord allows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from simcord.http import router

from db.models import Reply, ReplyRevision, Vote
from tests.harness import World, world

AWAY = 260
"""Replies written while the bot is away: three pages of history."""


async def _votes(w: World) -> dict[tuple[int, int], int]:
    return {(v.reply_id, v.voter_id): v.value for v in await w.rows(Vote)}


async def test_a_long_outage_in_a_busy_thread_is_read_back_whole(sqlite_url: str) -> None:
    """What members, a moderator, another bot and a webhook did while the bot was away,
    over three pages of history: every member's reply stored once with its last text,
    deleted ones erased, votes as the reactions stand; nothing of the opted-out member,
    of bots, webhooks or Discord's own notices."""
    async with world(sqlite_url, members=5) as w:
        thread, _ = await w.post()
        alice, bruno, chloe, david, emma = w.members
        edited = await alice.send(thread, "Avant la panne.")
        doomed = await bruno.send(thread, "Je retirerai ceci.")
        unvoted = await chloe.send(thread, "Un avis discuté.")
        await david.react(edited, "👍")
        await emma.react(unvoted, "👎")
        await w.settle()
        await emma.slash(thread, "mydata optout")
        await w.settle()
        assert len(await w.rows(Reply)) == 3 and len(await _votes(w)) == 2
        await w.stop()

        backend = w.env.backend
        other_bot = w.guild.add_member(w.env.create_user("autre-bot", bot=True))
        hook = w.guild.create_webhook(w.forum, "flux")
        authors = [alice, bruno, chloe, david, emma]
        expected: dict[int, str] = {
            edited.id: "Avant la panne, corrigé.",
            unvoted.id: "Un avis discuté.",
        }
        away = []
        for n in range(AWAY):
            author = authors[n % len(authors)]
            message = backend.create_message(thread.id, author.id, f"avis {n}")
            away.append(message)
            if author is not emma:  # opted out: nothing of hers is stored
                expected[message.id] = f"avis {n}"
            if n == 120:
                backend.create_message(thread.id, other_bot.id, "Je suis un bot.")
                backend.create_message(
                    thread.id, hook._webhook.webhook_user_id, "Flux RSS", webhook_id=hook.id
                )
                backend.set_pinned(thread.id, edited.id, True, actor_id=w.mod.id)
        backend.edit_message(thread.id, edited.id, {"content": "Avant la panne, corrigé."})
        backend.delete_message(thread.id, doomed.id)
        backend.edit_message(thread.id, away[7].id, {"content": "avis 7, corrigé"})
        backend.edit_message(thread.id, away[7].id, {"content": "avis 7, corrigé deux fois"})
        expected[away[7].id] = "avis 7, corrigé deux fois"
        backend.delete_message(thread.id, away[8].id)
        del expected[away[8].id]
        backend.remove_reaction(thread.id, edited.id, "👍", david.id)
        backend.add_reaction(thread.id, away[0].id, "👎", bruno.id)
        backend.add_reaction(thread.id, away[200].id, "👍", chloe.id)
        backend.add_reaction(thread.id, away[1].id, "👍", emma.id)  # opted out
        backend.add_reaction(thread.id, away[3].id, "👍", other_bot.id)

        await w.start()
        replies = await w.rows(Reply)
        live = {r.id: r.text for r in replies if not r.deleted}
        assert live == expected
        gone = {r.id: (r.text, r.author_id) for r in replies if r.deleted}
        assert gone == {doomed.id: ("", 0)}  # away[8], never seen, is not stored at all
        assert {r.reply_id for r in await w.rows(ReplyRevision)} == {edited.id}
        assert await _votes(w) == {
            (unvoted.id, emma.id): -1,  # cast before she opted out
            (away[0].id, bruno.id): -1,
            (away[200].id, chloe.id): 1,
        }
        await w.bot.on_ready()  # a second new session changes nothing
        await w.settle()
        assert {r.id: r.text for r in await w.rows(Reply) if not r.deleted} == expected
        assert len(await w.rows(ReplyRevision)) == 1
        assert not w.env.errors


@contextmanager
def _while_reading(channel_id: int, act: Any) -> Iterator[list[int]]:
    """``act()`` runs once, when the bot asks Discord for the first page of
    ``channel_id``'s history: what members do while the catch-up reads."""
    handlers = router._ROUTES["GET"]
    index = next(
        i
        for i, (parts, _) in enumerate(handlers)
        if parts == ["channels", "{channel_id}", "messages"]
    )
    parts, original = handlers[index]
    done: list[int] = []

    def history(ctx: Any) -> Any:
        if ctx.int_arg("channel_id") == channel_id and not done:
            done.append(1)
            page = original(ctx)  # Discord answers the page as it was, then they act
            act()
            return page
        return original(ctx)

    handlers[index] = (parts, history)
    try:
        yield done
    finally:
        handlers[index] = (parts, original)


async def test_what_members_do_while_the_catch_up_reads_is_stored_once_in_its_last_state(
    sqlite_url: str,
) -> None:
    """While the bot reads the history back, members write, edit and delete, in pages
    already read and pages still to read: each arrives live and through history; none
    is stored twice, none is lost, the last edit wins and a deletion sticks."""
    async with world(sqlite_url, members=3) as w:
        thread, _ = await w.post()
        alice, bruno, chloe = w.members
        old = await alice.send(thread, "Avant la panne.")
        await w.settle()
        await w.stop()
        backend = w.env.backend
        away = [
            backend.create_message(thread.id, w.members[n % 3].id, f"avis {n}") for n in range(AWAY)
        ]
        newest, oldest = away[-1], away[0]  # on the first page read, on the last one
        live: list[int] = []

        def meanwhile() -> None:
            live.append(backend.create_message(thread.id, chloe.id, "Pendant la lecture.").id)
            backend.edit_message(thread.id, newest.id, {"content": "dernier, corrigé"})
            backend.edit_message(thread.id, oldest.id, {"content": "premier, corrigé"})
            backend.edit_message(thread.id, old.id, {"content": "Avant la panne, corrigé."})
            backend.delete_message(thread.id, away[1].id)  # on a page still to read
            backend.delete_message(thread.id, away[-2].id)  # on the page read
            backend.add_reaction(thread.id, away[2].id, "👍", bruno.id)

        with _while_reading(thread.id, meanwhile) as done:
            await w.start()
        assert done
        rows = await w.rows(Reply)
        assert len(rows) == len({r.id for r in rows})
        texts = {r.id: r.text for r in rows if not r.deleted}
        assert texts[newest.id] == "dernier, corrigé"
        assert texts[oldest.id] == "premier, corrigé"
        assert texts[old.id] == "Avant la panne, corrigé."
        assert texts[live[0]] == "Pendant la lecture."
        assert away[1].id not in texts and away[-2].id not in texts
        assert len(texts) == 1 + AWAY - 2 + 1
        assert await _votes(w) == {(away[2].id, bruno.id): 1}
        assert not w.env.errors
