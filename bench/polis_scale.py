"""The opinion-group analysis at scale, and on synthetic conversations with planted groups."""

from __future__ import annotations

import os
import resource
import time
import tracemalloc

import numpy as np

from bench._reference import reference_seconds
from bench.planted import planted_discussion
from bench.polis_measures import score_against
from bot.analysis.polis.bridging import bridging_replies
from bot.analysis.polis.groups import find_groups
from bot.analysis.polis.matrix import build_vote_matrix

SCALE_GOAL_S = 3.0


def scale_run(*, n_users: int, n_replies: int, votes_per_user: int) -> int:
    planted = planted_discussion(
        n_users=n_users, n_replies=n_replies, n_groups=3, votes_per_user=votes_per_user, seed=1
    )
    n_votes = len(planted.discussion.votes)
    load = os.getloadavg()
    reference = reference_seconds()
    start = time.perf_counter()
    result = find_groups(planted.discussion, seed=0)
    elapsed = time.perf_counter() - start
    matrix = build_vote_matrix(planted.discussion)
    start = time.perf_counter()
    bridging_replies(matrix)
    bridging = time.perf_counter() - start
    ours = {m: g.id for g in result.groups for m in (*g.members, *g.placed)}
    ari, _ = score_against(planted.truth, ours)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    find_groups(planted.discussion, seed=0)
    analysis_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(
        f"scale: {n_users} members x {n_replies} replies, {n_votes} votes: {elapsed:.2f} s"
        f" whole analysis (bridging {bridging:.2f} s of it), reference workload"
        f" {reference:.3f} s (ratio {elapsed / reference:.1f}), load {load[0]:.1f}/{load[1]:.1f};"
        f" peak RSS {peak:.0f} MiB (process, data included), analysis peak"
        f" {analysis_peak:.0f} MiB (tracemalloc); k={len(result.groups)} (planted 3),"
        f" ARI vs planted {ari:.3f}, stable={result.stable}"
    )
    if elapsed > SCALE_GOAL_S:
        print(f"goal missed: {elapsed:.2f} s > {SCALE_GOAL_S} s")
        return 1
    return 0


def planted_run() -> None:
    """How often the planted number of groups is found: 1, 2, 3, 5 groups and noise."""
    for n_groups in (1, 2, 3, 4, 5):
        right = 0
        aris: list[float] = []
        said_unclear = 0
        for seed in range(6):
            for n_users in (60, 240):
                planted = planted_discussion(
                    n_groups=n_groups, n_users=n_users, n_replies=30, seed=seed * 10 + n_groups
                )
                result = find_groups(planted.discussion, seed=0)
                ours = {m: g.id for g in result.groups for m in g.members}
                said_unclear += result.missing != ""
                right += len(result.groups) == n_groups or (n_groups == 1 and not result.stable)
                if n_groups > 1:
                    aris.append(score_against(planted.truth, ours)[0])
        quality = f", ARI mean {np.mean(aris):.3f}, min {np.min(aris):.3f}" if aris else ""
        print(
            f"planted {n_groups} group(s) x 6 seeds x 60/240 members, 30 replies:"
            f" right {right}/12, 'no clear groups' {said_unclear}/12{quality}"
        )
