"""``/answers list``: stored answers a page at a time (of a discussion, of a member,
containing what was searched for), with buttons that keep paging after a restart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import discord

from bot import custom_ids
from bot.discord_text import safe
from bot.i18n import t
from bot.interactions import app_of, language
from bot.services import answers
from cogs._common import (
    FIRST_PAGE,
    PageTurn,
    guarded,
    guild_id,
    page_buttons,
    page_cursors,
    require,
)

QUOTE_CHARS = 300


@dataclass(frozen=True, slots=True)
class AnswersFilter:
    """What ``/answers list`` was asked for; each ``None`` is no filter."""

    discussion: int | None = None
    member: int | None = None
    search: str | None = None


def answers_embed(
    rows: list[Any], guild: int, lang: str, search: str | None = None
) -> discord.Embed:
    embed = discord.Embed(title=t("answers-title", lang), colour=discord.Colour.dark_teal())
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
            + f"\n> {safe(answers.excerpt(r.text, search, QUOTE_CHARS), QUOTE_CHARS, one_line=True)}"
        )
    if search is not None:
        embed.set_footer(text=t("answers-searched", lang, search=search))
    none = "answers-none-found" if search is not None else "answers-none"
    embed.description = "\n".join(lines) or t(none, lang)
    return embed


async def answers_listing(
    interaction: discord.Interaction[Any], asked: AnswersFilter, turn: PageTurn = FIRST_PAGE
) -> tuple[discord.Embed, discord.ui.View]:
    """A page of stored answers (newest first) and its buttons."""
    gid, lang = guild_id(interaction), language(interaction)
    rows = await answers.page(
        app_of(interaction),
        gid,
        discussion_id=asked.discussion,
        author_id=asked.member,
        before_id=None if turn.backward or not turn.cursor else turn.cursor,
        after_id=turn.cursor if turn.backward else None,
        limit=answers.PAGE + 1,
        search=asked.search,
    )
    shown = rows[-answers.PAGE :] if turn.backward else rows[: answers.PAGE]
    keys = [reply.id for reply, _ in shown]
    cursors = page_cursors(turn, keys, len(rows) > answers.PAGE, step=-1)
    view = page_buttons(lang, cursors, lambda direction, cursor: _button(direction, cursor, asked))
    return answers_embed(shown, gid, lang, asked.search), view


def _button(
    direction: str, cursor: int, asked: AnswersFilter
) -> discord.ui.DynamicItem[discord.ui.Button[Any]]:
    if asked.search is None:
        return AnswersPageButton(direction, cursor, asked)
    return AnswersSearchPageButton(direction, cursor, asked)


async def _turn_page(
    interaction: discord.Interaction[Any], asked: AnswersFilter, turn: PageTurn
) -> None:
    require(interaction, "manage_guild")
    embed, view = await answers_listing(interaction, asked, turn)
    await interaction.response.edit_message(
        embed=embed, view=view, allowed_mentions=discord.AllowedMentions.none()
    )
    view.stop()


class AnswersPageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=custom_ids.ANSWERS_PAGE
):
    """Previous or Next of ``/answers list``: filters and cursor are in the custom id."""

    def __init__(self, direction: str, cursor: int, asked: AnswersFilter) -> None:
        made = custom_ids.answers_page(direction, cursor, asked.discussion, asked.member)
        super().__init__(discord.ui.Button(custom_id=made))
        self.turn = PageTurn(cursor, backward=direction == "prev")
        self.asked = asked

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> AnswersPageButton:
        discussion, member = match["discussion"], match["member"]
        asked = AnswersFilter(
            int(discussion) if discussion else None, int(member) if member else None
        )
        return cls(match["direction"], int(match["cursor"]), asked)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await guarded(interaction, _turn_page(interaction, self.asked, self.turn))


class AnswersSearchPageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=custom_ids.ANSWERS_SEARCH_PAGE
):
    """Previous or Next of ``/answers list`` with a search, carried in the custom id."""

    def __init__(self, direction: str, cursor: int, asked: AnswersFilter) -> None:
        made = custom_ids.answers_search_page(
            direction, cursor, asked.discussion, asked.member, asked.search or ""
        )
        super().__init__(discord.ui.Button(custom_id=made))
        self.turn = PageTurn(cursor, backward=direction == "prev")
        self.asked = asked

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> AnswersSearchPageButton:
        discussion, member = match["discussion"], match["member"]
        asked = AnswersFilter(
            int(discussion, 36) if discussion else None,
            int(member, 36) if member else None,
            match["search"],
        )
        return cls(match["direction"], int(match["cursor"], 36), asked)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await guarded(interaction, _turn_page(interaction, self.asked, self.turn))
