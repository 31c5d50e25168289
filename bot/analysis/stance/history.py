"""What a server's declared stances teach the polar model, and whether to use it.

From the declared yes/no replies of a server's polar discussions: a naive-Bayes
model of the words that go with "yes" and "no" across questions, the declared
yes rate of past questions like this one, and the weights of the regression that
combines them with the cues. Whether they are used at all is decided from the
same declared history: each discussion's declared replies are predicted by the
parts trained on the other discussions (leave one discussion out) and by the
zero-shot weights, and history is used only where it scores the higher macro-F1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cached_property

import numpy as np

from bot.analysis.stance.cues import ReadReply
from bot.analysis.stance.learners import (
    ZERO_SHOT,
    FloatArray,
    IntArray,
    NaiveBayes,
    adapt_to_discussion,
    dense_features,
    fit_calibrator,
    nb_scores_leaving_out,
    sigmoid,
    zero_shot_p_yes,
)
from bot.analysis.stance.prepared import Prepared
from bot.analysis.stance.settings import StanceSettings

MAX_TRAIN = 40_000
"""At most this many declared replies train the polar model (a seeded sample)."""
MIN_TRAIN = 10
"""Fewer declared yes/no replies than this teach nothing."""
GATE_RESAMPLES = 1000
GATE_SHARE = 0.975
"""History is used when it beats zero-shot in at least this share of the resamples of the
server's discussions (leave-one-discussion-out predictions): a gain that chance alone
would rarely show (a one-sided 5 % level; 0.9 let one X-Stance question of 37 through,
which lost, see bench/README.md)."""
_GATE_FOLDS = 5
"""The combining weights checked by the gate are refitted leaving out one of this many
groups of discussions (the other parts leave out the discussion itself)."""


def features(replies: Sequence[ReadReply], nb: FloatArray, prior: FloatArray | float) -> FloatArray:
    """The combining regression's inputs: hand-made features, naive Bayes, question prior."""
    question = np.broadcast_to(np.asarray(prior, dtype=np.float64), (len(replies),))
    return np.column_stack([dense_features(replies), nb, question])


def _f1_counts(y: FloatArray, p_yes: FloatArray, owner: IntArray, n: int) -> FloatArray:
    """Per discussion: right yes, right no, and wrong forced predictions (n x 3)."""
    pred = p_yes >= 0.5
    truth = y == 1.0
    return np.column_stack(
        [
            np.bincount(owner, pred & truth, n),
            np.bincount(owner, ~pred & ~truth, n),
            np.bincount(owner, pred != truth, n),
        ]
    )


def _macro_f1(counts: FloatArray) -> FloatArray:
    """Macro-F1 over yes and no from summed counts (rows: resamples)."""
    right_yes, right_no, wrong = counts[..., 0], counts[..., 1], counts[..., 2]
    with np.errstate(invalid="ignore", divide="ignore"):
        f_yes = np.where(right_yes > 0, 2 * right_yes / (2 * right_yes + wrong), 0.0)
        f_no = np.where(right_no > 0, 2 * right_no / (2 * right_no + wrong), 0.0)
    out: FloatArray = (f_yes + f_no) / 2
    return out


def history_wins(
    y: FloatArray, p_history: FloatArray, p_zero: FloatArray, owner: IntArray, seed: int = 0
) -> tuple[float, float, float]:
    """Macro-F1 of the two predictions, and the share of bootstrap resamples of the
    discussions in which history scores higher than zero-shot."""
    n = int(owner.max()) + 1
    hist = _f1_counts(y, p_history, owner, n)
    zero = _f1_counts(y, p_zero, owner, n)
    present = np.flatnonzero(np.bincount(owner, minlength=n))
    weights = (
        np.random.default_rng(seed)
        .multinomial(len(present), np.full(len(present), 1.0 / len(present)), size=GATE_RESAMPLES)
        .astype(np.float64)
    )
    wins = _macro_f1(weights @ hist[present]) > _macro_f1(weights @ zero[present])
    full_h = float(_macro_f1(hist.sum(axis=0)))
    full_z = float(_macro_f1(zero.sum(axis=0)))
    return full_h, full_z, float(wins.mean())


class ServerHistory:
    """The declared yes/no replies of a server's polar discussions, and what they fit."""

    def __init__(
        self, polar: list[Prepared], dim: int, settings: StanceSettings, *, seed: int = 0
    ) -> None:
        self.polar = polar
        self.settings = settings
        self._counts = np.array(
            [[(p.labels == 1.0).sum(), (p.labels == 0.0).sum()] for p in polar],
            dtype=np.float64,
        ).reshape(len(polar), 2)
        self._by_stem: dict[str, list[int]] = {}
        for k, p in enumerate(polar):
            if self._counts[k].sum():
                for st in p.qstems:
                    self._by_stem.setdefault(st, []).append(k)
        self._dim = dim
        self._rows, self._replies, self.labels, self._owner = self._training_set(seed)
        self.generic = NaiveBayes(self._rows, self.labels, dim)
        self.weights = ZERO_SHOT.copy()
        self.fitted = False
        """Whether history fitted the weights (else they are the zero-shot ones)."""
        self.used = False
        """Whether the fitted parts are used (they beat zero-shot on this history)."""
        self.gate_scores: tuple[float, float, float] | None = None
        """Leave-one-discussion-out macro-F1 of history and of zero-shot, and the share of
        resamples that history wins (see :func:`history_wins`), once measured."""
        self._fit()

    @property
    def base_rate(self) -> float:
        """The server's declared yes rate, kept off the extremes."""
        return float(np.clip(self.labels.mean(), 0.05, 0.95)) if len(self.labels) else 0.5

    @cached_property
    def no_evidence_yes(self) -> float | None:
        """P(yes) without history of a reply with no evidence, moved to this server's own
        rate: its declared replies without evidence, after ``no_evidence_pseudo_replies``
        replies at the settings' rate (0.5 when unset).

        The settings' value when history is off, when fewer than ``MIN_TRAIN`` such
        replies are declared (a discussion's own three or four lowered the quick bench's
        partial F1), or when their rate is within ``no_evidence_min_z`` standard errors of
        0.5 (such a rate only tells that their side varies by question).
        """
        s = self.settings
        fixed = s.no_evidence_yes
        pseudo = s.no_evidence_pseudo_replies
        if pseudo is None or s.history == "never":
            return fixed
        bare = np.fromiter((not r.has_evidence for r in self._replies), dtype=bool)
        yes, n = float(self.labels[bare].sum()), float(bare.sum())
        if n < MIN_TRAIN or abs(yes - n / 2) < s.no_evidence_min_z * math.sqrt(n) / 2:
            return fixed
        start = 0.5 if fixed is None else fixed
        return (yes + pseudo * start) / (n + pseudo)

    def _training_set(
        self, seed: int
    ) -> tuple[list[IntArray], list[ReadReply], FloatArray, IntArray]:
        """Declared yes/no replies of the polar discussions (a seeded sample if many)."""
        rows: list[IntArray] = []
        replies: list[ReadReply] = []
        labels: list[float] = []
        owner: list[int] = []
        for k, p in enumerate(self.polar):
            for i in np.flatnonzero(~np.isnan(p.labels)):
                rows.append(p.rows[i])
                replies.append(p.replies[i])
                labels.append(float(p.labels[i]))
                owner.append(k)
        if len(rows) > MAX_TRAIN:
            keep = np.sort(np.random.default_rng(seed).permutation(len(rows))[:MAX_TRAIN])
            rows = [rows[i] for i in keep]
            replies = [replies[i] for i in keep]
            labels = [labels[i] for i in keep]
            owner = [owner[i] for i in keep]
        return (
            rows,
            replies,
            np.array(labels, dtype=np.float64),
            np.array(owner, dtype=np.int64),
        )

    def question_prior(self, qstems: frozenset[str], exclude: int | None) -> float:
        """Log-odds of "yes" among the declared replies of the past questions most like
        this one (shared key-term stems), 0 when there are none."""
        shared: dict[int, int] = {}
        for st in qstems:
            for k in self._by_stem.get(st, ()):
                shared[k] = shared.get(k, 0) + 1
        yes = total = 0.0
        for k, n in shared.items():
            sim = n / math.sqrt(len(qstems) * len(self.polar[k].qstems))
            if k != exclude and sim >= self.settings.similar_question:
                yes += sim * self._counts[k, 0]
                total += sim * self._counts[k].sum()
        if not total:
            return 0.0
        return math.log((yes + 1.0) / (total - yes + 1.0))

    def _fit(self) -> None:
        """Weights fitted on leave-one-discussion-out scores; then the gate."""
        n = len(self._rows)
        mode = self.settings.history
        if (
            mode == "never"
            or n < MIN_TRAIN
            or len(set(self.labels.tolist())) < 2
            or len(set(self._owner.tolist())) < 2
        ):
            return
        priors = np.array(
            [self.question_prior(p.qstems, exclude=k) for k, p in enumerate(self.polar)]
        )
        nb = nb_scores_leaving_out(self._rows, self.labels, self._owner, self._dim)
        x = features(self._replies, nb, priors[self._owner])
        strength = self.settings.prior_strength
        self.weights = fit_calibrator(x, self.labels, strength)
        self.fitted = True
        if mode == "always":
            self.used = True
            return
        held_out = self._held_out_p_yes(x)
        s = self.settings
        zero = zero_shot_p_yes(x, self._replies, s.zero_shot_scale, s.no_evidence_yes)
        self.gate_scores = history_wins(self.labels, held_out, zero, self._owner)
        self.used = self.gate_scores[2] >= GATE_SHARE

    def _held_out_p_yes(self, x: FloatArray) -> FloatArray:
        """P(yes) of each declared reply by the history of the other discussions."""
        group = self._owner % _GATE_FOLDS
        strength = self.settings.prior_strength
        out = np.zeros(len(self.labels))
        for g in range(_GATE_FOLDS):
            test = group == g
            if not test.any():
                continue
            weights = fit_calibrator(x[~test], self.labels[~test], strength)
            out[test] = sigmoid(x[test] @ weights)
        yes = np.bincount(self._owner, self.labels == 1.0, len(self.polar))
        seen = np.bincount(self._owner, minlength=len(self.polar)).astype(np.float64)
        for k in np.unique(self._owner):
            mine = self._owner == k
            others = seen.sum() - seen[k]
            base = float(np.clip((yes.sum() - yes[k]) / max(others, 1.0), 0.05, 0.95))
            unknown = np.full(int(mine.sum()), np.nan)
            pseudo = self.settings.rate_pseudo_replies
            out[mine] = adapt_to_discussion(out[mine], base, unknown, pseudo)
        return out
