"""French spacing of an imported question, as the bot's own French is set.

French puts a space that never breaks before ``; ! ?`` (a narrow one, U+202F) and
``:`` (U+00A0), and a narrow one inside « » (U+202F): a line that wraps would
otherwise leave « ? » alone at the start of the next one. Articles are typed with
a plain space there, or none ("Pourquoi?"); the questions keep their words, only
those spaces change. A question's duplicate key (:func:`bot.importer.dedupe.duplicate_key`)
reads every space alike, so a question typeset here is the same question as the one
a server holds with plain spaces.
"""

from __future__ import annotations

import re
from typing import Final

NNBSP: Final = "\u202f"
NBSP: Final = "\u00a0"

_SPACES: Final = "[ \t\u00a0\u202f]"
_BEFORE_HIGH: Final = re.compile(rf"(?<=[\w)\]»”’'.…#%]){_SPACES}*([;!?]+)(?=\s|$|[»”\"')\]])")
"""Marks after a word (or a closing bracket or quote) and before a space, the end or a
closing mark. The look-behind lets only a run's first character start a match: linear."""
_BEFORE_COLON: Final = re.compile(rf"(?<=\S){_SPACES}+:(?=\s|$)")
_AFTER_OPENING: Final = re.compile(rf"«{_SPACES}*")
_BEFORE_CLOSING: Final = re.compile(rf"(?<=\S){_SPACES}*»")


def french_spacing(text: str) -> str:
    """``text`` with French spacing around its high punctuation and guillemets.

    A space before ``; ! ?`` becomes U+202F, and one is put where there was none after
    a word ("Pourquoi?"); a space before a ``:`` that ends a clause becomes U+00A0 (one
    is not added: "18:30", "https://" and a label's "Q1:" stay as written); « » hold
    U+202F inside. A mark inside a word or an address ("a?b=1") is left alone.
    """
    text = _BEFORE_HIGH.sub(lambda m: NNBSP + m.group(1), text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _AFTER_OPENING.sub("«" + NNBSP, text)
    return _BEFORE_CLOSING.sub(NNBSP + "»", text)


def typeset(text: str, language: str) -> str:
    """A question as the bank stores it: French spacing for a French one, an English
    one as written (English sets no space before its marks)."""
    return french_spacing(text) if language == "fr" else text
