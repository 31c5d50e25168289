"""How well the groups survive when some members are left out (Hennig's stability).

The whole analysis (PCA included, warm-started) is re-run on random 80 %
subsamples of the members with the same k, and each group's mean
best-match Jaccard is its stability; >= 0.75 counts as stable.
"""

from __future__ import annotations

import numpy as np

from bot.analysis.polis.arrays import FloatArray, IntArray
from bot.analysis.polis.clustering import Clustering, cluster_members
from bot.analysis.polis.matrix import VoteMatrix
from bot.analysis.polis.scores import adjusted_rand_index
from bot.analysis.polis.settings import DEFAULT, PolisSettings

STABLE_JACCARD = 0.75
"""Hennig's bar: a group recovered with mean Jaccard >= 0.75 is stable."""
BOOTSTRAP_ROUNDS = 12
SUBSAMPLE = 0.8
"""Share of the members each stability re-run keeps."""


def bootstrap_stability(
    matrix: VoteMatrix,
    reference: Clustering,
    rng: np.random.Generator,
    rounds: int,
    settings: PolisSettings = DEFAULT,
) -> tuple[FloatArray, float]:
    """Per-group mean best-match Jaccard, and mean ARI, over subsampled re-runs.

    The re-runs stop as soon as the verdict (the weakest group's mean at
    least :data:`STABLE_JACCARD` after ``rounds``) is settled: a Jaccard lies
    in [0, 1], so the rounds left can only move a mean so far. The verdict is
    the one all ``rounds`` would give; the figures are means over the rounds run.
    """
    labels, k = reference.labels, reference.k
    if rounds <= 0:
        return np.ones(k), 1.0
    active_idx = np.flatnonzero(reference.map.active)
    n_active = len(active_idx)
    jaccards = np.zeros((rounds, k))
    aris = np.zeros(rounds)
    for r in range(rounds):
        # Robustness to who took part: re-run on 80 % of the members, no replacement.
        kept = np.flatnonzero(rng.random(matrix.n_users)[active_idx] < SUBSAMPLE)
        if len(kept) < k:
            # A small conversation can draw (almost) nobody, and nobody cannot
            # be clustered: keep a fixed 80 % share, at least k members, instead.
            n_keep = min(n_active, max(k, round(SUBSAMPLE * n_active)))
            kept = np.sort(rng.permutation(n_active)[:n_keep])
        mask = np.zeros(matrix.n_users, dtype=bool)
        mask[active_idx[kept]] = True
        sub = matrix.subset_users(mask)
        again = cluster_members(
            sub,
            np.ones(sub.n_users, dtype=bool),
            rng=rng,
            settings=settings,
            k=k,
            start_comps=reference.map.comps,
            start_centres=reference.map.base_centres,
        ).labels
        mine = labels[kept]
        aris[r] = adjusted_rand_index(mine, again)
        jaccards[r] = best_jaccards(mine, again, k)
        run = r + 1
        weakest = float(jaccards[:run].sum(axis=0).min())
        needed = STABLE_JACCARD * rounds
        if weakest >= needed or weakest + (rounds - run) < needed:
            break
    return jaccards[:run].mean(axis=0), max(0.0, float(aris[:run].mean()))


def best_jaccards(mine: IntArray, again: IntArray, k: int) -> FloatArray:
    """For each of the ``k`` groups of ``mine``, its best Jaccard with a group of ``again``."""
    n_again = int(again.max()) + 1 if again.size else 0
    if n_again == 0:
        return np.zeros(k)
    table = np.bincount(mine * n_again + again, minlength=k * n_again).reshape(k, n_again)
    union = table.sum(axis=1)[:, None] + table.sum(axis=0)[None, :] - table
    jaccard = np.divide(table, union, out=np.zeros(table.shape), where=union > 0)
    return np.asarray(jaccard.max(axis=1), dtype=np.float64)


def rounds_for(n_votes: int) -> int:
    """Fewer bootstrap rounds for big conversations (each costs a full re-run)."""
    return max(3, min(BOOTSTRAP_ROUNDS, BOOTSTRAP_ROUNDS * 40_000 // max(n_votes, 1)))
