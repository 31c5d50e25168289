"""Stance inference in English: crowd arguments for and against seven motions.

A small sample of IBM Debater ArgKP (``bench/data/argkp-en-sample.csv``, CDLA-Sharing
1.0, see ``bench/data/README.md``): each motion is a discussion with options
"Yes"/"No", each argument a reply. Nothing is chosen on this data: the model runs
with the settings shipped (chosen on French X-Stance halves), so every figure here
is on unseen data. History for a motion is the other six motions' declared
stances (used only where the model's own check says it beats zero-shot).

    python bench/stance_argkp.py
    python bench/stance_argkp.py --csv PATH   # another file with the same columns
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._stance_metrics import HEADER, macro_f1, tfidf_lr  # noqa: E402
from bench.stance_xstance import (  # noqa: E402
    DECLARED_SHARE,
    MODES,
    evaluate,
    fit,
    zero_shot_on_partial_replies,
)
from bot.analysis.arguments import QUOTE_MIN_CONFIDENCE  # noqa: E402
from bot.analysis.model import Discussion, Reply  # noqa: E402
from bot.analysis.stance import DEFAULT_SETTINGS  # noqa: E402

SAMPLE = ROOT / "bench" / "data" / "argkp-en-sample.csv"
LABELS = ("Yes", "No")


def load_argkp(path: Path) -> tuple[list[Discussion], dict[str, str]]:
    """One discussion per motion (options Yes/No) and each argument's true side."""
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rows[row["topic"]].append(row)
    truth: dict[str, str] = {}
    discussions = []
    for k, topic in enumerate(sorted(rows)):
        replies = []
        for r in rows[topic]:
            truth[r["arg_id"]] = "Yes" if r["stance"] == "1" else "No"
            replies.append(Reply(id=r["arg_id"], author_id=f"a{r['arg_id']}", text=r["argument"]))
        discussions.append(
            Discussion(
                id=str(k),
                question=topic.rstrip(".") + "?",
                options=LABELS,
                language="en",
                replies=tuple(replies),
                guild_id="argkp",
            )
        )
    return discussions, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=SAMPLE)
    parser.add_argument("--quick", action="store_true", help="the same (the sample is small)")
    args = parser.parse_args()
    discussions, truth = load_argkp(args.csv)
    y = [truth[r.id] for d in discussions for r in d.replies]
    print(
        f"ArgKP English: {len(discussions)} motions, {len(y)} arguments "
        f"({y.count('Yes')} Yes / {y.count('No')} No); settings as shipped"
    )
    majority: list[str] = []
    tfidf: list[str] = []
    for i, d in enumerate(discussions):
        train = [
            (r.text, truth[r.id]) for j, o in enumerate(discussions) if j != i for r in o.replies
        ]
        labels = [lab for _, lab in train]
        majority += [max(LABELS, key=labels.count)] * len(d.replies)
        tfidf += tfidf_lr(train, [r.text for r in d.replies], LABELS)
    print(
        f"baselines (trained on the other motions): majority F1 "
        f"{macro_f1(y, majority, LABELS):.3f}, char TF-IDF + LR {macro_f1(y, tfidf, LABELS):.3f}"
    )
    print(f"  {'mode':24s}{HEADER}")
    s = DEFAULT_SETTINGS
    for mode in MODES:
        fitted = fit(discussions, truth, s, mode)
        result = evaluate(fitted, truth, s.min_confidence, QUOTE_MIN_CONFIDENCE, LABELS)
        note = f"  history used in {fitted.history_share():.0%}" if "history" in mode else ""
        print(f"  {mode:24s}{result.row()}{note}")
    same = zero_shot_on_partial_replies(discussions, truth, s, QUOTE_MIN_CONFIDENCE, LABELS)
    print(f"  {'zero-shot, same replies':24s}{same.row()}")
    print(f"  (partial: {DECLARED_SHARE:.0%} of each motion's replies declared, the rest scored)")


if __name__ == "__main__":
    main()
