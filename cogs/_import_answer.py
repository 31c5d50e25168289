"""What ``/question import`` stored, shown under its answer as ``/question list`` shows
the bank: each question as stored (its number, its words with French spacing, its
options), then the article's questions the bank already had (with its number) or that it
asks twice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord

from bot.discord_text import safe
from bot.i18n import t

ROOM = 3_500
"""Of the description's 4,096: the line saying how many more are left out fits after it."""
DUPLICATES_ROOM = 1_000
"""Of a field's 1,024."""


def imported_embed(
    added: Sequence[Any], duplicates: Sequence[Any], lang: str
) -> discord.Embed | None:
    """The questions added, as stored, and the duplicates skipped; None when neither."""
    if not added and not duplicates:
        return None
    embed = discord.Embed(colour=discord.Colour.blurple())
    if added:
        lines = [
            f"`{t('list-number', lang, id=q.id)}` {safe(q.text, 180, one_line=True)}\n"
            f"　↳ {safe(' / '.join(q.options), 150, one_line=True)}"
            for q in added
        ]
        embed.description = _within(
            lines, ROOM, lambda more: t("import-listed-more", lang, more=more)
        )
    if duplicates:
        lines = [
            f"• {safe(d.text, 180, one_line=True)} — {_why_skipped(d.bank_id, lang)}"
            for d in duplicates
        ]
        embed.add_field(
            name=t("import-listed-duplicates", lang, skipped=len(duplicates)),
            value=_within(
                lines, DUPLICATES_ROOM, lambda more: t("import-listed-others", lang, more=more)
            ),
            inline=False,
        )
    return embed


def _why_skipped(bank_id: int | None, lang: str) -> str:
    """« déjà dans la banque (n° 12) » or « posée deux fois dans l’article »."""
    if bank_id is None:
        return t("import-listed-twice", lang)
    return t("import-listed-in-bank", lang, id=bank_id)


def _within(lines: Sequence[str], room: int, more: Any) -> str:
    """The first lines that fit in ``room``, and ``more(n)`` for the ``n`` left out."""
    shown: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > room:
            return "\n".join([*shown, more(len(lines) - len(shown))])
        shown.append(line)
        used += len(line) + 1
    return "\n".join(shown)
