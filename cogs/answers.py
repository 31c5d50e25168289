"""``/answers list|export|delete`` (Manage Server)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_text import safe
from bot.factory import EtVousBot
from bot.i18n import t
from bot.interactions import app_of, language
from bot.services import answers, mydata
from cogs._common import L, Pager, discussion_autocomplete, guild_id, require, say

DiscussionId = app_commands.Range[int, 1, 2**53]


def answers_embed(rows: list[Any], guild: int, lang: str) -> discord.Embed:
    embed = discord.Embed(title=t("answers-title", lang), colour=discord.Colour.blurple())
    lines = []
    for r, thread_id in rows:
        link = f"https://discord.com/channels/{guild}/{thread_id}/{r.id}"
        lines.append(
            t(
                "answers-line",
                lang,
                id=r.id,
                discussion=r.discussion_id,
                author=safe(r.author_name, 60, one_line=True),
                when=f"<t:{int(r.created_at.timestamp())}:R>",
                link=link,
            )
            + f"\n> {safe(r.text, 300, one_line=True)}"
        )
    embed.description = "\n".join(lines) or t("answers-none", lang)
    return embed


class AnswersPager(Pager):
    def __init__(
        self, owner_id: int, lang: str, guild: int, discussion: int | None, member: int | None
    ) -> None:
        super().__init__(owner_id, lang)
        self.guild, self.discussion, self.member = guild, discussion, member
        self.cursors: list[int | None] = [None]
        self.last_id: int | None = None

    async def render(self, interaction: discord.Interaction[Any]) -> discord.Embed:
        rows = await answers.page(
            app_of(interaction),
            self.guild,
            discussion_id=self.discussion,
            author_id=self.member,
            before_id=self.cursors[-1],
            limit=answers.PAGE + 1,
        )
        shown = rows[: answers.PAGE]
        self.last_id = shown[-1][0].id if shown else None
        self.update_buttons(has_previous=len(self.cursors) > 1, has_next=len(rows) > answers.PAGE)
        return answers_embed(shown, self.guild, self.lang)

    async def turn(self, interaction: discord.Interaction[Any], forward: bool) -> None:
        if forward and self.last_id is not None:
            self.cursors.append(self.last_id)
        elif not forward and len(self.cursors) > 1:
            self.cursors.pop()
        await interaction.response.edit_message(embed=await self.render(interaction), view=self)


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)
class Answers(
    commands.GroupCog,
    group_name=L("answers", "cmd-answers"),
    group_description=L("Stored answers", "cmd-answers-desc"),
):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=L("list", "cmd-list"), description=L("Browse stored answers", "cmd-answers-list-desc")
    )
    @app_commands.rename(
        discussion=L("discussion", "opt-discussion"), member=L("member", "opt-member")
    )
    @app_commands.autocomplete(discussion=discussion_autocomplete)
    async def list_(
        self,
        interaction: discord.Interaction[Any],
        discussion: DiscussionId | None = None,
        member: discord.User | None = None,
    ) -> None:
        require(interaction, "manage_guild")
        gid = guild_id(interaction)
        if discussion is not None:
            from bot.services.discussions import get_scoped

            await get_scoped(app_of(interaction), gid, discussion)
        pager = AnswersPager(
            interaction.user.id,
            language(interaction),
            gid,
            discussion,
            member.id if member else None,
        )
        embed = await pager.render(interaction)
        await interaction.response.send_message(
            embed=embed, view=pager, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @app_commands.command(
        name=L("export", "cmd-export"),
        description=L("Export stored answers", "cmd-answers-export-desc"),
    )
    @app_commands.rename(
        discussion=L("discussion", "opt-discussion"), format_=L("format", "opt-format")
    )
    @app_commands.choices(
        format_=[
            app_commands.Choice(name="JSONL", value="jsonl"),
            app_commands.Choice(name="CSV", value="csv"),
        ]
    )
    @app_commands.autocomplete(discussion=discussion_autocomplete)
    async def export(
        self,
        interaction: discord.Interaction[Any],
        discussion: DiscussionId | None = None,
        format_: str = "jsonl",
    ) -> None:
        require(interaction, "manage_guild")
        gid = guild_id(interaction)
        app = app_of(interaction)
        if discussion is not None:
            from bot.services.discussions import get_scoped

            await get_scoped(app, gid, discussion)
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await answers.export_file(
            app, gid, discussion, format_, actor_id=interaction.user.id
        )
        name = f"etvous-{gid}{'-' + str(discussion) if discussion else ''}.{format_}"
        await say(interaction, "answers-exported", file=discord.File(data, filename=name))

    @app_commands.command(
        name=L("delete", "cmd-delete"),
        description=L("Erase a stored answer's text", "cmd-answers-delete-desc"),
    )
    @app_commands.rename(message_id=L("message_id", "opt-message-id"))
    async def delete(self, interaction: discord.Interaction[Any], message_id: str) -> None:
        require(interaction, "manage_guild")
        from bot.errors import NotFound

        if not message_id.strip().isdigit() or not 0 < int(message_id.strip()) < 2**63:
            raise NotFound("reply")
        form_post = await answers.erase_answer(
            app_of(interaction),
            guild_id(interaction),
            int(message_id.strip()),
            actor_id=interaction.user.id,
        )
        await say(interaction, "answers-deleted", id=message_id.strip())
        await mydata.remove_form_posts(interaction.client, form_post)


async def setup(bot: EtVousBot) -> None:
    await bot.add_cog(Answers(bot))
