"""/help as a newcomer, a member and staff read it: what the bot does, where the server
stands, how to take part, what is kept, and only the commands each may use."""

from __future__ import annotations

import re
from typing import Any

import discord
import pytest
from discord import app_commands

from tests.discord_checks import check_limits
from tests.e2e.test_channel_visibility import _private_debates
from tests.harness import world

MENTION = re.compile(r"</([^:>]+):(\d+)>")
SHOWN = re.compile(r"</([^:>]+):\d+>(?: \(`/([^`]+)`\))?")
"""A mention and, when the reader's menu names the command otherwise, that name."""


def _fields(result: Any) -> dict[str, str]:
    return {f.name: f.value for f in result.response.embeds[0].fields}


def _listed(result: Any) -> list[str]:
    """Every command mentioned in the commands' sections, in order, as the reader's menu
    names it."""
    embed = result.response.embeds[0]
    commands_part = [f.value for f in embed.fields[3:]]
    return [m.group(2) or m.group(1) for value in commands_part for m in SHOWN.finditer(value)]


def _leaves(tree: app_commands.CommandTree[Any]) -> set[str]:
    return {c.qualified_name for c in tree.walk_commands() if isinstance(c, app_commands.Command)}


async def test_a_member_learns_how_to_take_part_and_sees_only_her_commands(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=1) as w:
        alice = w.members[0]
        w.speaks(alice, "fr")
        thread, discussion = await w.post()
        result = await alice.slash(w.text, "help")
        assert result.ephemeral and len(result.response.embeds) == 1
        embed = result.response.embeds[0]
        check_limits(None, [embed])
        assert embed.title == "Et vous\u202f? — mode d’emploi"
        fields = _fields(result)
        here = fields["Sur ce serveur"]
        assert f"Les questions paraissent dans <#{w.forum.id}>." in here
        assert re.search(r"Prochaine question <t:\d+:R> \(<t:\d+:f>\)\.", here), here
        assert f"<#{thread.id}>, clôture <t:{int(discussion.closes_at.timestamp())}:R>" in here
        take_part = fields["Participer"]
        assert (
            "«\u202fRépondre\u202f»" in take_part and "«\u202fDonner mon avis\u202f»" in take_part
        )
        assert re.search(r"</suggest:\d+> \(`/proposer`\)", take_part), take_part
        assert "«\u202fOù je me situe\u202f»" in take_part  # the card's button, as she sees it
        assert re.search(r"</summary position:\d+> \(`/résumé position`\)", take_part), take_part
        assert re.search(r"</mydata delete:\d+> \(`/mesdonnées effacer`\)", fields["Vos données"])
        mine = _listed(result)
        assert "mesdonnées voir" in mine and "stats" in mine and "aide" in mine
        assert "Pour l’équipe" not in fields and "configurer" not in mine
        assert not any(name.startswith(("question ", "réponses ")) for name in mine)
        assert "**Supprimer ma réponse** — sur un message" in "".join(fields.values())
        assert "résumé voir" in mine and "résumé publier" not in mine
        answered = [r for r in w.env.http_requests if "/callback" in r.path][-1]
        assert answered.json["data"]["allowed_mentions"] == {"parse": []}


async def test_more_open_discussions_than_listed_are_said_to_be_more(sqlite_url: str) -> None:
    """Five open, the three newest listed: the reader learns there are two more, rather
    than take the three for all of them."""
    async with world(sqlite_url, members=1) as w:
        alice = w.members[0]
        threads = [(await w.post())[0] for _ in range(5)]
        here = _fields(await alice.slash(w.text, "help"))["On this server"].splitlines()
        opened = here.index("5 discussions are open:")
        listed = here[opened + 1 : opened + 4]
        assert [line.split(",")[0] for line in listed] == [f"<#{t.id}>" for t in threads[:1:-1]]
        assert here[opened + 4 :] == ["… and 2 more."]
        w.speaks(alice, "fr")
        here = _fields(await alice.slash(w.text, "help"))["Sur ce serveur"].splitlines()
        assert here[-1] == "… et 2 autres."


async def test_staff_see_every_command_of_the_tree_once(sqlite_url: str) -> None:
    async with world(sqlite_url, members=0) as w:
        result = await w.mod.slash(w.text, "help")  # an English client
        check_limits(None, result.response.embeds)
        fields = _fields(result)
        assert "For staff" in fields and "Taking part" in fields
        listed = _listed(result)
        assert sorted(listed) == sorted(_leaves(w.bot.tree))  # each once, none forgotten
        fetched = {c.name: c.id for c in await w.bot.tree.fetch_commands()}
        assert f"</question add:{fetched['question']}>" in "".join(fields.values())
        assert "</setup:" in fields["For staff"] + fields.get("For staff (continued)", "")
        assert "**Delete my reply** — on a message" in "".join(fields.values())


async def test_before_setup_then_paused(sqlite_url: str) -> None:
    async with world(sqlite_url, members=1, setup=False) as w:
        alice = w.members[0]
        first = await alice.slash(w.text, "help")
        here = _fields(first)["On this server"]
        assert re.fullmatch(r"Not set up yet: a staff member runs </setup:\d+>\.", here), here
        await w.setup()
        await w.mod.slash(w.text, "schedule pause")
        paused = _fields(await alice.slash(w.text, "help"))["On this server"]
        assert paused.splitlines()[1:] == ["Posting is paused.", "No discussion is open right now."]


async def test_a_client_in_another_language_sees_discords_names_and_the_servers_words(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=1) as w:
        alice = w.members[0]
        w.speaks(alice, "de")  # Discord shows her the English names; the bot speaks French
        result = await alice.slash(w.text, "help")
        fields = _fields(result)
        assert re.search(r"</suggest:\d+>", fields["Participer"])
        assert "mydata show" in _listed(result)


async def test_a_discussion_in_a_channel_she_cannot_read_is_not_listed(sqlite_url: str) -> None:
    async with world(sqlite_url, members=0, setup=False) as w:
        channel, club = await _private_debates(w)
        await w.setup(channel)
        thread, _ = await w.post(channel)
        insider = w.guild.add_member(w.env.create_user("insider"), roles=[club])
        outsider = w.guild.add_member(w.env.create_user("outsider"))
        seen = _fields(await insider.slash(w.text, "help"))["On this server"]
        assert f"<#{thread.id}>" in seen and "One discussion is open:" in seen
        unseen = _fields(await outsider.slash(w.text, "help"))["On this server"]
        assert f"<#{thread.id}>" not in unseen and "No discussion is open" in unseen
        assert unseen.startswith("Questions are posted in a channel you cannot see.")
        assert f"<#{channel.id}>" not in unseen and f"<#{channel.id}>" in seen


async def test_without_command_ids_names_are_plain(sqlite_url: str) -> None:
    async with world(sqlite_url, members=1) as w:
        w.env.inject_error("GET", "/applications/*/commands", status=500, times=10)
        result = await w.members[0].slash(w.text, "help")
        value = "".join(_fields(result).values())
        assert "`/mydata show`" in value and not MENTION.search(value)
        assert isinstance(result.response.embeds[0], discord.Embed)


async def _invited(w: Any) -> None:
    """The bot removed from the server, then invited to it again."""
    kicked = w.remove_bot()
    await w.settle()
    kicked.invite()
    await w.settle()


def _said_in(w: Any, channel: Any) -> list[str]:
    return [m.content for m in w.env.backend.messages.get(channel.id, {}).values()]


async def test_joining_a_new_server_says_how_to_start_where_members_read(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=0, setup=False) as w:
        hidden = discord.PermissionOverwrite(send_messages=False)
        everyone = w.bot.get_guild(w.guild.id).default_role
        w.guild.create_text_channel("annonces", overwrites={everyone: hidden})
        await _invited(w)
        (said,) = _said_in(w, w.text)  # the first channel the bot may write in
        assert said.startswith("👋 Merci de m’avoir invité\u202f!")
        assert re.search(r"lance </setup:\d+> \(`/configurer`\) et choisit le salon", said), said
        assert re.search(r"</help:\d+> \(`/aide`\) explique le reste", said)
        sent = [
            r for r in w.env.http_requests if r.path.endswith(f"/channels/{w.text.id}/messages")
        ]
        assert sent[-1].json["allowed_mentions"] == {"parse": []}


async def test_back_in_a_server_it_left_it_says_posting_waits_for_staff(sqlite_url: str) -> None:
    async with world(sqlite_url, members=0) as w:
        await w.setup(language="en")
        welcome = w.guild.create_text_channel("welcome")  # after #general in the list
        w.env.backend.guilds[w.guild.id].system_channel_id = welcome.id
        await _invited(w)
        assert _said_in(w, w.text) == []
        (said,) = _said_in(w, welcome)
        assert re.fullmatch(
            r"👋 I'm back\. Posting stays paused until a staff member runs "
            r"</schedule resume:\d+>; .* </help:\d+> explains how I work here\.",
            said,
        ), said


@pytest.mark.parametrize("refused", ["send_messages", "view_channel"])
async def test_a_system_channel_the_bot_may_not_write_in_is_passed_over(
    sqlite_url: str, refused: str
) -> None:
    """The server's system channel is where Discord greets newcomers; when the bot may not
    write there (or not even read it), it greets in the first channel where it may, and
    its words ping nobody."""
    async with world(sqlite_url, members=0) as w:
        everyone = w.bot.get_guild(w.guild.id).default_role
        closed = discord.PermissionOverwrite(**{refused: False})
        system = w.guild.create_text_channel("annonces", overwrites={everyone: closed})
        w.env.backend.guilds[w.guild.id].system_channel_id = system.id
        await _invited(w)
        assert _said_in(w, system) == []
        (said,) = _said_in(w, w.text)
        assert said.startswith("👋")
        (sent,) = [r for r in w.env.http_requests if r.path.endswith("/messages")]
        assert sent.json["allowed_mentions"] == {"parse": []}
        assert not w.env.errors


async def test_the_greeting_goes_to_the_first_channel_as_discord_lists_them(
    sqlite_url: str,
) -> None:
    """Discord lists the channels outside any category first, then each category in its
    order with its channels in theirs: a channel's own position says nothing across
    categories. The greeting goes to the first channel so listed where the bot may write."""
    from simcord.backend.models import Overwrite
    from simcord.enums import OverwriteType

    async with world(sqlite_url, members=0) as w:
        channels = w.env.backend.channels
        top, bottom = w.guild.create_category("Accueil"), w.guild.create_category("Archives")
        welcome = w.guild.create_text_channel("bienvenue", category=top)
        old = w.guild.create_text_channel("vieux", category=bottom)
        for handle, position in ((top, 0), (bottom, 5), (welcome, 4), (old, 2), (w.text, 9)):
            channels[handle.id].position = position
        await _invited(w)  # #general: outside any category, listed before both
        assert [len(_said_in(w, c)) for c in (w.text, welcome, old)] == [1, 0, 0]

        silenced = discord.Permissions(send_messages=True).value
        channels[w.text.id].overwrites = [
            Overwrite(target_id=w.guild.id, type=OverwriteType.ROLE, allow=0, deny=silenced)
        ]
        await _invited(w)  # the top category's channel, though #vieux has a smaller position
        assert [len(_said_in(w, c)) for c in (w.text, welcome, old)] == [1, 1, 0]
        assert not w.env.errors


async def _registered(w: Any) -> dict[str, int]:
    """Each slash command's full name as registered with Discord (its default name), with
    the id Discord gave its top-level command."""
    fetched = {c.name: c.id for c in await w.bot.tree.fetch_commands()}
    return {
        c.qualified_name: fetched[c.qualified_name.split()[0]]
        for c in w.bot.tree.walk_commands()
        if isinstance(c, app_commands.Command)
    }


async def test_mentions_a_french_client_clicks_name_the_registered_command(
    sqlite_url: str,
) -> None:
    """Discord opens a mention only when it carries the command's registered name (a
    localized one, ``</aide:…>``, shows but does nothing when clicked): every mention uses
    that name, and a French reader still reads the name her menu shows."""
    async with world(sqlite_url, members=1) as w:
        alice = w.members[0]
        w.speaks(alice, "fr")
        w.speaks(w.mod, "fr")
        registered = await _registered(w)
        for reader in (alice, w.mod):
            result = await reader.slash(w.text, "help")
            check_limits(None, result.response.embeds)
            text = "\n".join(_fields(result).values())
            found = MENTION.findall(text)
            assert found
            for name, command_id in found:
                assert registered.get(name) == int(command_id), (name, text)
            assert "(`/mesdonnées effacer`)" in _fields(result)["Vos données"]
        await _invited(w)
        said = _said_in(w, w.text)[-1]
        for name, command_id in MENTION.findall(said):
            assert registered.get(name) == int(command_id), (name, said)
        assert re.search(r"</help:\d+> \(`/aide`\)", said), said


async def test_a_used_up_bank_is_no_next_question(sqlite_url: str) -> None:
    """The rotation's questions all posted: each slot posts nothing (/schedule show says so),
    and /help no longer promises members a next question."""
    async with world(sqlite_url, members=1) as w:
        alice = w.members[0]
        await w.mod.slash(w.forum, "question add", text="Faut-il un ciné-club ?", category="cinéma")
        await w.setup(categories="cinéma")
        before = _fields(await alice.slash(w.text, "help"))["On this server"]
        assert "Next question <t:" in before, before
        await w.post()
        after = _fields(await alice.slash(w.text, "help"))["On this server"]
        assert after.splitlines()[1] == "No post is planned.", after


async def test_an_outage_or_a_new_session_greets_nobody(sqlite_url: str) -> None:
    """The server unavailable for a while (GUILD_DELETE with ``unavailable``, then its
    GUILD_CREATE), a new gateway session, a restart: the bot never left, it says nothing."""
    from simcord.backend import serializers

    from tests.e2e.test_catch_up_away import READY_WAIT
    from tests.harness import from_gateway

    async with world(sqlite_url, members=0) as w:
        backend = w.env.backend
        server = backend.guilds[w.guild.id]
        backend.emit("GUILD_DELETE", {"id": str(w.guild.id), "unavailable": True})
        await w.settle()
        backend.emit("GUILD_CREATE", dict(serializers.guild_create_payload(backend, server)))
        await w.settle()
        shard = w.bot.get_shard(0)._parent  # type: ignore[union-attr]
        await from_gateway(w.env, shard.disconnect())
        await from_gateway(w.env, shard.reconnect())
        await w.env.advance_time(READY_WAIT)
        await w.settle()
        await w.restart()
        said = [m.content or "" for ms in backend.messages.values() for m in ms.values()]
        assert not [s for s in said if s.startswith("👋")]
        assert not w.env.errors


async def test_the_bots_status_names_its_help_command_in_both_languages(sqlite_url: str) -> None:
    """Under its name in the member list: "💬 /aide · /help", the command as each
    language's menu names it (a presence is one for every server)."""
    async with world(sqlite_url, members=0) as w:
        status = w.bot.activity
        assert isinstance(status, discord.CustomActivity)
        command = w.bot.tree.get_command("help")
        assert command is not None
        french = await w.bot.tree.translator.translate(
            command._locale_name or app_commands.locale_str("help"),
            discord.Locale.french,
            app_commands.TranslationContext(
                app_commands.TranslationContextLocation.command_name, command
            ),
        )
        assert status.name == f"💬 /{french} · /{command.name}"


async def test_a_new_server_is_greeted_in_its_language_on_discord(sqlite_url: str) -> None:
    """The greeting speaks as the first ``/setup`` will (``setup.first_language``): an
    English server on Discord is greeted in English though the bot's default is French."""
    async with world(sqlite_url, members=0, setup=False, locale="en-GB") as w:
        assert w.bot.app.settings.default_language == "fr"
        await _invited(w)
        (said,) = _said_in(w, w.text)
        assert said.startswith("👋 Thanks for inviting me!"), said
        assert re.search(r"</help:\d+> explains the rest", said), said
