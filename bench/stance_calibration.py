"""Calibration maps of the zero-shot stance probabilities, fitted on one X-Stance half
and reported on the other (tried for issue 15; none is in the model).

    python bench/stance_calibration.py           # both directions (~30 s)

For each direction the settings are chosen on the tuning half exactly as
``bench/stance_xstance.py`` chooses them; then maps of the zero-shot log-odds z of
P(yes) are fitted on the tuning half's replies by maximum likelihood and applied to
the unseen half:
* shift: sigmoid(z + b), a bias toward the questions' typical yes rate;
* Platt: sigmoid(a z + b);
* Platt per side: sigmoid(a_yes z + b) where z > 0, sigmoid(a_no z + b) elsewhere
  (each option of a yes/no question its own slope);
* no-evidence rate: the replies without cue, opening or negation at the tuning
  half's yes rate among them, the others unchanged (the ``no_evidence_yes`` setting).
Each row: forced macro-F1, ECE, AUC and log-loss on the unseen half, beside the map
fitted there (the best any map of its kind could do) and the majority baseline.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._stance_metrics import auc, ece, macro_f1  # noqa: E402
from bench.stance_xstance import tune  # noqa: E402
from bench.xstance_data import load_xstance, split_halves, xstance_path  # noqa: E402
from bot.analysis.model import Discussion  # noqa: E402
from bot.analysis.stance import StanceModel, StanceSettings  # noqa: E402

FloatArray = np.ndarray
Map = Callable[[FloatArray, FloatArray], FloatArray]
"""(parameters, design) -> log-odds."""


def zero_shot_log_odds(
    half: list[Discussion], truth: dict[str, str], settings: StanceSettings
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Zero-shot log-odds of "yes", truth (1 yes) and "has evidence" of each reply."""
    s = replace(settings, history="never", own_declarations=False)
    z: list[float] = []
    y: list[float] = []
    evidence: list[bool] = []
    for d in half:
        model = StanceModel([d], settings=s)
        p = model._prepared_for(d)
        p_yes = np.clip(model.p_yes(p), 1e-6, 1 - 1e-6)
        z += np.log(p_yes / (1 - p_yes)).tolist()
        y += [1.0 if truth[r.id] == "Oui" else 0.0 for r in d.replies]
        evidence += [r.has_evidence for r in p.replies]
    return np.array(z), np.array(y), np.array(evidence)


def _fit(design: FloatArray, offset: FloatArray, y: FloatArray) -> FloatArray:
    """Logistic regression of ``y`` on ``design`` with a fixed ``offset`` (Newton)."""
    w = np.zeros(design.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(offset + design @ w)))
        grad = design.T @ (p - y) + 1e-6 * w
        hess = (design * (p * (1 - p))[:, None]).T @ design + 1e-6 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w


def _designs(z: FloatArray, evidence: FloatArray) -> dict[str, tuple[FloatArray, FloatArray]]:
    """Each map's design matrix and fixed offset."""
    one = np.ones(len(z))
    return {
        "shift": (one[:, None], z),
        "Platt": (np.column_stack([z, one]), 0 * z),
        "Platt per side": (np.column_stack([np.maximum(z, 0), np.minimum(z, 0), one]), 0 * z),
        "no-evidence rate": ((~evidence)[:, None].astype(float), np.where(evidence, z, 0.0)),
    }


def _row(name: str, z: FloatArray, y: FloatArray, note: str = "") -> str:
    p = 1 / (1 + np.exp(-z))
    lean = p >= 0.5
    conf = np.where(lean, p, 1 - p)
    truth = ["Oui" if v else "Non" for v in y]
    pred = ["Oui" if v else "Non" for v in lean]
    loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    return (
        f"  {name:18s} {macro_f1(truth, pred):6.3f} {ece(conf.tolist(), (lean == (y == 1)).tolist()):6.3f} "
        f"{auc(p.tolist(), (y == 1).tolist()):6.3f} {loss:8.4f}  {note}"
    )


def report(
    tuning: list[Discussion], unseen: list[Discussion], truth: dict[str, str], name: str
) -> None:
    settings, _ = tune(tuning, truth, [], fixed_no_evidence=False)
    zt, yt, et = zero_shot_log_odds(tuning, truth, settings)
    zu, yu, eu = zero_shot_log_odds(unseen, truth, settings)
    majority = max(("Oui", "Non"), key=[("Oui" if v else "Non") for v in yt].count)
    truth_u = ["Oui" if v else "Non" for v in yu]
    print(
        f"\n== fitted on half {name[0]}, reported on half {name[1]} ({len(yu)} replies; "
        f"majority F1 {macro_f1(truth_u, [majority] * len(yu)):.3f}; zero-shot scale "
        f"{settings.zero_shot_scale:g}) =="
    )
    print(
        f"  {'map':18s} forced    ECE    AUC log-loss  parameters: fitted on {name[0]} / on {name[1]}"
    )
    print(_row("none", zu, yu))
    tuned, oracle = _designs(zt, et), _designs(zu, eu)
    for kind, (design, offset) in oracle.items():
        w = _fit(*tuned[kind], yt)
        w_here = _fit(design, offset, yu)
        note = f"{np.round(w, 2).tolist()} / {np.round(w_here, 2).tolist()}"
        print(_row(kind, offset + design @ w, yu, note))
        print(_row("  (fitted there)", offset + design @ w_here, yu))


def main() -> None:
    argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0]).parse_args()
    path = xstance_path()
    if not path.exists():
        print(f"skipped: {path} is absent (set ETVOUS_SHARED to the shared folder)")
        return
    discussions, truth = load_xstance(path)
    a, b = split_halves(discussions)
    report(a, b, truth, "AB")
    report(b, a, truth, "BA")


if __name__ == "__main__":
    main()
