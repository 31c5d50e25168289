"""``/erase-and-leave`` under a hostile tester: server names a member cannot type back as
Discord stores them, and what else goes wrong around the erasure."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from typing import Any

import discord
import pytest
from sqlalchemy import event as sa_event
from sqlalchemy.exc import OperationalError

from bot import custom_ids
from bot.cron import next_slots
from bot.services import lifecycle
from db.models import BotMeta, Guild
from db.models import Discussion as DiscussionRow
from db.repositories import discussions as discussion_repo
from tests.e2e.test_erase_and_leave import COMMAND, NAME_FIELD, _confirm, _form
from tests.e2e.test_removed_server_forgotten import _busy_server, _other_server, _rows_by_server
from tests.harness import World, world


def _as_read(markdown: str) -> str:
    """What a member reads of the bot's markdown, and so types or copies: no escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)


async def _server(w: World, name: str) -> tuple[Any, Any, Any]:
    guild = w.env.create_guild(name)
    text = guild.create_text_channel("general")
    role = guild.create_role("admins", permissions=discord.Permissions(manage_guild=True))
    admin = guild.add_member(w.env.create_user("admin"), roles=[role])
    await w.settle()
    return guild, text, admin


async def _erase(w: World, name: str, typed: str | None = None) -> tuple[bool, str]:
    """A server named ``name`` is asked to be erased by its admin, who types the name as
    the warning shows it (or ``typed``); whether the bot left, and what it answered."""
    guild, text, admin = await _server(w, name)
    warned = await admin.slash(text, COMMAND)
    found = re.search(r"\*\*(.+?)\*\*\?", warned.response.content, re.S)
    assert found, warned.response.content
    shown = _as_read(found.group(1))
    assert "…" not in shown, shown  # the whole name, not cut
    form = await admin.click(warned.response.message, custom_id=custom_ids.erase_server("form"))
    answer = await admin.submit_modal(form, {NAME_FIELD: shown if typed is None else typed})
    await w.settle()
    said = (answer.response.content or "") if answer.response is not None else ""
    return guild.id not in w.env.backend.guilds, said


@pytest.mark.parametrize(
    "name",
    [
        "Ciné\u200bphiles",  # a zero-width space
        "Ciné  club",  # two spaces: the warning shows one
        "\u202eCiné club",  # a right-to-left override
        "Club\u200e ciné\u2069",  # bidi marks
        "https://cine.club",  # the warning unlinks it with a zero-width space
        "Ciné_club *du* lundi",  # markdown, escaped in the warning
        "_" * 60 + "ciné",  # its escapes would have cut the name shown
        "🎬" * 60,  # two UTF-16 units each
        "||Ciné|| club",  # a spoiler: shown, not masked, as it must be typed
        "**Ciné** __club__ ~~du~~ _lundi_",
        "`ciné` ```club```",
        "<@123> ciné <#456> <@&789> @everyone",  # mentions: shown as typed, none pinging
        "<:cine:123456789012345678> <t:1700000000>",  # an emoji's and a date's markup
    ],
)
async def test_the_name_as_the_warning_shows_it_erases(sqlite_url: str, name: str) -> None:
    """The admin types (or copies) the server's name as the warning shows it: that erases
    and leaves. Names with invisible or bidirectional marks, runs of spaces, a link, or
    long ones the warning cut could not be erased at all: their staff were told "That is
    not the server's name" whatever they typed."""
    async with world(sqlite_url, members=1, setup=False) as w:
        left, said = await _erase(w, name)
        assert left, said
        assert not w.env.errors


async def test_the_warning_shows_a_markdown_name_as_it_must_be_typed(sqlite_url: str) -> None:
    """A server named with Discord's markdown: the warning and the refusal show every
    character of it escaped (read, it is the name), its spoiler in clear (a mask cannot be
    typed back), its mentions pinging nobody."""
    name = "||Ciné|| **club** `du` _lundi_ <@123> @everyone"
    async with world(sqlite_url, members=1, setup=False) as w:
        guild, text, admin = await _server(w, name)
        start = len(w.env.http_requests)
        warned = await admin.slash(text, COMMAND)
        content = warned.response.content
        assert "▒" not in content and "**" + name + "**" not in content, content
        assert f"**{_as_read(name)}**?" in _as_read(content) and "\\|\\|Ciné\\|\\|" in content
        form = await admin.click(warned.response.message, custom_id=custom_ids.erase_server("form"))
        wrong = await admin.submit_modal(form, {NAME_FIELD: "Ciné club"})
        refusal = wrong.response.content
        assert "▒" not in refusal and refusal.endswith(
            "\\*\\*club\\*\\* \\`du\\` \\_lundi\\_ \\<\\@123> \\@everyone**."
        ), refusal
        for request in w.env.http_requests[start:]:
            if request.path.startswith(("/interactions/", "/webhooks/")):
                data = (request.json or {}).get("data", request.json or {})
                if data.get("content"):
                    assert data.get("allowed_mentions") == {"parse": []}, data
        assert guild.id in w.env.backend.guilds


async def test_an_accent_typed_either_way_erases_a_look_alike_does_not(sqlite_url: str) -> None:
    """« é » typed as one character erases a server whose name stores « e » and its
    accent (they look the same); a Cyrillic « С » for a Latin « C », or another case, is
    another name: nothing is erased."""
    async with world(sqlite_url, members=1, setup=False) as w:
        for typed in ("\u0421ine\u0301philes", "cine\u0301philes", "Cine\u0301phile"):
            left, said = await _erase(w, "Cine\u0301philes", typed)
            assert not left and "not the server's name" in said, (typed, said)
        left, said = await _erase(w, "Cine\u0301philes", "Cinéphiles")
        assert left, said
        assert not w.env.errors


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("I \u2764 NY", "I \u2764\ufe0f NY"),  # a phone's keyboard types the heart as an emoji
        ("I \u2764\ufe0f NY", "I \u2764 NY"),  # a computer's, without its selector
        ("Club \u263a\ufe0e", "Club \u263a"),  # the text presentation's
    ],
)
async def test_an_emoji_typed_with_or_without_its_presentation_selector_erases(
    sqlite_url: str, name: str, typed: str
) -> None:
    """« ❤ » and « ❤️ » (the same heart and an invisible variation selector) look alike in
    the warning, as Discord draws both as the emoji: the name typed either way erases."""
    async with world(sqlite_url, members=1, setup=False) as w:
        left, said = await _erase(w, name, typed)
        assert left, said
        assert not w.env.errors


@pytest.mark.parametrize("typed_as", ["id", "name"])
@pytest.mark.parametrize("name", ["\u3164\u3164", "\u200b\u200b\u200b"])
async def test_a_name_of_invisible_characters_is_confirmed_by_the_id_the_warning_shows(
    sqlite_url: str, name: str, typed_as: str
) -> None:
    """A server named with invisible characters only (Hangul fillers, a trick for a blank
    name): the warning showed « … », which could not be typed back, and the name she typed
    was read without its invisible characters, the server's as is: no name could ever
    match. Now the warning shows the server's id and asks for it; the exact name pasted
    (from the server's settings) erases too."""
    async with world(sqlite_url, members=1, setup=False) as w:
        guild, text, admin = await _server(w, name)
        warned = await admin.slash(text, COMMAND)
        assert f"**{guild.id}**" in warned.response.content, warned.response.content
        assert "type this server's id" in warned.response.content
        form = await admin.click(warned.response.message, custom_id=custom_ids.erase_server("form"))
        wrong = await admin.submit_modal(form, {NAME_FIELD: "x"})
        assert "not this server's id" in wrong.response.content
        assert f"**{guild.id}**" in wrong.response.content
        assert guild.id in w.env.backend.guilds
        form = await admin.click(warned.response.message, custom_id=custom_ids.erase_server("form"))
        await admin.submit_modal(form, {NAME_FIELD: str(guild.id) if typed_as == "id" else name})
        await w.settle()
        assert guild.id not in w.env.backend.guilds
        assert not w.env.errors


@pytest.mark.parametrize("erased_while", ["sent", "recorded"])
async def test_a_scheduled_post_sent_as_the_bot_leaves_leaves_nothing_open(
    database_url: str, monkeypatch: pytest.MonkeyPatch, erased_while: str
) -> None:
    """Server A's scheduled post is on its way when its admin's confirmation makes the
    bot leave and erase A: its thread just created on Discord (``sent``: the erasure is
    done before the post is recorded), or its recording in the database under way
    (``recorded``: the erasure waits for it, after the bot forgot A's open discussions;
    Discord's word that the bot left handled after the erasure, when A has no row).
    Nothing of A stays: no row, and no open discussion in memory (one did, either way:
    nothing closed it, as no row was due, and the scheduler set a close for it at each
    rebuild, at once once it was due). Server B's post, in the same tick, is kept."""
    async with world(database_url, members=2, setup=False) as w:
        await w.setup()
        other = await _other_server(w)
        a = w.guild.id
        shown = await _form(w, w.mod)
        asked, recording, left, erased, gone = (asyncio.Event() for _ in range(5))
        real_leave, real_erase_now = discord.Guild.leave, lifecycle.erase_now
        real_guild_left, real_set_posted = lifecycle.guild_left, discussion_repo.set_posted
        real_create_thread = discord.ForumChannel.create_thread
        confirmed: list[asyncio.Task[Any]] = []

        async def create_thread(channel: discord.ForumChannel, **options: Any) -> Any:
            created = await real_create_thread(channel, **options)
            if channel.guild.id == a:  # the admin confirms as A's post is on its way
                submitted = w.mod.submit_modal(shown, {NAME_FIELD: "Cinéphiles"})
                confirmed.append(asyncio.create_task(submitted))  # it waits for the erasure
                await asked.wait()  # the erasure recorded as owed, the admin answered
                if erased_while == "sent":
                    await erased.wait()
                    await gone.wait()  # and Discord's GUILD_DELETE handled
            return created

        async def leave(guild: discord.Guild) -> None:
            asked.set()
            if erased_while == "recorded":
                await recording.wait()
            await real_leave(guild)
            left.set()

        async def set_posted(session: Any, discussion_id: int, **ids: int) -> bool:
            recorded = await real_set_posted(session, discussion_id, **ids)
            row = await session.get(DiscussionRow, discussion_id)  # none once erased
            if erased_while == "recorded" and row is not None and row.guild_id == a:
                recording.set()
                await left.wait()  # not committed yet: the erasure waits for it
            return recorded

        async def erase_now(app: Any, guild_id: int) -> None:
            await real_erase_now(app, guild_id)
            erased.set()

        async def guild_left(app: Any, guild_id: int) -> None:
            if erased_while == "recorded":
                await erased.wait()  # Discord's GUILD_DELETE handled once A has no row
            await real_guild_left(app, guild_id)
            gone.set()

        monkeypatch.setattr(discord.ForumChannel, "create_thread", create_thread)
        monkeypatch.setattr(discord.Guild, "leave", leave)
        monkeypatch.setattr(discussion_repo, "set_posted", set_posted)
        monkeypatch.setattr(lifecycle, "erase_now", erase_now)
        monkeypatch.setattr(lifecycle, "guild_left", guild_left)
        (row,) = await w.rows(Guild, Guild.id == a)
        w.clock.set(next_slots(row.cron, row.timezone, w.clock.now())[0] + timedelta(seconds=1))
        await w.bot.scheduler.tick()
        await asyncio.gather(*confirmed)
        await w.settle()
        assert a not in w.env.backend.guilds and erased.is_set()
        after = await _rows_by_server(w)
        assert {name: counts[a] for name, counts in after.items() if counts[a]} == {}
        assert w.app.open.in_guild(a) == []
        assert [d.guild_id for d in w.app.open.all()] == [other.id, other.id]


async def test_an_erasure_the_database_failed_is_done_after_a_restart(database_url: str) -> None:
    """The bot left server A, and the database failed the erasure; the process stops
    before a tick tried again. Started again, it erases A at its first tick (it kept
    nothing of the erasure it owed, so A waited ``FORGET_REMOVED_SERVERS_DAYS``, 30 days,
    though its staff were told everything was being erased). Server B keeps every row.
    Discord refusing the leave first owes nothing: nothing is erased for it later."""
    async with world(database_url, members=4, setup=False) as w:
        await _busy_server(w)
        other = await _other_server(w)
        a, b = w.guild.id, other.id
        before = await _rows_by_server(w)
        w.env.inject_error("DELETE", f"/users/@me/guilds/{a}", status=500, times=None)
        _, order = await _confirm(w, "Cinéphiles")
        assert order == ["answer", "leave", "answer"] and a in w.env.backend.guilds
        assert [m.key for m in await w.rows(BotMeta) if "erasure" in m.key] == []
        w.env.backend.faults.clear()

        def fail_at_questions(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            if statement.lstrip().upper().startswith("DELETE FROM QUESTIONS"):
                raise OperationalError(statement, None, ConnectionError("database went away"))

        sa_event.listen(w.app.engine.sync_engine, "before_cursor_execute", fail_at_questions)
        try:
            _, order = await _confirm(w, "Cinéphiles")
        finally:
            sa_event.remove(w.app.engine.sync_engine, "before_cursor_execute", fail_at_questions)
        assert order == ["answer", "leave"] and w.app.erasures_owed == {a}
        assert (await _rows_by_server(w))["guilds"][a] == 1
        await w.stop()
        await w.start()
        w.clock.advance(timedelta(minutes=1))
        await w.bot.scheduler.tick()
        after = await _rows_by_server(w)
        assert {name: counts[a] for name, counts in after.items() if counts[a]} == {}
        assert {name: counts[b] for name, counts in after.items()} == {
            name: counts[b] for name, counts in before.items()
        }
        assert [m.key for m in await w.rows(BotMeta) if "erasure" in m.key] == []
        assert not w.bot.app.erasures_owed


async def test_an_admin_who_lost_manage_server_since_the_warning_is_refused(
    sqlite_url: str,
) -> None:
    """The warning and its form shown, her Manage Server taken away, then the form
    submitted with the right name: refused with the staff-only answer, nothing erased,
    the bot stays (the permission is the submission's, not the warning's)."""
    async with world(sqlite_url, members=2) as w:
        await w.post()
        before = await _rows_by_server(w)
        shown = await _form(w, w.mod)
        for role_id in list(w.env.backend.get_member(w.guild.id, w.mod.id).role_ids):
            w.env.backend.remove_member_role(w.guild.id, w.mod.id, role_id)
        await w.settle()
        refused = await w.mod.submit_modal(shown, {NAME_FIELD: "Cinéphiles"})
        await w.settle()
        assert refused.response.content == "This command is for the moderation team."
        assert w.guild.id in w.env.backend.guilds
        assert await _rows_by_server(w) == before
