"""Buttons and menus whose custom id carries their state (discord.py's dynamic items):
rebuilt from it, however old the message and across a restart, and every click answered."""

from __future__ import annotations

import re
from typing import Any, Self, TypeVar

import discord

from bot.custom_ids import NOTHING
from cogs._common import guarded

Component = TypeVar("Component", bound=discord.ui.Item[Any], covariant=True)


class PersistentItem(discord.ui.DynamicItem[Component], template=NOTHING):
    """A button or menu whose state is all in its custom id.

    A subclass names its template (``template=`` in the class line), is rebuilt from the
    template's match in ``from_match`` and says what a click does in ``clicked``. Any
    error is answered to the member (:func:`guarded`): discord.py would only log what a
    dynamic item's callback raises.
    """

    @classmethod
    def from_match(cls, match: re.Match[str]) -> Self:
        """The item a custom id matching the template stands for."""
        raise NotImplementedError

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> Self:
        return cls.from_match(match)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await guarded(interaction, self.clicked(interaction))

    async def clicked(self, interaction: discord.Interaction[Any]) -> None:
        raise NotImplementedError
