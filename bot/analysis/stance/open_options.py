"""Stance for open option sets (any options other than yes/no): the words of each
option found in a reply (negated or not), a "none of them" class, and, when declared
stances exist for the same options, a one-vs-rest naive-Bayes model."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from bot.analysis._text import content_words, fold, stem, tokens
from bot.analysis.stance import lexicon as lex
from bot.analysis.stance.cues import NEG_WINDOW, STEM
from bot.analysis.stance.learners import FloatArray, IntArray, NaiveBayes
from bot.analysis.stance.prepared import Prepared

_NONE_WORDS = frozenset({"aucun", "aucune", "rien", "none", "nothing", "personne", "no"})
_NONE_SCORE = 0.8
"""Score of the "none of them" class, against which option words must win."""
_OTHER_SPELLINGS = {"scepti": ("skepti",)}
"""An option's stem -> the same word's stems in another spelling: American "skeptical"
names the option "Mostly sceptical" (the default open options' British spelling, and the
French "sceptique")."""


def _option_key(options: Sequence[str]) -> tuple[str, ...]:
    return tuple(fold(o).strip() for o in options)


class OpenModels:
    """One-vs-rest naive Bayes per option set, from the declared replies of the
    discussions with the same options (built once per option set)."""

    def __init__(self, prepared: Sequence[Prepared], dim: int) -> None:
        self._prepared = prepared
        self._dim = dim
        self._cache: dict[tuple[str, ...], tuple[list[NaiveBayes], float]] = {}

    def models(self, options: Sequence[str]) -> tuple[list[NaiveBayes], float]:
        """The models of ``options`` and the weight they get."""
        key = _option_key(options)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        rows: list[IntArray] = []
        target: list[int] = []
        for q in self._prepared:
            if _option_key(q.discussion.options) != key:
                continue
            for i, r in enumerate(q.discussion.replies):
                option = q.declared.get(r.author_id)
                if option is not None:
                    rows.append(q.rows[i])
                    target.append(q.discussion.options.index(option))
        models: list[NaiveBayes] = []
        if len(rows) >= 4:
            t = np.array(target)
            models = [
                NaiveBayes(rows, (t == j).astype(np.float64), self._dim)
                for j in range(len(options))
            ]
        result = (models, 2.0 * min(1.0, len(rows) / 10.0))
        self._cache[key] = result
        return result

    def learned(self, p: Prepared, options: list[str]) -> FloatArray:
        out = np.zeros((len(p.rows), len(options)))
        models, weight = self.models(options)
        for j, nb in enumerate(models):
            out[:, j] = weight * nb.score(p.rows)
        return out


def _named_scores(p: Prepared, options: list[str]) -> FloatArray:
    """Per reply, how much it names each option (and "none of them", last column)."""
    option_words = [frozenset(stem(w) for w in content_words(tokens(o))) for o in options]
    empty = [bool(_NONE_WORDS & set(tokens(o))) for o in options]
    by_stem: dict[str, list[tuple[int, float]]] = {}
    for j, ow in enumerate(option_words):
        for st in ow:
            for spelled in (st, *_OTHER_SPELLINGS.get(st, ())):
                by_stem.setdefault(spelled, []).append((j, 2.5 / math.sqrt(len(ow))))
    # an option that itself says "none" is not contradicted by a negation
    negative = [bool(lex.NEGATORS & set(tokens(o))) for o in options]
    phrases = [" ".join(tokens(o)) for o in options]
    scores = np.zeros((len(p.replies), len(options) + 1))
    scores[:, -1] = _NONE_SCORE
    negators = lex.NEGATORS
    stems = by_stem.keys()
    for i, r in enumerate(p.replies):
        last_neg = -100
        # most replies name no option: skip their words at C speed
        hit = not stems.isdisjoint(map(STEM, r.words))
        for t, w in enumerate(r.words if hit else ()):
            if w in negators:
                last_neg = t
                continue
            hits = by_stem.get(w[:6])
            if hits is None:
                continue
            negated = t - last_neg <= NEG_WINDOW
            for j, weight in hits:
                scores[i, j] += -weight if negated and not negative[j] else weight
        if any(phrases):
            joined = " " + " ".join(r.words) + " "
            for j, phrase in enumerate(phrases):
                if phrase and f" {phrase} " in joined:
                    scores[i, j] += 1.5
        for j, is_empty in enumerate(empty):
            if is_empty:
                scores[i, j] += max(0.0, -r.cue) / 2.0
    return scores


def open_probabilities(p: Prepared, models: OpenModels) -> FloatArray:
    """A (replies x options) probability matrix; rows may sum under 1 (none of them)."""
    options = list(p.discussion.options)
    scores = _named_scores(p, options)
    scores[:, :-1] += models.learned(p, options)
    z = np.exp(2.0 * (scores - scores.max(axis=1, keepdims=True)))
    probs: FloatArray = z / z.sum(axis=1, keepdims=True)
    return probs[:, :-1]
