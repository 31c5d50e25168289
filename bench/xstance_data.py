"""X-Stance French comments as discussions, for the tests and the benchmarks.

The reader takes the JSONL as X-Stance writes it and what another copy of it may show: a
byte-order mark, CRLF, blank lines, ids written as strings, optional fields absent
(``author``, ``numerical_label``, ``language``, ``topic``). What it leaves out it says in
its notes: lines in another language than French (X-Stance mixes de, fr and it), lines
that are no JSON object or lack a needed field or have a label other than FAVOR/AGAINST,
and a repeated id.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from bench.shared_folder import shared_dir
from bot.analysis.model import DeclaredStance, Discussion, Reply

LABEL = {"FAVOR": "Oui", "AGAINST": "Non"}
NEEDED = ("id", "question_id", "question", "comment", "label")


@dataclass(frozen=True)
class XStanceRows:
    path: Path
    rows: list[dict[str, Any]]
    """The French lines with every needed field, in file order, each id once."""
    notes: tuple[str, ...]
    """What was left out, and why."""

    @property
    def questions(self) -> int:
        return len({r["question_id"] for r in self.rows})

    def describe(self) -> str:
        return f"data: {self.path}: {self.questions} questions, {len(self.rows)} replies"


def xstance_path() -> Path:
    """X-Stance's French file under the shared folder (``ETVOUS_SHARED``, else ``../shared``):
    ``eval/xstance-fr/dev.jsonl``, else the folder's only other ``.jsonl`` file."""
    folder = shared_dir() / "eval" / "xstance-fr"
    dev = folder / "dev.jsonl"
    others = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    return others[0] if not dev.exists() and len(others) == 1 else dev


def absent(path: Path) -> str:
    """Why the benches skip: ``path`` is absent, and the ``.jsonl`` files beside it if any
    (several and no ``dev.jsonl``: which to read is not guessed)."""
    others = sorted(p.name for p in path.parent.glob("*.jsonl")) if path.parent.is_dir() else []
    found = f"; beside it: {', '.join(others)}" if others else ""
    return f"skipped: {path} is absent{found} (set ETVOUS_SHARED to the shared folder)"


def read_xstance_rows(path: Path) -> XStanceRows:
    """Every usable French line of an X-Stance JSONL file, and notes on those left out."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    left: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    raw = path.read_bytes()
    notes = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = raw.decode("cp1252", errors="replace")
        notes.append(f"not UTF-8 ({error.reason} at byte {error.start}): read as cp1252")
    first_bad = 0
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028 in text
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            left["no JSON"] += 1
            first_bad = first_bad or number
            continue
        if not isinstance(row, dict):
            left["no JSON object"] += 1
            continue
        language = row.get("language")
        if language not in (None, "fr"):
            languages[str(language)] += 1
            continue
        missing = [k for k in NEEDED if row.get(k) is None]
        if missing:
            left[f"without {', '.join(missing)}"] += 1
            continue
        if row["label"] not in LABEL:
            left[f"label {row['label']!r}"] += 1
            continue
        try:
            row["question_id"] = int(row["question_id"])
        except (TypeError, ValueError):
            left["question_id no whole number"] += 1
            continue
        if str(row["id"]) in seen:
            left["id repeated"] += 1
            continue
        seen.add(str(row["id"]))
        rows.append(row)
    if languages:
        each = ", ".join(f"{lang} {n}" for lang, n in sorted(languages.items()))
        notes.append(f"{sum(languages.values())} lines in another language left out ({each})")
    notes.extend(f"{n} lines left out: {why}" for why, n in left.items())
    if first_bad:
        notes.append(f"first line that is no JSON: {first_bad}")
    return XStanceRows(path, rows, tuple(notes))


def load_xstance(path: Path) -> tuple[list[Discussion], dict[str, str]]:
    """One discussion per question (options Oui/Non, no declared stance) and each reply's truth.

    Each comment has an author of its own: X-Stance authors are never used.
    """
    return xstance_discussions(read_xstance_rows(path).rows)


def xstance_discussions(lines: list[dict[str, Any]]) -> tuple[list[Discussion], dict[str, str]]:
    """:func:`load_xstance` on lines already read."""
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in lines:
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
