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


_WORDS: dict[str, tuple[str, bool]] = {}
"""Word as written (lower-cased) -> its folded form, and whether it may name a theme."""
_STEMS: dict[tuple[str, bool], str] = {}
"""(word as written, English?) -> its folded stem."""
MAX_CACHED = 100_000
"""Words remembered (a server's vocabulary: a few tens of thousands); past this, forgotten."""


def _read(word: str) -> tuple[str, bool]:
    known = _WORDS.get(word)
    if known is None:
        plain = fold(word)
        known = plain, not (plain in STOP_WORDS or plain in DISCOURSE or len(word) > MAX_WORD)
        if len(_WORDS) >= MAX_CACHED:
            _WORDS.clear()
        _WORDS[word] = known
    return known


def _stem(word: str, english: bool) -> str:
    stemmed = _STEMS.get((word, english))
    if stemmed is None:
        stemmed = fold(_stemmers()[english].stemWord(word))
        if len(_STEMS) >= MAX_CACHED:
            _STEMS.clear()
        _STEMS[word, english] = stemmed
    return stemmed


def reply_words(text: str) -> ReplyWords:
    written = _WORD.findall(_MENTION.sub(" ", text[:MAX_CHARS].lower().replace("’", "'")))
    read = [_read(w) for w in written]
    english = is_english(plain for plain, _ in read)
    forms = [
        (_stem(word, english), word)
        for word, (_, content) in zip(written, read, strict=True)
        if content
    ]
    return ReplyWords(frozenset(s for s, _ in forms), tuple(forms), english)
