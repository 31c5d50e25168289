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

from bot.analysis._text import MAX_CHARS, STOP_WORDS, fold
from bot.analysis.model import Discussion
from bot.analysis.stance import ReplyStance

_WORD = re.compile(r"[^\W\d_]{3,}(?:-[^\W\d_]+)*")
_MENTION = re.compile(r"<(?:@[!&]?|#|a?:\w+:)\d+>|https?://\S+")
_MIN_COUNT = 2
_MIN_Z = 1.0


@dataclass(frozen=True, slots=True)
class Keyword:
    word: str
    option: str | None
    """The option the word tells apart, or ``None`` for an overall keyword."""
    count: int
    score: float


def _reply_words(text: str, surface: dict[str, Counter[str]] | None = None) -> set[str]:
    """Distinct content words of a reply, folded (a word counts once per reply).

    ``surface`` collects how each folded word was written, to show the usual form.
    """
    words: set[str] = set()
    for m in _WORD.findall(_MENTION.sub(" ", text[:MAX_CHARS].lower())):
        key = fold(m)
        if key in STOP_WORDS:
            continue
        words.add(key)
        if surface is not None:
            forms = surface.get(key)
            if forms is None:
                forms = surface[key] = Counter()
            forms[m] += 1
    return words


def _display(surface: dict[str, Counter[str]], word: str) -> str:
    forms = surface.get(word)
    return forms.most_common(1)[0][0] if forms else word


def find_keywords(
    discussion: Discussion, stances: Sequence[ReplyStance], *, limit: int = 8
) -> list[Keyword]:
    """Overall keywords first (``option=None``), then up to ``limit`` per option."""
    option_of = {s.reply_id: s.option for s in stances}
    total: Counter[str] = Counter()
    by_option: dict[str, Counter[str]] = {o: Counter() for o in discussion.options}
    surface: dict[str, Counter[str]] = {}
    question = _reply_words(discussion.question)
    for reply in discussion.replies:
        words = _reply_words(reply.text, surface)
        total.update(words)
        option = option_of.get(reply.id)
        if option is not None and option in by_option:
            by_option[option].update(words)
    out: list[Keyword] = []
    overall = [
        (c * (0.5 if w in question else 1.0), w) for w, c in total.items() if c >= _MIN_COUNT
    ]
    overall.sort(key=lambda t: (-t[0], t[1]))
    for score, w in overall[:limit]:
        out.append(Keyword(_display(surface, w), None, total[w], round(score, 3)))
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
            d1 = math.log((c + prior) / (n_opt + a0 - c - prior))
            d2 = math.log((rest + prior) / (n_rest + a0 - rest - prior))
            z = (d1 - d2) / math.sqrt(1.0 / (c + prior) + 1.0 / (rest + prior))
            if z >= _MIN_Z:
                scored.append((z, w))
        scored.sort(key=lambda t: (-t[0], t[1]))
        for z, w in scored[:limit]:
            out.append(Keyword(_display(surface, w), option, counts[w], round(z, 3)))
    return out
