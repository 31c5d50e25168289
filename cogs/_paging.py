"""Lists a page at a time (the bank, pending suggestions, stored answers): where a page
starts, its Previous and Next buttons, and what a click on one does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import discord

from bot.custom_ids import NOTHING
from bot.i18n import t
from cogs._common import require
from cogs._persistent_item import PersistentItem


@dataclass(frozen=True, slots=True)
class PageTurn:
    """Where a list's page starts: just after ``cursor`` in the list's order, or (``backward``)
    just before it. Keys are positive: cursor 0 forward is the first page."""

    cursor: int
    backward: bool = False


FIRST_PAGE = PageTurn(0)


def page_cursors(
    turn: PageTurn, keys: list[int], more: bool, *, step: int
) -> tuple[int | None, int | None]:
    """The cursors of the Previous and Next buttons of a page showing ``keys`` (``None``:
    disabled). ``more``: rows follow in the direction of travel; ``step``: +1 when
    the list runs by increasing keys, -1 by decreasing ones (an empty page turns
    back to include its own cursor)."""
    if keys:
        first, last = keys[0], keys[-1]
    else:
        first = last = turn.cursor
        if turn.backward:
            last = turn.cursor - step
        else:
            first = turn.cursor + step
    if turn.backward:
        return (first if more else None), last
    return (first if turn.cursor != FIRST_PAGE.cursor else None), (last if more else None)


def page_buttons(
    lang: str,
    cursors: tuple[int | None, int | None],
    button: Callable[[str, int], PageButton],
) -> discord.ui.View:
    """Previous / Next buttons whose custom ids carry the list's state (``button``
    makes one from a direction and a cursor): they answer however long the list
    stays open, and after a restart. Send the view, then ``stop()`` it."""
    view = discord.ui.View(timeout=None)
    for direction, cursor, key in zip(
        ("prev", "next"), cursors, ("page-previous", "page-next"), strict=True
    ):
        item = button(direction, 0 if cursor is None else cursor)
        item.item.label, item.item.style = t(key, lang), discord.ButtonStyle.secondary
        item.item.disabled = cursor is None
        view.add_item(item)
    return view


class PageButton(PersistentItem[discord.ui.Button[Any]], template=NOTHING):
    """Previous or Next of a list: a click redraws the message with the page it turns to.

    A subclass names its template (``template=`` in the class line), makes its custom id
    from the direction, the cursor and the list's state (and hands it to this
    ``__init__``), reads them back from the template's match in ``from_match`` and draws
    a page in ``listing``. ``permission`` is checked again at every click (the list may
    outlive her role).
    """

    permission: ClassVar[str] = "manage_messages"

    def __init__(self, custom_id: str, direction: str, cursor: int) -> None:
        super().__init__(discord.ui.Button(custom_id=custom_id))
        self.turn = PageTurn(cursor, backward=direction == "prev")

    async def listing(
        self, interaction: discord.Interaction[Any]
    ) -> tuple[discord.Embed, discord.ui.View]:
        """The page ``self.turn`` leads to, and its buttons."""
        raise NotImplementedError

    async def clicked(self, interaction: discord.Interaction[Any]) -> None:
        require(interaction, self.permission)
        embed, view = await self.listing(interaction)
        await interaction.response.edit_message(
            embed=embed, view=view, allowed_mentions=discord.AllowedMentions.none()
        )
        view.stop()
