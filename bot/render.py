"""Embeds and components the bot posts (no callbacks: the cogs' dynamic items
answer the clicks by custom id)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import discord

from bot import custom_ids
from bot.discord_text import cut, safe, title
from bot.i18n import t
from bot.importer import MAX_OPTIONS, typeset
from bot.post_extras import PostExtras, timestamp

__all__ = [
    "NO_MENTIONS",
    "PostExtras",
    "new_post_embed",
    "question_embed",
    "question_view",
    "timestamp",
]

COLOUR = discord.Colour(0x5865F2)
CLOSED_COLOUR = discord.Colour(0x99AAB5)
NO_MENTIONS = discord.AllowedMentions.none()
NO_EXTRAS = PostExtras()
FIELD = 1024
QUESTION_MARK = "📌"
QUESTION = 4000
"""The question's room in the description (4,096), its bold marks and 📌 beside it."""
LINE_FRAME = 14
"""Around an option in its line: the bold marks, " — ", a count, the line break."""
SOURCE_LANGUAGE = 24
"""Beside a source's title, the room its language's name takes: " (in French)"."""


def question_embed(
    *,
    discussion_id: int,
    question: str,
    options: Sequence[str],
    counts: Mapping[int, int],
    closes_at: datetime | None,
    closed: bool,
    source: str | None,
    language: str,
    extras: PostExtras = NO_EXTRAS,
    open_hours: int = 0,
) -> discord.Embed:
    """A question post; without ``closes_at`` (a preview, not posted yet) its close is
    said as how long it stays open once posted, ``open_hours``."""
    # The question once, whole and prominent: no title (a title cut to a line, then the
    # description, had members read the question twice).
    embed = discord.Embed(
        description=f"{QUESTION_MARK} **{safe(question, QUESTION).strip()}**",
        colour=CLOSED_COLOUR if closed else COLOUR,
    )
    # Every option's line fits the field: many long options are shortened, never dropped.
    width = max(8, min(80, FIELD // max(1, len(options)) - LINE_FRAME))
    if extras.counts_hidden and not closed:
        lines = [f"**{safe(option, width, one_line=True)}**" for option in options]
        lines.append(f"*{t('post-counts-hidden', language)}*")
    else:
        lines = [
            f"**{safe(option, width, one_line=True)}** — {counts.get(i, 0)}"
            for i, option in enumerate(options)
        ]
    embed.add_field(
        name=t("post-stances", language), value=cut("\n".join(lines), FIELD), inline=False
    )
    key = "post-closed" if closed else "post-closes"
    closes = (
        timestamp(closes_at)
        if closes_at is not None
        else t("post-closes-after", language, open_for=duration(open_hours, language))
    )
    embed.add_field(name=t(key, language), value=closes, inline=True)
    if extras.category:
        embed.add_field(
            name=t("post-category", language),
            value=safe(extras.category, 100, one_line=True),
            inline=True,
        )
    if extras.credit_id is not None:
        # A mention in an embed shows the member's name and never pings.
        embed.add_field(
            name=t("post-suggested-by", language), value=f"<@{extras.credit_id}>", inline=True
        )
    if source:
        embed.add_field(
            name=t("post-source", language), value=_source(source, extras, language), inline=True
        )
    embed.set_footer(text=t("post-footer", language, id=discussion_id))
    return embed


def _source(source: str, extras: PostExtras, language: str) -> str:
    """The post's source: a title in a known language set as that language sets it (the
    shipped article's French title, with its no-break space before « : »), and named
    when the post is in another language ("(in French)"); a file's name or an address
    as stored."""
    written = extras.source_language
    if written is None:
        return safe(source, FIELD, one_line=True)
    shown = safe(typeset(source, written), FIELD - SOURCE_LANGUAGE, one_line=True)
    if written == language:
        return shown
    return t("post-source-in", language, source=shown, written=written)


def duration(hours: int, language: str) -> str:
    """« 3 jours », "36 hours": a discussion's length, in days when it is whole days."""
    if hours and hours % 24 == 0:
        return t("days", language, n=hours // 24)
    return t("hours", language, n=hours)


def new_post_embed(
    *,
    discussion_id: int,
    question: str,
    options: Sequence[str],
    closes_at: datetime | None,
    source: str | None,
    language: str,
    extras: PostExtras,
    open_hours: int = 0,
) -> discord.Embed:
    """A question post as it goes out (no stance yet): the post itself and its preview
    (``closes_at`` ``None``: it closes ``open_hours`` after it is posted)."""
    return question_embed(
        discussion_id=discussion_id,
        question=question,
        options=options,
        counts={},
        closes_at=closes_at,
        closed=False,
        source=source,
        language=language,
        extras=extras,
        open_hours=open_hours,
    )


def question_view(
    discussion_id: int,
    options: Sequence[str],
    language: str,
    *,
    closed: bool = False,
    preview: bool = False,
) -> discord.ui.View:
    """The post's buttons; off once closed, and in a preview (nothing to click yet)."""
    view = discord.ui.View(timeout=None)
    closed = closed or preview
    for index, option in enumerate(options[:MAX_OPTIONS]):
        view.add_item(
            discord.ui.Button(
                label=title(option, 80),
                custom_id=custom_ids.stance(discussion_id, index),
                style=discord.ButtonStyle.primary,
                disabled=closed,
                row=index // 5,
            )
        )
    row = min(4, (len(options[:MAX_OPTIONS]) + 4) // 5)
    for key, custom_id, style, emoji in (  # on the row below the options
        ("button-reply", custom_ids.reply(discussion_id), discord.ButtonStyle.secondary, "✍️"),
        ("button-card", custom_ids.card(discussion_id), discord.ButtonStyle.success, "🗳️"),
    ):
        view.add_item(
            discord.ui.Button(
                label=t(key, language),
                custom_id=custom_id,
                style=style,
                emoji=emoji,
                disabled=closed,
                row=row,
            )
        )
    return view
