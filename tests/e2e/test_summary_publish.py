"""``/summary publish`` and ``/summary unpublish`` through the real bot on SimCord."""

from __future__ import annotations

import re

import aiohttp

from bot import custom_ids
from db.models import AuditEntry, PublishedReport
from tests.e2e.test_review_login import web_room
from tests.harness import world


async def test_publish_then_unpublish_a_summary(database_url: str) -> None:
    async with world(database_url, members=3, attach=web_room) as w:
        thread, discussion = await w.post()
        post = w.post_message(discussion)
        for n, member in enumerate(w.members):
            await member.send(thread, f"Mon avis numéro {n} : c'est une question d'éthique.")
            await member.click(post, custom_id=custom_ids.stance(discussion.id, n % 2))
        await w.settle()
        shown = await w.members[0].slash(thread, "summary show")
        assert shown.ephemeral and shown.response.embeds

        published = await w.mod.slash(thread, "summary publish")
        assert published.ephemeral
        found = re.search(
            r"http://127\.0\.0\.1:\d+(/r/[A-Za-z0-9_-]{20,})", published.response.content
        )
        assert found, published.response.content
        path = found.group(1)
        [row] = await w.rows(PublishedReport)
        assert path == f"/r/{row.id}" and row.discussion_id == discussion.id
        again = await w.mod.slash(w.forum, "summary publish", discussion=discussion.id)
        assert path in again.response.content  # the same link

        port = w.bot.attached[0].port
        # No keep-alive: an open connection is work SimCord waits for before a slash settles.
        no_keepalive = aiohttp.TCPConnector(force_close=True)
        async with aiohttp.ClientSession(
            f"http://127.0.0.1:{port}", connector=no_keepalive
        ) as anyone:
            report = await anyone.get(path)
            assert report.status == 200
            text = await report.text()
            assert "éthique" in text
            assert all(m.name not in text for m in w.members)

            taken = await w.mod.slash(thread, "summary unpublish")
            assert (
                "n’est plus public" in taken.response.content
                or "no longer" in taken.response.content
            )
            assert (await anyone.get(path)).status == 404
        twice = await w.mod.slash(thread, "summary unpublish")
        assert "was not public" in twice.response.content or "n’était pas" in twice.response.content
        actions = [e.action for e in await w.rows(AuditEntry)]
        assert actions.count("report_publish") == 1 and actions.count("report_unpublish") == 1


async def test_members_cannot_publish(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, _ = await w.post()
        refused = await w.members[0].slash(thread, "summary publish")
        assert "/r/" not in (refused.response.content or "")
        assert "moderation" in refused.response.content or "modération" in refused.response.content
        assert not await w.rows(PublishedReport)


async def test_publish_on_a_bot_without_the_web_room_says_so(sqlite_url: str) -> None:
    """With WEB_ENABLED off nothing serves /r/…: the answer was a link that leads nowhere."""
    async with world(sqlite_url, members=1, web_enabled=False) as w:
        _, discussion = await w.post()
        await w.mod.slash(w.forum, "discussion close", discussion=discussion.id)
        published = await w.mod.slash(w.forum, "summary publish", discussion=discussion.id)
        assert published.ephemeral and "/r/" not in published.response.content
        assert "turned off" in published.response.content
        assert await w.rows(PublishedReport) == []
