"""CPU time of the themes of one discussion, by size, against another checkout in the same run.

Discussions of 15 to 2,000 replies are cut from the X-Stance French comments
(``../shared/eval/xstance-fr/dev.jsonl``, encoded once by the shipped encoder;
a 2,000-reply one repeats them with a little noise, the sampled path above
600 replies), plus replies with random unit vectors (what
``bench/summary_scale.py`` stores at 100k). Each checkout runs in its own
child process, the two alternating, on the same vectors; the figure is the
CPU time (``time.process_time``, one BLAS thread as the analysis runs) of
``find_themes`` per discussion, the best of the rounds (the machine is
shared). The children also say whether the two checkouts found the same
themes.

    python bench/themes_cpu.py --baseline /path/to/a/checkout/of/main
    python bench/themes_cpu.py --rounds 5
    python bench/themes_cpu.py --quick     # one round, no baseline (CI; no goal, judges nothing)
    python bench/themes_cpu.py --summary   # and /summary's analysis of one 10,000-reply discussion
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SIZES = ((15, 10), (30, 10), (100, 20), (300, 4), (550, 2), (2000, 2))
"""(replies, discussions of that size)."""
RANDOM = (107, 10)
"""Discussions of random vectors: 107 replies, the 100k server's mean."""


def child(vectors_path: Path, summary_10k: bool) -> None:
    """In the checkout's own interpreter: time ``find_themes`` on every discussion, print JSON."""
    import numpy as np

    sys.path.insert(0, os.getcwd())
    from bot.analysis.model import Discussion, Reply
    from bot.analysis.themes import find_themes

    data = np.load(vectors_path)
    vectors, texts = data["vectors"], [str(t) for t in data["texts"]]
    rng = np.random.default_rng(1)
    cases: list[tuple[str, Discussion, dict[str, np.ndarray]]] = []

    def add(size: str, name: str, rows: list[int], noise: float = 0.0) -> None:
        ids = [f"{name}-{j}" for j in range(len(rows))]
        replies = tuple(
            Reply(i, f"a{j}", f"{texts[r]} ({j})")
            for j, (i, r) in enumerate(zip(ids, rows, strict=True))
        )
        vs = {}
        for i, r in zip(ids, rows, strict=True):
            v = vectors[r].astype(np.float32)
            if noise:
                v = v + rng.standard_normal(v.shape).astype(np.float32) * noise
            vs[i] = v / np.linalg.norm(v)
        cases.append((size, Discussion(name, "", ("Oui", "Non"), replies=replies), vs))

    for n, count in SIZES:
        for c in range(count):
            if n <= len(vectors):
                add(str(n), f"n{n}-{c}", list(rng.choice(len(vectors), size=n, replace=False)))
            else:
                add(str(n), f"n{n}-{c}", list(rng.integers(len(vectors), size=n)), 0.02)
    n, count = RANDOM
    for c in range(count):
        ids = [f"rand{c}-{j}" for j in range(n)]
        replies = tuple(Reply(i, "a", texts[j]) for j, i in enumerate(ids))
        raw = rng.standard_normal((n, vectors.shape[1]))
        vs = {i: (v / np.linalg.norm(v)).astype(np.float32) for i, v in zip(ids, raw, strict=True)}
        cases.append(
            (f"{n} random", Discussion(f"rand{c}", "", ("Oui", "Non"), replies=replies), vs)
        )
    find_themes(cases[0][1], cases[0][2])  # imports, stemmers, BLAS
    cpu: dict[str, float] = {}
    found = {}
    for size, discussion, vs in cases:
        t0 = time.process_time()
        result = find_themes(discussion, vs)
        cpu[size] = cpu.get(size, 0.0) + time.process_time() - t0
        found[discussion.id] = [result.status, [list(t.reply_ids) for t in result.themes]]
    summary = {}
    if summary_10k:
        from bot.analysis.summarize import summarize

        big = [r % len(vectors) for r in range(10_000)]
        ids = [f"big-{j}" for j in range(len(big))]
        discussion = Discussion(
            "big",
            "",
            ("Oui", "Non"),
            replies=tuple(
                Reply(i, f"a{j}", f"{texts[r]} ({j})")
                for j, (i, r) in enumerate(zip(ids, big, strict=True))
            ),
        )
        vs = dict(zip(ids, vectors[big].astype(np.float32), strict=True))
        for name, given in (("summary 10k, no themes", None), ("summary 10k, themes", vs)):
            t0 = time.process_time()
            summarize(discussion, vectors=given)
            summary[name] = time.process_time() - t0
    print(json.dumps({"cpu": cpu, "found": found, "summary": summary}))


def shared_dir() -> Path:
    return Path(os.environ.get("ETVOUS_SHARED", ROOT.parent / "shared"))


def encode(path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    import numpy as np

    from bot.analysis.embeddings import UniversalSentenceEncoder

    source = shared_dir() / "eval" / "xstance-fr" / "dev.jsonl"
    texts = [
        json.loads(line)["comment"] for line in source.read_text(encoding="utf-8").splitlines()
    ]
    np.savez(
        path, vectors=np.asarray(UniversalSentenceEncoder().encode(texts)), texts=np.array(texts)
    )


def run(checkout: Path, vectors: Path, summary: bool) -> dict:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(vectors)]
        + (["--summary"] if summary else []),
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another checkout, run alternately")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one round (CI; judges nothing)")
    parser.add_argument(
        "--summary",
        action="store_true",
        help="also the whole summary of one 10,000-reply discussion",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.summary)
        return 0
    if not (shared_dir() / "eval" / "xstance-fr" / "dev.jsonl").exists():
        print("skipped: ../shared/eval/xstance-fr/dev.jsonl is absent (set ETVOUS_SHARED)")
        return 0
    if args.quick:
        args.rounds = 1
    checkouts = {"ours": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    with tempfile.TemporaryDirectory() as tmp:
        vectors = Path(tmp) / "vectors.npz"
        encode(vectors)
        best: dict[str, dict[str, float]] = {name: {} for name in checkouts}
        found = {}
        for r in range(args.rounds):
            for name, checkout in checkouts.items():
                load = os.getloadavg()[0]
                result = run(checkout, vectors, args.summary)
                for what, seconds in result["summary"].items():
                    best[name][what] = min(best[name].get(what, seconds), seconds)
                found[name] = result["found"]
                for size, seconds in result["cpu"].items():
                    best[name][size] = min(best[name].get(size, seconds), seconds)
                print(
                    f"round {r + 1}, {name}: {sum(result['cpu'].values()):.2f} s CPU (load {load:.2f})"
                )
    counts = dict((str(n), c) for n, c in SIZES) | {f"{RANDOM[0]} random": RANDOM[1]}
    print(f"\nCPU ms per discussion, best of {args.rounds} rounds ({os.cpu_count()} CPUs)")
    header = f"{'replies':>12} {'discussions':>11} " + " ".join(f"{name:>9}" for name in checkouts)
    print(header + ("   ratio" if args.baseline else ""))
    for size, count in counts.items():
        row = [1000 * best[name][size] / count for name in checkouts]
        ratio = f"   {row[1] / row[0]:5.2f}x" if args.baseline else ""
        print(f"{size:>12} {count:>11} " + " ".join(f"{v:9.1f}" for v in row) + ratio)
    for what in best["ours"]:
        if what.startswith("summary"):
            row = [best[name][what] for name in checkouts]
            ratio = f"   {row[1] / row[0]:5.2f}x" if args.baseline else ""
            print(f"{what}: CPU s " + " ".join(f"{v:9.2f}" for v in row) + ratio)
    if args.baseline:
        same = sum(found["ours"][k] == found["baseline"][k] for k in found["ours"])
        print(f"same themes (same replies in each) in {same} of {len(found['ours'])} discussions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
