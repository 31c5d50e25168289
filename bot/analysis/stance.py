"""Stance of each reply: declared by its author, or inferred from its text.

Two kinds of option sets are handled:

* **polar** sets, where one option means "yes" and one "no" (``Oui``/``Non``,
  ``Yes``/``No``, optionally a nuanced option): a hand-written French and
  English cue lexicon gives a zero-shot score, and a reply that opens with an
  explicit answer ("Oui, ...", "Non, ...") counts apart, as the clearest
  evidence; when declared stances exist
  (in the discussion or in ``history``, the server's past discussions) a
  naive-Bayes log-count-ratio model learns which words go with "yes" and
  "no" across questions, and past questions sharing most of this question's
  key terms lend it their declared yes/no rate; a small logistic regression,
  fitted on out-of-fold scores, combines and calibrates them (its prior is
  the zero-shot calibration, so little data changes little); the calibrated
  probabilities are then moved to the discussion's own yes rate, estimated
  from its replies (EM for a shifted prior);
* **open** sets (any other options): words of each option found in the
  reply (negated or not) and, when declared stances exist for the same
  options, a one-vs-rest naive-Bayes model; a "none of them" class lets the
  reply stay unclassified.

Who wrote a reply is never used to classify it: only its text and the
question. Everything is deterministic and linear in the number of replies.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Literal

import numpy as np
import numpy.typing as npt

from bot.analysis import _lexicon as lex
from bot.analysis._text import content_words, fold, stem, tokens
from bot.analysis.model import Discussion

Source = Literal["declared", "inferred"]
Kind = Literal["yes", "no", "nuanced"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class ReplyStance:
    reply_id: str
    option: str | None
    confidence: float
    source: Source


DEFAULT_MIN_CONFIDENCE = 0.6
"""Below this probability a polar reply is left without an option."""

_NEG_WINDOW = 3
_NB_ALPHA = 0.5
_FOLDS = 5
_PRIOR_STRENGTH = 10.0
_MAX_TRAIN = 40_000
"""At most this many declared replies train the polar model (a seeded sample)."""

# Zero-shot calibration: p(yes) = sigmoid(w . [1, cue, negations, opening, yes mass, no mass,
# nb, question]); the features at 0 count only once history has fitted them.
_ZERO_SHOT = np.array([0.05, 0.55, -0.35, 1.5, 0.0, 0.0, 0.0, 0.0])
_CAL_NAMES = ("bias", "cue", "negations", "opening", "yes_mass", "no_mass", "nb", "question")

_RATE_PSEUDO_REPLIES = 10.0
"""How many replies the server's yes rate counts for when a discussion's own rate is
estimated (see :func:`_adapt_to_discussion`)."""

_SIMILAR_QUESTION = 0.5
"""Past questions sharing at least this share (cosine) of their key-term stems with
a discussion's question lend it their declared yes/no rate, weighted by similarity."""

_OPENERS = {
    "oui": 1.0,
    "plutot oui": 1.0,
    "yes": 1.0,
    "je suis pour": 1.0,
    "non": -1.0,
    "plutot non": -1.0,
    "no": -1.0,
    "je suis contre": -1.0,
}
"""Explicit answers that open a reply ("Oui, ...", "Non, ..."): the clearest evidence."""
_NOT_OPENERS = frozenset({"seulement", "only", "plus", "sans", "matter", "doubt"})
"""Words after an answer word that make it something else ("non seulement", "no doubt")."""


def _phrase_table() -> dict[str, float]:
    table: dict[str, float] = {}
    for phrase, weight in lex.YES_NO_CUES.items():
        sign = -1.0 if phrase.replace(" ", "_") in lex.NO_CUES else 1.0
        table[phrase] = sign * weight
    return table


_CUES = _phrase_table()
_NUANCES = dict(lex.NUANCE_CUES)
_MAX_PHRASE = max(len(p.split()) for p in [*_CUES, *_NUANCES])


def _prefix_table() -> dict[str, tuple[float | None, float | None, bool]]:
    """Every cue phrase and every word prefix of one: (cue weight, nuance weight, and
    whether a longer phrase starts with it), so a scan stops at the first dead end."""
    table: dict[str, tuple[float | None, float | None, bool]] = {}
    for phrase in [*_CUES, *_NUANCES]:
        words = phrase.split(" ")
        for k in range(1, len(words) + 1):
            prefix = " ".join(words[:k])
            longer = k < len(words) or (prefix in table and table[prefix][2])
            table[prefix] = (_CUES.get(prefix), _NUANCES.get(prefix), longer)
    return table


_PHRASES = _prefix_table()
_STEM = itemgetter(slice(6))
"""``stem`` of a word, for ``map``."""


@dataclass(slots=True)
class _Reply:
    """What the classifier sees of one reply."""

    words: list[str]
    yes_mass: float
    """Sum of the cues that lean to "yes"."""
    no_mass: float
    opening: float
    nuance: float
    negations: int
    question_back: bool

    @property
    def cue(self) -> float:
        """Net cue score: above 0 leans to "yes"."""
        return self.yes_mass - self.no_mass


def _option_kind(option: str) -> Kind | None:
    key = "_".join(tokens(option))
    if key in lex.YES_OPTIONS:
        return "yes"
    if key in lex.NO_OPTIONS:
        return "no"
    if key in lex.NUANCE_OPTIONS:
        return "nuanced"
    return None


def option_kinds(options: Sequence[str]) -> dict[str, Kind] | None:
    """Map each option to yes/no/nuanced when the set is polar, else ``None``."""
    kinds = {o: k for o in options if (k := _option_kind(o)) is not None}
    values = set(kinds.values())
    if "yes" in values and "no" in values:
        return kinds
    return None


def _question_stems(question: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(tokens(question)))


def _negated(words: list[str]) -> list[bool] | None:
    """Whether each word follows a negator by at most ``_NEG_WINDOW`` words (``None``:
    the reply has no negator)."""
    if lex.NEGATORS.isdisjoint(words):
        return None
    n = len(words)
    negated = [False] * n
    for i in [i for i, w in enumerate(words) if w in lex.NEGATORS]:
        negated[i + 1 : i + 1 + _NEG_WINDOW] = [True] * min(_NEG_WINDOW, n - i - 1)
    return negated


def _sparse(words: list[str], negated: list[bool] | None, hits: list[int]) -> list[str]:
    """Sparse features: each word (``!word`` when negated), and ``~Q`` (``~Q!``) after
    each word that shares a stem with the question."""
    base = (
        words
        if negated is None
        else [("!" + w) if g else w for w, g in zip(words, negated, strict=True)]
    )
    if not hits:
        return base
    out: list[str] = []
    start = 0
    for i in hits:
        out += base[start : i + 1]
        out.append("~Q!" if negated is not None and negated[i] else "~Q")
        start = i + 1
    out += base[start:]
    return out


def _cues(words: list[str], negated: list[bool] | None) -> tuple[float, float, float, float]:
    """Yes mass, no mass, explicit opening and nuance score of the phrases of a reply."""
    yes = no = nuance = opening = 0.0
    n = len(words)
    table = _PHRASES
    for i in [i for i, w in enumerate(words) if w in table]:
        is_negated = negated is not None and negated[i]
        phrase = words[i]
        j = 1
        while True:
            weight, nweight, longer = table[phrase]
            after = words[i + j] if i + j < n else ""
            if weight is not None and not (phrase in _OPENERS and after in _NOT_OPENERS):
                if is_negated:
                    weight = -0.7 * weight
                elif i < 2:
                    weight *= 1.5
                    sign = _OPENERS.get(phrase, 0.0)
                    if sign and not opening:
                        opening = sign
                if weight > 0:
                    yes += weight
                else:
                    no -= weight
            if nweight is not None:
                nuance += nweight
            if not longer or j >= _MAX_PHRASE or i + j >= n:
                break
            phrase = phrase + " " + after
            j += 1
            if phrase not in table:
                break
    return yes, no, opening, nuance


def _scan(words: list[str], qstems: frozenset[str]) -> tuple[_Reply, list[str]]:
    """Cue scores, negations and sparse features of a reply's words."""
    negated = _negated(words)
    # a word under 3 letters never matches: question stems have 3 letters or more
    hits = [i for i, w in enumerate(words) if w[:6] in qstems] if qstems else []
    features = _sparse(words, negated, hits)
    yes, no, opening, nuance = _cues(words, negated)
    negations = 0 if negated is None else sum(1 for w in words if w in lex.NEGATORS)
    reply = _Reply(words, yes, no, opening, nuance, negations, question_back=False)
    return reply, features


def _read(text: str, qstems: frozenset[str]) -> tuple[_Reply, list[str]]:
    words = tokens(text)
    reply, features = _scan(words, qstems)
    reply.question_back = text.rstrip().endswith("?") and abs(reply.cue) < 1.0
    return reply, features


def _sigmoid(x: FloatArray) -> FloatArray:
    out: FloatArray = 1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))
    return out


class _Vocab:
    """Feature strings to column ids, in order of first sight (deterministic)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def encode(self, features: list[str]) -> IntArray:
        ids = self.ids
        try:
            found = list(map(ids.__getitem__, features))
        except KeyError:  # a new feature: numbered at its first sight
            found = [ids.setdefault(f, len(ids)) for f in features]
        # the same insertions as ever, so the same set order (and float sums) as ever
        out = set(found)
        return np.fromiter(out, dtype=np.int64, count=len(out))


@dataclass(slots=True)
class _Prepared:
    """One discussion read once: replies, sparse rows, declared polarity labels."""

    discussion: Discussion
    kinds: dict[str, Kind] | None
    qstems: frozenset[str]
    replies: list[_Reply]
    rows: list[IntArray]
    declared: dict[str, str]
    labels: FloatArray
    """1 yes, 0 no, nan unknown or nuanced (per reply)."""


def _declared_options(discussion: Discussion) -> dict[str, str]:
    """Author id to declared option (matched to the discussion's own spelling)."""
    by_fold = {fold(o).strip(): o for o in discussion.options}
    out: dict[str, str] = {}
    for s in discussion.stances:
        option = by_fold.get(fold(s.option).strip())
        if option is not None:
            out[s.author_id] = option
    return out


def _prepare(discussion: Discussion, vocab: _Vocab) -> _Prepared:
    kinds = option_kinds(discussion.options)
    qstems = _question_stems(discussion.question)
    replies: list[_Reply] = []
    rows: list[IntArray] = []
    for r in discussion.replies:
        reply, features = _read(r.text, qstems)
        replies.append(reply)
        rows.append(vocab.encode(features))
    declared = _declared_options(discussion)
    labels = np.full(len(replies), np.nan)
    if kinds is not None:
        for i, r in enumerate(discussion.replies):
            kind = kinds.get(declared.get(r.author_id, ""))
            if kind == "yes":
                labels[i] = 1.0
            elif kind == "no":
                labels[i] = 0.0
    return _Prepared(discussion, kinds, qstems, replies, rows, declared, labels)


class _NaiveBayes:
    """Log-count ratio of binary features between "yes" and "no" replies."""

    def __init__(self, rows: Sequence[IntArray], labels: FloatArray, dim: int) -> None:
        self.ratio = np.zeros(dim)
        self.ok = False
        if not rows:
            return
        n_yes = int((labels == 1.0).sum())
        n_no = int((labels == 0.0).sum())
        if not n_yes or not n_no:
            return
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        flat = np.concatenate(rows)
        label = np.repeat(labels, lengths)
        p = np.bincount(flat[label == 1.0], minlength=dim) + _NB_ALPHA
        q = np.bincount(flat[label == 0.0], minlength=dim) + _NB_ALPHA
        self.ratio = np.log(p / p.sum()) - np.log(q / q.sum())
        self.ratio -= np.log(n_yes / n_no) / 4.0
        self.ok = True

    def score(self, rows: Sequence[IntArray]) -> FloatArray:
        """Sum of the ratios of each row's features, over the square root of its length."""
        if not self.ok or not rows:
            return np.zeros(len(rows))
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        flat = np.concatenate(rows)
        owner = np.repeat(np.arange(len(rows)), lengths)
        known = flat < len(self.ratio)
        sums = np.bincount(owner[known], weights=self.ratio[flat[known]], minlength=len(rows))
        out: FloatArray = sums / np.sqrt(lengths + 1.0)
        return out


def _dense(replies: Sequence[_Reply]) -> FloatArray:
    """Hand-made features per reply: bias, cue score, negations (log), explicit opening,
    and the yes and no masses of the cues (log), whose weights only history fits."""
    rows = [
        (
            1.0,
            math.tanh(r.cue / 3.0) * 3.0,
            math.log1p(r.negations),
            r.opening,
            math.log1p(r.yes_mass),
            math.log1p(r.no_mass),
        )
        for r in replies
    ]
    return np.array(rows, dtype=np.float64).reshape(len(replies), 6)


def _fit_calibrator(x: FloatArray, y: FloatArray) -> FloatArray:
    """Logistic regression by Newton steps with a Gaussian prior on the zero-shot weights."""
    w = _ZERO_SHOT.copy()
    prior = np.full(len(w), _PRIOR_STRENGTH)
    prior[0] = 1.0
    for _ in range(25):
        p = _sigmoid(x @ w)
        grad = x.T @ (p - y) + prior * (w - _ZERO_SHOT)
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(prior)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-6:
            break
    return w


def _adapt_to_discussion(p_yes: FloatArray, base: float, labels: FloatArray) -> FloatArray:
    """Probabilities moved from the server's yes rate ``base`` to the discussion's own.

    Questions differ in how many say yes (from none to all on X-Stance), which the
    model, fitted on other questions, cannot know; the discussion's rate is found by
    EM over its own replies (Saerens, Latinne & Decaestecker 2002): estimate the
    rate from the probabilities, re-weight them by the ratio of the rates, repeat.
    Declared replies count with their declared side; ``_RATE_PSEUDO_REPLIES``
    replies at the server's rate keep a short discussion near it. Needs calibrated
    probabilities, so it is used only once history has fitted the weights.
    """
    known = ~np.isnan(labels)
    declared = np.where(known, labels, 0.0)
    rate = base
    q = p_yes
    for _ in range(100):
        yes = p_yes * (rate / base)
        q = yes / (yes + (1.0 - p_yes) * ((1.0 - rate) / (1.0 - base)))
        seen = float(np.where(known, declared, q).sum())
        new = (seen + _RATE_PSEUDO_REPLIES * base) / (len(q) + _RATE_PSEUDO_REPLIES)
        if abs(new - rate) < 1e-7:
            break
        rate = new
    return q


class StanceModel:
    """Stance classifier fitted on the declared stances of a set of discussions.

    ``fit`` reads every discussion once; ``predict`` gives the stance of each
    reply of one of them (or of any other discussion).
    """

    def __init__(self, discussions: Sequence[Discussion], *, seed: int = 0) -> None:
        self._vocab = _Vocab()
        self._prepared = [_prepare(d, self._vocab) for d in discussions]
        self._index = {id(p.discussion): i for i, p in enumerate(self._prepared)}
        self._seed = seed
        self._polar = [p for p in self._prepared if p.kinds is not None]
        self._polar_index = {id(p): k for k, p in enumerate(self._polar)}
        self._counts = np.array(
            [[(p.labels == 1.0).sum(), (p.labels == 0.0).sum()] for p in self._polar],
            dtype=np.float64,
        ).reshape(len(self._polar), 2)
        self._by_stem: dict[str, list[int]] = {}
        for k, p in enumerate(self._polar):
            if self._counts[k].sum():
                for st in p.qstems:
                    self._by_stem.setdefault(st, []).append(k)
        self._dim = len(self._vocab.ids)
        self._train_rows: list[IntArray] = []
        self._train_replies: list[_Reply] = []
        self._train_labels, self._train_owner = self._training_set()
        self._generic = _NaiveBayes(self._train_rows, self._train_labels, self._dim)
        self._fitted = False
        """Whether history fitted the weights (else they are the zero-shot ones)."""
        self._weights = self._calibrate()
        self._open_cache: dict[tuple[str, ...], tuple[list[_NaiveBayes], float]] = {}

    # -- training -----------------------------------------------------------------
    def _training_set(self) -> tuple[FloatArray, IntArray]:
        """Declared yes/no replies of the polar discussions (a seeded sample if many)."""
        rows: list[IntArray] = []
        replies: list[_Reply] = []
        labels: list[float] = []
        owner: list[int] = []
        for k, p in enumerate(self._polar):
            for i in np.flatnonzero(~np.isnan(p.labels)):
                rows.append(p.rows[i])
                replies.append(p.replies[i])
                labels.append(float(p.labels[i]))
                owner.append(k)
        if len(rows) > _MAX_TRAIN:
            keep = np.sort(np.random.default_rng(self._seed).permutation(len(rows))[:_MAX_TRAIN])
            rows = [rows[i] for i in keep]
            replies = [replies[i] for i in keep]
            labels = [labels[i] for i in keep]
            owner = [owner[i] for i in keep]
        self._train_rows = rows
        self._train_replies = replies
        return np.array(labels, dtype=np.float64), np.array(owner, dtype=np.int64)

    def _question_prior(self, qstems: frozenset[str], exclude: int | None) -> float:
        """Log-odds of "yes" among the declared replies of the past questions most like
        this one (shared key-term stems), 0 when there are none."""
        shared: dict[int, int] = {}
        for st in qstems:
            for k in self._by_stem.get(st, ()):
                shared[k] = shared.get(k, 0) + 1
        yes = total = 0.0
        for k, n in shared.items():
            sim = n / math.sqrt(len(qstems) * len(self._polar[k].qstems))
            if k != exclude and sim >= _SIMILAR_QUESTION:
                yes += sim * self._counts[k, 0]
                total += sim * self._counts[k].sum()
        if not total:
            return 0.0
        return math.log((yes + 1.0) / (total - yes + 1.0))

    @staticmethod
    def _features(
        replies: Sequence[_Reply],
        rows: Sequence[IntArray],
        generic: _NaiveBayes,
        prior: FloatArray | float,
    ) -> FloatArray:
        question = np.broadcast_to(np.asarray(prior, dtype=np.float64), (len(replies),))
        return np.column_stack([_dense(replies), generic.score(rows), question])

    def _calibrate(self) -> FloatArray:
        """Out-of-fold scores of the declared replies fit the combining regression."""
        n = len(self._train_rows)
        if n < 10 or len(set(self._train_labels.tolist())) < 2:
            return _ZERO_SHOT.copy()
        owners = self._train_owner
        fold_of = np.arange(len(self._polar)) % _FOLDS
        priors = np.array(
            [self._question_prior(p.qstems, exclude=k) for k, p in enumerate(self._polar)]
        )
        xs: list[FloatArray] = []
        ys: list[FloatArray] = []
        for f in range(_FOLDS):
            test = fold_of[owners] == f
            if not test.any() or test.all():
                continue
            train_idx = np.flatnonzero(~test)
            generic = _NaiveBayes(
                [self._train_rows[i] for i in train_idx], self._train_labels[train_idx], self._dim
            )
            test_idx = np.flatnonzero(test)
            rows = [self._train_rows[i] for i in test_idx]
            replies = [self._train_replies[i] for i in test_idx]
            xs.append(self._features(replies, rows, generic, priors[owners[test_idx]]))
            ys.append(self._train_labels[test_idx])
        if not xs:
            return _ZERO_SHOT.copy()
        self._fitted = True
        return _fit_calibrator(np.vstack(xs), np.concatenate(ys))

    # -- prediction ---------------------------------------------------------------
    def _prepared_for(self, discussion: Discussion) -> _Prepared:
        i = self._index.get(id(discussion))
        if i is not None and self._prepared[i].discussion is discussion:
            return self._prepared[i]
        return _prepare(discussion, self._vocab)

    def probabilities(self, discussion: Discussion) -> tuple[list[str], FloatArray]:
        """Options and a (replies x options) probability matrix, before abstaining."""
        p = self._prepared_for(discussion)
        options = list(discussion.options)
        if not p.replies:
            return options, np.zeros((0, len(options)))
        if p.kinds is None:
            return options, self._open_probabilities(p)
        prior = self._question_prior(p.qstems, exclude=self._polar_index.get(id(p)))
        x = self._features(p.replies, p.rows, self._generic, prior)
        p_yes = _sigmoid(x @ self._weights)
        if self._fitted:
            base = float(np.clip(self._train_labels.mean(), 0.05, 0.95))
            p_yes = _adapt_to_discussion(p_yes, base, p.labels)
        nuance = np.array([r.nuance for r in p.replies])
        kinds = [p.kinds.get(o) for o in options]
        p_nu = _sigmoid(1.2 * nuance - 2.5) if "nuanced" in kinds else np.zeros(len(p_yes))
        probs = np.zeros((len(p.replies), len(options)))
        for j, kind in enumerate(kinds):
            if kind == "yes":
                probs[:, j] = p_yes * (1 - p_nu)
            elif kind == "no":
                probs[:, j] = (1 - p_yes) * (1 - p_nu)
            elif kind == "nuanced":
                probs[:, j] = p_nu
        probs /= np.maximum(probs.sum(axis=1, keepdims=True), 1e-12)
        return options, probs

    def _open_probabilities(self, p: _Prepared) -> FloatArray:
        """Options named in the reply, plus a learned model when declared stances exist."""
        options = list(p.discussion.options)
        option_words = [frozenset(stem(w) for w in content_words(tokens(o))) for o in options]
        empty = [
            bool({"aucun", "aucune", "rien", "none", "nothing", "personne", "no"} & set(tokens(o)))
            for o in options
        ]
        by_stem: dict[str, list[tuple[int, float]]] = {}
        for j, ow in enumerate(option_words):
            for st in ow:
                by_stem.setdefault(st, []).append((j, 2.5 / math.sqrt(len(ow))))
        # an option that itself says "none" is not contradicted by a negation
        negative = [bool(lex.NEGATORS & set(tokens(o))) for o in options]
        phrases = [" ".join(tokens(o)) for o in options]
        scores = np.zeros((len(p.replies), len(options) + 1))
        scores[:, -1] = 0.8  # "none of them"
        negators = lex.NEGATORS
        stems = by_stem.keys()
        for i, r in enumerate(p.replies):
            last_neg = -100
            # most replies name no option: skip their words at C speed
            hit = not stems.isdisjoint(map(_STEM, r.words))
            for t, w in enumerate(r.words if hit else ()):
                if w in negators:
                    last_neg = t
                    continue
                hits = by_stem.get(w[:6])
                if hits is None:
                    continue
                negated = t - last_neg <= _NEG_WINDOW
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
        scores[:, :-1] += self._open_learned(p, options)
        z = np.exp(2.0 * (scores - scores.max(axis=1, keepdims=True)))
        probs: FloatArray = z / z.sum(axis=1, keepdims=True)
        return probs[:, :-1]

    def _open_models(self, options: Sequence[str]) -> tuple[list[_NaiveBayes], float]:
        """One-vs-rest naive Bayes per option, from declared replies of discussions with
        the same options (built once per option set), and the weight they get."""
        key = tuple(fold(o).strip() for o in options)
        cached = self._open_cache.get(key)
        if cached is not None:
            return cached
        rows: list[IntArray] = []
        target: list[int] = []
        for q in self._prepared:
            if tuple(fold(o).strip() for o in q.discussion.options) != key:
                continue
            for i, r in enumerate(q.discussion.replies):
                option = q.declared.get(r.author_id)
                if option is not None:
                    rows.append(q.rows[i])
                    target.append(q.discussion.options.index(option))
        models: list[_NaiveBayes] = []
        if len(rows) >= 4:
            t = np.array(target)
            models = [
                _NaiveBayes(rows, (t == j).astype(np.float64), self._dim)
                for j in range(len(options))
            ]
        result = (models, 2.0 * min(1.0, len(rows) / 10.0))
        self._open_cache[key] = result
        return result

    def _open_learned(self, p: _Prepared, options: list[str]) -> FloatArray:
        out = np.zeros((len(p.rows), len(options)))
        models, weight = self._open_models(options)
        for j, nb in enumerate(models):
            out[:, j] = weight * nb.score(p.rows)
        return out

    def predict(
        self, discussion: Discussion, *, min_confidence: float | None = None
    ) -> list[ReplyStance]:
        """Stance of each reply of ``discussion``, in reply order."""
        p = self._prepared_for(discussion)
        options, probs = self.probabilities(discussion)
        n_opt = max(len(options), 1)
        if min_confidence is None:
            min_confidence = DEFAULT_MIN_CONFIDENCE if n_opt <= 2 else 1.0 / n_opt + 0.15
        out: list[ReplyStance] = []
        best: list[int] = np.argmax(probs, axis=1).tolist() if len(probs) else []
        top: list[float] = (
            np.round(probs[np.arange(len(best)), best], 4).tolist() if len(probs) else []
        )
        for i, reply in enumerate(discussion.replies):
            declared = p.declared.get(reply.author_id)
            if declared is not None:
                out.append(ReplyStance(reply.id, declared, 1.0, "declared"))
                continue
            r = p.replies[i]
            if not options or not r.words:
                out.append(ReplyStance(reply.id, None, 0.0, "inferred"))
                continue
            j = best[i]
            confidence = top[i]
            option: str | None = options[j]
            if confidence < min_confidence or (r.question_back and min_confidence > 0):
                option = None
            out.append(ReplyStance(reply.id, option, confidence, "inferred"))
        return out


def infer_stances(
    discussion: Discussion,
    history: Sequence[Discussion] = (),
    *,
    min_confidence: float | None = None,
    seed: int = 0,
) -> list[ReplyStance]:
    """Stance of each reply of ``discussion`` (declared first, else inferred).

    ``history`` holds the server's past discussions: their declared stances
    (and this discussion's) train the inference. ``min_confidence`` is the
    probability under which an inferred reply gets ``option=None`` (default
    0.6 for two options, 1/k + 0.15 for k options; 0 always picks one).
    """
    model = StanceModel([discussion, *history], seed=seed)
    return model.predict(discussion, min_confidence=min_confidence)
