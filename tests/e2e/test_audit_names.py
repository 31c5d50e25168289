"""A moderator who never replied, seen in the web room's audit log: « Who » showed her
raw id (names came only from replies). What she does on Discord and in the room is
logged under the name she goes by in the server, and the log shows it, on SQLite and
PostgreSQL."""

from __future__ import annotations

import aiohttp

from bot.services import web_auth
from db.models import AuditEntry
from tests.e2e.test_review_login import link_of, sign_in, web_room
from tests.harness import world
from web.server import WebServer


async def test_a_moderator_who_never_replied_is_named_in_the_audit_log(
    database_url: str,
) -> None:
    async with world(database_url, attach=web_room) as w:
        _, discussion = await w.post()
        closed = await w.mod.slash(w.forum, "discussion close", discussion=discussion.id)
        assert closed.ephemeral
        path = link_of((await w.mod.slash(w.forum, "review")).response.content)
        server: WebServer = w.bot.attached[0]
        assert server.context is not None
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(
            f"http://127.0.0.1:{server.port}", cookie_jar=jar
        ) as client:
            await sign_in(client, path)
            token = jar.filter_cookies(client._base_url)["etvous_session"].value  # type: ignore[arg-type]
            csrf = (await web_auth.open_session(w.app, server.context.secret, token)).csrf
            saved = await client.post("/settings", data={"csrf": csrf, "report_names": "on"})
            assert saved.status == 200
            page = await (await client.get("/audit")).text()
        logged = {e.action: e.actor_name for e in await w.rows(AuditEntry)}
        assert {"setup", "post", "close", "report_names_on"} <= set(logged)
        assert set(logged.values()) == {"modo"}
        rows = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
        who = [row.split("</td>")[1] for row in rows]
        assert len(who) == len(logged)
        for cell in who:
            assert f'<a href="/members/{w.mod.id}"><span dir="auto">modo</span></a>' in cell
