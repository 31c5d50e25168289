"""Member text on its way into the database, made storable whatever Discord carried.

PostgreSQL refuses U+0000 and neither backend can encode a lone surrogate;
one such message once stalled the single writer for every server. Text is
also put in Unicode NFC (one spelling of "é", so searches and duplicates
compare equal) and capped at the longest message Discord allows.
"""

from __future__ import annotations

import re
import unicodedata

MAX_TEXT = 4000
"""Discord's longest message (with Nitro); anything longer is cut."""
MAX_NAME = 100

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def storable(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` with NUL and lone surrogates replaced by U+FFFD, in NFC, cut at ``limit``."""
    text = _UNSTORABLE.sub(REPLACEMENT, text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text[:limit]


def storable_name(name: str) -> str:
    return storable(name, MAX_NAME)
