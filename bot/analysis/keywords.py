"""Keywords of a discussion: overall, and per option the words that tell sides apart.

Per option, words are ranked by the log-odds ratio of their use in that
option's replies against the other replies, with an informative Dirichlet
prior (the discussion's own word counts) so rare words do not win by chance;
stop words (French and English lists in :mod:`bot.analysis._text`) never
count. Linear in the number of words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

from bot.analysis._text import MAX_CHARS, STOP_WORDS, fold, joined_negations, unspoiled
from bot.analysis.model import Discussion
from bot.analysis.stance import ReplyStance

_WORD = re.compile(r"[^\W\d_]{3,}(?:-[^\W\d_]+)*")
_MENTION = re.compile(r"<(?:@[!&]?|#|a?:\w+:)\d+>|https?://\S+", re.IGNORECASE)
_CLOSING = "\"'”»›*_)]"
"""What may follow a sentence's last mark in the same chunk ("done.”")."""
_SENTENCE_END = (".", "!", "?", "…")
_MIN_COUNT = 2
_MIN_Z = 1.0


@dataclass(frozen=True, slots=True)
class Keyword:
    word: str
    option: str | None
    """The option the word tells apart, or ``None`` for an overall keyword."""
    count: int
    score: float


class _Folded(dict[str, str]):
    """word -> :func:`fold` of it, filled on first look-up (shared by all replies); words
    longer than ``_CHUNK_CHARS`` are not kept: bounded in count alone, the cache could
    hold ``_CACHE_MAX`` words of up to ``MAX_CHARS`` letters each (hundreds of MB)."""

    def __missing__(self, word: str) -> str:
        folded = fold(word)
        if len(word) <= _CHUNK_CHARS:  # a pasted 4,000-letter "word" is not kept
            if len(self) > _CACHE_MAX:
                self.clear()
            self[word] = folded
        return folded


_Chunk = tuple[tuple[str, ...], tuple[str, ...], bool]
"""A chunk's words as written, the same with the first lower-cased (as written where it
opens a sentence), and whether a sentence ends with the chunk."""


class _ChunkWords(dict[str, _Chunk]):
    """Text between two spaces -> the words written in it (as :data:`_Chunk`), filled on
    first look-up.

    No word, mention or link holds a space, so the words of a text are those
    of its chunks, in order. Long chunks (pasted input) are not kept.
    """

    def __missing__(self, chunk: str) -> _Chunk:
        words = tuple(_WORD.findall(_MENTION.sub(" ", chunk)))
        first = words[0].lower() if words else ""
        # the same tuple when the first word is already lower-case (most): no more memory
        opening = (first, *words[1:]) if words and first != words[0] else words
        found = (words, opening, chunk.rstrip(_CLOSING).endswith(_SENTENCE_END))
        if len(chunk) <= _CHUNK_CHARS:
            if len(self) > _CACHE_MAX:
                self.clear()
            self[chunk] = found
        return found


_CACHE_MAX = 200_000
"""A cache is emptied past this many entries (hostile input stays bounded)."""
_CHUNK_CHARS = 40
_FOLDED = _Folded()
_CHUNK_WORDS = _ChunkWords()


def _written(text: str) -> list[str]:
    """Every word of ``text`` as written (accents and case kept, but lower-cased where it
    opens a sentence: "Studios don't care"), mentions and links out; "don't" is the stop
    word "dont", never a word "don"."""
    out: list[str] = []
    for line in joined_negations(unspoiled(text[:MAX_CHARS])).split("\n"):
        opens = True
        for chunk in line.split(" "):
            words, opening, ends = _CHUNK_WORDS[chunk]
            if words:
                out += opening if opens else words
                opens = ends
            elif ends:
                opens = True
    return out


def _content(written: list[str]) -> set[str]:
    """Distinct content words, folded (a word counts once per reply)."""
    words = set(map(_FOLDED.__getitem__, set(written)))
    words -= STOP_WORDS
    return words


def _displays(surface: Counter[str]) -> dict[str, str]:
    """The most written form of each folded word (the first written on a tie)."""
    best: dict[str, tuple[int, str]] = {}
    for form, count in surface.items():
        key = _FOLDED[form]
        if key not in best or count > best[key][0]:
            best[key] = (count, form)
    return {key: form for key, (_, form) in best.items()}


def find_keywords(
    discussion: Discussion, stances: Sequence[ReplyStance], *, limit: int = 8
) -> list[Keyword]:
    """Overall keywords first (``option=None``), then up to ``limit`` per option."""
    option_of = {s.reply_id: s.option for s in stances}
    written = [_written(reply.text) for reply in discussion.replies]
    content = [_content(words) for words in written]
    total = Counter(chain.from_iterable(content))
    sides: dict[str, list[set[str]]] = {o: [] for o in discussion.options}
    for reply, words in zip(discussion.replies, content, strict=True):
        option = option_of.get(reply.id)
        if option is not None and option in sides:
            sides[option].append(words)
    by_option = {o: Counter(chain.from_iterable(sets)) for o, sets in sides.items()}
    surface = Counter(chain.from_iterable(written))
    question = _content(_written(discussion.question))
    out: list[Keyword] = []
    shown = _displays(surface)
    overall = [
        (c * (0.5 if w in question else 1.0), w) for w, c in total.items() if c >= _MIN_COUNT
    ]
    overall.sort(key=lambda t: (-t[0], t[1]))
    for score, w in overall[:limit]:
        out.append(Keyword(shown.get(w, w), None, total[w], round(score, 3)))
    n_total = sum(total.values())
    if n_total == 0:
        return out
    for option, counts in by_option.items():
        n_opt = sum(counts.values())
        n_rest = n_total - n_opt
        if n_opt == 0:
            continue
        a0 = float(n_total)
        scored = []
        for w, c in counts.items():
            if c < _MIN_COUNT:
                continue
            rest = total[w] - c
            prior = total[w]  # Dirichlet prior scaled to the discussion's counts
            left, right = n_opt + a0 - c - prior, n_rest + a0 - rest - prior
            if left <= 0 or right <= 0:
                continue  # the word is every word there: it sets nothing apart
            d1 = math.log((c + prior) / left)
            d2 = math.log((rest + prior) / right)
            z = (d1 - d2) / math.sqrt(1.0 / (c + prior) + 1.0 / (rest + prior))
            if z >= _MIN_Z:
                scored.append((z, w))
        scored.sort(key=lambda t: (-t[0], t[1]))
        for z, w in scored[:limit]:
            out.append(Keyword(shown.get(w, w), option, counts[w], round(z, 3)))
    return out
