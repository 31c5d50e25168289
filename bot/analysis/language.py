"""The language a reply is written in, French or English, when its stop words say so clearly.

The themes read each reply in the language whose stop words it holds more of
(:mod:`bot.analysis.themes._words`, for stemming: a guess that always answers).
Marking a reply's language for a screen reader asks more: a wrong mark reads French
with an English voice. :func:`clear_language` answers only when the reply holds at
least :data:`MIN_WORDS` stop words of one language that are not the other's, and
:data:`MARGIN` times as many as of the other's ("a", "on", "me", of both, count for
neither); else ``None``: a short or mixed reply is left to the page's language.
"""

from __future__ import annotations

from typing import Literal

from bot.analysis._text import STOP_EN, STOP_FR, tokens

ONLY_EN = STOP_EN - STOP_FR
ONLY_FR = STOP_FR - STOP_EN
MIN_WORDS = 2
MARGIN = 3


def clear_language(text: str) -> Literal["en", "fr"] | None:
    """``"en"`` or ``"fr"`` when ``text`` is clearly in that language, else ``None``."""
    words = tokens(text)
    en = sum(w in ONLY_EN for w in words)
    fr = sum(w in ONLY_FR for w in words)
    if en >= MIN_WORDS and en >= MARGIN * fr:
        return "en"
    if fr >= MIN_WORDS and fr >= MARGIN * en:
        return "fr"
    return None
