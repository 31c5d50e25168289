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


def timestamp(when: datetime, style: str = "R") -> str:
    """Discord's timestamp markup: each member sees it in their own time zone."""
    return f"<t:{int(when.timestamp())}:{style}>"
