"""X-Stance French comments as discussions, for the tests and the benchmarks."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from bot.analysis.model import Discussion, Reply

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
