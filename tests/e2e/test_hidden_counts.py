"""Hidden tallies: nobody sees a count before the close, everybody sees all of them after."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

from bot import custom_ids
from db.models import PublishedReport
from tests.harness import world

COUNT = re.compile(r"—\s*\d")


def _post_edits(w: Any, discussion: Any) -> list[dict[str, Any]]:
    return [
        r.json
        for r in w.env.http_requests
        if r.method in ("PATCH", "POST")
        and r.json
        and (r.path.endswith(f"/messages/{discussion.message_id}") or r.path.endswith("/threads"))
    ]


async def test_counts_never_visible_before_the_close_then_all_shown(sqlite_url: str) -> None:
    async with world(sqlite_url, members=3) as w:
        await w.setup(hide_counts=True)
        thread, discussion = await w.post()
        post = w.post_message(discussion)
        stances = post.embeds[0].fields[0].value
        assert stances.splitlines() == [
            "**Oui**",
            "**Non**",
            "**Nuancé**",
            "*Les compteurs seront dévoilés à la clôture.*",
        ]
        alice, bruno, chloe = w.members
        answers = []
        for member, option in ((alice, 0), (bruno, 1), (chloe, 1)):
            answers.append(
                await member.click(post, custom_id=custom_ids.stance(discussion.id, option))
            )
        reply = await alice.send(thread, "Oui, c'est inévitable.")
        await bruno.react(reply, "👎")
        await w.env.advance_time(10)  # the live-count refresher runs
        await w.settle()
        for answer in answers:  # the buttons' answers name only one's own stance
            assert answer.ephemeral and not re.search(r"\d", answer.response.content)
        card = await chloe.click(post, custom_id=custom_ids.card(discussion.id))
        shown = json.dumps([e.to_dict() for e in card.response.embeds], ensure_ascii=False)
        assert "Oui, c'est inévitable." in shown
        assert not COUNT.search(shown) and "vote" not in shown.lower()
        for payload in _post_edits(w, discussion):  # every version of the post Discord got
            assert not COUNT.search(json.dumps(payload, ensure_ascii=False))
        assert not COUNT.search(w.post_message(discussion).embeds[0].fields[0].value)
        for viewer in (chloe, w.mod):
            summary = await viewer.slash(thread, "summary show")
            assert summary.ephemeral and "hidden until the discussion closes" in (
                summary.response.content
            )
            assert not summary.response.embeds
        refused = await w.mod.slash(thread, "summary publish")  # a public report would show them
        assert refused.ephemeral and "hidden until the discussion closes" in (
            refused.response.content
        )
        assert not await w.rows(PublishedReport)

        w.clock.set(discussion.closes_at + timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        closed = w.post_message(discussion).embeds[0].fields[0].value
        assert closed.splitlines() == ["**Oui** — 1", "**Non** — 2", "**Nuancé** — 0"]
        closing = next(m for m in thread.history() if m.content.startswith("🔒"))
        fields = {f.name: f.value for f in closing.embeds[0].fields}
        assert fields["Non"].startswith("**2** au total")
        after = await chloe.slash(thread, "summary show")
        assert after.response.embeds and not after.response.content
        published = await w.mod.slash(thread, "summary publish")
        assert "/r/" in published.response.content and len(await w.rows(PublishedReport)) == 1
        assert not w.env.errors


async def test_counts_shown_live_by_default_and_hidden_when_turned_on_later(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=2) as w:
        _, discussion = await w.post()
        post = w.post_message(discussion)
        alice, bruno = w.members
        await alice.click(post, custom_id=custom_ids.stance(discussion.id, 0))
        await w.settle()
        await bruno.click(post, custom_id=custom_ids.stance(discussion.id, 2))
        await w.env.advance_time(10)
        await w.settle()
        assert w.post_message(discussion).embeds[0].fields[0].value.startswith("**Oui** — 1")
        await w.setup(hide_counts=True)
        await alice.click(post, custom_id=custom_ids.stance(discussion.id, 1))
        await w.env.advance_time(10)
        await w.settle()
        assert not COUNT.search(w.post_message(discussion).embeds[0].fields[0].value)


async def test_counts_hidden_by_setup_while_a_discussion_is_open_leave_its_post(
    sqlite_url: str,
) -> None:
    """Staff turn hide_counts on mid-discussion: the open posts are drawn again without
    their counts, not left showing them until someone's next click (nobody may click)."""
    async with world(sqlite_url, members=2) as w:
        _, discussion = await w.post()
        post = w.post_message(discussion)
        for member in w.members:
            await member.click(post, custom_id=custom_ids.stance(discussion.id, 1))
        await w.env.advance_time(10)  # the live-count refresher runs
        await w.settle()
        assert COUNT.search(w.post_message(discussion).embeds[0].fields[0].value)
        await w.setup(hide_counts=True)
        await w.env.advance_time(10)
        await w.settle()
        stances = w.post_message(discussion).embeds[0].fields[0].value
        assert not COUNT.search(stances), stances
        await w.setup(hide_counts=False)
        await w.env.advance_time(10)
        await w.settle()
        assert "**Non** — 2" in w.post_message(discussion).embeds[0].fields[0].value
