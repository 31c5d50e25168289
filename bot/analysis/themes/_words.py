"""The words of a reply for naming themes: content words, stemmed in the reply's language.

A reply is read as English when it holds more English than French stop
words, else as French; each word is stemmed by the Snowball stemmer of that
language (PyStemmer, the Snowball stemmers in C), so "retraites" and "retraite",
"jobs" and "job" count as one. The word shown is the form most written.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import Stemmer

from bot.analysis._text import MAX_CHARS, STOP_EN, STOP_FR, STOP_WORDS, fold

_WORD = re.compile(r"[^\W\d_]{3,}(?:-[^\W\d_]+)*")
_MENTION = re.compile(r"<(?:@[!&]?|#|a?:\w+:)\d+>|https?://\S+")
DISCOURSE = frozenset(
    """
    peut-etre clairement honnetement franchement justement evidemment simplement surtout
    toujours jamais moins mieux rien souvent plutot bref personnellement certainement
    maybe perhaps clearly honestly frankly actually simply always never less better nothing
    often definitely personally
    """.split()  # noqa: SIM905
)
"""Hedges and discourse adverbs (folded): they say how, not what, so they name no theme."""
MAX_WORD = 24
"""Longer "words" (pasted strings, hostile input) never name a theme."""
_LOCAL = threading.local()
"""Snowball stemmers keep state while stemming: one pair per thread."""


@dataclass(frozen=True, slots=True)
class ReplyWords:
    stems: frozenset[str]
    """Folded stems of the reply's content words (each once)."""
    forms: tuple[tuple[str, str], ...]
    """(stem, word as written, lower-cased) for each content word, in order."""
    english: bool


def _stemmers() -> dict[bool, Stemmer.Stemmer]:
    pair: dict[bool, Stemmer.Stemmer] | None = getattr(_LOCAL, "pair", None)
    if pair is None:
        pair = {False: Stemmer.Stemmer("french"), True: Stemmer.Stemmer("english")}
        _LOCAL.pair = pair
    return pair


def is_english(folded_words: Iterable[str]) -> bool:
    """More English than French stop words (ties read as French)."""
    en = fr = 0
    for word in folded_words:
        en += word in STOP_EN
        fr += word in STOP_FR
    return en > fr


def reply_words(text: str) -> ReplyWords:
    written = _WORD.findall(_MENTION.sub(" ", text[:MAX_CHARS].lower().replace("’", "'")))
    folded = [fold(w) for w in written]
    english = is_english(folded)
    stemmer = _stemmers()[english]
    forms = []
    for word, plain in zip(written, folded, strict=True):
        if plain in STOP_WORDS or plain in DISCOURSE or len(word) > MAX_WORD:
            continue
        forms.append((fold(stemmer.stemWord(word)), word))
    return ReplyWords(frozenset(s for s, _ in forms), tuple(forms), english)
