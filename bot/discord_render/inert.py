"""Member text made inert for Discord: shown as written, doing nothing.

A quote can be anything a member typed. Before it is echoed in an embed:
invisible characters (zero-width, bidi overrides and isolates) go; markdown
and the brackets of masked links are escaped, so no quote can open, close or
take over a link; mentions cannot ping or resolve (``<`` escaped, ``@everyone``
broken); bare links lose their scheme separator so they are not links. The
bot's own links are always written *outside* the quotes (see
:mod:`bot.discord_render.summary`).
"""

from __future__ import annotations

import re

import discord

from bot.discord_render.limits import fit
from bot.discord_text import clean

_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_MARKDOWN = re.compile(r"([\\`*_~|\[\]()<])")
_LINE_START = re.compile(r"^([#>-])")
"""Headings, block quotes and lists (``-#`` subtext too) start a line; the text is one line."""
_SCHEME = re.compile(r":(?=//)")
"""A link's scheme separator, whatever comes before it (``_https://``, ``.https://``:
Discord links those too)."""
_SPACES = re.compile(r"\s+")


def inert(text: str, limit: int) -> str:
    """``text`` on one line, escaped, within ``limit`` characters ("…" when cut)."""
    text = _SPACES.sub(" ", _INVISIBLE.sub("", clean(text))).strip()
    text = discord.utils.escape_mentions(_SCHEME.sub("\u200b:", text))
    text = _LINE_START.sub(r"\\\1", _MARKDOWN.sub(r"\\\1", text))
    return fit(text, limit) if text else "…"
