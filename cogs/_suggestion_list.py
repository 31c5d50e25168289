"""``/question suggestions``: pending suggestions for staff, a page at a time,
each one opened as a private review card (the same card and buttons as in
the review channel)."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot import custom_ids
from bot.discord_text import safe, title
from bot.i18n import t
from bot.interactions import app_of, language
from bot.render import timestamp
from bot.review_card import review_embed, review_view
from bot.services import suggestions
from cogs._common import guild_id, require
from cogs._paging import FIRST_PAGE, PageButton, PageTurn, page_buttons, page_cursors
from cogs._persistent_item import PersistentItem


def suggestions_embed(rows: list[Any], total: int, lang: str) -> discord.Embed:
    embed = discord.Embed(
        title=t("suggestions-title", lang, total=total), colour=discord.Colour.gold()
    )
    lines = []
    for s in rows:
        extra = f" · {safe(s.category, 40, one_line=True)}" if s.category else ""
        lines.append(
            f"`{t('list-number', lang, id=s.id)}` {safe(s.text, 180, one_line=True)}\n"
            f"　↳ {safe(' / '.join(s.options), 120, one_line=True)}{extra}"
            f" · **{safe(s.author_name, 80, one_line=True)}** · {timestamp(s.created_at)}"
        )
    embed.description = "\n".join(lines) or t("suggestions-empty", lang)
    if rows:
        embed.set_footer(text=t("suggestions-legend", lang))
    return embed


class PickSuggestion(PersistentItem[discord.ui.Select[Any]], template=custom_ids.SUGGESTIONS_PICK):
    """The menu opening one suggestion of the page as a private review card; the chosen
    id is the menu's value, so it answers after ten minutes or a restart too."""

    def __init__(self, menu: discord.ui.Select[Any]) -> None:
        super().__init__(menu)

    @classmethod
    def of(cls, rows: list[Any], lang: str) -> PickSuggestion:
        return cls(
            discord.ui.Select(
                custom_id=custom_ids.SUGGESTIONS_PICK,
                placeholder=t("suggestions-pick", lang)[:150],
                options=[
                    discord.SelectOption(
                        label=title(f"{t('list-number', lang, id=s.id)} {s.text}", 100),
                        value=str(s.id),
                    )
                    for s in rows
                ],
                row=1,
            )
        )

    @classmethod
    def from_match(cls, match: re.Match[str]) -> PickSuggestion:
        return cls(discord.ui.Select(custom_id=custom_ids.SUGGESTIONS_PICK))

    async def clicked(self, interaction: discord.Interaction[Any]) -> None:
        require(interaction, "manage_messages")
        lang = language(interaction)
        chosen = await suggestions.get_pending(
            app_of(interaction), guild_id(interaction), int(self.item.values[0])
        )
        earlier = await suggestions.rejected_before(app_of(interaction), chosen)
        view = review_view(chosen.id, lang)
        await interaction.response.send_message(
            embed=review_embed(chosen, lang, rejected_before=earlier),
            view=view,
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        view.stop()


async def suggestions_listing(
    interaction: discord.Interaction[Any], turn: PageTurn = FIRST_PAGE
) -> tuple[discord.Embed, discord.ui.View]:
    """A page of pending suggestions, its buttons and its menu."""
    lang = language(interaction)
    rows, total, more = await suggestions.pending(
        app_of(interaction), guild_id(interaction), turn.cursor, backward=turn.backward
    )
    if not total:  # nothing waits: no page to turn, no suggestion to open
        return suggestions_embed(rows, total, lang), discord.ui.View(timeout=None)
    cursors = page_cursors(turn, [s.id for s in rows], more, step=1)
    view = page_buttons(lang, cursors, SuggestionPageButton)
    if rows:
        view.add_item(PickSuggestion.of(rows, lang))
    return suggestions_embed(rows, total, lang), view


class SuggestionPageButton(PageButton, template=custom_ids.SUGGESTIONS_PAGE):
    """Previous or Next of ``/question suggestions``: the cursor is in the custom id."""

    def __init__(self, direction: str, cursor: int) -> None:
        super().__init__(custom_ids.suggestions_page(direction, cursor), direction, cursor)

    @classmethod
    def from_match(cls, match: re.Match[str]) -> SuggestionPageButton:
        return cls(match["direction"], int(match["cursor"]))

    async def listing(
        self, interaction: discord.Interaction[Any]
    ) -> tuple[discord.Embed, discord.ui.View]:
        return await suggestions_listing(interaction, self.turn)
