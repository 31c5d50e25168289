"""A reply erased after its discussion closed (the member's /mydata delete, staff's
/answers delete or the web room's erase) is no longer quoted by the closing summary posted
in its thread."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import aiohttp
import pytest
import simcord

from bot.services import web_auth
from db.models import ErasedDiscordText
from tests.discord_checks import embed_texts
from tests.e2e.test_catch_up_closed import _restart_after
from tests.e2e.test_erasure import send_form
from tests.e2e.test_review_login import link_of, sign_in, web_room
from tests.harness import world
from web.server import WebServer

HERS = "Oui, Aliceword les outils progressent très vite."
HIS = "Non, un film sans acteurs humains n'a aucune âme."


def _posted(w: Any, thread: Any) -> str:
    bot_messages = [m for m in thread.history() if m.author.id == w.bot.user.id and m.embeds]
    return "\n".join(t for m in bot_messages for e in m.embeds for t in embed_texts(e))


async def _closed(w: Any) -> tuple[Any, Any, Any]:
    """A discussion closed with its summary quoting Alice (the first member) and Bruno."""
    thread, discussion = await w.post()
    alice, bruno = w.members
    hers = await alice.send(thread, HERS)
    await bruno.send(thread, HIS)
    await w.settle()
    w.clock.advance(timedelta(hours=72, minutes=1))
    await w.bot.scheduler.tick()
    await w.settle()
    before = _posted(w, thread)
    assert "Aliceword" in before and f"/{hers.id})" in before  # quoted, with its link
    return thread, discussion, hers


async def _no_longer_quoted(w: Any, thread: Any, hers: Any) -> None:
    await w.settle()
    after = _posted(w, thread)
    assert "Aliceword" not in after and f"/{hers.id})" not in after, after
    assert "aucune âme" in after  # Bruno's quote stays
    closed = await w.bot.fetch_channel(thread.id)
    assert closed.archived and closed.locked


async def test_her_own_erasure_takes_her_quotes_out(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, _, hers = await _closed(w)
        asked = await w.members[0].slash(thread, "mydata delete")
        await w.members[0].click(asked.response.message, label="Yes, erase everything")
        await _no_longer_quoted(w, thread, hers)


async def test_staff_erasing_the_answer_takes_its_quote_out(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, _, hers = await _closed(w)
        await w.mod.slash(w.forum, "answers delete", message_id=str(hers.id))
        await _no_longer_quoted(w, thread, hers)
        assert await w.rows(ErasedDiscordText) == []  # done at once: nothing left for a tick


async def _erase_in_web_room(w: Any, discussion: Any, reply_id: int) -> None:
    path = link_of((await w.mod.slash(w.forum, "review")).response.content)
    server: WebServer = w.bot.attached[0]
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(
        f"http://127.0.0.1:{server.port}",
        cookie_jar=jar,
        connector=aiohttp.TCPConnector(force_close=True),
    ) as client:
        await sign_in(client, path)
        assert server.context is not None
        token = jar.filter_cookies(client._base_url)["etvous_session"].value  # type: ignore[arg-type]
        csrf = (await web_auth.open_session(w.app, server.context.secret, token)).csrf
        done = await client.post(
            f"/discussions/{discussion.id}/replies/{reply_id}/erase", data={"csrf": csrf}
        )
        assert done.status == 200


async def test_erasing_the_answer_in_the_web_room_takes_its_quote_out(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2, attach=web_room) as w:
        thread, discussion, hers = await _closed(w)
        await _erase_in_web_room(w, discussion, hers.id)
        await _no_longer_quoted(w, thread, hers)
        assert await w.rows(ErasedDiscordText) == []  # done at once: nothing left for a tick


def _room_without_discord(bot: Any) -> WebServer:
    """The room as ``python -m bot web`` serves it: nothing to reach Discord with."""
    return WebServer(bot.app, port=0)


@pytest.mark.parametrize("erased_where", ["Discord refuses the edit", "the console's room"])
async def test_a_quote_left_at_a_staff_erasure_is_taken_out_at_the_next_tick(
    sqlite_url: str, erased_where: str
) -> None:
    """Taking the quote out at once can fail (Discord refuses the edit, or the room runs
    without the bot); the erasure is noted as a member's is, so the next tick does it: it
    stayed in the posted summary for good."""
    refused = erased_where == "Discord refuses the edit"
    attach = web_room if refused else _room_without_discord
    async with world(sqlite_url, members=2, attach=attach) as w:
        thread, discussion, hers = await _closed(w)
        if refused:
            w.env.inject_error("PATCH", f"/channels/{thread.id}/messages/*", status=403)
        await _erase_in_web_room(w, discussion, hers.id)
        await w.settle()
        assert "Aliceword" in _posted(w, thread)  # not taken out yet
        await w.bot.scheduler.tick()
        await _no_longer_quoted(w, thread, hers)
        assert await w.rows(ErasedDiscordText) == []
        assert not w.env.errors


async def test_a_quote_discord_refused_at_answers_delete_goes_at_the_next_tick(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, _, hers = await _closed(w)
        w.env.inject_error("PATCH", f"/channels/{thread.id}/messages/*", status=403)
        await w.mod.slash(w.forum, "answers delete", message_id=str(hers.id))
        await w.settle()
        assert "Aliceword" in _posted(w, thread)
        await w.bot.scheduler.tick()
        await _no_longer_quoted(w, thread, hers)
        assert await w.rows(ErasedDiscordText) == []


async def test_deleting_her_message_takes_its_quote_out(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, _, hers = await _closed(w)
        await w.members[0].delete(hers)
        await _no_longer_quoted(w, thread, hers)


async def test_a_message_deleted_while_the_bot_was_away_has_its_quote_taken_out(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, _, hers = await _closed(w)
        await _restart_after(w, [w.members[0].delete(hers)])
        await _no_longer_quoted(w, thread, hers)


async def test_cli_forget_takes_her_words_out_of_closed_discussions_at_the_next_start(
    sqlite_url: str,
) -> None:
    """``python -m bot forget`` has no Discord: what it erased is noted, and the bot takes
    her quotes out of the posted summary and deletes its posts of her form answers at its
    next start; a change Discord refuses stays noted for the next tick."""
    from bot.services import cli_ops

    async with world(sqlite_url, members=2) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members
        hers = await alice.send(thread, "Oui, Aliceword les outils progressent très vite.")
        form_post = await send_form(w, alice, discussion, "Oui, Formword par le formulaire.")
        await bruno.send(thread, "Non, un film sans acteurs humains n'a aucune âme.")
        await w.settle()
        w.clock.advance(timedelta(hours=72, minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        before = _posted(w, thread)
        assert "Aliceword" in before and f"/{hers.id})" in before
        assert form_post in w.env.backend.messages[thread.id]

        await w.settle()
        old = w.bot
        await w.env._detach_bot()
        await old.app.close()
        await cli_ops.forget(old.app.sessions, w.guild.id, alice.id)
        w.env.inject_error("DELETE", f"/channels/{thread.id}/messages/{form_post}", status=500)
        w.bot = w.new_bot()
        await simcord.env._attach_bot(w.env, w.bot)
        await w.settle()

        after = _posted(w, thread)
        assert "Aliceword" not in after and f"/{hers.id})" not in after, after
        assert "aucune âme" in after
        assert form_post in w.env.backend.messages[thread.id]  # refused: noted still
        await w.bot.scheduler.tick()
        await w.settle()
        assert form_post not in w.env.backend.messages[thread.id]
        assert await w.rows(ErasedDiscordText) == []
        closed = await w.bot.fetch_channel(thread.id)
        assert closed.archived and closed.locked
        assert not w.env.errors
