"""``/question list``: the bank, a page at a time (of one category, if asked), with
buttons that keep paging after ten minutes or a restart."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import discord

from bot import custom_ids
from bot.discord_text import safe
from bot.i18n import t
from bot.interactions import app_of, language
from bot.services import bank
from cogs._common import guild_id
from cogs._paging import FIRST_PAGE, PageButton, PageTurn, page_buttons, page_cursors


def bank_embed(
    rows: list[Any],
    total: int,
    lang: str,
    category: str | None = None,
    known: Sequence[str] = (),
    rotation: Sequence[str] = (),
) -> discord.Embed:
    """A page of the bank; ``known``: its categories, named when ``category`` holds none;
    ``rotation``: the categories the server posts (a question of none of them is marked
    apart: the schedule never reaches it)."""
    embed = discord.Embed(title=t("bank-title", lang, total=total), colour=discord.Colour.blurple())
    lines = []
    for q in rows:
        mark = (
            "✅"
            if q.status == "posted"
            else "⏭️"
            if q.up_next
            else "🚫"
            if bank.outside(rotation, q.category)
            else "🕒"
        )
        extra = f" · {safe(q.category, 40, one_line=True)}" if q.category else ""
        lines.append(
            f"{mark} `{t('list-number', lang, id=q.id)}` {safe(q.text, 180, one_line=True)}\n"
            f"　↳ {safe(' / '.join(q.options), 150, one_line=True)}{extra}"
        )
    embed.description = "\n".join(lines) or _empty(lang, category, known)
    embed.set_footer(text=t("bank-legend-rotation" if rotation else "bank-legend", lang))
    return embed


def _empty(lang: str, category: str | None, known: Sequence[str]) -> str:
    """An empty page: the bank, or only the category asked (a name mistyped, as often, or
    one of a bank without any)."""
    if category is None:
        return t("bank-empty", lang)
    if not known:  # none to name: how to give one
        return t("bank-category-none-yet", lang, category=safe(category, 40, one_line=True))
    return t(
        "bank-category-empty",
        lang,
        category=safe(category, 40, one_line=True),
        known=", ".join(safe(name, 40, one_line=True) for name in known) or "—",
    )


async def bank_listing(
    interaction: discord.Interaction[Any], category: str | None, turn: PageTurn = FIRST_PAGE
) -> tuple[discord.Embed, discord.ui.View]:
    """A page of the bank (of one category) and its buttons."""
    lang = language(interaction)
    rows, total, more = await bank.page(
        app_of(interaction),
        guild_id(interaction),
        turn.cursor,
        category=category,
        backward=turn.backward,
    )
    known = (
        await bank.category_names(app_of(interaction), guild_id(interaction))
        if category is not None and not total
        else []
    )
    rotation = await bank.rotation(app_of(interaction), guild_id(interaction))
    cursors = page_cursors(turn, [q.position for q in rows], more, step=1)
    view = page_buttons(
        lang, cursors, lambda direction, cursor: BankPageButton(direction, cursor, category)
    )
    return bank_embed(rows, total, lang, category, known, rotation), view


class BankPageButton(PageButton, template=custom_ids.BANK_PAGE):
    """Previous or Next of ``/question list``: the category and the cursor are in the custom id."""

    def __init__(self, direction: str, cursor: int, category: str | None) -> None:
        super().__init__(custom_ids.bank_page(direction, cursor, category), direction, cursor)
        self.category = category

    @classmethod
    def from_match(cls, match: re.Match[str]) -> BankPageButton:
        return cls(match["direction"], int(match["cursor"]), match["category"] or None)

    async def listing(
        self, interaction: discord.Interaction[Any]
    ) -> tuple[discord.Embed, discord.ui.View]:
        return await bank_listing(interaction, self.category, self.turn)
