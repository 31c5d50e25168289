"""``/answers list``: stored answers a page at a time (of a discussion, of a member,
containing what was searched for), with buttons that keep paging after a restart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import discord

from bot import custom_ids
from bot.custom_ids import NOTHING
from bot.discord_text import safe, title
from bot.i18n import t
from bot.interactions import app_of, language
from bot.services import answers
from cogs._common import guild_id
from cogs._paging import FIRST_PAGE, PageButton, PageTurn, page_buttons, page_cursors

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
        embed.set_footer(
            text=t("answers-searched", lang, search=title(search, answers.SEARCH_CHARS))
        )
    none = "answers-none-found" if search is not None else "answers-none"
    embed.description = "\n".join(lines) or t(none, lang)
    return embed


async def answers_listing(
    interaction: discord.Interaction[Any], asked: AnswersFilter, turn: PageTurn = FIRST_PAGE
) -> tuple[discord.Embed, discord.ui.View]:
    """A page of stored answers (newest first) and its buttons."""
    gid, lang = guild_id(interaction), language(interaction)
    shown, more = await answers.page(
        app_of(interaction),
        gid,
        turn.cursor,
        backward=turn.backward,
        discussion_id=asked.discussion,
        author_id=asked.member,
        search=asked.search,
    )
    cursors = page_cursors(turn, [reply.id for reply, _ in shown], more, step=-1)
    view = page_buttons(lang, cursors, lambda direction, cursor: _button(direction, cursor, asked))
    return answers_embed(shown, gid, lang, asked.search), view


def _button(direction: str, cursor: int, asked: AnswersFilter) -> PageButton:
    if asked.search is None:
        return AnswersPageButton(direction, cursor, asked)
    return AnswersSearchPageButton(direction, cursor, asked)


class _AnswersPage(PageButton, template=NOTHING):
    """Previous or Next of ``/answers list`` (Manage Server), with what was asked."""

    permission = "manage_guild"

    def __init__(self, custom_id: str, direction: str, cursor: int, asked: AnswersFilter) -> None:
        super().__init__(custom_id, direction, cursor)
        self.asked = asked

    async def listing(
        self, interaction: discord.Interaction[Any]
    ) -> tuple[discord.Embed, discord.ui.View]:
        return await answers_listing(interaction, self.asked, self.turn)


class AnswersPageButton(_AnswersPage, template=custom_ids.ANSWERS_PAGE):
    """Without a search: the filters and the cursor are in the custom id."""

    def __init__(self, direction: str, cursor: int, asked: AnswersFilter) -> None:
        made = custom_ids.answers_page(direction, cursor, asked.discussion, asked.member)
        super().__init__(made, direction, cursor, asked)

    @classmethod
    def from_match(cls, match: re.Match[str]) -> AnswersPageButton:
        discussion, member = match["discussion"], match["member"]
        asked = AnswersFilter(
            int(discussion) if discussion else None, int(member) if member else None
        )
        return cls(match["direction"], int(match["cursor"]), asked)


class AnswersSearchPageButton(_AnswersPage, template=custom_ids.ANSWERS_SEARCH_PAGE):
    """With a search, carried in the custom id too (its numbers in base 36, for room)."""

    def __init__(self, direction: str, cursor: int, asked: AnswersFilter) -> None:
        made = custom_ids.answers_search_page(
            direction, cursor, asked.discussion, asked.member, asked.search or ""
        )
        super().__init__(made, direction, cursor, asked)

    @classmethod
    def from_match(cls, match: re.Match[str]) -> AnswersSearchPageButton:
        discussion, member = match["discussion"], match["member"]
        asked = AnswersFilter(
            int(discussion, 36) if discussion else None,
            int(member, 36) if member else None,
            match["search"],
        )
        return cls(match["direction"], int(match["cursor"], 36), asked)
