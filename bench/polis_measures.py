"""What bench/polis_agreement.py measures: agreement with Pol.is, the naive baseline, bridging."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from bench.polis_data import PolisConversation
from bot.analysis.model import Discussion
from bot.analysis.polis import kmeans, repness
from bot.analysis.polis.arrays import FloatArray, IntArray
from bot.analysis.polis.bridging import MAX_LISTED, bridging_replies, factorise_votes
from bot.analysis.polis.consensus import consensus_items, normalised_consensus
from bot.analysis.polis.matrix import VoteMatrix, build_vote_matrix
from bot.analysis.polis.result import GroupsResult
from bot.analysis.polis.scores import adjusted_rand_index, silhouette

NAIVE_MIN_VOTES = 7
NAIVE_STARTS = 10


@dataclass(frozen=True)
class Row:
    name: str
    polis_k: int
    our_k: int
    ari: float
    coverage: float
    no_clear_groups: bool
    seconds: float
    naive_k: int
    naive_ari: float
    naive_coverage: float
    bridging_overlap: str
    bridging_seconds: float
    placed: int
    profile: int


def score_against(truth: dict[str, int], ours: dict[str, int]) -> tuple[float, float]:
    """ARI over every participant of ``truth`` (one ``ours`` leaves out is a group of its
    own), and the share of them ``ours`` groups."""
    if not truth:
        return float("nan"), float("nan")
    labels_true, labels_ours = [], []
    for i, (user, group) in enumerate(truth.items()):
        labels_true.append(group)
        labels_ours.append(f"g{ours[user]}" if user in ours else f"alone{i}")
    coverage = sum(u in ours for u in truth) / len(truth)
    return adjusted_rand_index(labels_true, labels_ours), coverage


def naive_groups(discussion: Discussion, *, seed: int = 0) -> dict[str, int]:
    """The issue's naive baseline: participants with >= 7 votes, mean imputation, PCA to 2,
    k-means over the participants (best of 10 k-means++ starts) for k = 2..5, best silhouette."""
    matrix = build_vote_matrix(discussion)
    keep = matrix.votes_per_user() >= NAIVE_MIN_VOTES
    if keep.sum() < 3 or matrix.n_replies < 2:
        return {}
    points = _mean_imputed_pca(matrix.subset_users(keep))
    rng = np.random.default_rng(seed)
    weights = np.ones(len(points))
    best: tuple[float, IntArray] | None = None
    for k in range(2, 6):
        if len(points) <= k:
            break
        outcomes = kmeans.kmeans_outcomes(points, k, weights, rng, n_init=NAIVE_STARTS)
        labels = kmeans.best_kmeans(outcomes[1:] or outcomes).labels
        score = silhouette(points, labels)
        if best is None or score > best[0]:
            best = (score, labels)
    if best is None:
        return {}
    users = [u for u, k in zip(matrix.users, keep, strict=True) if k]
    return {u: int(g) for u, g in zip(users, best[1], strict=True)}


def _mean_imputed_pca(matrix: VoteMatrix) -> FloatArray:
    sums = np.bincount(matrix.cols, weights=matrix.values, minlength=matrix.n_replies)
    counts = np.bincount(matrix.cols, minlength=matrix.n_replies)
    means = np.divide(sums, counts, out=np.zeros(matrix.n_replies), where=counts > 0)
    filled = np.repeat(means[None, :], matrix.n_users, axis=0)
    filled[matrix.rows, matrix.cols] = matrix.values
    centred = filled - filled.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    return np.asarray(centred @ vt[:2].T, dtype=np.float64)


def polis_consensus(conv: PolisConversation) -> tuple[list[str], FloatArray, VoteMatrix]:
    """Pol.is's consensus list, by our consensus rule over Pol.is's own groups, and the
    normalised group-informed consensus of every reply."""
    matrix = build_vote_matrix(conv.discussion)
    ids = sorted(set(conv.groups.values()))
    index = {g: i for i, g in enumerate(ids)}
    labels = np.asarray(  # int64 even with no voter (an empty list would be float)
        [index.get(conv.groups.get(u, -1), -1) for u in matrix.users], dtype=np.int64
    )
    counts = repness.group_counts(matrix, labels, len(ids))
    listed = [c["reply_id"] for c in consensus_items(matrix, counts)]
    return listed, normalised_consensus(counts), matrix


def bridging_overlap(
    conv: PolisConversation, result: GroupsResult, *, seed: int = 0
) -> tuple[str, float]:
    """ "a/b, rho": our bridging list against Pol.is's consensus list, the rank correlation of
    the bridging score with Pol.is's normalised consensus over every reply; and the time
    bridging takes on this conversation."""
    listed, gic, matrix = polis_consensus(conv)
    start = time.perf_counter()
    bridging_replies(matrix, seed=seed)
    elapsed = time.perf_counter() - start
    ours = {b.reply_id for b in result.bridging[:MAX_LISTED]}  # the rest: for summaries only
    model = factorise_votes(matrix, seed=seed)
    enough = model.reply_ratings >= 5
    rho = _spearman(model.reply_intercepts[enough], gic[enough])
    return f"{len(ours & set(listed))}/{len(listed)}, ρ {rho:.2f}", elapsed


def _spearman(a: FloatArray, b: FloatArray) -> float:
    if len(a) < 3:
        return float("nan")
    ra = np.argsort(np.argsort(a)).astype(np.float64)
    rb = np.argsort(np.argsort(b)).astype(np.float64)
    return float(np.corrcoef(ra, rb)[0, 1])
