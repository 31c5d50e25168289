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


_Word = tuple[int, str, str]
"""A content word of a chunk: its start in the chunk, as written, lower-cased."""
_Read = tuple[int, int, tuple[_Word, ...]]
"""A chunk read: its English stop words, its French ones (words and short words), and
its content words (those that may name a theme), in order."""


class _ChunkRead(dict[str, _Read]):
    """Text between two spaces -> what :func:`reply_words` reads of it, filled on first
    look-up.

    Neither a word nor a short word holds a space, and what tells them apart
    (a letter or not just before or after) is never a space: the words of a
    text are those of its chunks, in order, and so are its stop words and its
    content words. Replies share most of their chunks ("c'est", "pour", "the"),
    so each is read by the regular expressions, and its words looked up, once.
    Long chunks (pasted input) are not kept.
    """

    def __missing__(self, chunk: str) -> _Read:
        en = fr = 0
        content: list[_Word] = []
        for m in _WORD.finditer(chunk):
            word = m.group()
            lower = word.lower()
            is_en, is_fr, names = _WORDS.get(lower) or _learn(lower)
            en += is_en
            fr += is_fr
            if names:
                content.append((m.start(), word, lower))
        for short in _SHORT.findall(chunk):
            is_en, is_fr, _ = _WORDS.get(lower := short.lower()) or _learn(lower)
            en += is_en
            fr += is_fr
        read = (en, fr, tuple(content))
        if len(chunk) <= _CHUNK_CHARS:
            if len(self) >= MAX_CACHED:
                self.clear()
            self[chunk] = read
        return read


_CHUNK_CHARS = 40
_CHUNKS = _ChunkRead()


def reply_words(text: str, *, english_by_default: bool = False) -> ReplyWords:
    """The reply's content words and stems; ``english_by_default``: the discussion is in
    English (a reply with as many English as French stop words is read in English)."""
    plain = joined_negations(_MENTION.sub(" ", unspoiled(text[:MAX_CHARS]).replace("’", "'")))
    found: list[tuple[int, str, str]] = []  # (start in plain, as written, lower-cased)
    en = fr = 0
    at = 0
    for chunk in plain.split(" "):
        chunk_en, chunk_fr, content = _CHUNKS[chunk]
        if content:
            found += [(at + start, word, lower) for start, word, lower in content]
        en += chunk_en
        fr += chunk_fr
        at += len(chunk) + 1
    english = en > fr or (en == fr and english_by_default)
    stems = _STEMS[english]
    forms = [
        (stems.get(w) or _stem(w, english), w if _opens_sentence(plain, start) else word)
        for start, word, w in found
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
