"""What Discord would refuse or make clickable in a message, checked the strict way.

Lengths are counted in UTF-16 code units (an emoji outside the BMP counts
two), never less than Discord counts. Links are read as Discord's markdown
does: a backslash escapes the next character; ``](url)`` after an unescaped
``[`` is a masked link; ``scheme://`` starts a bare link.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import discord

LIMITS = {
    "content": 2000,
    "embeds": 10,
    "total": 6000,
    "title": 256,
    "description": 4096,
    "fields": 25,
    "name": 256,
    "value": 1024,
    "footer": 2048,
    "author": 256,
    "files": 10,
}

_BIDI_AND_INVISIBLE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_MASKED = re.compile(r"\]\(\s*<?([^\s)>]*)")
_BARE = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^\s<>)]*")
_PING = re.compile(r"@(everyone|here)\b|<@[!&]?\d+>|<#\d+>")


def size(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check_limits(content: str | None, embeds: Sequence[discord.Embed], n_files: int = 0) -> None:
    """Raise AssertionError naming the first Discord limit the message breaks."""
    assert content is None or size(content) <= LIMITS["content"], "content"
    assert len(embeds) <= LIMITS["embeds"], "embeds"
    assert n_files <= LIMITS["files"], "files"
    total = 0
    for i, embed in enumerate(embeds):
        data = embed.to_dict()
        texts = [
            ("title", data.get("title")),
            ("description", data.get("description")),
            ("footer", data.get("footer", {}).get("text")),
            ("author", data.get("author", {}).get("name")),
        ]
        fields = data.get("fields", [])
        assert len(fields) <= LIMITS["fields"], f"embed {i}: {len(fields)} fields"
        for field in fields:
            assert field["name"].strip() and field["value"].strip(), f"embed {i}: empty field"
            texts += [("name", field["name"]), ("value", field["value"])]
        for kind, text in texts:
            if text is not None:
                assert size(text) <= LIMITS[kind], f"embed {i}: {kind} of {size(text)}"
                total += size(text)
    assert total <= LIMITS["total"], f"embeds together: {total}"


@dataclass(frozen=True)
class Link:
    text: str
    url: str


def _unescaped(text: str) -> tuple[str, str]:
    """``text`` with each escaped character replaced by NUL (inert), and as shown."""
    marked, shown = [], []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and not text[i + 1].isalnum():
            marked.append("\0")
            shown.append(text[i + 1])
            i += 2
        else:
            marked.append(text[i])
            shown.append(text[i])
            i += 1
    return "".join(marked), "".join(shown)


def masked_links(markdown: str) -> list[Link]:
    """Every masked link Discord would render, with the text it shows."""
    marked, shown = _unescaped(markdown)
    links = []
    for match in _MASKED.finditer(marked):
        start = marked.rfind("[", 0, match.start())
        text = shown[start + 1 : match.start()] if start >= 0 else ""
        links.append(Link(text, match.group(1)))
    return links


def bare_links(markdown: str) -> list[str]:
    """URLs written outside a masked link's target (Discord links them too)."""
    marked, _ = _unescaped(markdown)
    found = []
    for match in _BARE.finditer(marked):
        before = marked[: match.start()].rstrip("<")
        if not before.endswith("]("):
            found.append(match.group(0))
    return found


def check_inert(markdown: str, own_links: set[str]) -> None:
    """Only the bot's own links are clickable, each on its own "↗"; nothing pings or hides."""
    links = masked_links(markdown)
    for link in links:
        assert link.url in own_links, f"a link to {link.url!r}"
        assert link.text == "↗", f"the link {link.url} is written on {link.text!r}"
    assert not bare_links(markdown), f"bare links: {bare_links(markdown)}"
    marked, _ = _unescaped(markdown)
    brackets = (marked.count("["), marked.count("]"))
    assert brackets == (len(links), len(links)), f"{brackets} brackets, {len(links)} links"
    assert not _PING.search(marked), f"a mention: {_PING.search(marked)}"
    assert not _BIDI_AND_INVISIBLE.search(markdown), "a bidi or invisible character"


def embed_texts(embed: discord.Embed) -> list[str]:
    data = embed.to_dict()
    texts = [data.get("title"), data.get("description"), data.get("footer", {}).get("text")]
    texts += [part for f in data.get("fields", []) for part in (f["name"], f["value"])]
    return [t for t in texts if t]


DISCORD_SPOILER = re.compile(r"^\|\|([\s\S]+?)\|\|")
"""Discord's markdown rule for a spoiler (as its client's parser and every reimplementation
write it), tried at each character of the text as the member sent it."""


def discord_spoilers(text: str) -> list[tuple[int, int]]:
    """The spans ``[start, end)`` Discord draws as spoilers in ``text`` (markers included):
    read left to right, a spoiler tried at each character, the text after one read on
    (for a text without other markdown: bars, letters, spaces, invisible characters)."""
    spans: list[tuple[int, int]] = []
    at = 0
    while at < len(text):
        found = DISCORD_SPOILER.match(text[at:])
        if found:
            spans.append((at, at + found.end()))
            at += found.end()
        else:
            at += 1
    return spans


def as_discord_shows(text: str, mask: str, drop: str) -> str:
    """``text`` as Discord shows it to a reader who opens no spoiler: each spoiler ``mask``,
    the characters in ``drop`` (invisible ones) left out."""
    shown: list[str] = []
    at = 0
    for start, end in discord_spoilers(text):
        shown += [text[at:start], mask]
        at = end
    shown.append(text[at:])
    return "".join(c for c in "".join(shown) if c not in drop)
