"""``/review`` in Discord, through the real bot on SimCord, into the web room it serves."""

from __future__ import annotations

import re

import aiohttp
import pytest
from simcord.backend.errors import SetupError

from bot.factory import EtVousBot
from bot.runner import web_room as runner_web_room
from db.models import Reply
from tests.harness import world
from web.server import WebServer


def web_room(bot: EtVousBot) -> WebServer:
    """The web room as the runner attaches it, on a port the kernel picks."""
    return runner_web_room(bot, port=0)


async def sign_in(client: aiohttp.ClientSession, path: str) -> aiohttp.ClientResponse:
    """What a browser does with a login link: open its page, press its button."""
    opened = await client.get(path)
    assert opened.status == 200, await opened.text()
    found = re.search(r'name="confirm" value="([^"]+)"', await opened.text())
    assert found
    return await client.post(path, data={"confirm": found.group(1)})


def link_of(content: str) -> str:
    found = re.search(r"(http://127\.0\.0\.1:\d+)(/login/\S+)", content)
    assert found, content
    return found.group(2)


async def test_a_moderator_opens_the_review_room_from_discord(database_url: str) -> None:
    async with world(database_url, attach=web_room) as w:
        thread, discussion = await w.post()
        await w.members[0].send(thread, "Je suis pour, clairement.")
        await w.settle()
        result = await w.mod.slash(w.forum, "review")
        assert result.ephemeral
        content = result.response.content
        assert "10 minutes" in content
        path = link_of(content)
        server: WebServer = w.bot.attached[0]
        async with aiohttp.ClientSession(f"http://127.0.0.1:{server.port}") as scanner:
            # A link scanner or a chat security proxy opens it before she does.
            assert (await scanner.get(path)).status == 200
        async with aiohttp.ClientSession(
            f"http://127.0.0.1:{server.port}", cookie_jar=aiohttp.CookieJar(unsafe=True)
        ) as client:
            signed = await sign_in(client, path)
            assert signed.status == 200 and str(signed.url).endswith("/discussions")
            listing = await signed.text()
            assert f'href="/discussions/{discussion.id}"' in listing
            page = await (await client.get(f"/discussions/{discussion.id}")).text()
            assert "Je suis pour, clairement." in page
        async with aiohttp.ClientSession(f"http://127.0.0.1:{server.port}") as stranger:
            again = await stranger.get(path)
            assert again.status == 403
            assert "déjà servi" in await again.text()
        carrying = [r for r in w.env.http_requests if path in str(r.json or "")]
        assert len(carrying) == 1  # the ephemeral answer only
        assert carrying[0].json["data"]["flags"] & 64
        # No link preview: Discord's unfurler has no business fetching a private link.
        assert carrying[0].json["data"]["flags"] & 4  # SUPPRESS_EMBEDS
        assert carrying[0].json["data"]["allowed_mentions"] == {"parse": []}


async def test_review_is_refused_to_members_even_when_remapped(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        member = w.members[0]
        with pytest.raises(SetupError):  # Discord hides it: default Manage Server
            await member.slash(w.forum, "review")
        [command] = [c for c in await w.bot.tree.fetch_commands() if c.name == "review"]
        w.guild.set_command_permissions(command, {member: True})
        result = await member.slash(w.forum, "review")
        assert "/login/" not in (result.response.content or "")
        assert "modération" in result.response.content or "moderation" in result.response.content


async def test_review_says_when_the_web_room_is_off(sqlite_url: str) -> None:
    async with world(sqlite_url, web_enabled=False) as w:
        result = await w.mod.slash(w.forum, "review")
        assert "/login/" not in result.response.content
        assert "WEB_ENABLED" in result.response.content
        assert not await w.rows(Reply)


async def test_erasing_a_form_reply_in_the_web_room_removes_the_bots_post(sqlite_url: str) -> None:
    from db.models import Reply
    from tests.e2e.test_erasure import send_form

    async with world(sqlite_url, attach=web_room) as w:
        _, discussion = await w.post()
        posted = await send_form(w, w.members[0], discussion, "Ma réponse par le formulaire.")
        assert posted in w.env.backend.messages[discussion.thread_id]
        path = link_of((await w.mod.slash(w.forum, "review")).response.content)
        server: WebServer = w.bot.attached[0]
        jar = aiohttp.CookieJar(unsafe=True)
        connector = aiohttp.TCPConnector(force_close=True)
        async with aiohttp.ClientSession(
            f"http://127.0.0.1:{server.port}", cookie_jar=jar, connector=connector
        ) as client:
            await sign_in(client, path)
            assert server.context is not None
            token = jar.filter_cookies(client._base_url)["etvous_session"].value  # type: ignore[arg-type]
            from bot.services import web_auth

            csrf = (await web_auth.open_session(w.app, server.context.secret, token)).csrf
            done = await client.post(
                f"/discussions/{discussion.id}/replies/{posted}/erase", data={"csrf": csrf}
            )
            assert done.status == 200
        await w.settle()
        assert posted not in w.env.backend.messages[discussion.thread_id]
        [row] = await w.rows(Reply, Reply.id == posted)
        assert row.deleted and row.text == ""
        from db.models import ErasedDiscordText

        assert await w.rows(ErasedDiscordText) == []  # deleted at once: nothing left for a tick


@pytest.mark.parametrize("loss", ["role removed", "member removed"])
async def test_a_session_ends_when_the_moderator_no_longer_manages_the_server(
    sqlite_url: str, loss: str
) -> None:
    from datetime import timedelta

    from bot.services import web_auth

    async with world(sqlite_url, attach=web_room) as w:
        path = link_of((await w.mod.slash(w.forum, "review")).response.content)
        server: WebServer = w.bot.attached[0]
        async with aiohttp.ClientSession(
            f"http://127.0.0.1:{server.port}",
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            # No idle keep-alive connection: the settle below would wait on its handler.
            connector=aiohttp.TCPConnector(force_close=True),
        ) as client:
            assert (await sign_in(client, path)).status == 200
            if loss == "role removed":
                staff = w.guild.roles["modération"]
                w.env.backend.remove_member_role(w.guild.id, w.mod.id, staff.id)
            else:
                w.guild.remove_member(w.mod)
            await w.settle()
            w.clock.advance(web_auth.STAFF_RECHECK + timedelta(seconds=1))
            refused = await client.get("/discussions")
            assert refused.status == 403
            assert "ne gérez plus ce serveur" in await refused.text()


async def test_the_web_room_lists_only_deleted_replies_it_had_seen(database_url: str) -> None:
    """A moderator deleting another bot's message, or one the bot never stored, leaves no
    "deleted reply" in the web room; a member's reply deleted after it was stored does."""
    async with world(database_url, attach=web_room) as w:
        thread, discussion = await w.post()
        helper = w.guild.add_member(w.env.create_user("annonces", bot=True))
        announcement = await helper.send(thread, "Rappel automatique d'un autre bot.")
        kept = await w.members[0].send(thread, "Je suis pour, clairement.")
        regret = await w.members[1].send(thread, "Un avis que je retire.")
        await w.settle()
        await w.mod.delete(announcement)
        await w.members[1].delete(regret)
        await w.settle()
        result = await w.mod.slash(w.forum, "review")
        server: WebServer = w.bot.attached[0]
        async with aiohttp.ClientSession(
            f"http://127.0.0.1:{server.port}", cookie_jar=aiohttp.CookieJar(unsafe=True)
        ) as client:
            await sign_in(client, link_of(result.response.content))
            page = await (await client.get(f"/discussions/{discussion.id}")).text()
        shown = [int(m) for m in re.findall(r'<article class="reply[^"]*" id="r(\d+)"', page)]
        assert shown == [regret.id, kept.id], shown
