"""``/question list``: the bank, a page at a time (of one category, if asked)."""

from __future__ import annotations

from typing import Any

import discord

from bot.discord_text import safe
from bot.i18n import t
from bot.interactions import app_of
from bot.services import bank
from cogs._common import Pager


def bank_embed(rows: list[Any], total: int, lang: str) -> discord.Embed:
    embed = discord.Embed(title=t("bank-title", lang, total=total), colour=discord.Colour.blurple())
    lines = []
    for q in rows:
        mark = "✅" if q.status == "posted" else ("⏭️" if q.up_next else "🕒")
        extra = f" · {safe(q.category, 40, one_line=True)}" if q.category else ""
        lines.append(
            f"{mark} `#{q.id}` {safe(q.text, 180, one_line=True)}\n"
            f"　↳ {safe(' / '.join(q.options), 150, one_line=True)}{extra}"
        )
    embed.description = "\n".join(lines) or t("bank-empty", lang)
    embed.set_footer(text=t("bank-legend", lang))
    return embed


class BankPager(Pager):
    def __init__(self, owner_id: int, lang: str, guild: int, category: str | None) -> None:
        super().__init__(owner_id, lang)
        self.guild, self.category = guild, category
        self.cursors: list[int] = [0]

    async def render(self, interaction: discord.Interaction[Any]) -> discord.Embed:
        rows, total, more = await bank.page(
            app_of(interaction), self.guild, self.cursors[-1], category=self.category
        )
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
