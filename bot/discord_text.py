"""Echoing member and article text safely: inert, cut to Discord's limits.

Whatever a member typed is shown as typed and does nothing: every markdown
character is escaped (a backslash before any punctuation is hidden by
Discord), so no masked link, heading, subtext, list, quote, spoiler, code
fence or mention can form, and no quote can close a link the bot wraps
around it; a link's scheme is parted from its ``://`` by a zero-width space,
so a bare link is shown, not linked (no preview, nothing to click); other
bidirectional and invisible characters are dropped, so text cannot be
reversed or hidden. What a member hid as a spoiler (``||…||``) stays unread:
echoed, it is masked (:data:`SPOILER_MASK`), never shown in clear (a film's ending
in a summary's quote) nor as a spoiler of the bot's. Lengths are counted in UTF-16
code units, as Discord counts them. Every pattern here runs in linear time.
"""

from __future__ import annotations

import re
import unicodedata

from bot import spoilers
from bot.discord_timestamps import MARKUP as TIMESTAMP

_CONTROL: dict[int, str | None] = {
    **dict.fromkeys(c for c in range(32) if c not in (9, 10)),
    **dict.fromkeys(range(0x7F, 0xA0)),  # DEL and the C1 controls, NEL (a line break) among them
    0x2028: "\n",  # line and paragraph separators: line breaks, so a line start is escaped
    0x2029: "\n",
}
_INVISIBLE = frozenset(
    [
        *(0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFFA0, 0xFEFF),
        *range(0x200B, 0x2010),  # zero-width space, joiners, LRM, RLM
        *range(0x202A, 0x202F),  # bidi embeddings and overrides
        *range(0x2060, 0x2070),  # word joiner, invisible operators, bidi isolates
        *range(0xFFF9, 0xFFFC),  # interlinear annotations
        *range(0x1D173, 0x1D17B),  # musical formatting
        *range(0xE0000, 0xE0080),  # tags
    ]
)
_ZWJ = 0x200D
_TAG_BASE = 0x1F3F4  # 🏴: subdivision flags are 🏴 followed by tag characters

_ESCAPED = frozenset("\\*_~|`[]()<@")
"""Active anywhere; ``#``, ``-``, ``>``, ``+`` and ``1.`` only open a line."""
_SCHEME_END = re.compile(r":(?=//)")
_CUSTOM_EMOJI = re.compile(r"<a?:(\w{2,32}):\d{15,21}>")
"""A server's emoji as a message holds it: echoed, it reads as its name (« :popcorn: »), as
Discord writes it where it cannot draw it, not as its markup escaped into text."""
"""Where a link's scheme ends, whatever comes before (``_https://`` is linked too)."""
_LINE_START = re.compile(r"(?m)^([^\S\n]*)[-#>+]|^([^\S\n]*\d{1,9})\.")
"""A block's marker at a line start, after any spaces (no-break ones too: a quote's
French spacing may open one of its lines)."""
_NO_BREAK = "\u00a0\u2007\u202f"
"""No-break spaces (French typography's before ``;!?:`` and inside « »): kept on one line."""
_BREAKS = re.compile(rf"[^\S{_NO_BREAK}]+")
"""A run of line breaks and breakable spaces: one space on one line. Python's ``\\s``
matches the no-break spaces too, which would let « ? » wrap alone onto the next line."""
# A spoiler is read as Discord reads it (:mod:`bot.spoilers`: escaped bars and bars in code
# are text), in the text as the member sent it, before :func:`clean`: a bar, a zero-width
# space (U+200B, or any character) and a bar, the usual way to show two bars, are no marker
# to Discord, and read after the space was dropped they opened or closed a spoiler Discord
# never drew (the rest of a real one then echoed in clear).
SPOILER_MASK = "▒▒▒"
"""In place of a spoiler's text: its length would say something of it too."""
_UNLINK = "\u200b"
"""Between a scheme and its ``://``: the link is shown, not linked."""


def size(text: str) -> int:
    """``text``'s length as Discord counts it (UTF-16 code units)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2  # a lone surrogate: one unit


def _emoji_part(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") or 0xFE00 <= ord(char) <= 0xFE0F


def clean(text: str) -> str:
    """Drop control, bidirectional and invisible characters, lone surrogates (a client's
    broken UTF-16, which no encoder takes) and combining-mark floods.

    A zero-width joiner between two emoji parts (👩‍💻, 🤷‍♀️) and the tag
    characters of a subdivision flag stay: they draw one picture.
    """
    text = text.translate(_CONTROL)
    out: list[str] = []
    marks = 0
    for index, char in enumerate(text):
        code = ord(char)
        if code in _INVISIBLE:
            if code == _ZWJ and out and _emoji_part(out[-1]):
                following = text[index + 1 : index + 2]
                if following and _emoji_part(following):
                    out.append(char)
            elif 0xE0000 <= code < 0xE0080 and out and _flag_tail(out):
                out.append(char)
            continue
        if 0xD800 <= code <= 0xDFFF:
            continue
        if unicodedata.combining(char):
            marks += 1
            if marks > 2:
                continue
        else:
            marks = 0
        out.append(char)
    return "".join(out)


def visible(text: str) -> bool:
    """Whether ``text`` shows anything once echoed (not only spaces and invisible characters)."""
    shown = clean(text)
    return bool(shown) and not shown.isspace()


def _flag_tail(out: list[str]) -> bool:
    """Whether the characters written last are 🏴 and tag characters (a flag being drawn)."""
    for char in reversed(out):
        code = ord(char)
        if code == _TAG_BASE:
            return True
        if not 0xE0000 <= code < 0xE0080:
            return False
    return False


def cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters (UTF-16 code units, as :func:`size`
    counts), cut at a word boundary with an ellipsis.

    For text without markdown escapes (titles, the bot's own lines); member
    text goes through :func:`safe`, which never cuts an escape in two.
    """
    if size(text) <= limit:
        return text
    used = end = 0
    for char in text:
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit - 1:
            break
        end += 1
    head = text[:end]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip() + "…"


def _escape(text: str, *, dates: bool = False) -> list[str]:
    """The text as parts that must not be cut apart: an escape, a timestamp, or a plain run.

    With ``dates``, Discord's timestamp markup (``<t:1700000000:R>``) is kept as written,
    whole: Discord draws it as a date in each reader's zone where it draws markdown (a
    description, a field's value), and it can neither ping nor link; escaped, it showed
    as typed. Not in a name to type back, which must show what to type.
    """
    # Active in context: a link's scheme; a heading, subtext, quote or list at a line start.
    schemes = {m.start() for m in _SCHEME_END.finditer(text)}
    starts = {m.end() - 1 for m in _LINE_START.finditer(text)}
    stamps = {m.start(): m.end() for m in TIMESTAMP.finditer(text)} if dates else {}
    parts: list[str] = []
    run: list[str] = []
    skip_to = 0
    for index, char in enumerate(text):
        if index < skip_to:
            continue
        if index in stamps:
            if run:
                parts.append("".join(run))
                run = []
            skip_to = stamps[index]
            parts.append(text[index:skip_to])
            continue
        if index in schemes:
            run.append(_UNLINK)
        if char in _ESCAPED or index in starts:
            if run:
                parts.append("".join(run))
                run = []
            parts.append("\\" + char)
        else:
            run.append(char)
    if run:
        parts.append("".join(run))
    return parts


def _fit(parts: list[str], limit: int) -> str:
    if sum(map(size, parts)) <= limit:
        return "".join(parts)
    budget = limit - 1
    kept: list[str] = []
    used = 0
    for part in parts:
        if used + size(part) <= budget:
            kept.append(part)
            used += size(part)
            continue
        if not part.startswith("\\"):  # a plain run may be cut between characters
            room = budget - used
            cut_at = 0
            while cut_at < len(part) and size(part[: cut_at + 1]) <= room:
                cut_at += 1
            kept.append(part[:cut_at])
        break
    head = "".join(kept)
    space = head.rfind(" ")  # a space is never inside an escape
    if space > limit // 2:
        head = head[:space]
    return head.rstrip() + "…"


def safe(text: str, limit: int = 1024, *, one_line: bool = False) -> str:
    """Member text ready to echo in Discord markdown: inert, cut within ``limit``.

    ``one_line`` folds line breaks and runs of spaces into one space (lists, quotes inside
    a line); no-break spaces stay, as typed or typeset.
    """
    text = clean(masked(text))  # spoilers read as Discord reads them, invisible marks and all
    text = _CUSTOM_EMOJI.sub(r":\1:", text)
    if one_line:
        text = _one_line(text)
    if not text.strip():
        return "…"
    return _fit(_escape(text, dates="<t:" in text), limit)


def typed_back(text: str, limit: int) -> str:
    """A name the reader must type back exactly (``/erase-and-leave``'s server name), on one
    line: inert as :func:`safe` makes text (every markdown character escaped, so a
    mention pings nobody and shows as typed), but its spoilers shown, not masked: what a
    mask hides could not be typed."""
    text = _one_line(clean(text))
    if not text.strip():
        return "…"
    return _fit(_escape(text), limit)


NAME_SHOWN = 400
"""Room for a whole server name (100 characters) where it is shown to be typed back, in
UTF-16 units: an emoji takes two, a markdown character its escape too. Cut, it could not
be typed back."""
_PRESENTATION = dict.fromkeys((0xFE0E, 0xFE0F))
"""The variation selectors that ask for an emoji's text or picture presentation."""


def name_to_type(name: str, server_id: int) -> tuple[str, str]:
    """What a confirmation asks its reader to type (``/erase-and-leave``), as shown, and
    whether it is the server's ``name`` or, for a name that shows nothing (Hangul fillers,
    zero-width spaces: a trick for a blank name), its ``id``: « … » could not be typed."""
    if _as_seen(name):
        return typed_back(name, NAME_SHOWN), "name"
    return str(server_id), "id"


def types_back(typed: str, name: str, server_id: int) -> bool:
    """Whether ``typed`` is what :func:`name_to_type` asked for: the name as its reader sees
    it, or, for a name that shows nothing, the id (or the name pasted exactly)."""
    expected = _as_seen(name)
    if expected:
        return _as_seen(typed) == expected
    return typed.strip() in (str(server_id), name.strip())


def _as_seen(name: str) -> str:
    """A name as its reader sees it: what is not shown (invisible and bidirectional marks,
    runs of spaces, spaces around it) left out, and an accent typed as one character or as
    a letter and its mark read alike, an emoji with or without its presentation selector
    too (« ❤ » and « ❤️ », which Discord draws alike; a phone's keyboard types the latter).
    Case and look-alike letters (a Cyrillic « е ») still differ: they are another name."""
    seen = unicodedata.normalize("NFC", clean(name)).translate(_PRESENTATION)
    return " ".join(seen.split())


def masked(text: str) -> str:
    """``text`` with every spoiler a member wrote masked (:data:`SPOILER_MASK`), nothing
    else changed: for the web room's summary and public report, which HTML escapes."""
    return spoilers.replaced(text, SPOILER_MASK)


def spoiler_parts(text: str) -> list[tuple[str, bool]]:
    """``text`` in order as ``(part, hidden)``: what a member hid as a spoiler (without its
    ``||``) and the rest, split as :func:`masked` reads spoilers. For the web room's staff
    pages, which show a spoiler only when clicked."""
    parts: list[tuple[str, bool]] = []
    start = 0
    for begin, end in spoilers.spans(text):
        if begin > start:
            parts.append((text[start:begin], False))
        parts.append((text[begin + 2 : end - 2], True))
        start = end
    if start < len(text) or not parts:
        parts.append((text[start:], False))
    return parts


def title(text: str, limit: int = 100) -> str:
    """A thread or embed title, a button label: one line, plain text, cut; a member's
    spoilers masked, as :func:`safe` masks them (a suggestion's spoiler, masked on the
    moderator's card, was in clear in its post's title and thread name)."""
    line = _one_line(clean(masked(text)))
    return cut(line, limit) or "Et vous ?"


def plain_name(name: str, limit: int = 100) -> str:
    """A member's name where Discord shows plain text (an embed's author): as
    :func:`title` makes it, but « … », as :func:`safe` writes it, for a name that shows
    nothing (invisible characters: a trick for a blank name), never the bot's own name."""
    line = _one_line(masked(clean(name)))
    return cut(line, limit) or "…"


def shown_name(name: str, limit: int = 100) -> str:
    """A name as it stands, for a page that escapes it (the web room's server name): on
    one line, what is not shown dropped (bidirectional overrides, zero-width characters),
    cut within ``limit``; empty for a name that shows nothing (the caller's fallback)."""
    line = _one_line(clean(name))
    return cut(line, limit) if visible(line) else ""


def _one_line(text: str) -> str:
    """``text`` on one line: line breaks and runs of breakable spaces folded into one space,
    no-break spaces kept (« Et vous ? » keeps its U+202F, so « ? » never wraps alone);
    trimmed (no-break spaces at its ends too: they hold nothing together)."""
    return _BREAKS.sub(" ", text).strip()
