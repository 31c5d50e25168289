"""Buttons whose custom id names one discussion: the voting card's, the standing's, the
reply form's and the withdrawal's."""

from __future__ import annotations

import re
from typing import Any, Self

import discord

from bot.custom_ids import NOTHING
from cogs._persistent_item import PersistentItem


class DiscussionButton(PersistentItem[discord.ui.Button[Any]], template=NOTHING):
    """A button whose custom id holds a discussion's id and nothing else.

    A subclass names its template (``template=`` in the class line), how the id is made
    (``make_custom_id``) and what a click does (``clicked``).
    """

    @staticmethod
    def make_custom_id(discussion_id: int) -> str:
        raise NotImplementedError

    def __init__(self, discussion_id: int) -> None:
        super().__init__(discord.ui.Button(custom_id=self.make_custom_id(discussion_id)))
        self.discussion_id = discussion_id

    @classmethod
    def from_match(cls, match: re.Match[str]) -> Self:
        return cls(int(match["discussion"]))
