"""Hostile input from members and moderators: no crash, a clear private answer,
nothing half-written, nobody pinged, Discord's limits kept."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import custom_ids
from db.models import Guild, Question, Reply
from tests.harness import world

ZALGO = "Z̸̢̛̰̖̈́a̷̧̛͕̓l̶̨̰̐̕g̴̡̰̈́o̷̧̱̿"
SPECIALS = [
    "",
    " ",
    "x" * 10_000,
    "@everyone @here <@123> <@&456> <#789>",
    "**gras** __souligné__ ||spoiler|| `code` > citation [lien](https://exemple.org)",
    "\u202eRTL override\u200f\u200e",
    "\x00\x01\x07\x1b[31mcontrol\x7f",
    ZALGO * 50,
    "😀" * 500,
    "9" * 400,
    "-1",
    "|||",
    "Oui|Non|" + "|".join(str(i) for i in range(40)),
]
hostile = st.one_of(st.sampled_from(SPECIALS), st.text(max_size=300))


def examples(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    """Values drawn by hypothesis (the checks then run against the live bot)."""
    drawn: list[Any] = []

    @settings(
        max_examples=count, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    @given(strategy)
    def collect(value: Any) -> None:
        drawn.append(value)

    collect()
    return drawn


def assert_within_discord_limits(env: Any) -> None:
    for request in env.http_requests:
        body = request.json if isinstance(request.json, dict) else {}
        data = body.get("data", body) if isinstance(body.get("data"), dict) else body
        content = data.get("content") or ""
        assert len(content) <= 2000, request.path
        if "name" in data and "/threads" in request.path:
            assert len(data["name"]) <= 100
        embeds = data.get("embeds") or []
        total = 0
        for embed in embeds:
            assert len(embed.get("title") or "") <= 256
            assert len(embed.get("description") or "") <= 4096
            assert len(embed.get("fields") or []) <= 25
            for field in embed.get("fields") or []:
                assert len(field["name"]) <= 256 and len(field["value"]) <= 1024
            total += len(embed.get("title") or "") + len(embed.get("description") or "")
            total += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields") or [])
        assert total <= 6000
        for row in data.get("components") or []:
            assert len(row.get("components", [])) <= 5
        if content or embeds:
            mentions = data.get("allowed_mentions")
            assert mentions is None or mentions.get("parse") == [], request.path


async def test_question_add_with_hostile_text_and_options(sqlite_url: str) -> None:
    cases = examples(st.tuples(hostile, st.one_of(st.none(), hostile)), 40)
    async with world(sqlite_url, members=0) as w:
        for text, options in cases:
            before = len(await w.rows(Question))
            kwargs: dict[str, Any] = {"text": text or "?"}
            if options is not None:
                kwargs["options"] = options or "|"
            result = await w.mod.slash(w.forum, "question add", **kwargs)
            assert result.ephemeral and result.response.content
            after = await w.rows(Question)
            assert len(after) in (before, before + 1)
            for question in after:
                assert 0 < len(question.text) <= 1000
                assert 2 <= len(question.options) <= 25
                assert all(0 < len(o) <= 80 for o in question.options)
        listed = await w.mod.slash(w.forum, "question list")
        assert listed.ephemeral
        assert not w.env.errors
        assert_within_discord_limits(w.env)


async def test_setup_with_hostile_cron_and_timezone(sqlite_url: str) -> None:
    cases = examples(st.tuples(hostile, hostile, st.integers(-(2**31), 2**31)), 30)
    async with world(sqlite_url, members=0) as w:
        (valid,) = await w.rows(Guild)
        for cron, timezone, hours in cases:
            result = await w.setup(cron=cron or "x", timezone=timezone or "x", duration_hours=hours)
            assert result.ephemeral and result.response.content
            (guild,) = await w.rows(Guild)
            assert (guild.cron, guild.timezone, guild.duration_hours) == (
                valid.cron,
                valid.timezone,
                valid.duration_hours,
            )
        assert not w.env.errors


async def test_hostile_replies_via_modal_and_thread_are_stored_and_echoed_safely(
    sqlite_url: str,
) -> None:
    cases = [c for c in examples(hostile, 25) if c.strip()][:15]
    async with world(sqlite_url, members=2) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members
        post = w.post_message(discussion)
        for text in cases:
            shown = await alice.click(post, custom_id=custom_ids.reply(discussion.id))
            field = shown.modal["components"][0]["components"][0]["custom_id"]
            done = await alice.submit_modal(shown, {field: text[:1900]})
            assert done.ephemeral
            await bruno.send(thread, text[:2000])
        await w.settle()
        stored = await w.rows(Reply)
        assert len(stored) == 2 * len(cases)
        summary = await bruno.slash(thread, "summary")
        assert summary.ephemeral and summary.response.embeds
        card = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        assert card.ephemeral
        assert not w.env.errors
        assert_within_discord_limits(w.env)


async def test_import_of_hostile_files(sqlite_url: str) -> None:
    files = [
        b"",
        b"\xff\xfe\xfa",
        ("Et vous ?\n" + "x" * 2000 + " ?\n").encode(),
        b"Et vous ?\n" + b"Pourquoi ? " * 120_000,
        ("Et vous ?\n" + "\n".join(f"Question {i} ?" for i in range(500))).encode(),
        (b"And you?\n@everyone should <@123> be pinged?\n"),
    ]
    async with world(sqlite_url, members=0) as w:
        for data in files:
            before = len(await w.rows(Question))
            result = await w.mod.slash(w.forum, "question import", file=("a.txt", data))
            assert result.response.content
            after = len(await w.rows(Question))
            assert after == before or after - before <= 100
        assert not w.env.errors
        assert_within_discord_limits(w.env)


async def test_burst_of_clicks_answers_each_and_edits_the_post_rarely(sqlite_url: str) -> None:
    async with world(sqlite_url, members=8) as w:
        _, discussion = await w.post()
        post = w.post_message(discussion)
        edits_before = sum(
            1
            for r in w.env.http_requests
            if r.method == "PATCH" and str(discussion.message_id) in r.path
        )
        answered = 0
        started = w.env.now()  # SimCord's clock: it moves only when the test advances it
        for i in range(500):
            member = w.members[i % len(w.members)]
            result = await member.click(post, custom_id=custom_ids.stance(discussion.id, i % 3))
            answered += bool(result.acknowledged and result.ephemeral)
            if i % 50 == 49:
                await w.env.advance_time(1)
        await w.env.advance_time(10)
        await w.settle()
        elapsed = (w.env.now() - started).total_seconds()
        assert answered == 500
        edits = [
            r
            for r in w.env.http_requests
            if r.method == "PATCH" and str(discussion.message_id) in r.path
        ]
        # At most one edit every 5 s, however many clicks: a handful, not 500.
        assert 1 <= len(edits) - edits_before <= elapsed / 5 + 2
        assert len(edits) - edits_before < 50
        post = w.post_message(discussion)
        counts = post.embeds[0].fields[0].value
        assert sum(int(line.rsplit("—", 1)[1]) for line in counts.splitlines()) == 8
