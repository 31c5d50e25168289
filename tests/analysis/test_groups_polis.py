"""Our groups against Pol.is's own on its open data (skipped when the data is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.polis_data import load_polis
from bot.analysis.model import Discussion
from bot.analysis.polis.groups import analyze_groups
from bot.analysis.polis.scores import adjusted_rand_index


def _shared() -> Path:
    env = os.environ.get("ETVOUS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2].parent / "shared"


POLIS = _shared() / "eval" / "polis"

ARI_GOAL = 0.8
# (conversation, Pol.is's k, the profile statements Pol.is's moderators flagged "meta"
# and the analysis finds from the text alone, among those not moderated out)
CASES = [
    ("scoop-hivemind.biodiversity", 2, {"0", "1", "2", "5", "8", "9", "10"}),
    ("london.youth.policing", 3, {"1", *(str(i) for i in range(4, 15))}),
]


def _load(name: str) -> tuple[Discussion, dict[str, int]]:
    folder = POLIS / name
    if not (folder / "votes.csv").is_file():
        pytest.skip(f"Pol.is data not found at {folder} (set ETVOUS_SHARED)")
    return load_polis(folder)


@pytest.mark.parametrize(("name", "polis_k", "profile"), CASES)
def test_agreement_with_polis(name: str, polis_k: int, profile: set[str]) -> None:
    discussion, truth = _load(name)
    result = analyze_groups(discussion, seed=0)
    found = {m: g["id"] for g in result["groups"] for m in g["members"]}
    assert result["k"] == polis_k
    common = [u for u in truth if u in found]
    assert len(common) >= 0.99 * len(truth) - 2
    ari = adjusted_rand_index([truth[u] for u in common], [found[u] for u in common])
    assert ari >= ARI_GOAL
    assert set(result["profile_replies"]) == profile
    every = {m for g in result["groups"] for m in g["members"]}
    assert every <= set(result["projection"])
