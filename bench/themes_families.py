"""Other families of grouping than the shipped one, through bench/themes.py's own protocol.

Tried for issue 18's stability goal (bench/README.md, "Density cores, graph
communities, mean shift: tried, not kept"); none is shipped. Each family replaces
:func:`bot.analysis.themes._cluster.group` (what follows it in
``find_themes`` stays: merging near-duplicate themes, the size floor, the
word rule) and is tuned and scored exactly as ``bench/themes.py`` does:
constants chosen on the grid on one half of the questions, scored on the
other, both ways, stability re-runs on 80 % of the replies; the shipped
grouping (``main``, the bench's grid) is measured in the same run when
listed. The encoder's vectors are cached once (``--cache``; delete the file
when the encoder changes), so a family takes one to fifteen minutes.

    python bench/themes_families.py --families main,louvain --seeds 0 --rounds 24

Families (numpy, written for this screen; replies outside every theme allowed):
* ``hdbscan``: density cores (mutual reachability, its minimum spanning tree,
  the condensed tree, excess-of-mass or leaf selection) in the shipped
  smoothing's space; replies outside the cores are in no theme;
* ``louvain``: modularity communities (Louvain, a resolution) of the
  k-nearest-neighbour graph or of the pairs above a similarity quantile, the
  resolution lowered until at most 6 communities of the theme size floor
  remain (the others' replies in no theme), or the 6 most inward-looking of
  finer communities kept;
* ``meanshift``: each reply climbs a von Mises kernel density to its mode,
  the concentration lowered until at most 6 basins of the size floor hold
  a share of the replies.
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
CURRENT: Config = {}


def hdbscan(x: np.ndarray, min_cluster: int, min_samples: int, select: str) -> np.ndarray:
    """Density cores of the rows of ``x`` (euclidean): labels ``0..c-1``, ``-1`` outside."""
    n = len(x)
    sq = np.einsum("ij,ij->i", x, x)
    dist = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2 * x @ x.T, 0.0))
    core = np.partition(dist, min(min_samples, n - 1), axis=1)[:, min(min_samples, n - 1)]
    reach = np.maximum(dist, np.maximum(core[:, None], core[None, :]))
    np.fill_diagonal(reach, np.inf)
    # minimum spanning tree (Prim), then single linkage by union-find
    inside, best, via, edges = np.zeros(n, dtype=bool), np.full(n, np.inf), np.zeros(n, int), []
    cur = 0
    inside[0] = True
    for _ in range(n - 1):
        closer = ~inside & (reach[cur] < best)
        best[closer], via[closer] = reach[cur][closer], cur
        cur = int(np.argmin(np.where(inside, np.inf, best)))
        edges.append((float(best[cur]), int(via[cur]), cur))
        inside[cur] = True
    root_of = list(range(2 * n))

    def find(v: int) -> int:
        while root_of[v] != v:
            root_of[v] = root_of[root_of[v]]
            v = root_of[v]
        return v

    kids: list[tuple[int, int, float]] = []
    size = [1] * n + [0] * n
    for node, (d, a, b) in enumerate(sorted(edges), start=n):
        ra, rb = find(a), find(b)
        kids.append((ra, rb, d))
        size[node] = size[ra] + size[rb]
        root_of[ra] = root_of[rb] = node

    def leaves(node: int) -> list[int]:
        out, stack = [], [node]
        while stack:
            v = stack.pop()
            if v < n:
                out.append(v)
            else:
                stack += list(kids[v - n][:2])
        return out

    # condensed tree: clusters, their birth, children and the points leaving them
    birth, parent, children = {0: 0.0}, {0: -1}, {0: []}  # type: ignore[var-annotated]
    leaving: dict[int, list[tuple[float, int]]] = {0: []}
    last = np.zeros(n, dtype=int)
    stack = [(2 * n - 2, 0)]
    while stack:
        node, c = stack.pop()
        if node < n:
            continue
        left, right, d = kids[node - n]
        lam = 1.0 / max(d, 1e-9)
        if size[left] >= min_cluster and size[right] >= min_cluster:
            for child in (left, right):
                new = len(birth)
                birth[new], parent[new], children[new], leaving[new] = lam, c, [], []
                children[c].append(new)
                leaving[c].append((lam, size[child]))
                stack.append((child, new))
            continue
        for child in (left, right):
            if size[child] >= min_cluster:
                stack.append((child, c))
            else:
                points = leaves(child)
                leaving[c].append((lam, len(points)))
                last[points] = c
    own = {c: sum((lam - birth[c]) * k for lam, k in leaving[c]) for c in birth}
    chosen: set[int] = set()
    below: dict[int, float] = {}
    for c in sorted(birth, reverse=True):  # children before parents
        under = sum(below[k] for k in children[c])
        if select == "leaf":
            below[c] = own[c]
            if not children[c]:
                chosen.add(c)
        elif children[c] and under > own[c]:
            below[c] = under
        else:
            below[c] = own[c]
            chosen.add(c)
    kept: list[int] = []

    def descend(c: int) -> None:
        if c in chosen and c != 0:
            kept.append(c)
            return
        for k in children[c]:
            descend(k)

    descend(0)
    ids = {c: i for i, c in enumerate(kept)}
    labels = np.full(n, -1)
    for p in range(n):
        c = int(last[p])
        while c not in ids and c > 0:
            c = parent[c]
        labels[p] = ids.get(c, -1)
    return labels


def knn_graph(sims: np.ndarray, knn: int) -> np.ndarray:
    """Cosine weights between each reply and its ``knn`` nearest, made symmetric."""
    n = len(sims)
    k = min(knn, n - 1)
    others = sims.copy()
    np.fill_diagonal(others, -np.inf)
    near = np.argpartition(-others, k - 1, axis=1)[:, :k]
    rows = np.repeat(np.arange(n), k)
    w = np.zeros((n, n))
    w[rows, near.ravel()] = np.maximum(others[rows, near.ravel()], 1e-6)
    return np.maximum(w, w.T)


def louvain(w: np.ndarray, resolution: float) -> np.ndarray:
    """Communities of the weighted graph ``w`` by Louvain's local moves (replies in their
    order) and aggregation, modularity with ``resolution``."""
    member = np.arange(len(w))
    adj = w.copy()
    for _ in range(10):
        total, deg, m = adj.sum(), adj.sum(axis=1), len(adj)
        comm, tot = np.arange(m), deg.copy()
        nbrs = [np.flatnonzero(adj[i] > 0) for i in range(m)]
        moved_at_all = False
        for _sweep in range(50):
            moved = 0
            for i in range(m):
                tot[comm[i]] -= deg[i]
                links: dict[int, float] = {}
                for j, wij in zip(nbrs[i].tolist(), adj[i, nbrs[i]].tolist(), strict=True):
                    if j != i:
                        links[comm[j]] = links.get(comm[j], 0.0) + wij
                home = comm[i]
                best, gain = home, links.get(home, 0.0) - resolution * tot[home] * deg[i] / total
                for c, wic in links.items():
                    g = wic - resolution * tot[c] * deg[i] / total
                    if g > gain + 1e-12:
                        best, gain = c, g
                comm[i] = best
                tot[best] += deg[i]
                moved += best != home
            if not moved:
                break
            moved_at_all = True
        comm = np.unique(comm, return_inverse=True)[1]
        member = comm[member]
        if not moved_at_all or comm.max() + 1 == m:
            break
        onehot = np.zeros((m, comm.max() + 1))
        onehot[np.arange(m), comm] = 1.0
        adj = onehot.T @ adj @ onehot
    return np.unique(member, return_inverse=True)[1]


def mean_shift(x: np.ndarray, kappa: float, iters: int = 40) -> np.ndarray:
    """Basins of the modes of a von Mises kernel density (modes within cosine 0.98 are one)."""
    x = cluster.unit_rows(x)
    y = x.copy()
    for _ in range(iters):
        ny = cluster.unit_rows(np.exp(kappa * (y @ x.T - 1.0)) @ x)
        done = np.max(1.0 - np.einsum("ij,ij->i", ny, y)) < 1e-7
        y = ny
        if done:
            break
    close = y @ y.T >= 0.98
    labels = np.full(len(x), -1)
    for i in range(len(x)):
        if labels[i] < 0:
            labels[i], stack = labels.max() + 1, [i]
            while stack:
                v = stack.pop()
                for j in np.flatnonzero(close[v] & (labels < 0)):
                    labels[j] = labels[i]
                    stack.append(int(j))
    return labels


def largest(labels: np.ndarray, keep: list[int]) -> np.ndarray:
    """``labels`` renumbered ``0..`` in the order of ``keep``; any other label becomes -1."""
    remap = np.full(int(labels.max()) + 1, -1)
    remap[keep] = np.arange(len(keep))
    return np.where(labels >= 0, remap[np.maximum(labels, 0)], -1)


def group(
    vectors: np.ndarray, params: ThemeParams, rng: np.random.Generator, max_k: int = cluster.MAX_K
) -> cluster.Grouping | None:
    cfg = CURRENT
    if cfg["family"] == "main":
        return SHIPPED_GROUP(vectors, params, rng, max_k)
    n, max_k = len(vectors), min(max_k, cluster.MAX_K)
    floor = max(3, round(0.04 * n))
    points = cluster.centred(np.asarray(vectors, dtype=np.float64))
    sims = points @ points.T
    reduced = cluster.main_directions(points, 32)
    if cfg.get("space") == "smooth":
        x = cluster.smooth(sims, reduced, ThemeParams(knn=cfg.get("sknn", 20), steps=4))
    elif cfg.get("space") == "pca":
        x = cluster.unit_rows(reduced)
    else:
        x = points
    if cfg["family"] == "hdbscan":
        mcs, ms = max(3, round(cfg["mcs"] * n)), max(2, round(cfg["ms"] * n))
        labels = hdbscan(x, mcs, ms, cfg["select"])
        if labels.max() >= 0:
            sizes = np.bincount(labels[labels >= 0])
            labels = largest(labels, list(np.argsort(-sizes, kind="stable")[:max_k]))
    else:
        if cfg["family"] == "louvain":
            if "quantile" in cfg:
                bar = np.quantile(sims[~np.eye(n, dtype=bool)], cfg["quantile"])
                w = np.where(sims >= bar, sims, 0.0)
                np.fill_diagonal(w, 0.0)
            else:
                w = knn_graph(sims, cfg["knn"])
        scale, top = cfg["start"], cfg.get("top", max_k)
        while True:
            labels = louvain(w, scale) if cfg["family"] == "louvain" else mean_shift(x, scale)
            sizes = np.bincount(labels)
            big = sizes >= floor
            covered = sizes[big].sum() >= cfg.get("cover", 0.0) * n
            if (big.sum() <= top and covered) or scale < 0.05:
                break
            scale *= 0.85
        if cfg.get("rank") == "inward":  # the share of each community's weight inside it
            onehot = np.eye(len(sizes))[labels]
            inward = np.einsum("ic,ij,jc->c", onehot, w, onehot) / (onehot.T @ w.sum(axis=1))
            order = np.argsort(-inward, kind="stable")
        else:
            order = np.argsort(-sizes, kind="stable")
        labels = largest(labels, [int(t) for t in order if sizes[t] >= floor][:max_k])
    k = int(labels.max()) + 1
    if k < cluster.MIN_K:
        return None
    return cluster.Grouping(labels.astype(np.int64), k, float("nan"), np.ones(n), {})


def grids() -> dict[str, list[Config]]:
    main = [
        {
            "family": "main",
            "params": replace(ThemeParams(), **dict(zip(bench.GRID, v, strict=True))),
        }
        for v in itertools.product(*bench.GRID.values())
    ]
    hdb = [
        {"family": "hdbscan", "space": "smooth", "sknn": sk, "mcs": mcs, "ms": ms, "select": sel}
        for sk in (10, 20)
        for mcs in (0.03, 0.05, 0.08)
        for ms in (0.01, 0.03, 0.05)
        for sel in ("eom", "leaf")
    ]
    louv: list[Config] = []
    for knn, quantile in ((20, 0.8), (40, 0.9), (60, 0.95), (120, 0.85)):
        louv += [{"family": "louvain", "knn": knn, "start": g} for g in (1.0, 1.5, 3.0)]
        louv.append({"family": "louvain", "knn": knn, "start": 3.0, "top": 7, "rank": "inward"})
        louv.append({"family": "louvain", "quantile": quantile, "start": 1.0})
    shift = [
        {"family": "meanshift", "space": sp, "start": start, "cover": cover}
        for sp in ("pca", "smooth")
        for start, cover in ((200.0, 0.6), (200.0, 0.8), (20.0, 0.0))
    ]
    return {"main": main, "hdbscan": hdb, "louvain": louv, "meanshift": shift}


def run(
    cfg: Config,
    comments: list[bench.Comment],
    vectors: dict[str, np.ndarray],
    seed: int,
    rounds: int,
) -> bench.Scored:
    CURRENT.clear()
    CURRENT.update(cfg)
    params = cfg.get("params", ThemeParams())
    s = bench.score(comments, vectors, params, seed)
    s.stability = bench.stability(comments, vectors, params, s.result, rounds, seed)
    return s


def shown(cfg: Config) -> str:
    if cfg["family"] == "main":
        return str(bench.describe(cfg["params"]))
    return ", ".join(f"{k}={v}" for k, v in cfg.items() if k != "family")


def protocol(
    name: str,
    grid: list[Config],
    halves: dict[int, list[bench.Comment]],
    vectors: dict[str, np.ndarray],
    seeds: list[int],
    rounds: int,
) -> tuple[float, float, float]:
    """Tuned on each half (the bench's ``attainment``), scored on the other: NMI, stability,
    coverage, the mean of the unseen halves and seeds."""
    t0 = time.process_time()
    figures = []
    for seed in seeds:
        for tuned_on in (0, 1):
            runs = [(run(cfg, halves[tuned_on], vectors, seed, rounds), cfg) for cfg in grid]
            _, cfg = max(runs, key=lambda r: bench.attainment(r[0]))
            s = run(cfg, halves[1 - tuned_on], vectors, seed, rounds)
            figures.append((s.nmi, s.stability.kept, s.coverage))
            print(
                f"  {name}, seed {seed}, unseen {('odd', 'even')[tuned_on]} half: "
                f"{len(s.result.themes)} themes, NMI {s.nmi:.3f}, stability {s.stability.kept:.3f}, "
                f"coverage {s.coverage:.2f} [{shown(cfg)}]",
                flush=True,
            )
    nmi, stab, cover = np.nan_to_num(np.array(figures)).mean(axis=0)
    print(
        f"{name}: NMI {nmi:.3f}, stability {stab:.3f}, coverage {cover:.2f} "
        f"[{time.process_time() - t0:.0f} s CPU]",
        flush=True,
    )
    return nmi, stab, cover


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", default="main,hdbscan,louvain,meanshift")
    parser.add_argument("--seeds", default="0")
    parser.add_argument("--rounds", type=int, default=24)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/etvous-xstance-vectors.npy"))
    args = parser.parse_args()
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
    cluster.group = group  # find_themes calls it through the module
    seeds = [int(v) for v in args.seeds.split(",")]
    all_grids = grids()
    for name in args.families.split(","):
        protocol(name, all_grids[name], halves, vectors, seeds, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
