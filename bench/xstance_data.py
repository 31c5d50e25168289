"""X-Stance French comments as discussions, for the tests and the benchmarks."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

from bot.analysis.model import DeclaredStance, Discussion, Reply

LABEL = {"FAVOR": "Oui", "AGAINST": "Non"}


def load_xstance(path: Path) -> tuple[list[Discussion], dict[str, str]]:
    """One discussion per question (options Oui/Non, no declared stance) and each reply's truth.

    Each comment has an author of its own: X-Stance authors are never used.
    """
    rows: dict[int, list[dict[str, object]]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            rows[int(row["question_id"])].append(row)
    truth: dict[str, str] = {}
    discussions = []
    for qid in sorted(rows):
        replies = []
        for r in rows[qid]:
            truth[str(r["id"])] = LABEL[str(r["label"])]
            replies.append(Reply(id=str(r["id"]), author_id=f"c{r['id']}", text=str(r["comment"])))
        discussions.append(
            Discussion(
                id=str(qid),
                question=str(rows[qid][0]["question"]),
                options=("Oui", "Non"),
                replies=tuple(replies),
                guild_id="xstance",
            )
        )
    return discussions, truth


HALF_SEED = 15
"""Seed of the fixed split of the questions into two halves (never changed after a run)."""


def split_halves(
    discussions: list[Discussion], seed: int = HALF_SEED
) -> tuple[list[Discussion], list[Discussion]]:
    """Two halves by question (a seeded shuffle of the question ids, in id order within each)."""
    ids = sorted(d.id for d in discussions)
    order = np.random.default_rng(seed).permutation(len(ids))
    first = {ids[i] for i in order[: len(ids) // 2]}
    a = [d for d in discussions if d.id in first]
    b = [d for d in discussions if d.id not in first]
    return a, b


def with_declared(
    discussion: Discussion, truth: dict[str, str], share: float = 1.0, seed: int = 0
) -> tuple[Discussion, set[str]]:
    """The discussion with a seeded ``share`` of its replies' authors declaring their true
    answer, and the ids of the declared replies."""
    replies = discussion.replies
    rng = np.random.default_rng([seed, int(discussion.id) if discussion.id.isdigit() else 0])
    n = round(share * len(replies))
    chosen = {replies[i].id for i in rng.permutation(len(replies))[:n]}
    stances = tuple(DeclaredStance(r.author_id, truth[r.id]) for r in replies if r.id in chosen)
    return replace(discussion, stances=stances), chosen
