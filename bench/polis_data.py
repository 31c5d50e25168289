"""Pol.is open-data conversations as discussions, for the tests and the benchmarks."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from bench.shared_folder import shared_dir
from bot.analysis.model import Discussion, Reply, Vote


def load_polis(folder: Path) -> tuple[Discussion, dict[str, int]]:
    """The conversation in ``folder`` and Pol.is's group of every participant it clustered.

    Moderated-out comments are dropped from the replies, as Pol.is drops
    them; votes on them stay: Pol.is counts them towards a member's
    participation and keeps those comments as zeroed columns, which the
    analysis reproduces for replies voted on but absent from the replies.
    Votes are in time order, so a voter's latest vote is the last one.
    """
    with (folder / "comments.csv").open(encoding="utf-8", newline="") as f:
        comments = sorted(csv.DictReader(f), key=lambda c: int(c["timestamp"]))
    replies = tuple(
        Reply(id=c["comment-id"], author_id=c["author-id"], text=c["comment-body"])
        for c in comments
        if c["moderated"] != "-1"
    )
    with (folder / "votes.csv").open(encoding="utf-8", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda v: int(v["timestamp"]))
    votes = tuple(Vote(v["comment-id"], v["voter-id"], int(v["vote"])) for v in rows)
    with (folder / "participants-votes.csv").open(encoding="utf-8", newline="") as f:
        groups = {
            p["participant"]: int(p["group-id"])
            for p in csv.DictReader(f)
            if p["group-id"].strip() != ""
        }
    discussion = Discussion(id=folder.name, question="", options=(), replies=replies, votes=votes)
    return discussion, groups


def polis_root() -> Path:
    return shared_dir() / "eval" / "polis"


def conversation_folders() -> list[Path]:
    """Every Pol.is conversation under :func:`polis_root` (none when it is absent)."""
    root = polis_root()
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "votes.csv").is_file())


@dataclass(frozen=True)
class PolisConversation:
    name: str
    discussion: Discussion
    groups: dict[str, int]
    """Pol.is's group of every participant it clustered."""


def load_conversations(limit: int | None = None) -> list[PolisConversation]:
    return [PolisConversation(p.name, *load_polis(p)) for p in conversation_folders()[:limit]]


def comment_texts(folder: Path) -> list[str]:
    """Every comment of a conversation, moderated-out ones included."""
    with (folder / "comments.csv").open(encoding="utf-8", newline="") as f:
        return [c["comment-body"] for c in csv.DictReader(f)]
