"""``/mydata``: a member sees, downloads, erases or stops the storing of their data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_text import safe
from bot.factory import EtVousBot
from bot.i18n import t
from bot.interactions import app_of, language
from bot.services import mydata
from cogs._common import L, guild_id, say


def _when(interaction: discord.Interaction[Any]) -> datetime:
    """When the member acted, by Discord's clock (the one her messages are dated by)."""
    return discord.utils.snowflake_time(interaction.id)


class ConfirmErase(discord.ui.View):
    def __init__(self, owner_id: int, guild: int, lang: str) -> None:
        super().__init__(timeout=120)
        self.owner_id, self.guild, self.lang = owner_id, guild, lang
        self.confirm.label = t("mydata-confirm", lang)
        self.cancel.label = t("mydata-cancel", lang)

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        return interaction.user.id == self.owner_id

    @discord.ui.button(style=discord.ButtonStyle.danger, label="confirm")
    async def confirm(
        self, interaction: discord.Interaction[Any], _: discord.ui.Button[Any]
    ) -> None:
        erasure = await mydata.erase_member(
            app_of(interaction), self.guild, interaction.user.id, at=_when(interaction)
        )
        self.stop()
        await interaction.response.edit_message(
            content=t(
                "mydata-erased", self.lang, n=erasure.replies, suggestions=erasure.suggestions
            ),
            view=None,
        )
        await mydata.remove_form_posts(interaction.client, erasure.form_posts)
        await mydata.clean_up_erasures(app_of(interaction), interaction.client)

    @discord.ui.button(style=discord.ButtonStyle.secondary, label="cancel")
    async def cancel(
        self, interaction: discord.Interaction[Any], _: discord.ui.Button[Any]
    ) -> None:
        self.stop()
        await interaction.response.edit_message(content=t("mydata-kept", self.lang), view=None)


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
                value="\n".join(
                    f"#{d.id} {safe(d.question_text, 80, one_line=True)} → **{safe(d.options[s.option], 60, one_line=True)}**"
                    for s, d in data.stances[:10]
                    if 0 <= s.option < len(d.options)
                )[:1024]
                or "—",
                inline=False,
            )
        if data.replies:
            embed.add_field(
                name=t("mydata-replies", lang),
                value="\n".join(
                    f"[#{r.id}](https://discord.com/channels/{gid}/{thread}/{r.id}) {safe(r.text, 70, one_line=True)}"
                    for r, thread in data.replies[:8]
                )[:1024],
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
        lang = language(interaction)
        view = ConfirmErase(interaction.user.id, guild_id(interaction), lang)
        await say(interaction, "mydata-delete-confirm", view=view)

    @app_commands.command(
        name=L("optout", "cmd-optout"),
        description=L("Stop storing what you write", "cmd-mydata-optout-desc"),
    )
    async def optout(self, interaction: discord.Interaction[Any]) -> None:
        await mydata.set_opted_out(
            app_of(interaction),
            guild_id(interaction),
            interaction.user.id,
            True,
            at=_when(interaction),
        )
        await say(interaction, "mydata-opted-out")

    @app_commands.command(
        name=L("optin", "cmd-optin"), description=L("Allow storing again", "cmd-mydata-optin-desc")
    )
    async def optin(self, interaction: discord.Interaction[Any]) -> None:
        await mydata.set_opted_out(
            app_of(interaction),
            guild_id(interaction),
            interaction.user.id,
            False,
            at=_when(interaction),
        )
        await say(interaction, "mydata-opted-in")


async def setup(bot: EtVousBot) -> None:
    await bot.add_cog(MyData(bot))
