"""/setup question_role: members who want to hear of every debate get a role the bot
mentions on each new question's post, and nobody else is ever pinged by it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import discord
import simcord

from db.models import Discussion, Guild, Slot
from tests.discord_checks import check_limits
from tests.harness import world


def _post_requests(w: Any, channel_id: int) -> list[Any]:
    return [
        r
        for r in w.env.http_requests
        if r.method == "POST" and r.path.startswith(f"/channels/{channel_id}/")
    ]


async def test_each_new_question_mentions_the_chosen_role_only(sqlite_url: str) -> None:
    async with world(sqlite_url, members=0) as w:
        role = w.guild.create_role("débats", mentionable=True)
        done = await w.mod.slash(w.text, "setup", question_role=role)
        fields = {f.name: f.value for f in done.response.embeds[0].fields}
        assert fields["New questions"] == f"mention <@&{role.id}>"
        (guild,) = await w.rows(Guild)
        assert guild.question_role_id == role.id

        preview = await w.mod.slash(w.text, "question preview")
        assert preview.response.content.endswith(
            f"\n\n<@&{role.id}>\u00a0: une nouvelle question est ouverte."
        )
        _, forum_post = await w.post()
        starter = w.post_message(forum_post)
        assert starter.content == f"<@&{role.id}>\u00a0: une nouvelle question est ouverte."
        sent = _post_requests(w, w.forum.id)[-1].json  # the forum post creating the thread
        allowed = sent["message"]["allowed_mentions"]
        assert allowed["parse"] == [] and [int(r) for r in allowed["roles"]] == [role.id]

        await w.setup(w.text)  # a text channel: a message, then its thread
        _, text_post = await w.post(w.text)
        message = w.post_message(text_post)
        assert message.content.startswith(f"<@&{role.id}>")

        await w.mod.slash(w.text, "setup", clear="question_role")
        _, quiet = await w.post(w.text)
        assert not w.post_message(quiet).content
        sent = [r.json for r in _post_requests(w, w.text.id) if r.path.endswith("/messages")]
        assert sent[-1]["allowed_mentions"] == {"parse": []}
        assert not w.env.errors


async def test_a_role_discord_would_not_notify_is_refused(sqlite_url: str) -> None:
    async with world(sqlite_url, members=0) as w:
        backend = w.env.backend
        (bot_role,) = [r for r in backend.get_guild(w.guild.id).roles.values() if r.managed]
        without = discord.Permissions(bot_role.permissions)
        without.mention_everyone = False
        backend.edit_role(w.guild.id, bot_role.id, {"permissions": without.value})
        await w.settle()
        silent = w.guild.create_role("muet", mentionable=False)
        refused = await w.mod.slash(w.text, "setup", question_role=silent)
        assert f"cannot notify <@&{silent.id}>" in refused.response.content
        (guild,) = await w.rows(Guild)
        assert guild.question_role_id is None


async def test_a_role_deleted_later_is_no_longer_named_on_posts(sqlite_url: str) -> None:
    """Staff delete the role in Discord's settings: the next posts do not open on
    "@deleted-role", and /schedule show no longer names it."""
    async with world(sqlite_url, members=0) as w:
        role = w.guild.create_role("débats", mentionable=True)
        await w.mod.slash(w.text, "setup", question_role=role, reminder_hours=2, reminder_role=role)
        w.env.backend.delete_role(w.guild.id, role.id)
        await w.settle()
        (guild,) = await w.rows(Guild)
        assert (guild.question_role_id, guild.reminder_role_id) == (None, None)
        assert guild.reminder_hours == 2  # the reminder itself stays, pinging nobody
        _, discussion = await w.post()
        assert not w.post_message(discussion).content
        sent = _post_requests(w, w.forum.id)[-1].json
        assert sent["message"]["allowed_mentions"] == {"parse": []}
        shown = await w.mod.slash(w.text, "schedule show")
        assert f"<@&{role.id}>" not in str(shown.response.embeds[0].to_dict())
        assert not w.env.errors


async def test_a_role_deleted_while_the_bot_was_away_is_not_named_either(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=0) as w:
        role = w.guild.create_role("débats", mentionable=True)
        await w.mod.slash(w.text, "setup", question_role=role)
        await w.restart(away=lambda: w.env.backend.delete_role(w.guild.id, role.id))
        _, discussion = await w.post()
        assert not w.post_message(discussion).content
        assert not w.env.errors


async def test_staff_are_told_when_discord_stops_letting_the_bot_notify_the_role(
    sqlite_url: str,
) -> None:
    """The role was mentionable at setup; later staff make it unmentionable (the bot has no
    "Mention All Roles"): Discord posts "@débats" and notifies nobody. /schedule show says
    so, and how to fix it."""
    async with world(sqlite_url, members=0) as w:
        backend = w.env.backend
        (bot_role,) = [r for r in backend.get_guild(w.guild.id).roles.values() if r.managed]
        without = discord.Permissions(bot_role.permissions)
        without.mention_everyone = False
        backend.edit_role(w.guild.id, bot_role.id, {"permissions": without.value})
        role = w.guild.create_role("débats", mentionable=True)
        await w.mod.slash(w.text, "setup", question_role=role)
        shown = await w.mod.slash(w.text, "schedule show")
        fields = {f.name: f.value for f in shown.response.embeds[0].fields}
        assert fields["New questions"] == f"mention <@&{role.id}>"

        backend.edit_role(w.guild.id, role.id, {"mentionable": False})
        await w.settle()
        shown = await w.mod.slash(w.text, "schedule show")
        check_limits(None, shown.response.embeds)
        fields = {f.name: f.value for f in shown.response.embeds[0].fields}
        warned = fields["New questions"]
        assert warned.startswith(f"mention <@&{role.id}>\n⚠️ Discord no longer lets the bot")
        assert "mentionable" in warned and "Mention @everyone, @here and All Roles" in warned
        assert not w.env.errors


class _TickWhileStarting:
    """The scheduler's safety net firing while the bot starts, before the gateway has
    given it its servers (start-up 60 s or longer, or a server Discord marks unavailable
    during an outage): a slot missed while it was away is due."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot

    async def start(self) -> None:
        await self.bot.scheduler.tick()

    async def stop(self) -> None:
        return None


async def test_a_slot_due_while_the_bot_starts_is_posted_once_the_server_is_there(
    sqlite_url: str,
) -> None:
    """A slot due at start was posted before the gateway gave the bot its server: from a
    channel fetched without its server, the post left out the role's mention (« deleted
    while away ») and the bot's permissions went unchecked. It waits for the server, then
    posts, once, as any post."""
    async with world(sqlite_url, members=0) as w:
        role = w.guild.create_role("débats", mentionable=True)
        await w.mod.slash(w.text, "setup", question_role=role)
        await w.stop()
        w.clock.set(datetime(2026, 11, 30, 17, 0, 30, tzinfo=UTC))  # Monday's slot passed
        starting = w.new_bot()
        starting.attached.append(_TickWhileStarting(starting))
        await simcord.env._attach_bot(w.env, starting)
        w.bot = starting
        await w.settle()
        (discussion,) = await w.rows(Discussion)
        assert w.post_message(discussion).content == (
            f"<@&{role.id}>\u00a0: une nouvelle question est ouverte."
        )
        assert [s.status for s in await w.rows(Slot)] == ["posted"]
        assert not w.env.errors
