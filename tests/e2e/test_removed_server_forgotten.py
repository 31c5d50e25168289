"""A server that removed the bot is forgotten ``FORGET_REMOVED_SERVERS_DAYS`` later (30 by
default): every row stored about it, in every table, while another server's stay whole.
Invited back before then, it keeps everything; the setting at 0 keeps it for ever."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import discord
import simcord
from sqlalchemy import Table, func, select

from bot import custom_ids
from db.models import (
    Base,
    Discussion,
    Guild,
    MemberPreference,
    PrivacyInterval,
    Question,
    Reply,
    Stance,
    Suggestion,
)
from tests.harness import World, world

DAY = timedelta(days=1)


def _owner_column(table: Table) -> tuple[Table, Any] | None:
    """The ``guild_id`` a row of ``table`` belongs to: its own, or its parent's through a
    foreign key (earlier versions, vectors, reminders); ``None`` for what no server owns."""
    if table.name == Guild.__tablename__:
        return table, table.c.id
    if "guild_id" in table.c:
        return table, table.c.guild_id
    for key in table.foreign_keys:
        parent = key.column.table
        if "guild_id" in parent.c:
            return parent, parent.c.guild_id
    return None


async def _rows_by_server(w: World) -> dict[str, Counter[int]]:
    """For every table a server owns rows in, how many rows each server owns."""
    await w.app.buffer.drain()
    counts: dict[str, Counter[int]] = {}
    async with w.app.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            owner = _owner_column(table)
            if owner is None:
                continue
            parent, column = owner
            query = select(column, func.count()).select_from(table)
            if parent is not table:
                (key,) = [k for k in table.foreign_keys if k.column.table is parent]
                query = query.join(parent, key.parent == key.column)
            rows = await connection.execute(query.group_by(column))
            counts[table.name] = Counter({int(g): n for g, n in rows if g is not None})
    return counts


async def _busy_server(w: World) -> None:
    """Server A lives a week: a review channel, a discussion with replies (one edited), a
    reaction vote, stances, a suggestion, a member opted out, a reply erased by staff."""
    staff = w.guild.create_text_channel("modération")
    await w.setup(review_channel=staff)
    thread, discussion = await w.post()
    alice, bruno, chloe, david = w.members
    hers = await alice.send(thread, "Les voix de synthèse me gênent au cinéma.")
    await alice.edit(hers, "Les voix de synthèse me gênent vraiment au cinéma.")
    his = await bruno.send(thread, "Un outil comme un autre, tant que l'on paie les acteurs.")
    await chloe.react(hers, "👍")
    await chloe.click(w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 0))
    await bruno.click(w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 1))
    await bruno.slash(w.text, "suggest", text="Faut-il doubler les films par des machines ?")
    await david.slash(w.text, "mydata optout")
    await w.mod.slash(w.text, "answers delete", message_id=str(his.id))
    await w.settle()


async def _other_server(w: World) -> Any:
    """Server B, set up by its own staff, with one discussion and one reply."""
    other = w.env.create_guild("Autre club")
    forum = other.create_forum_channel("débats")
    staff = other.create_role(
        "staff", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
    )
    boss = other.add_member(w.env.create_user("boss"), roles=[staff])
    member = other.add_member(w.env.create_user("zoé"))
    await boss.slash(forum, "setup", channel=forum)
    await boss.slash(forum, "question post")
    await w.settle()
    (thread_id,) = [c.id for c in forum.threads]
    thread = w.env.backend.channels[thread_id]
    handle = simcord.ChannelHandle(w.env, other, thread)
    reply = await member.send(handle, "Dans notre club, nous en parlons chaque semaine.")
    await member.edit(reply, "Dans notre club, nous en parlons chaque mardi.")
    await w.settle()
    return other


async def test_a_server_that_removed_the_bot_is_forgotten_after_30_days(
    database_url: str,
) -> None:
    """Removed, server A keeps everything for 30 days (an invitation back would find it),
    then the daily job deletes every row it owned in every table; server B keeps all of
    its rows. The data is asserted table by table, so a table added later with rows of a
    server is covered."""
    async with world(database_url, members=4, setup=False) as w:
        await _busy_server(w)
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
            "audit_log",
            "member_preferences",
        } <= owned, owned

        w.remove_bot()
        await w.settle()
        (row,) = await w.rows(Guild, Guild.id == a)
        assert not row.present and row.left_at == w.clock.now()

        w.clock.advance(30 * DAY - timedelta(minutes=1))
        await w.bot.scheduler.erase_expired()
        assert await _rows_by_server(w) == before  # a day short: all kept

        w.clock.advance(DAY)
        await w.bot.scheduler.erase_expired()
        after = await _rows_by_server(w)
        assert {name: counts[a] for name, counts in after.items() if counts[a]} == {}
        assert {name: counts[b] for name, counts in after.items()} == {
            name: counts[b] for name, counts in before.items()
        }
        assert [r.text for r in await w.rows(Reply)] == [
            "Dans notre club, nous en parlons chaque mardi."
        ]
        assert not w.env.errors


async def test_invited_back_before_30_days_it_keeps_everything(sqlite_url: str) -> None:
    async with world(sqlite_url, members=4, setup=False) as w:
        await _busy_server(w)
        before = await _rows_by_server(w)
        kicked = w.remove_bot()
        await w.settle()
        w.clock.advance(20 * DAY)
        kicked.invite()
        await w.settle()
        (row,) = await w.rows(Guild)
        assert row.present and row.left_at is None
        w.clock.advance(60 * DAY)
        await w.bot.scheduler.erase_expired()
        assert await _rows_by_server(w) == before
        assert not w.env.errors


async def test_forgotten_then_invited_again_it_starts_as_a_new_server(sqlite_url: str) -> None:
    async with world(sqlite_url, members=4, setup=False) as w:
        await _busy_server(w)
        kicked = w.remove_bot()
        await w.settle()
        w.clock.advance(31 * DAY)
        await w.bot.scheduler.erase_expired()
        assert await w.rows(Guild) == []
        kicked.invite()
        await w.settle()
        assert await w.rows(Guild) == []  # nothing to come back to
        answer = await w.setup()
        assert answer.response is not None
        (row,) = await w.rows(Guild)
        assert row.present and row.channel_id == w.forum.id
        thread, _ = await w.post()
        assert thread is not None
        assert not w.env.errors


async def test_at_zero_days_a_removed_server_is_kept(sqlite_url: str) -> None:
    async with world(sqlite_url, members=4, setup=False, forget_removed_servers_days=0) as w:
        await _busy_server(w)
        before = await _rows_by_server(w)
        w.remove_bot()
        await w.settle()
        w.clock.advance(3650 * DAY)
        await w.bot.scheduler.erase_expired()
        assert await _rows_by_server(w) == before


async def test_forgotten_then_invited_again_its_old_buttons_reach_no_new_item(
    database_url: str,
) -> None:
    """Discord keeps the forgotten server's old posts and review cards, buttons and all,
    each naming a discussion's or a suggestion's id. Invited again, the server's new
    discussion and new suggestion must not take those ids: on SQLite, an id was the
    largest left plus one, so the old post's stance button voted in the new discussion
    and the old card's approve button put the new suggestion in the bank."""
    async with world(database_url, members=4, setup=False) as w:
        await _busy_server(w)
        (old,) = await w.rows(Discussion)
        old_post = w.post_message(old)
        (old_staff,) = [c for c in w.env.backend.channels.values() if c.name == "modération"]
        (old_card,) = simcord.ChannelHandle(w.env, w.guild, old_staff).history()
        kicked = w.remove_bot()
        await w.settle()
        w.clock.advance(31 * DAY)
        await w.bot.scheduler.erase_expired()
        kicked.invite()
        await w.settle()
        review = w.guild.create_text_channel("modération-bis")
        await w.setup(review_channel=review)
        await w.post()
        alice, bruno = w.members[:2]
        await alice.click(old_post, custom_id=custom_ids.stance(old.id, 0))
        assert await w.rows(Stance) == []
        await bruno.slash(w.text, "suggest", text="Un film doit-il durer moins de deux heures ?")
        await w.settle()
        assert len(await w.rows(Suggestion)) == 1
        await w.mod.click(old_card, custom_id=custom_ids.review(1, "approve"))
        assert (await w.rows(Suggestion))[0].status == "pending"
        assert not w.env.errors


async def test_the_daily_job_also_runs_after_each_start(sqlite_url: str) -> None:
    """A bot stopped every night at 03:17 UTC (or down that day) never ran the daily job:
    neither the retention's erasures nor the forgetting of removed servers. It also runs
    a quarter of an hour after each start, once."""
    from bot.scheduler import DAILY_AFTER_START, Scheduler

    async with world(sqlite_url, members=4, setup=False) as w:
        await _busy_server(w)
        w.remove_bot()
        await w.settle()
        w.clock.advance(31 * DAY)
        timed = Scheduler(w.app, w.bot, timers=True)
        await timed.start()
        try:
            jobs = {job.id: job for job in timed._aps.get_jobs()} if timed._aps else {}
            after_start = jobs["retention-after-start"]
            assert after_start.next_run_time == w.clock.now() + DAILY_AFTER_START
            await after_start.func()
        finally:
            timed.shutdown()
        assert await w.rows(Guild) == []
        assert not w.env.errors


async def _members_choices_without_setup(w: World) -> None:
    """In server A, never set up: alice opts out, bruno erases his data (nothing of his was
    stored: only the erasure is), staff ask for a web room link. Server B, set up, has a
    member who opts out too."""
    alice, bruno = w.members[:2]
    await alice.slash(w.text, "mydata optout")
    asked = await bruno.slash(w.text, "mydata delete")
    await bruno.click(asked.response.message, label="Yes, erase everything")
    await w.mod.slash(w.text, "review")
    await w.settle()


async def test_a_server_never_set_up_forgets_its_members_choices_when_the_bot_leaves(
    database_url: str,
) -> None:
    """No /setup, so no server row: removal has nothing to date, and the daily job never
    forgot the opt-outs stored there. They go at the removal; another server's stay. Invited
    back, the first /setup is a first one (the bank seeded) and collects as in a new server."""
    async with world(database_url, members=2, setup=False) as w:
        await _members_choices_without_setup(w)
        other = await _other_server(w)
        yann = other.add_member(w.env.create_user("yann"))
        await yann.slash(other.create_text_channel("général"), "mydata optout")
        await w.settle()
        a, b = w.guild.id, other.id
        before = await _rows_by_server(w)
        assert {n for n, c in before.items() if c[a]} == {
            "member_preferences",
            "privacy_intervals",
            "audit_log",
            "web_logins",
        }, before
        assert before["member_preferences"][b] == 1
        assert await w.rows(Guild, Guild.id == a) == []

        kicked = w.remove_bot()
        await w.settle()
        after = await _rows_by_server(w)
        assert {name: counts[a] for name, counts in after.items() if counts[a]} == {}
        assert {name: counts[b] for name, counts in after.items()} == {
            name: counts[b] for name, counts in before.items()
        }

        kicked.invite()
        await w.settle()
        answer = await w.setup()
        assert answer.response is not None
        (row,) = await w.rows(Guild, Guild.id == a)
        assert row.present and row.channel_id == w.forum.id
        assert len(await w.rows(Question, Question.guild_id == a)) > 0  # a first setup: seeded
        thread, _ = await w.post()
        said = await w.members[0].send(thread, "Je reviens sur le serveur.")
        await w.settle()
        assert [r.id for r in await w.rows(Reply, Reply.guild_id == a)] == [said.id]
        assert not w.env.errors


async def test_a_server_never_set_up_that_removed_the_bot_while_away_is_forgotten_at_start(
    database_url: str,
) -> None:
    async with world(database_url, members=2, setup=False) as w:
        await w.members[0].slash(w.text, "mydata optout")
        await w.settle()
        assert len(await w.rows(MemberPreference)) == 1
        await w.stop()
        w.remove_bot()
        await w.start()
        assert await w.rows(MemberPreference) == [] and await w.rows(PrivacyInterval) == []
        assert not w.env.errors


async def test_a_server_never_set_up_with_only_staff_traces_is_forgotten_at_start(
    database_url: str,
) -> None:
    """No member's choice there, only its staff's: an export's audit line and a web room
    login link (neither needs /setup). Removed while the bot was away, the server is
    forgotten at start as well; the lookup knew only opt-outs and erasures, so these rows
    stayed for ever. Another server's stay."""
    async with world(database_url, members=1, setup=False) as w:
        exported = await w.mod.slash(w.text, "answers export")
        assert exported.response is not None
        await w.mod.slash(w.text, "review")
        other = await _other_server(w)
        await w.settle()
        a, b = w.guild.id, other.id
        before = await _rows_by_server(w)
        assert {n for n, c in before.items() if c[a]} == {"audit_log", "web_logins"}, before
        await w.stop()
        w.remove_bot()
        await w.start()
        after = await _rows_by_server(w)
        assert {name: counts[a] for name, counts in after.items() if counts[a]} == {}
        assert {name: counts[b] for name, counts in after.items()} == {
            name: counts[b] for name, counts in before.items()
        }
        assert not w.env.errors
