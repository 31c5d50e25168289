"""Echoing member and article text safely: escaped, cut to Discord's limits."""

from __future__ import annotations

import re
import unicodedata

import discord

_MENTION = re.compile(r"<(@[!&]?|#)(\d+)>")
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10))


def clean(text: str) -> str:
    """Drop control characters and combining-mark floods (zalgo)."""
    text = text.translate(_CONTROL)
    out = []
    marks = 0
    for char in text:
        if unicodedata.combining(char):
            marks += 1
            if marks > 2:
                continue
        else:
            marks = 0
        out.append(char)
    return "".join(out)


def cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip() + "…"


def safe(text: str, limit: int = 1024) -> str:
    """Member text ready to echo: cleaned, markdown and mentions neutralised, cut."""
    text = clean(text)
    text = _MENTION.sub(lambda m: f"<{m.group(1)}\u200b{m.group(2)}>", text)
    text = discord.utils.escape_markdown(discord.utils.escape_mentions(text))
    return cut(text, limit) if text.strip() else "…"


def title(text: str, limit: int = 100) -> str:
    """A thread or embed title: one line, no markdown escapes needed, cut."""
    line = " ".join(clean(text).split())
    return cut(line, limit) or "Et vous ?"
