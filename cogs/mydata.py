"""``/mydata``: a member sees, downloads, erases or stops the storing of their data."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import custom_ids
from bot.discord_render import limits
from bot.discord_render.limits import whole_lines
from bot.discord_text import safe
from bot.factory import EtVousBot
from bot.i18n import t
from bot.interactions import app_of, language
from bot.services import mydata
from cogs._common import L, guild_id, say
from cogs._persistent_item import PersistentItem


def _when(interaction: discord.Interaction[Any]) -> datetime:
    """When the member acted, by Discord's clock (the one her messages are dated by)."""
    return discord.utils.snowflake_time(interaction.id)


class EraseButton(PersistentItem[discord.ui.Button[Any]], template=custom_ids.ERASE):
    """Confirm or cancel ``/mydata delete``: the custom id names the member, so the
    answer is taken however long she reads the warning, and across a restart."""

    def __init__(self, user_id: int, choice: str) -> None:
        super().__init__(discord.ui.Button(custom_id=custom_ids.erase(user_id, choice)))
        self.user_id, self.choice = user_id, choice

    @classmethod
    def from_match(cls, match: re.Match[str]) -> EraseButton:
        return cls(int(match["user"]), match["choice"])

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        return interaction.user.id == self.user_id

    async def clicked(self, interaction: discord.Interaction[Any]) -> None:
        lang = language(interaction)
        if self.choice == "cancel":
            await interaction.response.edit_message(content=t("mydata-kept", lang), view=None)
            return
        erasure = await mydata.erase_member(
            app_of(interaction), guild_id(interaction), self.user_id, at=_when(interaction)
        )
        await interaction.response.edit_message(
            content=t("mydata-erased", lang, n=erasure.replies, suggestions=erasure.suggestions),
            view=None,
        )
        _recount_posts(interaction)
        await mydata.clean_up_erasures_now(app_of(interaction), interaction.client)


def _recount_posts(interaction: discord.Interaction[Any]) -> None:
    """Her stances leave (or rejoin) the counts on the server's open question posts."""
    bot: EtVousBot = interaction.client
    bot.refresher.mark_guild(guild_id(interaction))


def confirm_erase_view(user_id: int, lang: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for choice, key, style in (
        ("confirm", "mydata-confirm", discord.ButtonStyle.danger),
        ("cancel", "mydata-cancel", discord.ButtonStyle.secondary),
    ):
        button = EraseButton(user_id, choice)
        button.item.label, button.item.style = t(key, lang), style
        view.add_item(button)
    return view


@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)
class MyData(
    commands.GroupCog,
    group_name=L("mydata", "cmd-mydata"),
    group_description=L("What the bot stores about you", "cmd-mydata-desc"),
):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=L("show", "cmd-show"),
        description=L("See what is stored about you", "cmd-mydata-show-desc"),
    )
    @app_commands.rename(download=L("download", "opt-download"))
    @app_commands.describe(download=L("Also send it as a JSONL file", "opt-download-desc"))
    async def show(self, interaction: discord.Interaction[Any], download: bool = False) -> None:
        app = app_of(interaction)
        gid = guild_id(interaction)
        lang = language(interaction)
        data = await mydata.my_data(app, gid, interaction.user.id)
        embed = discord.Embed(title=t("mydata-title", lang), colour=discord.Colour.blurple())
        embed.description = t(
            "mydata-counts",
            lang,
            replies=data.counts.replies,
            stances=data.counts.stances,
            votes=data.counts.votes,
            suggestions=data.counts.suggestions,
        )
        if data.counts.opted_out:
            embed.description += "\n" + t("mydata-is-opted-out", lang)
        if data.stances:
            embed.add_field(
                name=t("mydata-stances", lang),
                value=whole_lines(
                    (
                        t(
                            "mydata-stance-line",
                            lang,
                            id=d.id,
                            question=safe(d.question_text, 80, one_line=True),
                            option=safe(d.options[s.option], 60, one_line=True),
                        )
                        for s, d in data.stances[:10]
                        if 0 <= s.option < len(d.options)
                    ),
                    limits.FIELD_VALUE,
                )
                or "—",
                inline=False,
            )
        if data.replies:
            embed.add_field(
                name=t("mydata-replies", lang),
                value=whole_lines(
                    (
                        t(
                            "mydata-reply-line",
                            lang,
                            id=r.discussion_id,
                            link=f"https://discord.com/channels/{gid}/{thread}/{r.id}",
                            text=safe(r.text, 70, one_line=True),
                        )
                        for r, thread in data.replies[:8]
                    ),
                    limits.FIELD_VALUE,
                ),
                inline=False,
            )
        file = None
        if download:
            file = discord.File(
                await mydata.my_data_file(app, gid, interaction.user.id), filename="mydata.jsonl"
            )
        await say(interaction, "mydata-intro", embed=embed, file=file)

    @app_commands.command(
        name=L("delete", "cmd-delete"),
        description=L("Erase your data in this server", "cmd-mydata-delete-desc"),
    )
    async def delete(self, interaction: discord.Interaction[Any]) -> None:
        view = confirm_erase_view(interaction.user.id, language(interaction))
        await say(interaction, "mydata-delete-confirm", view=view)
        view.stop()  # its buttons are dynamic items: they answer without this view

    @app_commands.command(
        name=L("optout", "cmd-optout"),
        description=L("Stop storing anything about you", "cmd-mydata-optout-desc"),
    )
    async def optout(self, interaction: discord.Interaction[Any]) -> None:
        await _set_opted_out(interaction, True)

    @app_commands.command(
        name=L("optin", "cmd-optin"), description=L("Allow storing again", "cmd-mydata-optin-desc")
    )
    async def optin(self, interaction: discord.Interaction[Any]) -> None:
        await _set_opted_out(interaction, False)


async def _set_opted_out(interaction: discord.Interaction[Any], opted_out: bool) -> None:
    """``/mydata optout`` or ``optin``: what she writes here from now on is stored or not,
    and her stances leave or rejoin the counts on the open question posts."""
    await mydata.set_opted_out(
        app_of(interaction),
        guild_id(interaction),
        interaction.user.id,
        opted_out,
        at=_when(interaction),
    )
    _recount_posts(interaction)
    await say(interaction, "mydata-opted-out" if opted_out else "mydata-opted-in")


@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)
async def _delete_my_reply(interaction: discord.Interaction[Any], message: discord.Message) -> None:
    """The "Delete my reply" menu on the bot's post of her form reply (she cannot delete it).
    Thinking first: deleting from a closed thread opens it and archives it again, more than
    the 3 seconds Discord gives an answer when it is slow."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    await mydata.delete_form_reply(
        app_of(interaction),
        interaction.client,
        guild_id(interaction),
        interaction.user.id,
        message.id,
    )
    await say(interaction, "form-reply-deleted")


def delete_my_reply_menu() -> app_commands.ContextMenu:
    return app_commands.ContextMenu(
        name=L("Delete my reply", "ctx-delete-my-reply"), callback=_delete_my_reply
    )


async def setup(bot: EtVousBot) -> None:
    bot.add_dynamic_items(EraseButton)
    await bot.add_cog(MyData(bot))
    bot.tree.add_command(delete_my_reply_menu())
