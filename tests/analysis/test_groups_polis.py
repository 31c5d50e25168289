"""Our groups against Pol.is's own on the eight conversations of ``../shared/eval/polis``.

Skipped, with the reason, when the data is absent. Before issue 14 this file
required London's k and an ARI of 0.8 on two conversations, which only rules
written after reading them reached; it now checks what holds without such
rules on every conversation (``bench/polis_agreement.py`` prints the figures,
``bench/README.md`` discusses them).
"""

from __future__ import annotations

import pytest

from bench.polis_data import PolisConversation, conversation_folders, load_polis, polis_root
from bench.polis_measures import naive_groups, score_against
from bot.analysis.polis.groups import find_groups

FOLDERS = conversation_folders()
MEAN_ARI_FLOOR = 0.6
"""The held-out mean of bench/polis_agreement.py --loco (0.647) less a margin."""
ROBUST_FLOOR = 0.8
"""Where Pol.is's split is a k-means optimum of our map that all rules find nearly (ARI
0.81 and 0.96 with the shipped split rule, 0.92 and 0.96 with the lowest inertia)."""


def _load(index: int) -> PolisConversation:
    if not FOLDERS:
        pytest.skip(f"Pol.is data not found at {polis_root()} (set ETVOUS_SHARED)")
    folder = FOLDERS[index]
    return PolisConversation(folder.name, *load_polis(folder))


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[float, float, float]]:
    """ARI, coverage and the naive baseline's ARI of every conversation."""
    if not FOLDERS:
        pytest.skip(f"Pol.is data not found at {polis_root()} (set ETVOUS_SHARED)")
    out = {}
    for index in range(len(FOLDERS)):
        conv = _load(index)
        result = find_groups(conv.discussion, seed=0, bootstrap=0)
        ours = {m: g.id for g in result.groups for m in (*g.members, *g.placed)}
        ari, coverage = score_against(conv.groups, ours)
        naive, _ = score_against(conv.groups, naive_groups(conv.discussion))
        out[conv.name] = (ari, coverage, naive)
    return out


@pytest.mark.parametrize("index", range(max(len(FOLDERS), 1)))
def test_each_conversation_gets_clear_groups_covering_pol_is_participants(index: int) -> None:
    conv = _load(index)
    result = find_groups(conv.discussion, seed=0, bootstrap=2)
    assert result.stable and result.missing == "", "Pol.is shows groups here"
    assert 2 <= len(result.groups) <= 5
    grouped = {m for g in result.groups for m in (*g.members, *g.placed)}
    assert sum(u in grouped for u in conv.groups) >= 0.95 * len(conv.groups)
    members = {m for g in result.groups for m in g.members}
    assert members == set(result.projection)
    replies = {r.id for r in conv.discussion.replies}
    assert {b.reply_id for b in result.bridging} <= replies - set(result.profile_replies)


def test_mean_agreement_with_pol_is_beats_the_naive_baseline(
    results: dict[str, tuple[float, float, float]],
) -> None:
    aris = [ari for ari, _, _ in results.values()]
    naive = [n for _, _, n in results.values()]
    assert sum(aris) / len(aris) >= MEAN_ARI_FLOOR
    assert sum(aris) > sum(naive)


def test_where_pol_is_split_is_robust_we_find_it(
    results: dict[str, tuple[float, float, float]],
) -> None:
    """Two conversations whose Pol.is split is also the best k-means split of the map.

    The shipped split (best silhouette among k-means optima within 2 % of the lowest
    inertia) takes a neighbouring optimum on the first (0.81; 0.92 with the lowest)."""
    for name in ("scoop-hivemind.biodiversity", "ssis.land-bank-farmland.2rumnecbeh.2021-08-01"):
        if name in results:
            assert results[name][0] >= ROBUST_FLOOR, name
