"""Opinion groups from agree / disagree / pass votes, the way Pol.is finds them.

The method, step by step (see ``/work/shared/eval/README.md`` and Pol.is's
``math/src/polismath/math``):

1. one vote per (member, reply), the latest;
2. replies that describe their authors ("I am between 20 and 25 years
   old"; Pol.is's "meta" comments, see :mod:`bot.analysis.profile`) are
   zeroed: their votes count as participation, not as opinions;
   members with at least ``min(7, n_replies)`` votes take part; the others
   are in no group (never forced into one);
3. missing votes are filled with the reply's mean vote and the matrix is
   reduced to 2 principal components (sparse subspace iteration);
4. each member's projection is scaled by ``sqrt(n_replies / n_votes)``;
5. up to 100 "base clusters" by k-means, then weighted k-means over their
   centres for k = 2..5 from Pol.is's start (the first k distinct centres);
   the k with the best silhouette wins, and its groups are the best of
   that start and a few k-means++ starts;
6. representative replies by two-proportion z-tests, group-informed
   consensus, and the replies that split the groups most.

On top of Pol.is, the groups are checked for stability: the whole analysis
(PCA included, warm-started) is re-run on random 80 % subsamples of the
members with the same k, and each group's mean best-match Jaccard is its
stability (Hennig's clusterwise stability; >= 0.75 counts as stable). A
group that does not survive is reported unstable, so the bot can say "no
clear groups yet" instead of inventing them. (Resampling the replies
instead was tried: it called real but sparsely voted groups unstable.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypedDict

import numpy as np
import numpy.typing as npt

from bot.analysis import _polis_clusters as clusters
from bot.analysis import _polis_repness as repness
from bot.analysis._polis_matrix import FloatArray, IntArray, VoteMatrix, build_vote_matrix
from bot.analysis._polis_pca import project_users, sparse_pca
from bot.analysis.model import Discussion
from bot.analysis.profile import describes_author

MIN_VOTES = 7
"""Pol.is's participation bar: ``min(MIN_VOTES, n_replies)`` votes."""
MIN_PARTICIPANTS = 4
"""Below this many participants no grouping is attempted."""
BASE_K = 100
MAX_K = 5
K_MARGIN = 0.01
"""Silhouette a larger k needs over a smaller one to win."""
STABLE_JACCARD = 0.75
"""Hennig's bar: a group recovered with mean Jaccard >= 0.75 is stable."""
BOOTSTRAP_ROUNDS = 12
SUBSAMPLE = 0.8
"""Share of the members each stability re-run keeps."""
CONSENSUS_RATE = 0.6
"""A consensus reply: geometric mean over groups of the smoothed agree rate."""
DIVISIVE_SPREAD = 0.5
MAX_LISTED = 5


class RepresentativeJson(TypedDict):
    reply_id: str
    direction: str
    agree_rate: float
    disagree_rate: float
    z: float
    n_votes: int


class GroupJson(TypedDict):
    id: int
    members: list[str]
    size: int
    representative: list[RepresentativeJson]
    stability: float


class ConsensusJson(TypedDict):
    reply_id: str
    agree_rate: float
    consensus: float


class DivisiveJson(TypedDict):
    reply_id: str
    spread: float
    agree_rates: list[float]


class GroupsJson(TypedDict):
    """What :func:`analyze_groups` returns (plain JSON-ready data)."""

    groups: list[GroupJson]
    consensus: list[ConsensusJson]
    divisive: list[DivisiveJson]
    stable: bool
    stability: float
    votes_needed: int
    projection: dict[str, list[float]]
    k: int
    silhouettes: dict[str, float]
    participants: int
    min_votes: int
    profile_replies: list[str]


@dataclass(frozen=True, slots=True)
class RepresentativeReply:
    reply_id: str
    direction: str
    agree_rate: float
    disagree_rate: float
    z: float
    n_votes: int

    def to_json(self) -> RepresentativeJson:
        return {
            "reply_id": self.reply_id,
            "direction": self.direction,
            "agree_rate": round(self.agree_rate, 4),
            "disagree_rate": round(self.disagree_rate, 4),
            "z": round(self.z, 3),
            "n_votes": self.n_votes,
        }


@dataclass(frozen=True, slots=True)
class OpinionGroup:
    id: int
    members: tuple[str, ...]
    representative: tuple[RepresentativeReply, ...]
    stability: float
    """Mean Jaccard of this group with its best match over re-runs on 80 % subsamples of the members."""

    def to_json(self) -> GroupJson:
        return {
            "id": self.id,
            "members": list(self.members),
            "size": len(self.members),
            "representative": [r.to_json() for r in self.representative],
            "stability": round(self.stability, 4),
        }


@dataclass(frozen=True, slots=True)
class GroupsResult:
    groups: tuple[OpinionGroup, ...] = ()
    consensus: tuple[ConsensusJson, ...] = ()
    divisive: tuple[DivisiveJson, ...] = ()
    stable: bool = False
    stability: float = 0.0
    votes_needed: int = 0
    projection: dict[str, tuple[float, float]] = field(default_factory=dict)
    silhouettes: dict[int, float] = field(default_factory=dict)
    participants: int = 0
    min_votes: int = 0
    profile_replies: tuple[str, ...] = ()
    """Replies left out of the map because they describe their authors."""

    def to_json(self) -> GroupsJson:
        return {
            "groups": [g.to_json() for g in self.groups],
            "consensus": [ConsensusJson(**c) for c in self.consensus],
            "divisive": [DivisiveJson(**d) for d in self.divisive],
            "stable": self.stable,
            "stability": round(self.stability, 4),
            "votes_needed": self.votes_needed,
            "projection": {u: [round(x, 5), round(y, 5)] for u, (x, y) in self.projection.items()},
            "k": len(self.groups),
            "silhouettes": {str(k): round(s, 4) for k, s in self.silhouettes.items()},
            "participants": self.participants,
            "min_votes": self.min_votes,
            "profile_replies": list(self.profile_replies),
        }


@dataclass(frozen=True, slots=True)
class _Clustering:
    """Group label per participant (``-1``: none) and the 2-D map."""

    labels: IntArray
    points: FloatArray
    silhouettes: dict[int, float]
    comps: FloatArray
    base_centres: FloatArray


def votes_agree_with_direction(rep: Mapping[str, Any]) -> bool:
    """Whether most of the group's votes on a representative reply go its ``direction``.

    For a group with no significant reply, Pol.is falls back on the one that
    sets it apart most, even when the group itself mostly votes the other way
    (it "disagrees" with a reply two of its three members agree with). A
    summary stating that would contradict the votes, so it skips such items.
    """
    agree, disagree = rep.get("agree_rate"), rep.get("disagree_rate")
    if not isinstance(agree, int | float) or not isinstance(disagree, int | float):
        return True
    return agree > disagree if rep.get("direction") == "agree" else disagree > agree


def analyze_groups(discussion: Discussion, *, seed: int = 0) -> dict[str, Any]:
    """Opinion groups of ``discussion`` as plain JSON-ready data.

    The keys are those of :class:`GroupsJson`; ``find_groups(...).to_json()``
    gives the same data typed.
    """
    return dict(find_groups(discussion, seed=seed).to_json())


def find_groups(discussion: Discussion, *, seed: int = 0, bootstrap: int = -1) -> GroupsResult:
    """Opinion groups of ``discussion``, deterministic for a given ``seed``.

    ``bootstrap`` re-runs for the stability check; ``-1`` picks a number
    that keeps large conversations within a few seconds, ``0`` skips it.
    """
    profile = profile_replies(discussion)
    grouped = _without(discussion, profile)
    matrix = with_stance_columns(build_vote_matrix(grouped), grouped)
    n_real = len(build_reply_ids(grouped, matrix))
    min_votes = min(MIN_VOTES, n_real)
    participation = matrix.votes_per_user() + matrix.extra_votes
    stance_votes = np.bincount(matrix.rows[matrix.cols >= n_real], minlength=matrix.n_users)
    participation = participation - stance_votes
    active = participation >= max(min_votes, 1)
    n_active = int(active.sum())
    total_votes = int(participation.sum())
    if n_active < MIN_PARTICIPANTS or n_real < 2:
        needed = _votes_to_participate(participation, max(min_votes, 1))
        return GroupsResult(
            votes_needed=needed, participants=n_active, min_votes=min_votes, profile_replies=profile
        )
    rng = np.random.default_rng(seed)
    result = cluster_members(matrix, active, rng=rng)
    k = int(result.labels.max()) + 1 if result.labels.size else 0
    if k < 2:
        return GroupsResult(
            votes_needed=max(total_votes // 2, 1),
            participants=n_active,
            min_votes=min_votes,
            profile_replies=profile,
        )
    rounds = bootstrap if bootstrap >= 0 else _rounds_for(len(matrix.values))
    per_group, overall = _bootstrap_stability(matrix, active, result, k, rng, rounds)
    stable = bool(per_group.min() >= STABLE_JACCARD)
    active_idx = np.flatnonzero(active)
    labels = np.full(matrix.n_users, -1, dtype=np.int64)
    labels[active_idx] = result.labels
    real = _real_columns(matrix, n_real)
    counts = repness.group_counts(real, labels, k)
    reps = repness.representative(counts)
    groups = tuple(
        OpinionGroup(
            id=g,
            members=tuple(matrix.users[i] for i in active_idx[result.labels == g]),
            representative=tuple(
                RepresentativeReply(
                    real.replies[c.col], c.direction, c.agree_rate, c.disagree_rate, c.z, c.n_votes
                )
                for c in reps[g]
            ),
            stability=float(per_group[g]),
        )
        for g in range(k)
    )
    projection = {
        matrix.users[i]: (float(x), float(y))
        for i, (x, y) in zip(active_idx, result.points, strict=True)
    }
    return GroupsResult(
        groups=groups,
        consensus=_consensus(real, counts),
        divisive=_divisive(real, counts),
        stable=stable,
        stability=overall,
        votes_needed=0 if stable else _votes_for_stability(total_votes, float(per_group.min())),
        projection=projection,
        silhouettes=result.silhouettes,
        participants=n_active,
        min_votes=min_votes,
        profile_replies=profile,
    )


def profile_replies(discussion: Discussion) -> tuple[str, ...]:
    """Replies that describe their authors (Pol.is's "meta" comments), left out of the map.

    When every reply is one, none is left out: there would be nothing else.
    """
    found = tuple(r.id for r in discussion.replies if describes_author(r.text))
    return () if len(found) == len(discussion.replies) else found


def _without(discussion: Discussion, reply_ids: tuple[str, ...]) -> Discussion:
    """``discussion`` without ``reply_ids``: votes on them stay and count as participation."""
    if not reply_ids:
        return discussion
    left_out = set(reply_ids)
    return replace(discussion, replies=tuple(r for r in discussion.replies if r.id not in left_out))


def build_reply_ids(discussion: Discussion, matrix: VoteMatrix) -> tuple[str, ...]:
    """The real replies of ``matrix`` (stance columns come after them)."""
    n_stance = len(discussion.options) if discussion.stances else 0
    return matrix.replies[: matrix.n_replies - n_stance]


def cluster_members(
    matrix: VoteMatrix,
    active: npt.NDArray[np.bool_],
    *,
    rng: np.random.Generator,
    k: int | None = None,
    start_comps: FloatArray | None = None,
    start_centres: FloatArray | None = None,
) -> _Clustering:
    """Groups of the ``active`` members: PCA, base clusters, best-silhouette k.

    ``start_comps`` and ``start_centres`` warm-start the PCA and the base
    clusters, as Pol.is does from one update to the next.
    """
    pca = sparse_pca(matrix, seed=int(rng.integers(2**31)), start=start_comps)
    points = project_users(matrix, pca)[active]
    if start_centres is not None and len(start_centres):
        base_labels, centres = clusters.sampled_lloyd(points, start_centres, max_iter=20, tol=1e-3)
    else:
        base_labels, centres = clusters.base_clusters(points, BASE_K)
    weights = np.bincount(base_labels, minlength=len(centres)).astype(np.float64)
    silhouettes: dict[int, float] = {}
    if k is None:
        k = _best_k(centres, weights, silhouettes)
    labels = np.zeros(len(points), dtype=np.int64)
    if k is not None and len(centres) >= k:
        group_of_base, _ = clusters.best_kmeans(centres, k, weights, rng)
        labels = _relabel_by_size(group_of_base[base_labels])
    return _Clustering(labels, points, silhouettes, pca.comps, centres)


def _best_k(centres: FloatArray, weights: FloatArray, silhouettes: dict[int, float]) -> int | None:
    """The k Pol.is would choose; fills ``silhouettes`` with each k's score.

    Each k is scored on Pol.is's own start (the first k distinct centres),
    as Pol.is scores it: several starts can find a better optimum for one k
    than Pol.is does and so choose another k than Pol.is would.
    """
    best: tuple[float, int] | None = None
    for k in range(2, clusters.max_k_for(len(centres), MAX_K) + 1):
        if len(centres) < k:
            continue
        polis_start, _ = clusters.lloyd(centres, clusters.first_distinct(centres, k), weights)
        score = clusters.silhouette(centres, polis_start)
        silhouettes[k] = score
        # A larger k must beat a smaller one clearly: a stand-in for Pol.is's
        # hysteresis, which only moves k when the new best persists.
        if best is None or score > best[0] + K_MARGIN:
            best = (score, k)
    return None if best is None else best[1]


def _relabel_by_size(labels: IntArray) -> IntArray:
    """Group 0 is the largest; ties by first member."""
    ids, first, sizes = np.unique(labels, return_index=True, return_counts=True)
    order = sorted(range(len(ids)), key=lambda i: (-sizes[i], first[i]))
    remap = np.empty(int(ids.max()) + 1, dtype=np.int64)
    for new, old in enumerate(order):
        remap[ids[old]] = new
    return np.asarray(remap[labels], dtype=np.int64)


def with_stance_columns(matrix: VoteMatrix, discussion: Discussion) -> VoteMatrix:
    """Declared stances as extra columns: agree with one's option, disagree with the others."""
    if not discussion.stances or not discussion.options:
        return matrix
    user_index = {u: i for i, u in enumerate(matrix.users)}
    option_index = {o: i for i, o in enumerate(discussion.options)}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    latest = {s.author_id: s.option for s in discussion.stances}
    for user, option in latest.items():
        row = user_index.get(user)
        chosen = option_index.get(option)
        if row is None or chosen is None:
            continue  # a stance without votes places nobody on the map
        for j in range(len(discussion.options)):
            rows.append(row)
            cols.append(matrix.n_replies + j)
            values.append(1.0 if j == chosen else -1.0)
    return VoteMatrix(
        users=matrix.users,
        replies=matrix.replies + tuple(f"stance:{o}" for o in discussion.options),
        rows=np.concatenate([matrix.rows, np.asarray(rows, dtype=np.int64)]),
        cols=np.concatenate([matrix.cols, np.asarray(cols, dtype=np.int64)]),
        values=np.concatenate([matrix.values, np.asarray(values, dtype=np.float64)]),
        extra_votes=matrix.extra_votes,
        removed_replies=matrix.removed_replies,
    )


def _real_columns(matrix: VoteMatrix, n_real: int) -> VoteMatrix:
    if n_real == matrix.n_replies:
        return matrix
    keep = matrix.cols < n_real
    return VoteMatrix(
        users=matrix.users,
        replies=matrix.replies[:n_real],
        rows=matrix.rows[keep],
        cols=matrix.cols[keep],
        values=matrix.values[keep],
        extra_votes=matrix.extra_votes,
        removed_replies=matrix.removed_replies,
    )


def _bootstrap_stability(
    matrix: VoteMatrix,
    active: npt.NDArray[np.bool_],
    reference: _Clustering,
    k: int,
    rng: np.random.Generator,
    rounds: int,
) -> tuple[FloatArray, float]:
    """Per-group mean best-match Jaccard, and mean ARI, over subsampled re-runs.

    The re-runs stop as soon as the verdict (the weakest group's mean at
    least :data:`STABLE_JACCARD` after ``rounds``) is settled: a Jaccard lies
    in [0, 1], so the rounds left can only move a mean so far. The verdict is
    the one all ``rounds`` would give; the figures are means over the rounds run.
    """
    labels = reference.labels
    if rounds <= 0:
        return np.ones(k), 1.0
    active_idx = np.flatnonzero(active)
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
            k=k,
            start_comps=reference.comps,
            start_centres=reference.base_centres,
        ).labels
        mine = labels[kept]
        aris[r] = clusters.adjusted_rand_index(mine, again)
        jaccards[r] = _best_jaccards(mine, again, k)
        run = r + 1
        weakest = float(jaccards[:run].sum(axis=0).min())
        needed = STABLE_JACCARD * rounds
        if weakest >= needed or weakest + (rounds - run) < needed:
            break
    return jaccards[:run].mean(axis=0), float(aris[:run].mean())


def _best_jaccards(mine: IntArray, again: IntArray, k: int) -> FloatArray:
    """For each of the ``k`` groups of ``mine``, its best Jaccard with a group of ``again``."""
    n_again = int(again.max()) + 1 if again.size else 0
    if n_again == 0:
        return np.zeros(k)
    table = np.bincount(mine * n_again + again, minlength=k * n_again).reshape(k, n_again)
    union = table.sum(axis=1)[:, None] + table.sum(axis=0)[None, :] - table
    jaccard = np.divide(table, union, out=np.zeros(table.shape), where=union > 0)
    return np.asarray(jaccard.max(axis=1), dtype=np.float64)


def _rounds_for(n_votes: int) -> int:
    """Fewer bootstrap rounds for big conversations (each costs a full re-run)."""
    return max(3, min(BOOTSTRAP_ROUNDS, BOOTSTRAP_ROUNDS * 40_000 // max(n_votes, 1)))


def _votes_to_participate(participation: IntArray, min_votes: int) -> int:
    """Votes still missing before :data:`MIN_PARTICIPANTS` members take part."""
    missing = np.sort(np.maximum(min_votes - participation, 0))
    short = MIN_PARTICIPANTS - len(missing)
    needed = int(missing[:MIN_PARTICIPANTS].sum())
    return needed + max(short, 0) * min_votes


def _votes_for_stability(total_votes: int, stability: float) -> int:
    """A rough estimate of the extra votes before the groups hold.

    Resampling noise shrinks like ``1 / votes``: the instability ``1 - J``
    must fall to ``1 - STABLE_JACCARD``.
    """
    gap = max(1.0 - stability, 1e-6) / (1.0 - STABLE_JACCARD)
    return max(1, math.ceil(total_votes * (gap - 1.0)))


def _consensus(matrix: VoteMatrix, counts: repness.GroupCounts) -> tuple[ConsensusJson, ...]:
    gic = repness.group_informed_consensus(counts)
    n_groups = counts.agree.shape[0]
    rate = counts.agree.sum(0) / np.maximum(counts.seen.sum(0), 1)
    group_rate = counts.agree / np.maximum(counts.seen, 1)
    ok = (gic ** (1.0 / n_groups) >= CONSENSUS_RATE) & (group_rate > 0.5).all(axis=0)
    order = [j for j in np.argsort(-gic, kind="stable") if ok[j]][:MAX_LISTED]
    return tuple(
        ConsensusJson(
            reply_id=matrix.replies[j],
            agree_rate=round(float(rate[j]), 4),
            consensus=round(float(gic[j]), 4),
        )
        for j in order
    )


def _divisive(matrix: VoteMatrix, counts: repness.GroupCounts) -> tuple[DivisiveJson, ...]:
    spread = repness.divisiveness(counts)
    order = [j for j in np.argsort(-spread, kind="stable") if spread[j] >= DIVISIVE_SPREAD]
    return tuple(
        DivisiveJson(
            reply_id=matrix.replies[j],
            spread=round(float(spread[j]), 4),
            agree_rates=[
                round(float(counts.agree[g, j] / max(counts.seen[g, j], 1)), 4)
                for g in range(counts.agree.shape[0])
            ],
        )
        for j in order[:MAX_LISTED]
    )
