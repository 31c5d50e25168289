"""Scores of stance predictions against the truth, and the char TF-IDF baseline.

Nothing here is part of the bot; shared by the stance benchmarks.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

LABELS = ("Oui", "Non")


def macro_f1(y_true: Sequence[str], y_pred: Sequence[str | None], labels=LABELS) -> float:
    """Macro-F1 over ``labels``; a ``None`` prediction is wrong for every label."""
    scores = []
    for label in labels:
        tp = sum(t == label and p == label for t, p in zip(y_true, y_pred, strict=True))
        fp = sum(t != label and p == label for t, p in zip(y_true, y_pred, strict=True))
        fn = sum(t == label and p != label for t, p in zip(y_true, y_pred, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores))


def ece(confidence: Sequence[float], correct: Sequence[bool]) -> float:
    """Expected calibration error of the forced predictions (bins of 0.1 from 0.5)."""
    c = np.array(confidence, dtype=float)
    k = np.array(correct, dtype=float)
    if not len(c):
        return float("nan")
    total = 0.0
    for lo, hi in itertools.pairwise([0.0, 0.6, 0.7, 0.8, 0.9, 1.0001]):
        m = (c >= lo) & (c < hi)
        if m.any():
            total += m.sum() / len(c) * abs(c[m].mean() - k[m].mean())
    return float(total)


def auc(scores: Sequence[float], positive: Sequence[bool]) -> float:
    """Probability that a random positive scores above a random negative (ties: half)."""
    s = np.array(scores, dtype=float)
    pos_mask = np.array(positive, dtype=bool)
    pos, neg = s[pos_mask], s[~pos_mask]
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(wins / max(len(pos) * len(neg), 1))


@dataclass(frozen=True)
class Scores:
    n: int
    forced_f1: float
    f1_abstain_wrong: float
    precision: float
    """Share right among the replies given an option."""
    coverage: float
    ece: float
    auc: float
    quotes_right: int
    quotes: int
    log_loss: float = float("nan")
    """Mean negative log-probability of the true answer (forced)."""

    @property
    def quote_precision(self) -> float:
        return self.quotes_right / self.quotes if self.quotes else float("nan")

    def row(self) -> str:
        return (
            f"{self.forced_f1:6.3f} {self.f1_abstain_wrong:9.3f} {self.precision:9.3f} "
            f"{self.coverage:8.3f} {self.ece:6.3f} {self.auc:6.3f}  "
            f"{self.quote_precision:5.3f} ({self.quotes_right}/{self.quotes})"
        )


HEADER = " forced  abst.wrong precision coverage    ECE    AUC  quotes"


def score(
    truth: Sequence[str],
    leaning: Sequence[str | None],
    confidence: Sequence[float],
    option: Sequence[str | None],
    quotes: Sequence[tuple[str, str]],
    labels: Sequence[str] = LABELS,
) -> Scores:
    """Scores of one run: ``quotes`` holds (true option, quoted option) pairs."""
    given = [(t, o) for t, o in zip(truth, option, strict=True) if o is not None]
    yes = labels[0]
    p_yes = [c if lean == yes else 1 - c for lean, c in zip(leaning, confidence, strict=True)]
    return Scores(
        n=len(truth),
        forced_f1=macro_f1(truth, leaning, labels),
        f1_abstain_wrong=macro_f1(truth, option, labels),
        precision=float(np.mean([t == o for t, o in given])) if given else float("nan"),
        coverage=len(given) / max(len(truth), 1),
        ece=ece(confidence, [t == lean for t, lean in zip(truth, leaning, strict=True)]),
        auc=auc(p_yes, [t == yes for t in truth]),
        quotes_right=sum(t == o for t, o in quotes),
        quotes=len(quotes),
        log_loss=float(
            np.mean(
                [
                    -np.log(max(c if t == lean else 1 - c, 1e-6))
                    for t, lean, c in zip(truth, leaning, confidence, strict=True)
                ]
            )
        )
        if truth
        else float("nan"),
    )


# -- baseline: char TF-IDF + logistic regression -------------------------------------------
def _char_ngrams(text: str) -> list[str]:
    t = " " + " ".join(text.lower().split()) + " "
    return [t[i : i + n] for n in (2, 3, 4) for i in range(len(t) - n + 1)]


def tfidf_lr(train: list[tuple[str, str]], test: list[str], labels=LABELS) -> list[str]:
    """Char 2-4-gram TF-IDF and an L2 logistic regression trained on ``train``."""
    from scipy import sparse
    from scipy.optimize import minimize

    vocab: dict[str, int] = {}

    def rows(texts: list[str], grow: bool) -> sparse.csr_matrix:
        data: list[float] = []
        ind: list[int] = []
        ptr = [0]
        for text in texts:
            counts: dict[int, int] = defaultdict(int)
            for g in _char_ngrams(text):
                j = vocab.setdefault(g, len(vocab)) if grow else vocab.get(g, -1)
                if j >= 0:
                    counts[j] += 1
            ind.extend(counts)
            data.extend((1.0 + np.log(list(counts.values()))).tolist() if counts else [])
            ptr.append(len(ind))
        return sparse.csr_matrix((data, ind, ptr), shape=(len(texts), max(len(vocab), 1)))

    xtr = rows([t for t, _ in train], grow=True)
    xte = rows(test, grow=False)
    df = np.bincount(xtr.indices, minlength=xtr.shape[1])
    idf = np.log((1 + xtr.shape[0]) / (1 + df)) + 1

    def norm(x: sparse.csr_matrix) -> sparse.csr_matrix:
        x = x.multiply(idf).tocsr()
        n = np.sqrt(x.multiply(x).sum(axis=1)).A1
        return sparse.diags(1 / np.maximum(n, 1e-12)) @ x

    xtr, xte = norm(xtr), norm(xte)
    y = np.array([1.0 if lab == labels[0] else 0.0 for _, lab in train])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = xtr @ w[1:] + w[0]
        p = 1 / (1 + np.exp(-z))
        ll = np.sum(np.logaddexp(0, z) - y * z) + 0.5 * w[1:] @ w[1:]
        g = np.concatenate([[np.sum(p - y)], xtr.T @ (p - y) + w[1:]])
        return float(ll), g

    w = minimize(
        loss, np.zeros(xtr.shape[1] + 1), jac=True, method="L-BFGS-B", options={"maxiter": 200}
    ).x
    z = xte @ w[1:] + w[0]
    return [labels[0] if v > 0 else labels[1] for v in z]
