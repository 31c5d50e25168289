"""Stance inference measured on X-Stance (French dev part, in ../shared/eval).

Each question is a discussion with options ("Oui", "Non"); each comment a reply
whose author is the comment id (the real author is never used). Scored
question by question: a question's own labels are never in its history.

    python bench/stance_xstance.py            # full run (75 questions)
    python bench/stance_xstance.py --quick    # 12 questions, a few seconds
    python bench/stance_xstance.py --half even  # score even question ids only

Figures printed, each next to baselines measured in the same run:
* macro-F1 over Oui/Non, zero-shot (no declared stance anywhere) and with the
  other questions' declared stances as history. The model's most probable
  option is scored ("forced"); the same with the default abstention, where
  None counts as wrong, is printed too, with its coverage;
* the AUC of P(Oui) (threshold-free, steadier than F1 on 550 comments) and the
  reliability table of the inferred confidences;
* precision of the quotes that :mod:`bot.analysis.arguments` lists per option.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.xstance_data import load_xstance  # noqa: E402
from bot.analysis.arguments import select_arguments  # noqa: E402
from bot.analysis.model import DeclaredStance, Discussion  # noqa: E402
from bot.analysis.stance import ReplyStance, StanceModel  # noqa: E402


def shared_dir() -> Path:
    env = os.environ.get("ETVOUS_SHARED")
    return Path(env) if env else ROOT / ".." / "shared"


def declared(d: Discussion, truth: dict[str, str]) -> Discussion:
    """The discussion with every author's true answer declared (for history)."""
    stances = tuple(DeclaredStance(r.author_id, truth[r.id]) for r in d.replies)
    return replace(d, stances=stances)


def macro_f1(y_true: Sequence[str], y_pred: Sequence[str | None]) -> float:
    scores = []
    for label in ("Oui", "Non"):
        tp = sum(t == label and p == label for t, p in zip(y_true, y_pred, strict=True))
        fp = sum(t != label and p == label for t, p in zip(y_true, y_pred, strict=True))
        fn = sum(t == label and p != label for t, p in zip(y_true, y_pred, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores))


# -- baseline: char TF-IDF + logistic regression trained on the other questions ---------
def char_ngrams(text: str) -> list[str]:
    t = " " + " ".join(text.lower().split()) + " "
    return [t[i : i + n] for n in (2, 3, 4) for i in range(len(t) - n + 1)]


def tfidf_lr(train: list[tuple[str, str]], test: list[str]) -> list[str]:
    from scipy import sparse
    from scipy.optimize import minimize

    vocab: dict[str, int] = {}

    def rows(texts: list[str], grow: bool) -> sparse.csr_matrix:
        data: list[float] = []
        ind: list[int] = []
        ptr = [0]
        for text in texts:
            counts: dict[int, int] = defaultdict(int)
            for g in char_ngrams(text):
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
    y = np.array([1.0 if lab == "Oui" else 0.0 for _, lab in train])
    c = 1.0

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = xtr @ w[1:] + w[0]
        p = 1 / (1 + np.exp(-z))
        ll = np.sum(np.logaddexp(0, z) - y * z) + 0.5 / c * w[1:] @ w[1:]
        g = np.concatenate([[np.sum(p - y)], xtr.T @ (p - y) + w[1:] / c])
        return float(ll), g

    w = minimize(
        loss, np.zeros(xtr.shape[1] + 1), jac=True, method="L-BFGS-B", options={"maxiter": 200}
    ).x
    z = xte @ w[1:] + w[0]
    return ["Oui" if v > 0 else "Non" for v in z]


def _auc(scores: np.ndarray, positive: list[bool]) -> float:
    """Probability that a random Oui reply scores above a random Non one (ties: half)."""
    pos = scores[np.array(positive)]
    neg = scores[~np.array(positive)]
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(wins / max(len(pos) * len(neg), 1))


def reliability(conf: list[float], correct: list[bool]) -> str:
    edges = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0001]
    lines = ["  confidence     n   mean conf  accuracy"]
    c = np.array(conf)
    k = np.array(correct, dtype=float)
    ece = 0.0
    for lo, hi in itertools.pairwise(edges):
        m = (c >= lo) & (c < hi)
        if m.any():
            ece += m.sum() / len(c) * abs(c[m].mean() - k[m].mean())
            lines.append(
                f"  [{lo:.1f}, {min(hi, 1):.1f})  {m.sum():5d}   {c[m].mean():.3f}      {k[m].mean():.3f}"
            )
    lines.append(f"  expected calibration error: {ece:.3f}")
    return "\n".join(lines)


def run_mode(
    discussions: list[Discussion],
    truth: dict[str, str],
    *,
    history: bool,
    scored: Sequence[Discussion] | None = None,
) -> tuple[list[ReplyStance], list[ReplyStance], dict[str, list[str]]]:
    """Forced and default-threshold stances of every reply of ``scored`` (default: all
    discussions), and the quotes per question; history is every other discussion."""
    labelled = [declared(d, truth) for d in discussions] if history else []
    forced: list[ReplyStance] = []
    default: list[ReplyStance] = []
    quotes: dict[str, list[str]] = {}
    keep = None if scored is None else {id(d) for d in scored}
    for i, d in enumerate(discussions):
        if keep is not None and id(d) not in keep:
            continue
        hist = [h for j, h in enumerate(labelled) if j != i]
        model = StanceModel([d, *hist])
        forced.extend(model.predict(d, min_confidence=0.0))
        stances = model.predict(d)
        default.extend(stances)
        args = select_arguments(d, stances)
        for option, items in args.items():
            quotes.setdefault(option, []).extend(a.reply_id for a in items)
    return forced, default, quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="12 questions only")
    parser.add_argument(
        "--no-tfidf", action="store_true", help="skip the slow char TF-IDF baseline"
    )
    parser.add_argument(
        "--half",
        choices=("even", "odd"),
        help="score only the questions with an even (odd) id; history is still every other",
    )
    args = parser.parse_args()
    path = shared_dir() / "eval" / "xstance-fr" / "dev.jsonl"
    if not path.exists():
        print(f"skipped: {path} is absent (set ETVOUS_SHARED to the shared folder)")
        return
    discussions, truth = load_xstance(path)
    if args.quick:
        discussions = discussions[:: max(1, len(discussions) // 12)][:12]
    scored = discussions
    if args.half:
        parity = 0 if args.half == "even" else 1
        scored = [d for d in discussions if int(d.id) % 2 == parity]
    scored_ids = {d.id for d in scored}
    ids = [r.id for d in scored for r in d.replies]
    y_true = [truth[i] for i in ids]
    print(
        f"X-Stance fr dev: {len(scored)} questions, {len(ids)} comments, "
        f"{y_true.count('Oui')} Oui / {y_true.count('Non')} Non"
    )

    # baselines, cross-validated by question
    majority: list[str] = []
    tfidf: list[str] = []
    t0 = time.perf_counter()
    for i, d in enumerate(discussions):
        if d.id not in scored_ids:
            continue
        train = [
            (r.text, truth[r.id]) for j, o in enumerate(discussions) if j != i for r in o.replies
        ]
        labels = [lab for _, lab in train]
        majority.extend([max(("Oui", "Non"), key=labels.count)] * len(d.replies))
        if not args.no_tfidf:
            tfidf.extend(tfidf_lr(train, [r.text for r in d.replies]))
        else:
            tfidf.extend(["Oui"] * len(d.replies))
    t_base = time.perf_counter() - t0
    f_major = macro_f1(y_true, majority)
    f_tfidf = float("nan") if args.no_tfidf else macro_f1(y_true, tfidf)
    print(
        f"baselines: majority class (of the other questions) macro-F1 {f_major:.3f}; "
        f"char TF-IDF + LR (other questions) {f_tfidf:.3f}  [{t_base:.1f}s]"
    )

    for mode in ("zero-shot", "history"):
        t0 = time.perf_counter()
        forced, default, quotes = run_mode(
            discussions, truth, history=mode == "history", scored=scored
        )
        elapsed = time.perf_counter() - t0
        pred_f = [s.option for s in forced]
        pred_d = [s.option for s in default]
        covered = [p is not None for p in pred_d]
        f_forced = macro_f1(y_true, pred_f)
        f_none_wrong = macro_f1(y_true, pred_d)
        f_none_major = macro_f1(y_true, [p or m for p, m in zip(pred_d, majority, strict=True)])
        acc = np.mean([p == t for p, t in zip(pred_f, y_true, strict=True)])
        print(f"\n== {mode} [{elapsed:.1f}s] ==")
        print(
            f"macro-F1 forced (most probable option): {f_forced:.3f}  (accuracy {acc:.3f})"
            f"   vs majority {f_major:.3f}, char TF-IDF+LR {f_tfidf:.3f}"
        )
        print(
            f"macro-F1 default threshold, None counted wrong: {f_none_wrong:.3f}; "
            f"None -> majority: {f_none_major:.3f}; coverage {np.mean(covered):.3f}"
        )
        p_oui = np.array([s.confidence if s.option == "Oui" else 1 - s.confidence for s in forced])
        print(f"AUC of P(Oui): {_auc(p_oui, [t == 'Oui' for t in y_true]):.3f}")
        print("reliability (forced predictions):")
        print(
            reliability(
                [s.confidence for s in forced],
                [p == t for p, t in zip(pred_f, y_true, strict=True)],
            )
        )
        n_quotes = sum(len(v) for v in quotes.values())
        right = sum(truth[r] == option for option, rs in quotes.items() for r in rs)
        per = {o: f"{sum(truth[r] == o for r in rs)}/{len(rs)}" for o, rs in quotes.items()}
        precision = right / n_quotes if n_quotes else float("nan")
        print(
            f"quote precision: {precision:.3f} ({right}/{n_quotes} quotes; per option {per})"
            f"   vs base rate {np.mean([t == 'Oui' for t in y_true]):.3f} Oui"
        )


if __name__ == "__main__":
    main()
