"""Staff's text (a question, its options) as a chart can draw it.

The charts' font (DejaVu Sans, matplotlib's own) has no emoji: « 👍 Pour » was drawn as
an empty box beside the word. What the font has no glyph for is left out, with the
joiners and presentation selectors that build an emoji; a spoiler is masked as every
echo masks it (:mod:`bot.spoilers`, the one reading).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from bot.spoilers import replaced

SPOILER_MASK = "▒▒▒"
"""As :data:`bot.discord_text.SPOILER_MASK` (which the charts may not import)."""


_JOINER = "\u200d"
_LEFT = "\x00"
"""Where a character the font lacks stood."""
_GAP = re.compile(r"\s*\x00[\x00\s]*")


@cache
def _glyphs() -> frozenset[int] | None:
    """The code points the charts' default font draws; ``None`` when it cannot be read."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(font_manager.findfont(font_manager.FontProperties()))
        return frozenset(font.get_charmap())
    except (OSError, RuntimeError, ValueError):  # no font file: draw the text as it is
        return None


def _drawn(char: str, glyphs: frozenset[int]) -> bool:
    if char.isspace():
        return True
    if unicodedata.category(char) == "Cf" or 0xFE00 <= ord(char) <= 0xFE0F:
        return False  # zero-width joiners, presentation selectors: parts of an emoji
    return ord(char) in glyphs


def drawable(text: str) -> str:
    """``text`` with its spoilers masked and what the font cannot draw left out (the
    spaces that stood beside it folded); ``""`` when nothing is left."""
    text = replaced(text, SPOILER_MASK)
    glyphs = _glyphs()
    if glyphs is None:
        return text
    out: list[str] = []
    joined = False  # after a joiner that follows an emoji: "🤷‍♀️" ends with a drawable "♀"
    for char in text:
        drawn = _drawn(char, glyphs) and not joined
        joined = char == _JOINER and bool(out) and out[-1] == _LEFT
        out.append(char if drawn else _LEFT)
    kept = "".join(out)
    if kept == text:
        return text
    return _GAP.sub(_space, kept).strip()


def _space(gap: re.Match[str]) -> str:
    """The one space a gap left by what was dropped keeps: a no-break one that stood
    there (« téléphones 📱\u202f? » keeps its « ? » on the line), else a plain one."""
    kept = [c for c in gap.group() if c != _LEFT and c != " " and c.isspace()]
    return kept[0] if kept else " "
