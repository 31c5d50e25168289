"""What learns from declared stances: feature ids, naive Bayes, the combining
regression, and the move of probabilities to a discussion's own yes rate."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from bot.analysis.stance.cues import ReadReply

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

NB_ALPHA = 0.5

ZERO_SHOT = np.array([0.05, 0.55, -0.35, 1.5, 0.0, 0.0, 0.0, 0.0])
"""Zero-shot weights of p(yes) = sigmoid(w . [1, cue, negations, opening, yes mass,
no mass, nb, question]); the features at 0 count only once history has fitted them."""


def zero_shot_p_yes(
    x: FloatArray,
    replies: Sequence[ReadReply],
    scale: float,
    no_evidence_yes: float | None,
) -> FloatArray:
    """P(yes) without history: the zero-shot weights' log-odds times ``scale``.

    A reply with no evidence at all (no cue, opening or negation) gets ``no_evidence_yes``
    when it is set: the weights only say how evidence moves a reply from its base rate,
    and what a reply says without any cue is a base rate of its own (see
    :attr:`~bot.analysis.stance.settings.StanceSettings.no_evidence_yes`).
    """
    p_yes = sigmoid(scale * (x @ ZERO_SHOT))
    if no_evidence_yes is not None:
        bare = np.fromiter((not r.has_evidence for r in replies), dtype=bool, count=len(replies))
        p_yes[bare] = no_evidence_yes
    return p_yes


def sigmoid(x: FloatArray) -> FloatArray:
    out: FloatArray = 1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))
    return out


class Vocab:
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


class NaiveBayes:
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
        p = np.bincount(flat[label == 1.0], minlength=dim) + NB_ALPHA
        q = np.bincount(flat[label == 0.0], minlength=dim) + NB_ALPHA
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


def dense_features(replies: Sequence[ReadReply]) -> FloatArray:
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


def fit_calibrator(x: FloatArray, y: FloatArray, prior_strength: float) -> FloatArray:
    """Logistic regression by Newton steps with a Gaussian prior on the zero-shot weights."""
    w = ZERO_SHOT.copy()
    prior = np.full(len(w), prior_strength)
    prior[0] = 1.0
    for _ in range(25):
        p = sigmoid(x @ w)
        grad = x.T @ (p - y) + prior * (w - ZERO_SHOT)
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(prior)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-6:
            break
    return w


def adapt_to_discussion(
    p_yes: FloatArray, base: float, labels: FloatArray, pseudo_replies: float
) -> FloatArray:
    """Probabilities moved from the server's yes rate ``base`` to the discussion's own.

    Questions differ in how many say yes, which a model fitted on other questions
    cannot know; the discussion's rate is found by EM over its own replies (Saerens,
    Latinne & Decaestecker 2002): estimate the rate from the probabilities,
    re-weight them by the ratio of the rates, repeat. Declared replies count with
    their declared side; ``pseudo_replies`` replies at the server's rate keep a
    short discussion near it.
    """
    known = ~np.isnan(labels)
    declared = np.where(known, labels, 0.0)
    rate = base
    q = p_yes
    for _ in range(100):
        yes = p_yes * (rate / base)
        q = yes / (yes + (1.0 - p_yes) * ((1.0 - rate) / (1.0 - base)))
        seen = float(np.where(known, declared, q).sum())
        new = (seen + pseudo_replies * base) / (len(q) + pseudo_replies)
        if abs(new - rate) < 1e-7:
            break
        rate = new
    return q


def nb_scores_leaving_out(
    rows: Sequence[IntArray], labels: FloatArray, owner: IntArray, dim: int
) -> FloatArray:
    """Each row's :class:`NaiveBayes` score by a model trained on every row of the other
    owners (discussions): leave one discussion out, by subtracting its counts."""
    n = len(rows)
    if not n:
        return np.zeros(0)
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=n)
    flat = np.concatenate(rows)
    is_yes = np.repeat(labels == 1.0, lengths).astype(np.float64)
    is_no = np.repeat(labels == 0.0, lengths).astype(np.float64)
    own = np.repeat(owner, lengths)
    n_owners = int(owner.max()) + 1
    yes_all = np.bincount(flat, weights=is_yes, minlength=dim)
    no_all = np.bincount(flat, weights=is_no, minlength=dim)
    # counts of each (discussion, feature) pair, and of each discussion
    _, pair = np.unique(own * dim + flat, return_inverse=True)
    yes_own = np.bincount(pair, weights=is_yes)[pair]
    no_own = np.bincount(pair, weights=is_no)[pair]
    yes_sum = yes_all.sum() - np.bincount(own, weights=is_yes, minlength=n_owners)[own]
    no_sum = no_all.sum() - np.bincount(own, weights=is_no, minlength=n_owners)[own]
    p = (yes_all[flat] - yes_own + NB_ALPHA) / (yes_sum + NB_ALPHA * dim)
    q = (no_all[flat] - no_own + NB_ALPHA) / (no_sum + NB_ALPHA * dim)
    n_yes = float((labels == 1.0).sum()) - np.bincount(owner, labels == 1.0, n_owners)[owner]
    n_no = float((labels == 0.0).sum()) - np.bincount(owner, labels == 0.0, n_owners)[owner]
    shift = np.log(np.maximum(n_yes, 1.0) / np.maximum(n_no, 1.0)) / 4.0
    ratio = np.log(p) - np.log(q)
    sums = np.bincount(np.repeat(np.arange(n), lengths), weights=ratio, minlength=n)
    scores = (sums - lengths * shift) / np.sqrt(lengths + 1.0)
    out: FloatArray = np.where((n_yes > 0) & (n_no > 0), scores, 0.0)
    return out
