"""Variants of how a reply is read, measured and not kept (6 Dec 2026).

Each variant replaces one step of :mod:`bot.analysis.stance.cues` (or adds one term to
the zero-shot log-odds) for the duration of a run of ``bench/stance_xstance.py``'s own
protocol: everything chosen on one half, reported on the other, the headline the mean
of the unseen halves; then the English sample with the shipped settings. A variant's
weight (the echo's) is chosen on the tuning half by zero-shot log-loss before the
bench's own tuning, and the English sample is scored at each half's choice.

    python bench/stance_cue_variants.py                 # every variant (~6 min)
    python bench/stance_cue_variants.py main negcount   # some of them

Variants (nothing here names an evaluation topic; each is general to yes/no questions):
* ``echo``: a reply that takes up the question's content stems outside a negation leans
  "yes", one that takes them up inside a negation leans "no" (+-w on the log-odds);
* ``echo-bare``: the same, only for replies with no cue, opening or negation;
* ``echo-negated``: only the negated echo (-w);
* ``echo-negated-clause``: the same, with a stem negated anywhere after a negator in its
  clause (not only in the three-word window): "je ne pense pas qu'il faille <proposal>";
* ``clause``: a negation stops at a clause boundary (, . ; : ! ? parentheses, new line);
* ``clause-conj``: also at "mais", "car", "parce", "but", "because", "cependant",
  "pourtant", "however";
* ``clause-post``: an English post-negation ("useful not ...") stops there too: "it is
  useful, not harmful" keeps "useful" (the window of the negations is unchanged);
* ``ne-que``: "ne ... que" (a restriction, "only") is no negation;
* ``not-only``: "pas seulement", "pas uniquement", "pas que", "not only", "not just";
* ``idioms``: "sans doute", "no doubt", "pas mal" are no negations;
* ``negcount``: the negation feature counts negations, not negators: "ne ... pas" is
  one (a negator within the window of the previous one starts none).
* ``window-content``: a negation's window is its next three content words, the stop words
  between them negated too and not counted ("je ne pense pas que ce soit une bonne idée",
  "I don't think it's a good idea": "bonne", "good" are in it);
* ``window-content-clause``: the same, stopping at a clause boundary as ``clause`` does.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bench.stance_xstance as bx  # noqa: E402
from bench._stance_metrics import HEADER, Scores  # noqa: E402
from bench.stance_argkp import LABELS as EN_LABELS  # noqa: E402
from bench.stance_argkp import SAMPLE, load_argkp  # noqa: E402
from bench.xstance_data import load_xstance, split_halves  # noqa: E402
from bot.analysis._text import MAX_CHARS, STOP_WORDS, tokens  # noqa: E402
from bot.analysis.arguments import QUOTE_MIN_CONFIDENCE  # noqa: E402
from bot.analysis.stance import (  # noqa: E402
    DEFAULT_SETTINGS,
    StanceSettings,
    cues,
    history,
    learners,
    model,
    prepared,
)
from bot.analysis.stance import lexicon as lex  # noqa: E402

ECHO_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
_PUNCT = re.compile(r"[.,;:!?()\n]+")
_CLAUSE_WORDS = frozenset(
    {"mais", "car", "parce", "but", "because", "cependant", "pourtant", "however"}
)
_RESTRICTIVE = frozenset({"seulement", "uniquement", "only", "just", "merely"})
_IDIOMS = {"sans": frozenset({"doute"}), "no": frozenset({"doubt"}), "pas": frozenset({"mal"})}


class Reading:
    """One variant's reading: negator filter, clause boundaries, negation count, echo."""

    def __init__(
        self,
        *,
        clause: str = "",
        post_clause: bool = False,
        ne_que: bool = False,
        not_only: bool = False,
        idioms: bool = False,
        negcount: bool = False,
        echo: str = "",
        content_window: bool = False,
    ) -> None:
        self.clause, self.ne_que, self.not_only, self.idioms = clause, ne_que, not_only, idioms
        self.negcount, self.echo = negcount, echo
        self.post_clause = post_clause
        self.content_window = content_window
        self.echo_weight = 0.0
        self.echoes: dict[int, float] = {}

    def starts(self, text: str, words: list[str]) -> set[int]:
        """Indices of the words that open a clause (none when the pieces do not add up)."""
        if not self.clause and not self.post_clause:
            return set()
        out: set[int] = set()
        k = 0
        for piece in _PUNCT.split(text[:MAX_CHARS]):
            t = tokens(piece)
            if t:
                out.add(k)
                k += len(t)
        if k != len(words):
            out = set()
        if self.clause == "conj":
            out |= {i for i, w in enumerate(words) if w in _CLAUSE_WORDS}
        return out

    def starts_always(self, text: str, words: list[str]) -> set[int]:
        """Clause boundaries by punctuation, whatever the variant."""
        saved, self.clause = self.clause, self.clause or "punct"
        try:
            return self.starts(text, words)
        finally:
            self.clause = saved

    def negators(self, words: list[str], starts: set[int]) -> list[int]:
        out = []
        n = len(words)
        for i, w in enumerate(words):
            if w not in lex.NEGATORS:
                continue
            nxt = words[i + 1] if i + 1 < n else ""
            if self.not_only and (nxt in _RESTRICTIVE or (w == "pas" and nxt in ("que", "qu"))):
                continue
            if self.idioms and nxt in _IDIOMS.get(w, ()):
                continue
            if self.ne_que and w in ("ne", "n"):
                scope = range(i + 1, min(n, i + 2 + cues.NEG_WINDOW))
                j = next(
                    (
                        j
                        for j in scope
                        if j in starts or words[j] in lex.NEGATORS or words[j] in ("que", "qu")
                    ),
                    None,
                )
                if j is not None and words[j] in ("que", "qu"):
                    continue
            out.append(i)
        return out

    def read(self, text: str, qstems: frozenset[str], table: cues.CueTable):  # type: ignore[no-untyped-def]
        words = tokens(text)
        negated: list[bool] | None = None
        found: list[int] = []
        if not lex.NEGATORS.isdisjoint(words):
            starts = self.starts(text, words) if self.clause else set()
            found = self.negators(words, starts)
            if found:
                negated = [False] * len(words)
                for i in found:
                    reached = 0
                    for j in range(i + 1, len(words)):
                        if j in starts or reached >= cues.NEG_WINDOW:
                            break
                        negated[j] = True
                        if not self.content_window or words[j] not in STOP_WORDS:
                            reached += 1
        hits = [i for i, w in enumerate(words) if w[:6] in qstems] if qstems else []
        features = cues._sparse(words, negated, hits)
        if self.post_clause and cues.POST_NEGATORS.intersection(words):
            post = self.starts(text, words)
            yes, no, opening, nuance = _cues_bounded(words, negated, table, post)
        else:
            yes, no, opening, nuance = cues._cues(words, negated, table)
        negations = len(found)
        if self.negcount and negated is not None:
            negations = sum(1 for i in found if not negated[i])
        reply = cues.ReadReply(words, yes, no, opening, nuance, negations, question_back=False)
        reply.question_back = text.rstrip().endswith("?") and abs(reply.cue) < 1.0
        inside = negated is not None and any(negated[i] for i in hits)
        if self.echo == "negated-clause" and found and hits:
            bounds = sorted(self.starts_always(text, words) | {len(words)})
            ends = {f: next(b for b in bounds if b > f) for f in found}
            inside = any(f < i < ends[f] for f in found for i in hits)
        outside = any(negated is None or not negated[i] for i in hits)
        echo = {"": 0.0, "negated": -float(inside), "negated-clause": -float(inside)}.get(
            self.echo, float(outside) - float(inside)
        )
        if self.echo == "bare" and reply.has_evidence:
            echo = 0.0
        self.echoes[id(reply)] = echo
        return reply, features

    def zero_shot(self, original: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
        def p_yes(x, replies, scale, no_evidence_yes):  # type: ignore[no-untyped-def]
            if not self.echo_weight:
                return original(x, replies, scale, no_evidence_yes)
            echo = np.array([self.echoes.get(id(r), 0.0) for r in replies])
            logit = x @ learners.ZERO_SHOT + self.echo_weight * echo
            out = learners.sigmoid(scale * logit)
            if no_evidence_yes is not None:
                bare = np.array([not r.has_evidence for r in replies], dtype=bool)
                out[bare] = no_evidence_yes
            return out

        return p_yes


def _cues_bounded(
    words: list[str], negated: list[bool] | None, table: cues.CueTable, starts: set[int]
) -> tuple[float, float, float, float]:
    """:func:`cues._cues`, where a post-negator that opens a clause negates nothing."""
    yes = no = nuance = opening = 0.0
    n = len(words)
    phrases = table.phrases
    for i in [i for i, w in enumerate(words) if w in phrases]:
        is_negated = negated is not None and negated[i]
        phrase = words[i]
        j = 1
        while True:
            weight, nweight, longer = phrases[phrase]
            after = words[i + j] if i + j < n else ""
            post = after in cues.POST_NEGATORS and i + j not in starts
            if weight is not None and not (phrase in cues.OPENERS and after in cues._NOT_OPENERS):
                if is_negated or (post and phrase not in cues.OPENERS):
                    weight = -0.7 * weight
                elif i < 2:
                    weight *= 1.5
                    sign = cues.OPENERS.get(phrase, 0.0)
                    if sign and not opening:
                        opening = sign
                if weight > 0:
                    yes += weight
                else:
                    no -= weight
            if nweight is not None:
                nuance += nweight
            if not longer or j >= table.max_phrase or i + j >= n:
                break
            phrase = phrase + " " + after
            j += 1
            if phrase not in phrases:
                break
    return yes, no, opening, nuance


VARIANTS: dict[str, dict[str, object]] = {
    "main": {},
    "echo": {"echo": "all"},
    "echo-bare": {"echo": "bare"},
    "echo-negated": {"echo": "negated"},
    "echo-negated-clause": {"echo": "negated-clause"},
    "clause": {"clause": "punct"},
    "clause-conj": {"clause": "conj"},
    "clause-post": {"post_clause": True},
    "ne-que": {"ne_que": True},
    "not-only": {"not_only": True},
    "idioms": {"idioms": True},
    "negcount": {"negcount": True},
    "window-content": {"content_window": True},
    "window-content-clause": {"content_window": True, "clause": "punct"},
}


@contextlib.contextmanager
def reading(r: Reading) -> Iterator[None]:
    saved = (prepared.read_reply, model.zero_shot_p_yes, history.zero_shot_p_yes)
    prepared.read_reply = r.read
    model.zero_shot_p_yes = r.zero_shot(learners.zero_shot_p_yes)
    history.zero_shot_p_yes = r.zero_shot(learners.zero_shot_p_yes)
    try:
        yield
    finally:
        prepared.read_reply, model.zero_shot_p_yes, history.zero_shot_p_yes = saved


def choose_echo(r: Reading, half: list, truth: dict[str, str]) -> float:  # type: ignore[type-arg]
    """The echo weight with the lowest zero-shot log-loss on ``half`` (shipped settings)."""
    losses = []
    for w in ECHO_WEIGHTS:
        r.echo_weight = w
        fitted = bx.fit(half, truth, StanceSettings(), "zero-shot")
        losses.append(bx.evaluate(fitted, truth, 0.0, 1.0).log_loss)
    return ECHO_WEIGHTS[int(np.argmin(losses))]


def english(weight: float, r: Reading) -> Scores:
    discussions, truth = load_argkp(SAMPLE)
    r.echo_weight = weight
    s = DEFAULT_SETTINGS
    fitted = bx.fit(discussions, truth, s, "zero-shot")
    return bx.evaluate(fitted, truth, s.min_confidence, QUOTE_MIN_CONFIDENCE, EN_LABELS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="*", help=f"some of {', '.join(VARIANTS)} (all)")
    args = parser.parse_args()
    unknown = set(args.variants) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    path = bx.xstance_path()
    if not path.exists():
        print(f"skipped: {path} is absent (set ETVOUS_SHARED to the shared folder)")
        return
    discussions, truth = load_xstance(path)
    a, b = split_halves(discussions)
    table: list[str] = []
    for name in args.variants or VARIANTS:
        r = Reading(**VARIANTS[name])  # type: ignore[arg-type]
        print(f"\n######## variant {name}")
        with reading(r):
            rows = []
            weights = []
            for tuning, unseen, label in ((a, b, "AB"), (b, a, "BA")):
                w = choose_echo(r, tuning, truth) if r.echo else 0.0
                weights.append(w)
                if r.echo:
                    print(f"echo weight chosen on {label[0]}: {w:g}")
                r.echo_weight = w
                rows.append(bx.report(tuning, unseen, truth, label)["zero-shot"])
            en = {w: english(w, r) for w in dict.fromkeys(weights)}
        for s, half in zip(rows, "BA", strict=True):
            table.append(f"{name:13s} {half:4s} {s.row()}")
        mean = [
            float(np.mean([getattr(s, k) for s in rows]))
            for k in ("forced_f1", "precision", "coverage", "ece", "auc")
        ]
        table.append(
            f"{name:13s} mean {mean[0]:6.3f} {'':9s} {mean[1]:9.3f} {mean[2]:8.3f} {mean[3]:6.3f} {mean[4]:6.3f}"
        )
        for w, s in en.items():
            table.append(f"{name:13s} EN{'' if not r.echo else f' w={w:g}':6s}{s.row()}")
    print(f"\n== zero-shot, unseen halves and English ==\n{'variant':13s} half{HEADER}")
    print("\n".join(table))


if __name__ == "__main__":
    main()
