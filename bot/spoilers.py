"""Where a member's text holds a spoiler, read as Discord's markdown reads it: the one
reading behind every mask (the echoes in Discord, the web room, the analysis' keywords
and themes, which leave spoilers out).

Discord reads markdown left to right. At each character it tries, in order:

* an escape, a backslash and a punctuation character (``\\|``): that character as text;
* code, inline or in a block: a run of backticks and the next run of as many (`` `…` ``,
  ```` ```…``` ````): text, whatever it holds;
* a spoiler: ``||``, something, the next ``||`` (``^\\|\\|([\\s\\S]+?)\\|\\|``; what lies
  between is not read for escapes or code before the closing bars are found).

So ``\\|\\|not a spoiler\\|\\|`` and `` `||code||` `` are shown as text, bars and all;
bars parted by any character (a zero-width space) are no marker. Linear in the text's
length, whatever it holds.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_ESCAPABLE = re.compile(r"[^0-9A-Za-z\s]")
"""What a backslash escapes (Discord's ``^\\\\([^0-9A-Za-z\\s])``)."""
_TICKS = re.compile(r"`+")
_SPECIAL = re.compile(r"[\\`|]")
"""Where Discord may read something else than text, as far as spoilers go."""


class Reading:
    """A text's spoilers as ``(start, end)`` spans, their ``||`` included, in order, and
    where a ``||`` opened a spoiler that nothing closes (``unclosed``: a quote cut in
    the middle of one), if any."""

    __slots__ = ("spans", "unclosed")

    def __init__(self, spans: list[tuple[int, int]], unclosed: int | None) -> None:
        self.spans = spans
        self.unclosed = unclosed


def read(text: str) -> Reading:
    """``text``'s spoilers as Discord reads them (see the module's docstring)."""
    spans: list[tuple[int, int]] = []
    if "||" not in text:
        return Reading(spans, None)
    runs: dict[int, list[int]] = {}  # a run's length -> where such runs start, in order
    ends: dict[int, int] = {}
    if "`" in text:
        for found in _TICKS.finditer(text):
            runs.setdefault(len(found.group()), []).append(found.start())
            ends[found.start()] = found.end()
    unclosed: int | None = None
    closing = True  # a spoiler may still close: once one cannot, none further can
    i, n = 0, len(text)
    while i < n:
        special = _SPECIAL.search(text, i)  # the plain text between, skipped at C speed
        if special is None:
            break
        i = special.start()
        char = text[i]
        if char == "\\" and i + 1 < n and _ESCAPABLE.match(text, i + 1):
            i += 2
        elif char == "`":
            run_end = ends[i]
            starts = runs[run_end - i]
            k = bisect_right(starts, i)
            i = ends[starts[k]] if k < len(starts) else run_end  # unmatched: text
        elif char == "|" and closing and text.startswith("|", i + 1):
            close = text.find("||", i + 3)
            if close < 0:
                unclosed, closing = i, False
                i += 1
            else:
                spans.append((i, close + 2))
                i = close + 2
        else:
            i += 1
    return Reading(spans, unclosed)


def spans(text: str) -> list[tuple[int, int]]:
    """Where ``text``'s spoilers are, their ``||`` included."""
    return read(text).spans


def replaced(text: str, by: str) -> str:
    """``text`` with each spoiler, bars and all, replaced by ``by``."""
    found = spans(text)
    if not found:
        return text
    out: list[str] = []
    at = 0
    for start, end in found:
        out += [text[at:start], by]
        at = end
    out.append(text[at:])
    return "".join(out)
