"""The stance model's tunable constants, in one place, so that a benchmark can choose
them on one half of its data and report them on the other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

HistoryUse = Literal["auto", "always", "never"]
AbstentionRule = Literal["probability", "evidence", "plain"]


@dataclass(frozen=True, slots=True)
class StanceSettings:
    min_confidence: float = 0.65
    """Below this probability a polar reply is left without an option (its leaning stays).
    Chosen on each X-Stance half as the lowest threshold at which 75 % of the replies
    given an option are right (both halves chose 0.65)."""
    rate_pseudo_replies: float = 10.0
    """How many replies at the server's yes rate a discussion's own rate starts from
    (see :func:`bot.analysis.stance.learners.adapt_to_discussion`)."""
    similar_question: float = 0.5
    """Past questions sharing at least this share (cosine) of their key-term stems with a
    discussion's question lend it their declared yes/no rate."""
    prior_strength: float = 10.0
    """How strongly the combining regression is held to the zero-shot weights."""
    zero_shot_scale: float = 1.0
    """Multiplies the zero-shot log-odds (below 1 the zero-shot confidences are softer)."""
    no_evidence_yes: float | None = None
    """P(yes) given without history to a reply with no cue, explicit opening or negation
    (``None``: the zero-shot bias, about 0.51), and where the server's own rate starts
    from. The leaning of such a reply is a base rate, not something read in it. Unset:
    both X-Stance halves chose 0.7, their authors' rate, but on the English sample it
    doubled the ECE (its replies without evidence are 51 % yes)."""
    no_evidence_pseudo_replies: float | None = 10.0
    """How many replies at ``no_evidence_yes`` (0.5 when unset) the server's own rate of
    "yes" among its declared replies without evidence starts from, for the replies without
    evidence when the history-trained parts are not used (``None``: the fixed value only)."""
    no_evidence_min_z: float = 1.5
    """The server's rate for replies without evidence is used only when it is at least
    this many standard errors (binomial) from 0.5. Written after the English sample, where
    that rate varies by motion (0.33-0.75) around 0.5 and moving to it cost forced F1."""
    abstention: AbstentionRule = "evidence"
    """Which replies without history get no option whatever their probability (their
    leaning and confidence stay): "probability", none; "evidence", those with no cue,
    opening or negation; "plain", those too and those with a negation and no opening
    answer (whose side the cues read least surely). Chosen on each X-Stance half by the
    coverage at 75 % precision: A chose "evidence", B "probability", neither "plain".
    "evidence" gives an option to the replies given one before the server's rate for
    replies without evidence existed (at 0.51 they never reached the threshold of a
    yes/no or yes/no/nuanced question): that rate changes their leaning and
    confidence, not what is counted. A "nuanced" option is read in the nuance words."""
    own_declarations: bool = False
    """Whether a discussion's declared replies move its undeclared ones to its own yes rate
    when no history is used (off: neither X-Stance half gained from it)."""
    history: HistoryUse = "auto"
    """"auto": history-trained parts are used only where they beat zero-shot on the
    server's own declared history (leave one discussion out)."""
    cue_groups: frozenset[str] | None = None
    """Cue groups of :mod:`bot.analysis.stance.lexicon` to read (``None``: all)."""


DEFAULT_SETTINGS = StanceSettings()
