"""A discussion read once for the stance model: its replies, sparse rows and declared labels."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.analysis._text import fold
from bot.analysis.model import Discussion
from bot.analysis.stance.cues import (
    CueTable,
    Kind,
    ReadReply,
    option_kinds,
    question_stems,
    read_reply,
)
from bot.analysis.stance.learners import FloatArray, IntArray, Vocab


@dataclass(slots=True)
class Prepared:
    """One discussion read once: replies, sparse rows, declared polarity labels."""

    discussion: Discussion
    kinds: dict[str, Kind] | None
    qstems: frozenset[str]
    replies: list[ReadReply]
    rows: list[IntArray]
    declared: dict[str, str]
    labels: FloatArray
    """1 yes, 0 no, nan unknown or nuanced (per reply)."""


def declared_options(discussion: Discussion) -> dict[str, str]:
    """Author id to declared option (matched to the discussion's own spelling)."""
    by_fold = {fold(o).strip(): o for o in discussion.options}
    out: dict[str, str] = {}
    for s in discussion.stances:
        option = by_fold.get(fold(s.option).strip())
        if option is not None:
            out[s.author_id] = option
    return out


def prepare(discussion: Discussion, vocab: Vocab, table: CueTable) -> Prepared:
    kinds = option_kinds(discussion.options)
    qstems = question_stems(discussion.question)
    replies: list[ReadReply] = []
    rows: list[IntArray] = []
    for r in discussion.replies:
        reply, features = read_reply(r.text, qstems, table)
        replies.append(reply)
        rows.append(vocab.encode(features))
    declared = declared_options(discussion)
    labels = np.full(len(replies), np.nan)
    if kinds is not None:
        for i, r in enumerate(discussion.replies):
            kind = kinds.get(declared.get(r.author_id, ""))
            if kind == "yes":
                labels[i] = 1.0
            elif kind == "no":
                labels[i] = 0.0
    return Prepared(discussion, kinds, qstems, replies, rows, declared, labels)
