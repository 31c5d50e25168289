"""``/erase-and-leave``: a server's staff erase everything the bot stored there, now, and
the bot leaves. Only the server's exact name, typed in the form, erases anything; every
row of the server goes, in every table, at once; another server keeps all of its rows;
what the write-behind held of the server does not come back; invited again, it is a new
server."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import aiohttp
import discord
import pytest
import simcord
from simcord.backend.errors import SetupError
from sqlalchemy import event as sa_event
from sqlalchemy.exc import OperationalError

from bot import custom_ids
from bot.errors import UserError
from bot.i18n import t
from bot.services import lifecycle
from db.models import Discussion, Guild, Reply, Stance
from db.repositories.events import ReplySeen, StanceSet, VoteSet
from tests.e2e.test_removed_server_forgotten import _busy_server, _other_server, _rows_by_server
from tests.e2e.test_review_login import link_of, sign_in, web_room
from tests.harness import Kicked, World, world

COMMAND = "erase-and-leave"
NAME_FIELD = custom_ids.ERASE_SERVER_NAME


async def _published_and_signed_in(w: World) -> tuple[str, aiohttp.CookieJar]:
    """Server A's staff publish its discussion's summary and sign in to the web room;
    returns the public report's path and the staff browser's cookies."""
    (discussion,) = await w.rows(Discussion)
    published = await w.mod.slash(w.forum, "summary publish", discussion=discussion.id)
    found = re.search(r"/r/[A-Za-z0-9_-]{20,}", published.response.content or "")
    assert found, published.response.content
    path = link_of((await w.mod.slash(w.forum, "review")).response.content)
    cookies = aiohttp.CookieJar(unsafe=True)
    async with _browser(w, cookies) as client:
        assert (await sign_in(client, path)).status == 200
        assert (await client.get(f"/discussions/{discussion.id}")).status == 200
        assert (await client.get(found.group())).status == 200
    return found.group(), cookies


def _browser(w: World, cookies: aiohttp.CookieJar | None = None) -> aiohttp.ClientSession:
    # No keep-alive: an open connection is work SimCord waits for before a slash settles.
    return aiohttp.ClientSession(
        f"http://127.0.0.1:{w.bot.attached[0].port}",
        cookie_jar=cookies,
        connector=aiohttp.TCPConnector(force_close=True),
    )


async def _form(w: World, admin: Any) -> Any:
    """The warning, then its button: the form that asks for the server's name."""
    warned = await admin.slash(w.text, COMMAND)
    assert warned.ephemeral
    shown = await admin.click(warned.response.message, custom_id=custom_ids.erase_server("form"))
    assert shown.modal is not None
    return shown


async def _confirm(w: World, name: str) -> tuple[list[str], list[str]]:
    """Submit the form with ``name``: what the bot answered there (its channel is gone
    with the server once the bot left, so read from its calls to Discord), and the order
    of its calls: ``answer`` and ``leave``."""
    shown = await _form(w, w.mod)
    start = len(w.env.http_requests)
    await w.mod.submit_modal(shown, {NAME_FIELD: name})
    await w.settle()
    said, order = [], []
    for request in w.env.http_requests[start:]:
        if request.path.startswith(("/interactions/", "/webhooks/")):
            data = (request.json or {}).get("data", request.json or {})
            assert data.get("flags", 0) & 64, data  # ephemeral
            assert data.get("allowed_mentions") == {"parse": []}
            said.append(data.get("content") or "")
            order.append("answer")
        elif request.method == "DELETE" and request.path == f"/users/@me/guilds/{w.guild.id}":
            order.append("leave")
    return said, order


def _late_events(w: World, discussion: Any, now: Any) -> list[Any]:
    """What the gateway might still hand the bot of server A as it leaves: a new reply, a
    stance click, a vote on a stored reply."""
    alice, bruno = w.members[:2]
    return [
        ReplySeen(
            id=discord.utils.time_snowflake(now) + 1,
            discussion_id=discussion.id,
            guild_id=w.guild.id,
            author_id=alice.id,
            author_name="alice",
            text="Une dernière réponse, arrivée pendant le départ du bot.",
            created_at=now,
        ),
        StanceSet(
            change_id=discord.utils.time_snowflake(now) + 2,
            discussion_id=discussion.id,
            guild_id=w.guild.id,
            user_id=alice.id,
            option=1,
            at=now,
        ),
        VoteSet(
            reply_id=discord.utils.time_snowflake(now) + 1,
            voter_id=bruno.id,
            discussion_id=discussion.id,
            guild_id=w.guild.id,
            value=1,
            at=now,
        ),
    ]


@contextmanager
def _deleting_questions_fails(
    w: World, deleted: list[str] | None = None
) -> Iterator[dict[str, bool]]:
    """While on (the switch it yields), the erasure's ``DELETE FROM questions``, late in its
    walk, fails as a database going away would; the tables deleted before are noted in
    ``deleted``."""
    failing = {"on": True}

    def fail_at_questions(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not failing["on"] or not statement.lstrip().upper().startswith("DELETE FROM"):
            return
        table = statement.split()[2].strip('"').lower()
        if table == "questions":  # late in the walk: the dependent tables went first
            raise OperationalError(statement, None, ConnectionError("database went away"))
        if deleted is not None:
            deleted.append(table)

    sa_event.listen(w.app.engine.sync_engine, "before_cursor_execute", fail_at_questions)
    try:
        yield failing
    finally:
        sa_event.remove(w.app.engine.sync_engine, "before_cursor_execute", fail_at_questions)


async def test_an_admin_erases_everything_and_the_bot_leaves(
    database_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Server A (replies, an edit, votes, stances, a suggestion, an opt-out, a published
    report, a web session) beside server B. A's admin cancels, then types a wrong name:
    nothing is erased. Then the right name: the bot answers, leaves A, and every table has
    no row of A, while B keeps every row; events of A the gateway hands over as the bot
    leaves, and one arriving after, are not written (nor set aside as dead letters)."""
    caplog.set_level(logging.INFO)
    async with world(database_url, members=4, setup=False, attach=web_room) as w:
        await _busy_server(w)
        report, cookies = await _published_and_signed_in(w)
        other = await _other_server(w)
        a, b = w.guild.id, other.id
        before = await _rows_by_server(w)
        owned = {name for name, counts in before.items() if counts[a]}
        assert {
            "guilds",
            "questions",
            "discussions",
            "replies",
            "reply_revisions",
            "votes",
            "stances",
            "stance_changes",
            "suggestions",
            "privacy_intervals",
            "member_preferences",
            "audit_log",
            "published_reports",
            "web_sessions",
            "web_logins",
        } <= owned, owned
        (discussion,) = await w.rows(Discussion, Discussion.guild_id == a)

        # The warning says what goes, in her language; cancelling erases nothing.
        w.speaks(w.mod, "fr")
        warned = await w.mod.slash(w.text, COMMAND)
        assert warned.ephemeral
        said = warned.response.content
        assert "**Cinéphiles**" in said and "quitte le serveur" in said
        for erased in ("réponse", "vote", "position", "proposition", "résumés", "réglages"):
            assert erased in said
        assert "banque de questions" in said and "rapports publiés" in said
        cancelled = await w.mod.click(
            warned.response.message, custom_id=custom_ids.erase_server("cancel")
        )
        assert "Rien n’a été effacé" in cancelled.response.content
        assert await _rows_by_server(w) == before

        # A wrong name (the other server's, a near miss): nothing happens, said so.
        for wrong in ("Autre club", "cinéphiles", "   "):
            shown = await _form(w, w.mod)
            refused = await w.mod.submit_modal(shown, {NAME_FIELD: wrong})
            assert refused.ephemeral
            assert "Ce n’est pas le nom du serveur" in refused.response.content
            assert "**Cinéphiles**" in refused.response.content
        await w.settle()
        assert await _rows_by_server(w) == before
        assert a in w.env.backend.guilds and w.bot.get_guild(a) is not None

        # Events of A the gateway hands the bot as it leaves, queued before the erasure.
        late = _late_events(w, discussion, w.clock.now())
        real_leave = discord.Guild.leave

        async def leave_with_late_events(guild: discord.Guild) -> None:
            await real_leave(guild)
            for queued in late:
                w.app.buffer.offer(queued)

        monkeypatch.setattr(discord.Guild, "leave", leave_with_late_events)
        said, order = await _confirm(w, "Cinéphiles")
        assert len(said) == 1 and "quitte **Cinéphiles**" in said[0], said
        assert order == ["answer", "leave"]  # answered while it could still answer there

        assert a not in w.env.backend.guilds and w.bot.get_guild(a) is None
        assert b in w.env.backend.guilds and w.bot.get_guild(b) is not None
        # One arriving after (a catch-up of A's threads still reading, say): dropped too.
        await w.app.buffer.put(
            ReplySeen(
                id=late[0].id + 10,
                discussion_id=discussion.id,
                guild_id=a,
                author_id=w.members[0].id,
                author_name="alice",
                text="Encore une.",
                created_at=w.clock.now(),
            )
        )
        await w.settle()
        after = await _rows_by_server(w)
        assert {name: counts[a] for name, counts in after.items() if counts[a]} == {}
        assert {name: counts[b] for name, counts in after.items()} == {
            name: counts[b] for name, counts in before.items()
        }
        assert [r.text for r in await w.rows(Reply)] == [
            "Dans notre club, nous en parlons chaque mardi."
        ]
        assert w.app.buffer.set_aside == 0
        # The public report is gone, and so is the staff's session in the web room.
        async with _browser(w, cookies) as client:
            assert (await client.get(report)).status == 404
            page = await client.get(f"/discussions/{discussion.id}")
            assert page.status in (401, 403) and "gênent" not in await page.text()
        # What the process kept of A went too.
        assert w.app.open.in_guild(a) == [] and w.app.optouts.in_guild(a) == frozenset()
        assert a not in w.app.guild_languages and not w.app.erasures_owed
        # One audit line: who asked, what went; no member's words, no name.
        audit = [r.getMessage() for r in caplog.records if "erased at its staff" in r.getMessage()]
        assert len(audit) == 1 and str(a) in audit[0], audit
        assert "3 queued events dropped" in audit[0], audit
        logged = "\n".join(r.getMessage() for r in caplog.records)
        assert "gênent" not in logged and "Cinéphiles" not in logged
        assert not w.env.errors


async def test_english_admin_is_answered_in_english_and_server_b_goes_on(
    sqlite_url: str,
) -> None:
    """The same in English; server B, beside it, still collects and posts afterwards."""
    async with world(sqlite_url, members=4, setup=False) as w:
        await _busy_server(w)
        other = await _other_server(w)
        warned = await w.mod.slash(w.text, COMMAND)
        said = warned.response.content
        assert "Erase everything and leave **Cinéphiles**?" in said
        assert "every reply" in said and "leaves the server" in said
        shown = await _form(w, w.mod)
        refused = await w.mod.submit_modal(shown, {NAME_FIELD: "Cinephiles"})
        assert "That is not the server's name: nothing was erased." in refused.response.content
        said, _ = await _confirm(w, " Cinéphiles ")
        assert "The bot is leaving **Cinéphiles**" in said[0], said
        assert [g.id for g in await w.rows(Guild)] == [other.id]
        assert w.guild.id not in w.env.backend.guilds

        # Server B goes on: its open discussion still collects replies.
        (discussion,) = await w.rows(Discussion)
        assert w.app.open.get(discussion.id) is not None
        thread = w.env.backend.channels[discussion.thread_id]
        yann = other.add_member(w.env.create_user("yann"))
        await yann.send(simcord.ChannelHandle(w.env, other, thread), "Toujours là, côté club.")
        await w.settle()
        assert sorted(r.text for r in await w.rows(Reply)) == [
            "Dans notre club, nous en parlons chaque mardi.",
            "Toujours là, côté club.",
        ]
        assert not w.env.errors


async def test_a_member_without_manage_server_is_refused(sqlite_url: str) -> None:
    """Discord hides the command from members; a server that gives it to one anyway
    still has the bot refuse her, in her language, erasing nothing."""
    async with world(sqlite_url, members=2) as w:
        await w.post()
        member = w.members[0]
        with pytest.raises(SetupError):
            await member.slash(w.text, COMMAND)
        [command] = [c for c in await w.bot.tree.fetch_commands() if c.name == COMMAND]
        w.guild.set_command_permissions(command, {member: True})
        w.speaks(member, "fr")
        refused = await member.slash(w.text, COMMAND)
        assert refused.ephemeral
        assert refused.response.content == "Cette commande est réservée à l’équipe de modération."
        assert not refused.response.components
        w.speaks(member, "en-GB")
        refused = await member.slash(w.text, COMMAND)
        assert refused.response.content == "This command is for the moderation team."
        assert len(await w.rows(Guild)) == 1 and w.guild.id in w.env.backend.guilds
        assert not w.env.errors


async def test_discord_refusing_the_leave_erases_nothing(database_url: str) -> None:
    """Discord down when the bot leaves: the admin is told, nothing is erased, the bot
    stays as it was (its schedule, its data); run again, it erases and leaves."""
    async with world(database_url, members=4, setup=False) as w:
        await _busy_server(w)
        before = await _rows_by_server(w)
        w.env.inject_error("DELETE", f"/users/@me/guilds/{w.guild.id}", status=500, times=None)
        shown = await _form(w, w.mod)
        answered = await w.mod.submit_modal(shown, {NAME_FIELD: "Cinéphiles"})
        await w.settle()
        said = [answered.response.content, *[f.content for f in answered.followups]]
        assert any("Discord did not let the bot leave" in s for s in said), said
        assert await _rows_by_server(w) == before
        assert w.guild.id in w.env.backend.guilds and w.app.open.in_guild(w.guild.id)

        w.env.backend.faults.clear()  # Discord answers again
        shown = await _form(w, w.mod)
        await w.mod.submit_modal(shown, {NAME_FIELD: "Cinéphiles"})
        await w.settle()
        assert await w.rows(Guild) == [] and w.guild.id not in w.env.backend.guilds


async def test_the_database_failing_mid_way_leaves_nothing_half_erased(
    database_url: str,
) -> None:
    """The database fails in the middle of the erasure, after the bot left: nothing is
    half-erased (one transaction), and the next tick erases everything."""
    async with world(database_url, members=4, setup=False) as w:
        await _busy_server(w)
        before = await _rows_by_server(w)
        deleted: list[str] = []
        with _deleting_questions_fails(w, deleted) as failing:
            shown = await _form(w, w.mod)
            await w.mod.submit_modal(shown, {NAME_FIELD: "Cinéphiles"})
            await w.settle()
            assert w.guild.id not in w.env.backend.guilds  # the bot left
            assert {"replies", "votes", "stances", "discussions"} <= set(deleted), deleted
            kept = await _rows_by_server(w)
            assert {n: c[w.guild.id] for n, c in kept.items()} == {
                n: c[w.guild.id] for n, c in before.items()
            }
            assert w.app.erasures_owed == {w.guild.id}
            failing["on"] = False
            w.clock.advance(timedelta(minutes=1))
            await w.bot.scheduler.tick()
        after = await _rows_by_server(w)
        assert {n: c[w.guild.id] for n, c in after.items() if c[w.guild.id]} == {}
        assert not w.app.erasures_owed


async def test_one_owed_erasure_failing_keeps_no_other_waiting(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two erasures owed, the first failing for a reason of its own (not the database
    away): the second is done at the same tick, the first stays owed."""
    from bot.services import lifecycle

    async with world(database_url, members=4, setup=False) as w:
        await _busy_server(w)
        with _deleting_questions_fails(w):
            shown = await _form(w, w.mod)
            await w.mod.submit_modal(shown, {NAME_FIELD: "Cinéphiles"})
            await w.settle()
        assert w.app.erasures_owed == {w.guild.id}

        broken = 1  # sorted first: tried before the real one
        erase_server = lifecycle.server_repo.erase_server

        async def erase_or_fail(session: Any, guild_id: int) -> int:
            if guild_id == broken:
                raise RuntimeError("a bug of its own")
            return await erase_server(session, guild_id)

        monkeypatch.setattr(lifecycle.server_repo, "erase_server", erase_or_fail)
        w.app.erasures_owed.add(broken)
        w.clock.advance(timedelta(minutes=1))
        await w.bot.scheduler.tick()
        after = await _rows_by_server(w)
        assert {n: c[w.guild.id] for n, c in after.items() if c[w.guild.id]} == {}
        assert w.app.erasures_owed == {broken}


async def test_erased_then_invited_again_it_is_a_new_server(database_url: str) -> None:
    """Invited again, nothing comes back: ``/setup`` from scratch, new discussion ids."""
    async with world(database_url, members=4, setup=False) as w:
        await _busy_server(w)
        (old,) = await w.rows(Discussion)
        old_post = w.post_message(old)
        server = w.env.backend.guilds[w.guild.id]
        channels = {i: w.env.backend.channels[i] for i in [*server.channel_ids, *server.thread_ids]}
        messages = {i: w.env.backend.messages.get(i, {}) for i in channels}
        shown = await _form(w, w.mod)
        await w.mod.submit_modal(shown, {NAME_FIELD: "Cinéphiles"})
        await w.settle()
        assert await w.rows(Guild) == []

        Kicked(w.env, server, channels, messages).invite()
        await w.settle()
        assert await w.rows(Guild) == []
        answer = await w.setup()
        assert answer.response is not None
        (row,) = await w.rows(Guild)
        assert row.present and not row.paused
        _, new = await w.post()
        assert new.id > old.id
        await w.members[0].click(old_post, custom_id=custom_ids.stance(old.id, 0))
        assert await w.rows(Stance) == []
        assert not w.env.errors


async def test_the_database_away_before_anything_the_bot_stays(sqlite_url: str) -> None:
    """The database not answering when the name is confirmed: the admin is told, the bot
    does not leave (it could not say so after), nothing is erased."""
    async with world(sqlite_url, members=4, setup=False) as w:
        await _busy_server(w)
        before = await _rows_by_server(w)
        away = {"on": True}

        def refuse(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            if away["on"]:
                raise OperationalError(statement, None, ConnectionError("database went away"))

        sa_event.listen(w.app.engine.sync_engine, "before_cursor_execute", refuse)
        try:
            said, order = await _confirm(w, "Cinéphiles")
        finally:
            away["on"] = False
            sa_event.remove(w.app.engine.sync_engine, "before_cursor_execute", refuse)
        assert order == ["answer"] and "database is not answering" in said[0], said
        assert w.guild.id in w.env.backend.guilds
        assert await _rows_by_server(w) == before


async def test_invited_again_before_a_failed_erasure_went_through_it_is_a_new_server(
    sqlite_url: str,
) -> None:
    """The database failed the erasure after the bot left, and the server invites the bot
    again before a tick erased it: what it asked to be erased does not come back (its
    discussions reopened, its schedule as it was): it is erased then, and the server is a
    new one."""
    async with world(sqlite_url, members=4, setup=False) as w:
        await _busy_server(w)
        server = w.env.backend.guilds[w.guild.id]
        channels = {i: w.env.backend.channels[i] for i in [*server.channel_ids, *server.thread_ids]}
        messages = {i: w.env.backend.messages.get(i, {}) for i in channels}
        with _deleting_questions_fails(w):
            _, order = await _confirm(w, "Cinéphiles")
            assert order == ["answer", "leave"] and len(await w.rows(Guild)) == 1
        Kicked(w.env, server, channels, messages).invite()
        await w.settle()
        assert await w.rows(Guild) == [] and await w.rows(Reply) == []
        assert w.app.open.in_guild(w.guild.id) == [] and not w.app.erasures_owed
        answer = await w.setup()
        assert answer.response is not None
        (row,) = await w.rows(Guild)
        assert row.present and not row.paused


async def test_two_admins_confirming_at_once_erase_once(
    database_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Two admins confirm the erasure of the same server at once: the first erases and
    leaves; the second, whose confirmation arrives as the bot is leaving (or after, from a
    form opened before), is told in her language that it is done or under way. Nothing is
    erased twice, and no log line claims an erasure of 0 rows. (SimCord plays one member
    action at a time: the second arrives through the service, as the cog passes it on, as
    in test_staff_races.)"""
    caplog.set_level(logging.INFO)
    async with world(database_url, members=4, setup=False) as w:
        await _busy_server(w)
        other = await _other_server(w)
        real_leave = discord.Guild.leave
        refused: list[BaseException] = []

        async def second_admin() -> None:
            async def answered() -> None:
                return None

            async def left() -> bool:
                return True

            try:
                await lifecycle.erase_and_leave(
                    w.app, w.guild.id, leave=left, leaving=answered, actor_id=w.members[0].id
                )
            except UserError as error:
                refused.append(error)

        async def leave(guild: discord.Guild) -> None:
            await second_admin()  # as the first's leave is under way
            await real_leave(guild)

        monkeypatch.setattr(discord.Guild, "leave", leave)
        said, order = await _confirm(w, "Cinéphiles")
        assert "The bot is leaving **Cinéphiles**" in said[0] and order == ["answer", "leave"]
        await second_admin()  # a form opened before, submitted after
        assert [e.key for e in refused] == ["erase-server-under-way"] * 2, refused
        assert t("erase-server-under-way", "fr") == (
            "L’effacement de ce serveur est déjà fait ou en cours\u00a0: rien n’a été effacé"
            " deux fois."
        )
        assert t("erase-server-under-way", "en") == (
            "This server's erasure is already done or under way: nothing was erased twice."
        )
        assert [g.id for g in await w.rows(Guild)] == [other.id]
        erased = [r.getMessage() for r in caplog.records if "erased at its staff" in r.getMessage()]
        assert len(erased) == 1 and " 0 rows deleted" not in erased[0], erased
        assert not w.env.errors
