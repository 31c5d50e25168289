"""``/question``: the bank (add, list, remove, import, post now)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_text import safe
from bot.errors import UserError
from bot.factory import EtVousBot
from bot.i18n import t
from bot.importer import MAX_ARTICLE_BYTES
from bot.interactions import app_of, language
from bot.services import bank
from bot.services import discussions as discussion_service
from cogs._common import L, Pager, guild_id, require, say


def bank_embed(rows: list[Any], total: int, lang: str) -> discord.Embed:
    embed = discord.Embed(title=t("bank-title", lang, total=total), colour=discord.Colour.blurple())
    lines = []
    for q in rows:
        mark = "✅" if q.status == "posted" else "🕒"
        lines.append(
            f"{mark} `#{q.id}` {safe(q.text, 180, one_line=True)}\n　↳ {safe(' / '.join(q.options), 150, one_line=True)}"
        )
    embed.description = "\n".join(lines) or t("bank-empty", lang)
    embed.set_footer(text=t("bank-legend", lang))
    return embed


class BankPager(Pager):
    def __init__(self, owner_id: int, lang: str, guild: int) -> None:
        super().__init__(owner_id, lang)
        self.guild = guild
        self.cursors: list[int] = [0]

    async def render(self, interaction: discord.Interaction[Any]) -> discord.Embed:
        rows, total, more = await bank.page(app_of(interaction), self.guild, self.cursors[-1])
        self.last_position = rows[-1].position if rows else self.cursors[-1]
        self.update_buttons(has_previous=len(self.cursors) > 1, has_next=more)
        return bank_embed(rows, total, self.lang)

    async def turn(self, interaction: discord.Interaction[Any], forward: bool) -> None:
        if forward:
            self.cursors.append(self.last_position)
        elif len(self.cursors) > 1:
            self.cursors.pop()
        embed = await self.render(interaction)
        await interaction.response.edit_message(embed=embed, view=self)


@app_commands.default_permissions(manage_messages=True)
@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)
class Questions(
    commands.GroupCog,
    group_name=L("question", "cmd-question"),
    group_description=L("The question bank", "cmd-question-desc"),
):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=L("add", "cmd-add"), description=L("Add a question", "cmd-question-add-desc")
    )
    @app_commands.rename(text=L("text", "opt-text"), options=L("options", "opt-options"))
    @app_commands.describe(
        text=L("The question", "opt-text-desc"),
        options=L("Answer options separated by |, e.g. Oui|Non|Nuancé", "opt-options-desc"),
    )
    async def add(
        self, interaction: discord.Interaction[Any], text: str, options: str | None = None
    ) -> None:
        require(interaction, "manage_messages")
        question = await bank.add(
            app_of(interaction),
            guild_id(interaction),
            text=text,
            options=options,
            actor_id=interaction.user.id,
        )
        await say(
            interaction,
            "question-added",
            id=question.id,
            options=safe(" / ".join(question.options), 500, one_line=True),
        )

    @app_commands.command(
        name=L("list", "cmd-list"), description=L("List the bank", "cmd-question-list-desc")
    )
    async def list_(self, interaction: discord.Interaction[Any]) -> None:
        require(interaction, "manage_messages")
        lang = language(interaction)
        pager = BankPager(interaction.user.id, lang, guild_id(interaction))
        embed = await pager.render(interaction)
        await interaction.response.send_message(embed=embed, view=pager, ephemeral=True)

    @app_commands.command(
        name=L("remove", "cmd-remove"),
        description=L("Remove a question", "cmd-question-remove-desc"),
    )
    @app_commands.rename(id_=L("id", "opt-id"))
    async def remove(
        self, interaction: discord.Interaction[Any], id_: app_commands.Range[int, 1, 2**53]
    ) -> None:
        require(interaction, "manage_messages")
        question = await bank.remove(
            app_of(interaction), guild_id(interaction), id_, actor_id=interaction.user.id
        )
        await say(interaction, "question-removed", id=question.id)

    @app_commands.command(
        name=L("import", "cmd-import"),
        description=L("Import an article's questions", "cmd-question-import-desc"),
    )
    @app_commands.rename(file=L("file", "opt-file"), options=L("options", "opt-options"))
    @app_commands.describe(file=L('A UTF-8 text file with an "Et vous ?" section', "opt-file-desc"))
    async def import_(
        self,
        interaction: discord.Interaction[Any],
        file: discord.Attachment,
        options: str | None = None,
    ) -> None:
        require(interaction, "manage_messages")
        if file.size > MAX_ARTICLE_BYTES:
            raise UserError("error-import-too-large")
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await file.read()
        outcome = await bank.import_article(
            app_of(interaction),
            guild_id(interaction),
            data,
            options=options,
            actor_id=interaction.user.id,
            source=file.filename[:200],
        )
        await say(
            interaction, "question-imported", added=len(outcome.added), skipped=len(outcome.skipped)
        )

    @app_commands.command(
        name=L("post", "cmd-post"), description=L("Post a question now", "cmd-question-post-desc")
    )
    @app_commands.rename(id_=L("id", "opt-id"))
    async def post(
        self,
        interaction: discord.Interaction[Any],
        id_: app_commands.Range[int, 1, 2**53] | None = None,
    ) -> None:
        require(interaction, "manage_messages")
        await interaction.response.defer(ephemeral=True, thinking=True)
        discussion = await discussion_service.post_question(
            app_of(interaction),
            self.bot,
            guild_id(interaction),
            question_id=id_,
            actor_id=interaction.user.id,
        )
        await say(interaction, "question-posted", id=discussion.id, thread=discussion.thread_id)


async def setup(bot: EtVousBot) -> None:
    await bot.add_cog(Questions(bot))
