"""``/question suggestions``: pending suggestions for staff, a page at a time,
each one opened as a private review card (the same card and buttons as in
the review channel)."""

from __future__ import annotations

from typing import Any

import discord

from bot.discord_text import safe, title
from bot.i18n import t
from bot.interactions import app_of
from bot.render import timestamp
from bot.review_card import review_embed, review_view
from bot.services import suggestions
from cogs._common import Pager, require


def suggestions_embed(rows: list[Any], total: int, lang: str) -> discord.Embed:
    embed = discord.Embed(
        title=t("suggestions-title", lang, total=total), colour=discord.Colour.gold()
    )
    lines = []
    for s in rows:
        extra = f" · {safe(s.category, 40, one_line=True)}" if s.category else ""
        lines.append(
            f"`#{s.id}` {safe(s.text, 180, one_line=True)}\n"
            f"　↳ {safe(' / '.join(s.options), 120, one_line=True)}{extra}"
            f" · **{safe(s.author_name, 80, one_line=True)}** · {timestamp(s.created_at)}"
        )
    embed.description = "\n".join(lines) or t("suggestions-empty", lang)
    if rows:
        embed.set_footer(text=t("suggestions-legend", lang))
    return embed


class PickSuggestion(discord.ui.Select[Any]):
    def __init__(self, rows: list[Any], lang: str) -> None:
        super().__init__(
            placeholder=t("suggestions-pick", lang)[:150],
            options=[
                discord.SelectOption(label=title(f"#{s.id} {s.text}", 100), value=str(s.id))
                for s in rows
            ],
            row=1,
        )
        self.lang = lang

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        require(interaction, "manage_messages")
        assert interaction.guild_id is not None
        chosen = await suggestions.get_pending(
            app_of(interaction), interaction.guild_id, int(self.values[0])
        )
        view = review_view(chosen.id, self.lang)
        await interaction.response.send_message(
            embed=review_embed(chosen, self.lang),
            view=view,
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        view.stop()


class SuggestionPager(Pager):
    def __init__(self, owner_id: int, lang: str, guild: int) -> None:
        super().__init__(owner_id, lang)
        self.guild = guild
        self.cursors: list[int] = [0]
        self.last_id = 0
        self.pick: PickSuggestion | None = None

    async def render(self, interaction: discord.Interaction[Any]) -> discord.Embed:
        rows, total, more = await suggestions.pending(
            app_of(interaction), self.guild, self.cursors[-1]
        )
        self.last_id = rows[-1].id if rows else self.cursors[-1]
        self.update_buttons(has_previous=len(self.cursors) > 1, has_next=more)
        if self.pick is not None:
            self.remove_item(self.pick)
            self.pick = None
        if rows:
            self.pick = PickSuggestion(rows, self.lang)
            self.add_item(self.pick)
        return suggestions_embed(rows, total, self.lang)

    async def turn(self, interaction: discord.Interaction[Any], forward: bool) -> None:
        if forward:
            self.cursors.append(self.last_id)
        elif len(self.cursors) > 1:
            self.cursors.pop()
        embed = await self.render(interaction)
        await interaction.response.edit_message(embed=embed, view=self)
