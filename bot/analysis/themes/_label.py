"""Naming a theme: the stems its replies use far more than the other themes' replies.

Each stem counts once per reply. A stem's score is the log-odds ratio of its
use inside the theme against outside, with an informative Dirichlet prior
(its count in the whole discussion), divided by its standard error, as the
keywords of each option are scored; stems of the question never name a theme
(every reply shares them), nor do those of the discussion's options (a
moderator reads « interdire » or "ban" on the buttons already; a theme named
by one tells nothing): the next stems name it instead, and only a theme whose
every distinctive stem is an option's is named by them (it is kept whatever
its name: the replies in each theme never depend on its label).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from bot.analysis.themes._words import ReplyWords

LABEL_WORDS = 3
_MIN_COUNT = 2


def _shown(stem: str, members: Sequence[ReplyWords]) -> str:
    forms = Counter(w for r in members for s, w in r.forms if s == stem)
    return min(forms.items(), key=lambda fw: (-fw[1], fw[0]))[0]


def label_words(
    members: Sequence[ReplyWords],
    total: Counter[str],
    n_replies: int,
    question: frozenset[str],
    options: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """Up to :data:`LABEL_WORDS` words that set ``members`` apart from the other replies,
    none of the ``options``' stems unless no other stem does."""
    inside = Counter(s for r in members for s in r.stems)
    n_in = len(members)
    n_out = n_replies - n_in
    scored = []
    for stem, c in inside.items():
        if c < _MIN_COUNT or stem in question:
            continue
        rest = total[stem] - c
        prior = total[stem] / max(n_replies, 1)
        d_in = math.log((c + prior) / (n_in - c + prior + 1.0))
        d_out = math.log((rest + prior) / (max(n_out - rest, 0) + prior + 1.0))
        z = (d_in - d_out) / math.sqrt(1.0 / (c + prior) + 1.0 / (rest + prior))
        scored.append((z, stem))
    scored.sort(key=lambda t: (-t[0], t[1]))
    stems = [stem for _, stem in scored if stem not in options] or [stem for _, stem in scored]
    words: list[str] = []
    for stem in stems:
        word = _shown(stem, members)
        if word not in words:
            words.append(word)
        if len(words) == LABEL_WORDS:
            break
    return tuple(words)
