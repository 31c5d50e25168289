"""Stance inference on X-Stance (French dev part, in ../shared/eval), half by half.

The questions are split once into two fixed halves (seeded, by question). Every
constant, threshold and lexicon choice is made on one half (the tuning half) and
reported on the other (the unseen half), both ways; the headline is the mean
over the two unseen halves. Each half is a server of its own: a question's
history is the other questions of its half, never its own labels.

    python bench/stance_xstance.py           # both directions (~1-2 min)
    python bench/stance_xstance.py --quick   # 24 questions (CI)

Modes, each scored on the unseen half:
* zero-shot: no declared stance anywhere;
* history: the other questions' declared stances, used only where the model's
  own leave-one-discussion-out check on that history says they beat zero-shot
  (``history always``: used regardless, for comparison);
* partial: in each question a seeded 50 % of the replies is declared and the
  rest is inferred and scored (alone, and with history), beside zero-shot on
  the same replies.
Each mode: forced macro-F1 (the leaning), macro-F1 with abstentions counted
wrong, precision and coverage of the replies given an option, ECE, AUC, and the
precision of the quotes listed per option. Baselines from the same run: the
tuning half's majority class and a char TF-IDF + logistic regression trained on
the tuning half.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._stance_metrics import HEADER, Scores, macro_f1, score, tfidf_lr  # noqa: E402
from bench.xstance_data import (  # noqa: E402
    absent,
    read_xstance_rows,
    split_halves,
    with_declared,
    xstance_discussions,
    xstance_path,
)
from bot.analysis.arguments import select_arguments  # noqa: E402
from bot.analysis.model import Discussion  # noqa: E402
from bot.analysis.stance import StanceModel, StanceSettings  # noqa: E402
from bot.analysis.stance.lexicon import GROUPS  # noqa: E402
from bot.analysis.stance.settings import AbstentionRule  # noqa: E402

PSEUDO_REPLIES = (5.0, 10.0, 20.0)
SIMILAR_QUESTION = (0.4, 0.5, 0.6)
PRIOR_STRENGTH = (5.0, 10.0, 20.0)
ZERO_SHOT_SCALE = (0.6, 0.8, 1.0, 1.25)
NO_EVIDENCE_YES = (None, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75)
NO_EVIDENCE_PSEUDO = (None, 5.0, 10.0, 20.0, 40.0)
ABSTENTION_RULES: tuple[AbstentionRule, ...] = ("probability", "evidence", "plain")
THRESHOLDS = (0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85)
QUOTE_THRESHOLDS = (0.75, 0.8, 0.85, 0.9, 0.95)
PRECISION_GOAL = 0.75
QUOTE_GOAL = 0.90
DECLARED_SHARE = 0.5
T = TypeVar("T")
MODES = ("zero-shot", "history", "history always", "partial", "partial+history")


@dataclass
class Fitted:
    """One model per question of a half, and which replies it is scored on."""

    items: list[tuple[Discussion, StanceModel, set[str]]]

    def history_share(self) -> float:
        used = [m.history.used for _, m, _ in self.items]
        return float(np.mean(used)) if used else 0.0


def fit(
    half: list[Discussion], truth: dict[str, str], settings: StanceSettings, mode: str
) -> Fitted:
    labelled = [with_declared(d, truth)[0] for d in half]
    items = []
    for i, d in enumerate(half):
        others = [*labelled[:i], *labelled[i + 1 :]]
        scored = {r.id for r in d.replies}
        s = settings
        if mode.startswith("partial"):
            d, declared = with_declared(d, truth, DECLARED_SHARE)
            scored -= declared
        if mode in ("zero-shot", "partial"):
            others = []
        if mode == "zero-shot":
            s = replace(settings, history="never", own_declarations=False)
        if mode == "history always":
            s = replace(settings, history="always")
        items.append((d, StanceModel([d, *others], settings=s), scored))
    return Fitted(items)


def evaluate(
    fitted: Fitted,
    truth: dict[str, str],
    threshold: float,
    quote_threshold: float,
    labels: tuple[str, str] = ("Oui", "Non"),
) -> Scores:
    t: list[str] = []
    leaning: list[str | None] = []
    conf: list[float] = []
    option: list[str | None] = []
    quotes: list[tuple[str, str]] = []
    for d, model, scored in fitted.items:
        stances = model.predict(d, min_confidence=threshold)
        for s in stances:
            if s.reply_id in scored:
                t.append(truth[s.reply_id])
                leaning.append(s.leaning)
                conf.append(s.confidence)
                option.append(s.option)
        for opt, args in select_arguments(d, stances, min_confidence=quote_threshold).items():
            quotes += [(truth[a.reply_id], opt) for a in args if a.reply_id in scored]
    return score(t, leaning, conf, option, quotes, labels)


def _forced(half: list[Discussion], truth: dict[str, str], s: StanceSettings, mode: str) -> float:
    return evaluate(fit(half, truth, s, mode), truth, 0.0, 1.0).forced_f1


def _pick(values: Sequence[T], measure: Callable[[T], float], current: T) -> T:
    """The value with the best measure (ties: the current one, then the first)."""
    scored = [(measure(v), v == current, -i, v) for i, v in enumerate(values)]
    return max(scored)[3]


def tune(
    half: list[Discussion], truth: dict[str, str], log: list[str], fixed_no_evidence: bool
) -> tuple[StanceSettings, float]:
    """Settings and quote threshold chosen on ``half`` alone (``fixed_no_evidence``: the
    fixed P(yes) of a reply without evidence too, tried and not kept)."""
    s = StanceSettings()
    base = _forced(half, truth, s, "zero-shot")
    dropped = []
    for g in GROUPS:
        without = frozenset(x.name for x in GROUPS if x.name != g.name and x.name not in dropped)
        f1 = _forced(half, truth, replace(s, cue_groups=without), "zero-shot")
        if f1 >= base + 0.005:
            dropped.append(g.name)
            base = f1
    if dropped:
        s = replace(s, cue_groups=frozenset(g.name for g in GROUPS if g.name not in dropped))
    log.append(f"cue groups dropped: {dropped or 'none'} (zero-shot forced F1 {base:.3f})")

    zero_shot_constants: list[tuple[str, Sequence[float | None]]] = [
        ("zero_shot_scale", ZERO_SHOT_SCALE)
    ]
    if fixed_no_evidence:
        zero_shot_constants.insert(0, ("no_evidence_yes", NO_EVIDENCE_YES))
    for name, values in zero_shot_constants:

        def loss(v: float | None, name: str = name, s: StanceSettings = s) -> float:
            fitted = fit(half, truth, replace(s, **{name: v}), "zero-shot")
            return -evaluate(fitted, truth, 0.0, 1.0).log_loss

        s = replace(s, **{name: _pick(values, loss, getattr(s, name))})
    for name, values in (
        ("rate_pseudo_replies", PSEUDO_REPLIES),
        ("similar_question", SIMILAR_QUESTION),
        ("prior_strength", PRIOR_STRENGTH),
    ):

        def measure(v: float, name: str = name, s: StanceSettings = s) -> float:
            return _forced(half, truth, replace(s, **{name: v}), "history always")

        s = replace(s, **{name: _pick(values, measure, getattr(s, name))})

    def history_loss(v: float | None, s: StanceSettings = s) -> float:
        fitted = fit(half, truth, replace(s, no_evidence_pseudo_replies=v), "history")
        return -evaluate(fitted, truth, 0.0, 1.0).log_loss

    pseudo = _pick(NO_EVIDENCE_PSEUDO, history_loss, s.no_evidence_pseudo_replies)
    s = replace(s, no_evidence_pseudo_replies=pseudo)
    own = max(
        (True, False),
        key=lambda v: _forced(half, truth, replace(s, own_declarations=v), "partial"),
    )
    s = replace(s, own_declarations=own)

    def abstention(s: StanceSettings) -> tuple[float, float, list[Fitted]]:
        """The lowest threshold at which the runs meet the precision goal, and their mean
        coverage there."""
        runs = [fit(half, truth, s, m) for m in ("zero-shot", "history")]
        for t in THRESHOLDS:
            scores = [evaluate(r, truth, t, 1.0) for r in runs]
            if all(x.precision >= PRECISION_GOAL for x in scores):
                return t, float(np.mean([x.coverage for x in scores])), runs
        return THRESHOLDS[-1], 0.0, runs

    by_rule = {v: abstention(replace(s, abstention=v)) for v in ABSTENTION_RULES}
    rule = max(by_rule, key=lambda v: (by_rule[v][1], v == s.abstention))
    threshold, _, runs = by_rule[rule]
    log.append(
        "abstention: "
        + ", ".join(f"{v}: threshold {t:g}, coverage {c:.3f}" for v, (t, c, _) in by_rule.items())
    )
    s = replace(s, min_confidence=threshold, abstention=rule)

    def quotes_meet(q: float) -> bool:
        return all(evaluate(r, truth, threshold, q).quote_precision >= QUOTE_GOAL for r in runs)

    quote = next((q for q in QUOTE_THRESHOLDS if quotes_meet(q)), QUOTE_THRESHOLDS[-1])
    log.append(
        f"chosen: no-evidence P(yes) {s.no_evidence_yes}, its server pseudo-replies "
        f"{s.no_evidence_pseudo_replies}, zero-shot scale {s.zero_shot_scale:g}, pseudo-replies {s.rate_pseudo_replies:g}, similar question "
        f"{s.similar_question:g}, prior strength {s.prior_strength:g}, own declarations "
        f"{s.own_declarations}, abstention {s.abstention}, threshold {threshold:g}, quote threshold {quote:g}"
    )
    return s, quote


def report(
    tuning: list[Discussion],
    unseen: list[Discussion],
    truth: dict[str, str],
    name: str,
    fixed_no_evidence: bool = False,
) -> dict[str, Scores]:
    t0 = time.perf_counter()
    log: list[str] = []
    settings, quote = tune(tuning, truth, log, fixed_no_evidence)
    print(
        f"\n== tuned on half {name[0]}, reported on half {name[1]} [{time.perf_counter() - t0:.0f}s tuning] =="
    )
    for line in log:
        print("  " + line)
    y_tune = [truth[r.id] for d in tuning for r in d.replies]
    y = [truth[r.id] for d in unseen for r in d.replies]
    majority = max(("Oui", "Non"), key=y_tune.count)
    tfidf = tfidf_lr(
        [(r.text, truth[r.id]) for d in tuning for r in d.replies],
        [r.text for d in unseen for r in d.replies],
    )
    print(
        f"  unseen half: {len(unseen)} questions, {len(y)} replies ({y.count('Oui')} Oui); "
        f"baselines: majority ({majority}) F1 {macro_f1(y, [majority] * len(y)):.3f}, "
        f"char TF-IDF + LR (tuning half) {macro_f1(y, tfidf):.3f}"
    )
    print(f"  {'mode':24s}{HEADER}")
    out: dict[str, Scores] = {}
    for mode in MODES:
        fitted = fit(unseen, truth, settings, mode)
        out[mode] = evaluate(fitted, truth, settings.min_confidence, quote)
        note = f"  history used in {fitted.history_share():.0%}" if "history" in mode else ""
        print(f"  {mode:24s}{out[mode].row()}{note}")
    zero_on_partial = zero_shot_on_partial_replies(unseen, truth, settings, quote)
    out["zero-shot (partial's replies)"] = zero_on_partial
    print(f"  {'zero-shot, same replies':24s}{zero_on_partial.row()}")
    return out


def zero_shot_on_partial_replies(
    unseen: list[Discussion],
    truth: dict[str, str],
    settings: StanceSettings,
    quote: float,
    labels: tuple[str, str] = ("Oui", "Non"),
) -> Scores:
    """Zero-shot on the replies that the partial protocol leaves undeclared."""
    fitted = fit(unseen, truth, settings, "zero-shot")
    items = []
    for d, model, _ in fitted.items:
        _, declared = with_declared(d, truth, DECLARED_SHARE)
        items.append((d, model, {r.id for r in d.replies} - declared))
    return evaluate(Fitted(items), truth, settings.min_confidence, quote, labels)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="24 questions only")
    parser.add_argument(
        "--fixed-no-evidence",
        action="store_true",
        help="also choose a fixed P(yes) for replies without evidence (tried, not kept)",
    )
    args = parser.parse_args()
    path = xstance_path()
    if not path.exists():
        print(absent(path))
        return 0
    lines = read_xstance_rows(path)
    print(lines.describe())
    for note in lines.notes:
        print(f"note: {note}")
    discussions, truth = xstance_discussions(lines.rows)
    if args.quick:
        discussions = discussions[:: max(1, len(discussions) // 24)][:24]
    a, b = split_halves(discussions)
    if not a or not b:
        print(f"not measured: the halves need two questions at least ({len(discussions)} read)")
        return 1
    print(
        f"X-Stance fr {path.stem}: {len(discussions)} questions; halves A {len(a)} and B {len(b)}"
    )
    results = [
        report(a, b, truth, "AB", args.fixed_no_evidence),
        report(b, a, truth, "BA", args.fixed_no_evidence),
    ]
    print("\n== headline: mean over the two unseen halves ==")
    print(f"  {'mode':24s}{HEADER}")
    for mode in results[0]:
        runs = [r[mode] for r in results]
        mean = Scores(
            n=sum(r.n for r in runs),
            forced_f1=float(np.mean([r.forced_f1 for r in runs])),
            f1_abstain_wrong=float(np.mean([r.f1_abstain_wrong for r in runs])),
            precision=float(np.mean([r.precision for r in runs])),
            coverage=float(np.mean([r.coverage for r in runs])),
            ece=float(np.mean([r.ece for r in runs])),
            auc=float(np.mean([r.auc for r in runs])),
            quotes_right=sum(r.quotes_right for r in runs),
            quotes=sum(r.quotes for r in runs),
        )
        print(f"  {mode:24s}{mean.row()}")
    for r, name in zip(results, ("B", "A"), strict=True):
        ok = r["history"].forced_f1 >= r["zero-shot"].forced_f1
        print(f"  half {name}: history >= zero-shot: {'yes' if ok else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
