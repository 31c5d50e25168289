"""What a server's settings add to a question post, as plain data (no Discord):
the services decide it, :mod:`bot.render` draws it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class PostExtras:
    category: str | None = None
    credit_id: int | None = None
    """The member who suggested the question, when the server credits suggesters."""
    counts_hidden: bool = False
    """No counts until the discussion closes, so the first clicks sway nobody."""
    role_id: int | None = None
    """The role told of each new question (``/setup question_role``), and only it."""
    source_language: str | None = None
    """The language of the question's source when it is a title in a known language (the
    shipped article's, a French one): set in it, and named where the post's is another.
    An imported question's source is its file's name or its page's address: none."""


def timestamp(when: datetime, style: str = "R") -> str:
    """Discord's timestamp markup: each member sees it in their own time zone."""
    return f"<t:{int(when.timestamp())}:{style}>"
