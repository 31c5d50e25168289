"""The words of a reply for naming themes: content words, stemmed in the reply's language.

A reply is read as English when it holds more English than French stop
words (short ones too: "I", "it", "is", "je", "il", "l'"), as French when it
holds more French ones, else in its discussion's language; each word is stemmed
by the Snowball stemmer of that language (PyStemmer, the Snowball stemmers in
C), so "retraites" and "retraite",
"jobs" and "job" count as one. The word shown is the form most written, in its case
("Netflix"), except the capital of a word that opens a sentence ("Studios don't care").
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import Stemmer

from bot.analysis._text import (
    MAX_CHARS,
    STOP_EN,
    STOP_FR,
    STOP_WORDS,
    fold,
    joined_negations,
    unspoiled,
)

_WORD = re.compile(r"[^\W\d_]{3,}(?:-[^\W\d_]+)*")
_SHORT = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,2}(?![^\W\d_])")
"""Words of one or two letters: never a theme's, but often a stop word that tells the language."""
_MENTION = re.compile(r"<(?:@[!&]?|#|a?:\w+:)\d+>|https?://\S+", re.IGNORECASE)
_BEFORE_WORD = frozenset(" \t\"'“”«»‹›*_>#-–—•()[]\u00a0\u202f")
"""What may stand between a sentence's end and its first word (spaces, quotes, markdown)."""
_SENTENCE_END = frozenset(".!?…\n")
DISCOURSE = frozenset(
    """
    peut-etre clairement honnetement franchement justement evidemment simplement surtout
    toujours jamais moins mieux rien souvent plutot bref personnellement certainement
    maybe perhaps clearly honestly frankly actually simply always never less better nothing
    often definitely personally
    probablement serieusement litteralement totalement
    probably obviously basically literally seriously totally kinda sorta imo imho tbh idk lol
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
    """(stem, word as written) for each content word, in order; lower-cased when it opens
    a sentence."""
    english: bool


def _stemmers() -> dict[bool, Stemmer.Stemmer]:
    pair: dict[bool, Stemmer.Stemmer] | None = getattr(_LOCAL, "pair", None)
    if pair is None:
        pair = {False: Stemmer.Stemmer("french"), True: Stemmer.Stemmer("english")}
        _LOCAL.pair = pair
    return pair


_WORDS: dict[str, tuple[bool, bool, bool]] = {}
"""Word as written (lower-cased) -> whether it is an English stop word, a French one, and
whether it may name a theme."""
_STEMS: dict[bool, dict[str, str]] = {False: {}, True: {}}
"""English? -> word as written -> its folded stem."""
MAX_CACHED = 100_000
"""Words remembered (a server's vocabulary: a few tens of thousands); past this, forgotten.
Words longer than ``_CHUNK_CHARS`` are not remembered: bounded in count alone, the cache
could hold that many words of up to ``MAX_CHARS`` letters each."""


def _learn(word: str) -> tuple[bool, bool, bool]:
    plain = fold(word)
    known = (
        plain in STOP_EN,
        plain in STOP_FR,
        not (plain in STOP_WORDS or plain in DISCOURSE or len(word) > MAX_WORD),
    )
    if len(word) <= _CHUNK_CHARS:  # a pasted 4,000-letter "word" is not kept
        if len(_WORDS) >= MAX_CACHED:
            _WORDS.clear()
        _WORDS[word] = known
    return known


def _stem(word: str, english: bool) -> str:
    stems = _STEMS[english]
    if len(stems) >= MAX_CACHED:
        stems.clear()
    stems[word] = stemmed = fold(_stemmers()[english].stemWord(word))
    return stemmed


def _opens_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _BEFORE_WORD:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


_Found = tuple[tuple[tuple[int, str, str], ...], tuple[str, ...]]


class _ChunkWords(dict[str, _Found]):
    """Text between two spaces -> its words (start, as written, lower-cased) and its short
    words (lower-cased), filled on first look-up.

    Neither a word nor a short word holds a space, and what tells them apart
    (a letter or not just before or after) is never a space: the words of a
    text are those of its chunks, in order. Replies share most of their
    chunks ("c'est", "pour", "the"), so each is read by the regular
    expressions once. Long chunks (pasted input) are not kept.
    """

    def __missing__(self, chunk: str) -> _Found:
        words = tuple((m.start(), m.group(), m.group().lower()) for m in _WORD.finditer(chunk))
        found = (words, tuple(map(str.lower, _SHORT.findall(chunk))))
        if len(chunk) <= _CHUNK_CHARS:
            if len(self) >= MAX_CACHED:
                self.clear()
            self[chunk] = found
        return found


_CHUNK_CHARS = 40
_CHUNKS = _ChunkWords()


def reply_words(text: str, *, english_by_default: bool = False) -> ReplyWords:
    """The reply's content words and stems; ``english_by_default``: the discussion is in
    English (a reply with as many English as French stop words is read in English)."""
    plain = joined_negations(_MENTION.sub(" ", unspoiled(text[:MAX_CHARS]).replace("’", "'")))
    found: list[tuple[int, str, str]] = []  # (start in plain, as written, lower-cased)
    short: list[str] = []
    at = 0
    for chunk in plain.split(" "):
        words, shorts = _CHUNKS[chunk]
        if words:
            found += [(at + start, word, lower) for start, word, lower in words]
        if shorts:
            short += shorts
        at += len(chunk) + 1
    read = [_WORDS.get(w) or _learn(w) for _, _, w in found]
    known = [_WORDS.get(w) or _learn(w) for w in short]
    en = sum(r[0] for r in read) + sum(r[0] for r in known)
    fr = sum(r[1] for r in read) + sum(r[1] for r in known)
    english = en > fr or (en == fr and english_by_default)
    stems = _STEMS[english]
    forms = [
        (stems.get(w) or _stem(w, english), w if _opens_sentence(plain, start) else word)
        for (start, word, w), r in zip(found, read, strict=True)
        if r[2]
    ]
    return ReplyWords(frozenset(s for s, _ in forms), tuple(forms), english)


def option_stems(options: Sequence[str]) -> frozenset[str]:
    """The folded stems of every word of the discussion's option labels, stemmed as a
    reply's words are, in French and in English (a reply is read in either language)."""
    stemmers = _stemmers()
    return frozenset(
        fold(stemmers[english].stemWord(m.group().lower()))
        for option in options
        for m in _WORD.finditer(unspoiled(option).replace("’", "'"))
        for english in (False, True)
    )
