"""Replies assigned to themes by their own vectors, through bench/themes.py's own protocol.

Tried for issue 18's stability goal (bench/README.md, "Assignment by a reply's
own vector: tried, not kept"); none is shipped. The smoothing and k-means
still FIND the themes (the reference fit and the stability check run as
shipped, drawing the same random numbers); then every reply is ASSIGNED to
the nearest theme centre in the unsmoothed space (its centred, projected,
unit vector; ``space=full``: centred and unit, all 512 directions), each
centre the mean of those vectors over the theme's members (``core=keep``:
only the members whose consistency reaches ``keep``). Options of a variant:

* ``use_keep``: the ``keep`` rule (a reply that kept its theme in fewer than
  ``keep`` of the check's re-runs is in none) applies; without it ``keep``
  leaves the bench's grid;
* ``margin`` (grid 0, 0.01, 0.02, 0.04): a reply whose nearest centre is not
  nearer than the second by this much (in ``u.c - |c|^2 / 2``, k-means'
  nearness) is in no theme;
* ``passes`` (grid 0, 2, 8): Lloyd passes in the unsmoothed space from those
  centres;
* ``check=assigned``: the analysis' own check (and so the choice of k and
  ``keep``) compares the re-runs' assigned labels, not their k-means ones.

The encoder's vectors are cached once (``--cache``; delete the file when the
encoder changes). Modes: ``screen`` (the shipped constants on both halves,
no tuning: it ranks, it does not score), ``protocol`` (the bench's: tuned on
one half's grid, scored on the other, both ways, per seed), ``bench``
(bench/themes.py's own ``main()`` with the variant and its grid, encoder and
10k timing included), ``losses`` (where the re-runs of ``screen`` lose replies).

    python bench/themes_assign.py --mode screen --variants main,a,b --seeds 0,1000,2000
    python bench/themes_assign.py --mode protocol --variants a --seeds 0,1000,2000
    python bench/themes_assign.py --mode bench --variants b -- --rounds 24 --seeds 0,1000,2000
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import themes as bench  # noqa: E402

from bot.analysis.themes import ThemeParams  # noqa: E402
from bot.analysis.themes import _cluster as cluster  # noqa: E402

Config = dict[str, Any]
SHIPPED_GROUP = cluster.group
CURRENT: Config = {"family": "main"}
VARIANTS: dict[str, Config] = {
    "main": {"family": "main"},
    "main_nokeep": {"family": "main", "use_keep": False},  # control: keep 0, out of the grid
    "a": {"family": "assign", "use_keep": False},
    "a_keep": {"family": "assign"},
    "a_core": {"family": "assign", "core": "keep", "use_keep": False},
    "a_core_keep": {"family": "assign", "core": "keep"},
    "a_full": {"family": "assign", "use_keep": False, "space": "full"},
    "b": {"family": "assign", "use_keep": False, "margin": "grid"},
    "b_keep": {"family": "assign", "margin": "grid"},
    "b_full": {"family": "assign", "use_keep": False, "margin": "grid", "space": "full"},
    "c": {"family": "assign", "use_keep": False, "passes": "grid"},
    "c_keep": {"family": "assign", "passes": "grid"},
    "d": {"family": "assign", "check": "assigned", "use_keep": False},
    "d_keep": {"family": "assign", "check": "assigned"},
    "d_b": {"family": "assign", "check": "assigned", "use_keep": False, "margin": "grid"},
    "d_b_keep": {"family": "assign", "check": "assigned", "margin": "grid"},
    "d_c_keep": {"family": "assign", "check": "assigned", "passes": "grid"},
}
EXTRA_GRID: dict[str, tuple[Any, ...]] = {"margin": (0.0, 0.01, 0.02, 0.04), "passes": (0, 2, 8)}
SCREEN_VALUES: Config = {"margin": 0.02, "passes": 2}


def assign(
    unit: np.ndarray, labels: np.ndarray, k: int, core: np.ndarray | None, passes: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each row of ``unit`` to the nearest of the ``k`` centres (the mean of ``unit`` over each
    label's core members), after ``passes`` Lloyd passes; the labels and each row's margin."""
    fallback = cluster._centres(unit, labels, k, np.zeros((k, unit.shape[1])))
    centres = cluster._centres(
        unit, labels if core is None else np.where(core, labels, -1), k, fallback
    )
    for _ in range(passes + 1):
        near = unit @ centres.T - 0.5 * np.einsum("kd,kd->k", centres, centres)[None, :]
        out = np.argmax(near, axis=1).astype(np.int64)
        centres = cluster._centres(unit, out, k, centres)
    top = -np.partition(-near, 1, axis=1)
    return out, top[:, 0] - top[:, 1]


def group(
    vectors: np.ndarray, params: ThemeParams, rng: np.random.Generator, max_k: int = cluster.MAX_K
) -> cluster.Grouping | None:
    """``_cluster.group`` with the replies assigned as ``CURRENT`` says (the same draws)."""
    cfg = CURRENT
    if cfg["family"] == "main":
        return SHIPPED_GROUP(vectors, params, rng, max_k)
    n = len(vectors)
    ks = range(cluster.MIN_K, min(max_k, cluster.MAX_K) + 1)
    if n < 2 * cluster.MIN_K or len(ks) == 0:
        return None
    points = cluster.centred(np.asarray(vectors, dtype=np.float64))
    reduced = cluster.main_directions(points, params.dims)
    unit = points if cfg.get("space") == "full" else cluster.unit_rows(reduced)
    sims = points @ points.T
    whole = cluster.smooth(sims, reduced, params)
    draws = cluster._draws(rng, n, max(params.restarts, 1), max(ks))
    reference = cluster.kmeans_fits([whole], [draws], ks)[0]
    home = {k: cluster._centres(whole, reference[k], k, np.zeros((k, whole.shape[1]))) for k in ks}
    n_sub = max(2 * cluster.MIN_K, round(params.subsample * n))
    subsamples, sets, starts, fresh = [], [], [], []
    for _ in range(params.rounds):
        idx = np.sort(rng.choice(n, size=n_sub, replace=False))
        subsample = cluster.smooth(sims[np.ix_(idx, idx)], reduced[idx], params)
        subsamples.append(idx)
        sets.append(subsample)
        starts.append({k: cluster._centres(subsample, reference[k][idx], k, home[k]) for k in ks})
        fresh.append(cluster._draws(rng, n_sub, params.fresh, max(ks)))
    again = (
        cluster.kmeans_from(sets, starts, ks, fresh if params.fresh else None)
        if params.rounds
        else []
    )
    passes = int(cfg.get("passes", 0))

    def check(
        ref: dict[int, np.ndarray], runs: list[dict[int, np.ndarray]]
    ) -> tuple[dict[int, np.ndarray], dict[int, float]]:
        kept = {k: np.zeros(n) for k in ks}
        seen = np.zeros(n)
        for idx, labels in zip(subsamples, runs, strict=True):
            seen[idx] += 1
            for k in ks:
                kept[k][idx] += cluster._matched(ref[k][idx], labels[k], k) == ref[k][idx]
        consistency = {k: kept[k] / np.maximum(seen, 1) for k in ks}
        return consistency, {k: float(kept[k].sum() / max(seen.sum(), 1)) for k in ks}

    consistency, by_k = check(reference, again)
    assigned, margins = {}, {}
    for k in ks:
        core = consistency[k] >= params.keep if cfg.get("core") == "keep" else None
        assigned[k], margins[k] = assign(unit, reference[k], k, core, passes)
    if cfg.get("check") == "assigned":
        runs = [
            {k: assign(unit[idx], labels[k], k, None, passes)[0] for k in ks}
            for idx, labels in zip(subsamples, again, strict=True)
        ]
        consistency, by_k = check(assigned, runs)
    best = max(by_k.values())
    passing = [k for k in ks if by_k[k] >= max(params.k_stability, best - params.k_margin)]
    if not passing:
        return None
    k = max(passing)
    labels = assigned[k].copy()
    if cfg.get("use_keep", True):
        labels[consistency[k] < params.keep] = -1
    labels[margins[k] < cfg.get("margin", 0.0)] = -1
    return cluster.Grouping(labels, k, by_k[k], consistency[k], by_k)


def settings(name: str) -> list[Config]:
    """The bench's grid (less ``keep`` where the variant drops it) times the variant's own."""
    base = VARIANTS[name]
    grid = {k: v for k, v in bench.GRID.items() if k != "keep" or base.get("use_keep", True)}
    extra = {k: EXTRA_GRID[k] for k, v in base.items() if v == "grid"}
    out = []
    for values in itertools.product(*grid.values(), *extra.values()):
        named = dict(zip([*grid, *extra], values, strict=True))
        params = replace(ThemeParams(), **{k: v for k, v in named.items() if k in grid})
        if base["family"] == "main" and not base.get("use_keep", True):
            params = replace(params, keep=0.0)
        out.append({"params": params, "cfg": dict(base, **{k: named[k] for k in extra})})
    return out


def run(
    setting: Config,
    comments: list[bench.Comment],
    vectors: dict[str, np.ndarray],
    seed: int,
    rounds: int,
) -> bench.Scored:
    CURRENT.clear()
    CURRENT.update(setting["cfg"])
    s = bench.score(comments, vectors, setting["params"], seed)
    s.stability = bench.stability(comments, vectors, setting["params"], s.result, rounds, seed)
    return s


def shown(setting: Config) -> str:
    extra = {k: v for k, v in setting["cfg"].items() if k in EXTRA_GRID}
    return str(bench.describe(setting["params"])) + "".join(f", {k}={v}" for k, v in extra.items())


def summary(name: str, figures: list[tuple[float, float, float]], cpu: float) -> str:
    a = np.nan_to_num(np.array(figures))
    m = a.mean(axis=0)
    return (
        f"{name}: NMI {m[0]:.3f}, stability {m[1]:.3f} (odd {a[0::2, 1].mean():.3f}, even "
        f"{a[1::2, 1].mean():.3f}), coverage {m[2]:.2f} [{cpu:.0f} s CPU]"
    )


def screen(
    name: str,
    halves: dict[int, list[bench.Comment]],
    vectors: dict[str, np.ndarray],
    seeds: list[int],
    rounds: int,
) -> None:
    """The shipped constants on both halves (``SCREEN_VALUES`` for the variant's own)."""
    cfg = {k: SCREEN_VALUES[k] if v == "grid" else v for k, v in VARIANTS[name].items()}
    t0 = time.process_time()
    figures = []
    for seed in seeds:
        for half in (1, 0):
            s = run({"params": ThemeParams(), "cfg": cfg}, halves[half], vectors, seed, rounds)
            figures.append((s.nmi, s.stability.kept, s.coverage))
    print("SCREEN " + summary(f"{name} {cfg}", figures, time.process_time() - t0), flush=True)


def protocol(
    name: str,
    halves: dict[int, list[bench.Comment]],
    vectors: dict[str, np.ndarray],
    seeds: list[int],
    rounds: int,
) -> None:
    """Tuned on each half (the bench's ``attainment``), scored on the other."""
    grid = settings(name)
    t0 = time.process_time()
    figures = []
    for seed in seeds:
        for tuned_on in (0, 1):
            runs = [(run(st, halves[tuned_on], vectors, seed, rounds), st) for st in grid]
            _, st = max(runs, key=lambda r: bench.attainment(r[0]))
            s = run(st, halves[1 - tuned_on], vectors, seed, rounds)
            figures.append((s.nmi, s.stability.kept, s.coverage))
            print(
                f"  {name}, seed {seed}, unseen {('odd', 'even')[tuned_on]} half: "
                f"{len(s.result.themes)} themes, NMI {s.nmi:.3f}, stability "
                f"{s.stability.kept:.3f}, coverage {s.coverage:.2f} [{shown(st)}]",
                flush=True,
            )
    print("PROTOCOL " + summary(name, figures, time.process_time() - t0), flush=True)


def losses(
    name: str,
    halves: dict[int, list[bench.Comment]],
    vectors: dict[str, np.ndarray],
    seeds: list[int],
    rounds: int,
) -> None:
    """Where the bench's re-runs lose replies (shipped constants, ``SCREEN_VALUES``): in
    themes that a re-run keeps less than 70 % of (whole blocks moved), or elsewhere, and how
    many of those land in no theme."""
    from collections import Counter

    from scipy.optimize import linear_sum_assignment

    cfg = {k: SCREEN_VALUES[k] if v == "grid" else v for k, v in VARIANTS[name].items()}
    for half in (1, 0):
        tally: Counter[str] = Counter()
        for seed in seeds:
            CURRENT.clear()
            CURRENT.update(cfg)
            ref = bench.score(halves[half], vectors, ThemeParams(), seed).result.theme_of()
            comments = halves[half]
            rng = np.random.default_rng(7)  # the subsamples of bench.stability
            for r in range(rounds):
                idx = np.sort(
                    rng.choice(len(comments), size=round(0.8 * len(comments)), replace=False)
                )
                sub = [comments[i] for i in idx]
                again = bench.find_themes(
                    bench.as_discussion(sub), vectors, params=ThemeParams(), seed=(r + 1) ^ seed
                ).theme_of()
                pairs = Counter((ref[c.id], again.get(c.id, "none")) for c in sub if c.id in ref)
                rows = sorted({a for a, _ in pairs})
                cols = sorted({b for _, b in pairs if b != "none"})
                match: dict[str, str] = {}
                if cols:
                    table = np.array([[pairs[(a, b)] for b in cols] for a in rows])
                    ri, ci = linear_sum_assignment(-table)
                    match = {rows[i]: cols[j] for i, j in zip(ri, ci, strict=True)}
                for a in rows:
                    size = sum(v for (x, _), v in pairs.items() if x == a)
                    kept = pairs[(a, match[a])] if a in match else 0
                    where = "block" if kept < 0.7 * size else "other"
                    tally[where] += size - kept
                    tally[where + " none"] += pairs[(a, "none")]
                    tally["total"] += size
        t = tally["total"]
        print(
            f"LOSSES {name} {('even', 'odd')[half]} half: kept "
            f"{1 - (tally['block'] + tally['other']) / t:.3f}; lost in themes kept < 70 %: "
            f"{tally['block'] / t:.3f} (to no theme {tally['block none'] / t:.3f}), elsewhere "
            f"{tally['other'] / t:.3f} (to no theme {tally['other none'] / t:.3f})",
            flush=True,
        )


def bench_main(name: str, argv: list[str]) -> int:
    """bench/themes.py's ``main()``, its ``tune`` over the variant's grid."""

    def tune(
        comments: list[bench.Comment], vectors: dict[str, np.ndarray], rounds: int, seed: int = 0
    ) -> bench.Scored:
        runs = [(run(st, comments, vectors, seed, rounds), st) for st in settings(name)]
        best, st = max(runs, key=lambda r: bench.attainment(r[0]))
        CURRENT.clear()
        CURRENT.update(st["cfg"])  # the unseen half is scored with it
        print(f"  variant {name}: {shown(st)}")
        return best

    bench.tune = tune
    CURRENT.clear()
    CURRENT.update({k: SCREEN_VALUES[k] if v == "grid" else v for k, v in VARIANTS[name].items()})
    sys.argv = [sys.argv[0], *argv]
    print(f"variant {name}: {VARIANTS[name]}")
    return bench.main()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mode", choices=("screen", "protocol", "losses", "bench"), default="screen"
    )
    parser.add_argument("--variants", default="main,a,b")
    parser.add_argument("--seeds", default="0,1000,2000")
    parser.add_argument("--rounds", type=int, default=24)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/etvous-xstance-vectors.npy"))
    parser.add_argument("rest", nargs="*", help="after --: bench/themes.py's own arguments")
    args = parser.parse_args()
    cluster.group = group  # find_themes calls it through the module
    if args.mode == "bench":
        return bench_main(args.variants, args.rest)
    path = bench.xstance_path()
    if not path.exists():
        print(f"skipped: {path} is absent (set ETVOUS_SHARED to the shared folder)")
        return 0
    comments = bench.load(path)
    if not args.cache.exists():
        from bot.analysis.embeddings import UniversalSentenceEncoder

        np.save(args.cache, UniversalSentenceEncoder().encode([c.text for c in comments]))
    matrix = np.load(args.cache)
    vectors = {c.id: matrix[i] for i, c in enumerate(comments)}
    halves = {p: [c for c in comments if c.question_id % 2 == p] for p in (0, 1)}
    seeds = [int(v) for v in args.seeds.split(",")]
    print(f"load average {Path('/proc/loadavg').read_text().strip()}", flush=True)
    for name in args.variants.split(","):
        measure = {"screen": screen, "protocol": protocol, "losses": losses}[args.mode]
        measure(name, halves, vectors, seeds, args.rounds)
    print(f"load average {Path('/proc/loadavg').read_text().strip()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
