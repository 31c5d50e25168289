"""Leave-one-conversation-out choice of the opinion groups' constants.

Each constant that Pol.is does not fix (:mod:`bot.analysis.polis.settings`)
takes a few candidate values. For each conversation held out, the
combination with the best mean ARI on the other conversations is chosen (ties: more
conversations with Pol.is's k, then the earlier combination, the one
closest to Pol.is) and scored on the held-out conversation. The headline is
the held-out figures; the combination chosen on all eight is what ships.
Only combinations that find planted structure (:func:`sane`) are eligible:
a rule that matches Pol.is's exports but splits two clean camps wrongly
would not serve a Discord server.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from bench.planted import planted_discussion
from bench.polis_data import PolisConversation
from bench.polis_measures import score_against
from bot.analysis.model import Discussion, Reply, Vote
from bot.analysis.polis.clustering import OpinionMap, group_members, opinion_map, place_others
from bot.analysis.polis.groups import build_reply_ids, find_groups
from bot.analysis.polis.matrix import VoteMatrix, build_vote_matrix, with_stance_columns
from bot.analysis.polis.participation import participation
from bot.analysis.polis.profile import profile_replies, without
from bot.analysis.polis.settings import DEFAULT, Partition, PolisSettings

PARTITIONS: tuple[Partition, ...] = ("polis", "best", "modal")
MARGINS = (0.0, 0.01, 0.02, 0.05, 0.1)
TOLERANCES = (0.0, 0.01, 0.02, 0.05, 0.1)
"""``split_tolerance`` candidates; it only acts with ``partition="best"``."""
BY_MEMBERS = (False, True)
"""``split_by_members`` candidates; it only acts with a ``split_tolerance``."""
MIN_SHARES = (0.0, 0.02, 0.05)
"""``min_group_share`` candidates; it only acts with ``partition="best"``."""
PLACE = (0, 1, 3)
PROFILE = (False, True)


def grid() -> list[PolisSettings]:
    """Every combination, Pol.is's own behaviour first."""
    return [
        replace(
            DEFAULT,
            partition=p,
            k_margin=m,
            split_tolerance=t,
            split_by_members=members,
            min_group_share=share,
            place_min_votes=place,
            profile_statements=profile,
        )
        for profile, place, p, t, members, share, m in itertools.product(
            PROFILE, PLACE, PARTITIONS, TOLERANCES, BY_MEMBERS, MIN_SHARES, MARGINS
        )
        if (p == "best" or (t == 0.0 and share == 0.0)) and (t > 0.0 or not members)
    ]


@dataclass(frozen=True)
class Score:
    ari: float
    k_right: bool


def describe(s: PolisSettings) -> str:
    return (
        f"partition={s.partition} split_tolerance={s.split_tolerance}"
        f" split_by_members={s.split_by_members} min_group_share={s.min_group_share}"
        f" k_margin={s.k_margin}"
        f" place_min_votes={s.place_min_votes} profile_statements={s.profile_statements}"
    )


def score_grid(convs: list[PolisConversation], settings: list[PolisSettings]) -> np.ndarray:
    """``(n_settings, n_conversations)`` array of :class:`Score`.

    The map (PCA and base clusters) only depends on ``profile_statements``: it is
    computed once per conversation and value, and every setting's groups are drawn
    from it with the generator in the state ``find_groups`` leaves it in after the
    map, so the groups are those ``find_groups`` gives (checked on the defaults).
    """
    out = np.empty((len(settings), len(convs)), dtype=object)
    for j, conv in enumerate(convs):
        start = time.perf_counter()
        polis_k = len(set(conv.groups.values()))
        for i, ours in enumerate(groups_by_settings(conv.discussion, settings)):
            k_ours = len(set(ours.values()))
            out[i, j] = Score(score_against(conv.groups, ours)[0], k_ours == polis_k)
        _check_default(conv)
        print(f"  scored {conv.name} ({time.perf_counter() - start:.0f} s)", flush=True)
    return out


def groups_by_settings(
    discussion: Discussion, settings: list[PolisSettings]
) -> list[dict[str, int]]:
    """Every member's group (participants and placed) under each of ``settings``."""
    out: list[dict[str, int]] = []
    maps: dict[bool, tuple[VoteMatrix, int, OpinionMap, Mapping[str, Any]]] = {}
    for s in settings:
        if s.profile_statements not in maps:
            grouped = without(
                discussion, profile_replies(discussion) if s.profile_statements else ()
            )
            matrix = with_stance_columns(build_vote_matrix(grouped), grouped)
            n_real = len(build_reply_ids(grouped, matrix))
            active = participation(matrix, n_real, s).active
            rng = np.random.default_rng(0)
            opinion = opinion_map(matrix, active, rng=rng, settings=s)
            maps[s.profile_statements] = (matrix, n_real, opinion, rng.bit_generator.state)
        matrix, n_real, opinion, state = maps[s.profile_statements]
        rng = np.random.default_rng(0)
        rng.bit_generator.state = state
        found = group_members(opinion, rng=rng, settings=s)
        if found.k < 2:
            out.append({})
            continue
        placed = place_others(found, participation(matrix, n_real, s).placeable)
        ours = {matrix.users[i]: int(g) for i, g in enumerate(placed) if g >= 0}
        active_idx = np.flatnonzero(opinion.active)
        ours.update(
            {matrix.users[i]: int(g) for i, g in zip(active_idx, found.labels, strict=True)}
        )
        out.append(ours)
    return out


def _check_default(conv: PolisConversation) -> None:
    """Fails if :func:`groups_by_settings` and ``find_groups`` disagree on the defaults."""
    result = find_groups(conv.discussion, seed=0, bootstrap=0)
    full = {m: g.id for g in result.groups for m in (*g.members, *g.placed)}
    if groups_by_settings(conv.discussion, [DEFAULT])[0] != full:
        raise AssertionError(f"{conv.name}: the cached map does not give find_groups' groups")


def clear_split() -> Discussion:
    """Two camps of 20 split on five replies and agreeing on five (a few passes)."""
    votes = []
    for u in range(40):
        camp = 1 if u < 20 else -1
        votes += [Vote(f"r{j}", f"u{u}", camp) for j in range(5)]
        votes += [Vote(f"r{j}", f"u{u}", 0 if (u % 7 == 0 and j == 9) else 1) for j in range(5, 10)]
    replies = tuple(Reply(f"r{j}", "a", f"s{j}") for j in range(10))
    return Discussion("split", "?", (), replies=replies, votes=tuple(votes))


def sane(settings: PolisSettings) -> bool:
    """Whether ``settings`` find planted structure: a clean two-camp split, and 2, 3 and 5
    planted groups (two seeds each) with their k and an ARI of at least 0.75 (five groups on
    a circle, 15 % of votes flipped, are not all told apart)."""
    split = find_groups(clear_split(), bootstrap=0, settings=settings)
    if sorted(len(g.members) for g in split.groups) != [20, 20]:
        return False
    for n_groups, seed in itertools.product((2, 3, 5), (0, 1)):
        planted = planted_discussion(n_groups=n_groups, n_users=240, n_replies=40, seed=seed)
        result = find_groups(planted.discussion, bootstrap=0, settings=settings)
        ours = {m: g.id for g in result.groups for m in g.members}
        if len(result.groups) != n_groups or score_against(planted.truth, ours)[0] < 0.75:
            return False
    return True


def choose(scores: np.ndarray, train: list[int], eligible: list[int]) -> int:
    """Index of the best eligible setting on the ``train`` conversations."""
    best, best_key = eligible[0], (-np.inf, -1)
    for i in eligible:
        key = (
            round(float(np.mean([scores[i, j].ari for j in train])), 6),
            sum(scores[i, j].k_right for j in train),
        )
        if key > best_key:
            best, best_key = i, key
    return best


def _split_rule(s: PolisSettings) -> tuple[str, float, bool, float, float]:
    return (s.partition, s.split_tolerance, s.split_by_members, s.min_group_share, s.k_margin)


def loco_run(convs: list[PolisConversation]) -> int:
    if len(convs) < 2:
        print("skipped: leave-one-out needs at least two conversations")
        return 0
    settings = grid()
    checked: dict[tuple[str, float, bool, float, float], bool] = {}
    for s in settings:
        if _split_rule(s) not in checked:
            checked[_split_rule(s)] = sane(s)
    eligible = [i for i, s in enumerate(settings) if checked[_split_rule(s)]]
    print(
        "planted structure found by"
        " (partition, split_tolerance, split_by_members, min_group_share, k_margin): "
        + ", ".join(f"{p} {t} {b} {g} {m}" for (p, t, b, g, m), ok in checked.items() if ok)
    )
    print(f"{len(settings)} combinations x {len(convs)} conversations (bootstrap off)")
    scores = score_grid(convs, settings)
    held: list[Score] = []
    others = len(convs) - 1
    print(
        f"| held out | chosen on the other {others} | held-out ARI | k right"
        f" | mean ARI on the {others} |"
    )
    print("|---|---|---|---|---|")
    for j, conv in enumerate(convs):
        train = [t for t in range(len(convs)) if t != j]
        i = choose(scores, train, eligible)
        held.append(scores[i, j])
        train_mean = np.mean([scores[i, t].ari for t in train])
        print(
            f"| {conv.name} | {describe(settings[i])} | {scores[i, j].ari:.3f} |"
            f" {'yes' if scores[i, j].k_right else 'no'} | {train_mean:.3f} |"
        )
    aris = [s.ari for s in held]
    print(
        f"held out: mean ARI {np.mean(aris):.3f}, min {np.min(aris):.3f},"
        f" k right {sum(s.k_right for s in held)}/{len(held)}"
    )
    every = choose(scores, list(range(len(convs))), eligible)
    polis = 0  # the first combination: Pol.is's own split, no margin, nobody placed
    for label, i in (("chosen on all", every), ("Pol.is as is", polis)):
        row = [scores[i, j].ari for j in range(len(convs))]
        print(f"{label}: {describe(settings[i])}: mean {np.mean(row):.3f}, in-sample")
    return 0
