"""Reactions members change while the bot, back, reads the threads it missed.

Over a real network each request of the catch-up takes time, and the gateway
delivers live reaction events meanwhile: an event arriving after the catch-up
asked Discord who reacts, and before it queued what it read, was undone by that
older reading (a reaction taken back came back as a vote, one added back was
taken away, a moderator's clear was undone). SimCord answers a request at once;
here each answer yields to the loop a while, as the network does, so the
gateway's events are handled between the catch-up's requests.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote

import simcord
from simcord.http import router
from simcord.http.client import FakeHTTPClient

from db.models import Vote
from tests.harness import World, world

USERS_ROUTE = ["channels", "{channel_id}", "messages", "{message_id}", "reactions", "{emoji}"]
HISTORY_ROUTE = ["channels", "{channel_id}", "messages"]


@contextmanager
def _over_the_network(
    route: list[str],
    when: Callable[[Any], bool],
    act: Any,
    slower_than: Callable[[], Awaitable[None]] | None = None,
) -> Iterator[None]:
    """Every answer of Discord yields to the loop before it arrives; ``act()`` runs once,
    right after Discord answered the first GET of ``route`` that ``when(ctx)`` accepts.
    ``slower_than``: what each answer waits for too (the database's writes: a network
    slower than the database)."""
    handlers = router._ROUTES["GET"]
    index = next(i for i, (parts, _) in enumerate(handlers) if parts == route)
    parts, original = handlers[index]
    done: list[int] = []

    def answer(ctx: Any) -> Any:
        page = original(ctx)
        if not done and when(ctx):
            done.append(1)
            act()
        return page

    real = FakeHTTPClient.request

    async def request(self: Any, route: Any, **kwargs: Any) -> Any:
        answered = await real(self, route, **kwargs)
        for _ in range(20):
            await asyncio.sleep(0)
        if slower_than is not None:
            await slower_than()
        return answered

    handlers[index] = (parts, answer)
    FakeHTTPClient.request = request  # type: ignore[method-assign]
    try:
        yield
    finally:
        handlers[index] = (parts, original)
        FakeHTTPClient.request = real  # type: ignore[method-assign]
    assert done, "the catch-up never made that request"


def _asking_who_reacted_with(emoji: str) -> Callable[[Any], bool]:
    return lambda ctx: unquote(ctx.args["emoji"]) == emoji


def _reading(channel_id: int) -> Callable[[Any], bool]:
    return lambda ctx: ctx.int_arg("channel_id") == channel_id


async def _votes(w: World) -> dict[tuple[int, int], int]:
    return {(v.reply_id, v.voter_id): v.value for v in await w.rows(Vote)}


async def test_a_reaction_taken_back_while_the_catch_up_asks_who_reacted_is_no_vote(
    database_url: str,
) -> None:
    """Bruno 👎 and Chloé 👍 reacted while the bot was away; Bruno takes his 👎 back
    while the bot, back, asks who reacted with 👍: his vote was stored all the same."""
    async with world(database_url, members=3) as w:
        thread, _ = await w.post()
        alice, bruno, chloe = w.members
        reply = await alice.send(thread, "Les studios vont tout automatiser.")
        await w.stop()
        backend = w.env.backend
        backend.add_reaction(thread.id, reply.id, "👎", bruno.id)
        backend.add_reaction(thread.id, reply.id, "👍", chloe.id)

        def taken_back() -> None:
            backend.remove_reaction(thread.id, reply.id, "👎", bruno.id)

        with _over_the_network(USERS_ROUTE, _asking_who_reacted_with("👍"), taken_back):
            await w.start()
        assert await _votes(w) == {(reply.id, chloe.id): 1}
        assert not w.env.errors


async def test_a_reaction_added_back_while_the_catch_up_reads_keeps_its_vote(
    sqlite_url: str,
) -> None:
    """Bruno's 👍, stored, taken back while the bot was away; he reacts 👍 again just
    after the bot, back, read the thread's page: his vote was taken away."""
    async with world(sqlite_url, members=3) as w:
        thread, _ = await w.post()
        alice, bruno, chloe = w.members
        reply = await alice.send(thread, "Un avis discuté.")
        await bruno.react(reply, "👍")
        await chloe.react(reply, "👎")
        await w.settle()
        assert await _votes(w) == {(reply.id, bruno.id): 1, (reply.id, chloe.id): -1}
        await w.stop()
        backend = w.env.backend
        backend.remove_reaction(thread.id, reply.id, "👍", bruno.id)

        def again() -> None:
            backend.add_reaction(thread.id, reply.id, "👍", bruno.id)

        with _over_the_network(HISTORY_ROUTE, _reading(thread.id), again):
            await w.start()
        assert await _votes(w) == {(reply.id, bruno.id): 1, (reply.id, chloe.id): -1}
        assert not w.env.errors


async def test_reactions_a_moderator_clears_while_the_catch_up_reads_cast_no_vote(
    sqlite_url: str,
) -> None:
    """Reactions added while the bot was away, cleared by a moderator as the bot, back,
    reads them: their votes were stored after the clear."""
    async with world(sqlite_url, members=4) as w:
        thread, _ = await w.post()
        alice, bruno, chloe, david = w.members
        reply = await alice.send(thread, "Un avis à modérer.")
        await w.stop()
        backend = w.env.backend
        backend.add_reaction(thread.id, reply.id, "👎", bruno.id)
        backend.add_reaction(thread.id, reply.id, "🤷", chloe.id)
        backend.add_reaction(thread.id, reply.id, "👍", david.id)

        def cleared() -> None:
            backend.clear_reactions(thread.id, reply.id)

        with _over_the_network(USERS_ROUTE, _asking_who_reacted_with("🤷"), cleared):
            await w.start()
        assert await _votes(w) == {}
        assert not w.env.errors


async def test_a_reaction_on_a_reply_written_while_away_before_the_catch_up_reaches_it(
    sqlite_url: str,
) -> None:
    """Alice wrote while the bot was away; David reacts 👍 on her reply as the bot, back,
    reads the page it is on (asking who reacted on a newer reply first): his live vote
    came before her reply was stored, and the page read showed no reaction on it."""
    async with world(sqlite_url, members=4) as w:
        thread, _ = await w.post()
        alice, bruno, chloe, david = w.members
        await w.stop()
        backend = w.env.backend
        older = backend.create_message(thread.id, alice.id, "Écrit pendant la panne.")
        newer = backend.create_message(thread.id, bruno.id, "Moi aussi.")
        backend.add_reaction(thread.id, newer.id, "👍", chloe.id)

        def reacts() -> None:
            backend.add_reaction(thread.id, older.id, "👍", david.id)

        w.bot = w.new_bot()
        written = w.bot.app.buffer.drain
        with _over_the_network(USERS_ROUTE, _asking_who_reacted_with("👍"), reacts, written):
            await simcord.env._attach_bot(w.env, w.bot)
            await w.settle()
        assert await _votes(w) == {(newer.id, chloe.id): 1, (older.id, david.id): 1}
        assert not w.env.errors
