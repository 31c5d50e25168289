"""Member text made inert for Discord, on one line: what the summary quotes.

One implementation for every echo: :func:`bot.discord_text.safe` (escaped
markdown and brackets, so no quote can open, close or take over a link;
mentions that cannot ping; links shown, not linked; invisible and bidi
characters gone; cut within ``limit`` UTF-16 units). The bot's own links
are always written *outside* the quotes (see :mod:`bot.discord_render.summary`).
"""

from __future__ import annotations

from bot.discord_text import safe


def inert(text: str, limit: int) -> str:
    """``text`` on one line, inert, within ``limit`` (Discord's count; "…" when cut)."""
    return safe(text, limit, one_line=True)
