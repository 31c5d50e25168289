"""Fixtures for the analysis tests: X-Stance French comments from ../shared/eval."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from bot.analysis.model import Discussion, Reply

XStance = tuple[list[Discussion], dict[str, str]]


@pytest.fixture(scope="session")
def xstance(shared: Path) -> XStance:
    """Discussions (one per X-Stance question, options Oui/Non) and each reply's true option."""
    path = shared / "eval" / "xstance-fr" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"X-Stance evaluation data {path} is absent")
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
            truth[str(r["id"])] = "Oui" if r["label"] == "FAVOR" else "Non"
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
