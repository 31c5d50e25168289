"""Discord's message limits, and measuring text against them.

Lengths are counted in UTF-16 code units, as Discord's clients do: an emoji
outside the Basic Multilingual Plane counts two. That is never less than a
count of code points, so text that fits here fits either way.
"""

from __future__ import annotations

from collections.abc import Iterable

CONTENT = 2000
EMBEDS = 10
"""Embeds in one message."""
EMBED_TOTAL = 6000
"""Characters of all the embeds of one message together (titles, descriptions,
field names and values, footers, authors)."""
TITLE = 256
DESCRIPTION = 4096
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
FILES = 10
"""Attachments in one message."""
ATTACHMENT_DESCRIPTION = 1024
"""Characters of an attachment's description (its alt text)."""

ELLIPSIS = "…"


def size(text: str) -> int:
    """``text``'s length as Discord counts it."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def fit(text: str, limit: int) -> str:
    """``text`` within ``limit``, cut at a word boundary with "…" when it is longer.

    A cut never leaves a lone backslash at the end, so escaped text stays escaped.
    """
    if size(text) <= limit:
        return text
    if limit < 1:
        return ""
    head = text[: limit - 1]
    while head and size(head) > limit - 1:
        head = head[:-1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    head = head.rstrip()
    trailing = len(head) - len(head.rstrip("\\"))
    if trailing % 2:
        head = head[:-1]
    return head + ELLIPSIS


def whole_lines(lines: Iterable[str], limit: int) -> str:
    """As many of ``lines`` as fit in ``limit``, joined by line breaks; none is cut
    (a cut line could end inside a link or an escape)."""
    kept: list[str] = []
    used = -1
    for line in lines:
        used += size(line) + 1
        if used > limit:
            break
        kept.append(line)
    return "\n".join(kept)
