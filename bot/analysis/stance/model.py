"""The stance model: fitted once on a server's discussions, it gives each reply of any
of them its stance (declared, else inferred) and its leaning."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from bot.analysis.model import Discussion
from bot.analysis.stance.cues import Kind, ReadReply, cue_table
from bot.analysis.stance.history import ServerHistory, features
from bot.analysis.stance.learners import (
    FloatArray,
    Vocab,
    adapt_to_discussion,
    sigmoid,
    zero_shot_p_yes,
)
from bot.analysis.stance.open_options import OpenModels, open_probabilities
from bot.analysis.stance.prepared import Prepared, prepare
from bot.analysis.stance.settings import DEFAULT_SETTINGS, AbstentionRule, StanceSettings

Source = Literal["declared", "inferred"]


@dataclass(frozen=True, slots=True)
class ReplyStance:
    reply_id: str
    option: str | None
    """The option counted for this reply: declared, or inferred above the threshold."""
    confidence: float
    """Probability of ``leaning`` (1.0 when declared, 0.0 without a leaning)."""
    source: Source
    leaning: str | None = None
    """The most probable option, even under the threshold. ``None`` when the reply has no
    word to read, when the discussion has no option, and, when it has a single option,
    where that option's probability is under one half: the other side is then "not that
    option" (the "none of them" class), which no option names, and a leaning to the one
    option would contradict its own probability. A reply's ``option`` is always its
    leaning or ``None``."""
    evidence: bool = False
    """Whether something in the reply was read as a sign of its side (a cue, an opening,
    a negation, a nuance word, an option's words; always for a declared stance; with a
    single option, whether it has a leaning, which only the option's words give it).
    Without it the leaning is only the base rate, which no summary reports as a leaning."""


class StanceModel:
    """Stance classifier fitted on the declared stances of a set of discussions.

    ``fit`` reads every discussion once; ``predict`` gives the stance of each
    reply of one of them (or of any other discussion).
    """

    def __init__(
        self,
        discussions: Sequence[Discussion],
        *,
        seed: int = 0,
        settings: StanceSettings = DEFAULT_SETTINGS,
    ) -> None:
        self.settings = settings
        self._table = cue_table(settings.cue_groups)
        self._vocab = Vocab()
        self._prepared = [prepare(d, self._vocab, self._table) for d in discussions]
        self._index = {id(p.discussion): i for i, p in enumerate(self._prepared)}
        polar = [p for p in self._prepared if p.kinds is not None]
        self._polar_index = {id(p): k for k, p in enumerate(polar)}
        dim = len(self._vocab.ids)
        self.history = ServerHistory(polar, dim, settings, seed=seed)
        self._open = OpenModels(self._prepared, dim)

    def _prepared_for(self, discussion: Discussion) -> Prepared:
        i = self._index.get(id(discussion))
        if i is not None and self._prepared[i].discussion is discussion:
            return self._prepared[i]
        return prepare(discussion, self._vocab, self._table)

    def p_yes(self, p: Prepared) -> FloatArray:
        """P(yes) of each reply of a polar discussion."""
        history = self.history
        pseudo = self.settings.rate_pseudo_replies
        if history.used:
            prior = history.question_prior(p.qstems, exclude=self._polar_index.get(id(p)))
            x = features(p.replies, history.generic.score(p.rows), prior)
            p_yes = sigmoid(x @ history.weights)
            return adapt_to_discussion(p_yes, history.base_rate, p.labels, pseudo)
        x = features(p.replies, np.zeros(len(p.replies)), 0.0)
        s = self.settings
        p_yes = zero_shot_p_yes(x, p.replies, s.zero_shot_scale, history.no_evidence_yes)
        if s.own_declarations and not np.isnan(p.labels).all():
            p_yes = adapt_to_discussion(p_yes, 0.5, p.labels, pseudo)
        return p_yes

    def probabilities(self, discussion: Discussion) -> tuple[list[str], FloatArray]:
        """Options and a (replies x options) probability matrix, before abstaining."""
        p = self._prepared_for(discussion)
        options = list(discussion.options)
        if not p.replies or not options:
            return options, np.zeros((len(p.replies), len(options)))
        if p.kinds is None:
            return options, open_probabilities(p, self._open)
        p_yes = self.p_yes(p)
        nuance = np.array([r.nuance for r in p.replies])
        kinds = [p.kinds.get(o) for o in options]
        p_nu = sigmoid(1.2 * nuance - 2.5) if "nuanced" in kinds else np.zeros(len(p_yes))
        probs = np.zeros((len(p.replies), len(options)))
        for j, kind in enumerate(kinds):
            if kind == "yes":
                probs[:, j] = p_yes * (1 - p_nu)
            elif kind == "no":
                probs[:, j] = (1 - p_yes) * (1 - p_nu)
            elif kind == "nuanced":
                probs[:, j] = p_nu
        probs /= np.maximum(probs.sum(axis=1, keepdims=True), 1e-12)
        return options, probs

    def default_threshold(self, n_options: int) -> float:
        """The probability under which an inferred reply gets no option."""
        if n_options <= 2:
            return self.settings.min_confidence
        return 1.0 / n_options + 0.15

    def predict(
        self, discussion: Discussion, *, min_confidence: float | None = None
    ) -> list[ReplyStance]:
        """Stance of each reply of ``discussion``, in reply order.

        ``min_confidence``: the probability under which an inferred reply gets
        ``option=None`` (default :meth:`default_threshold`; 0 always picks its leaning,
        which a discussion with a single option may not give: see
        :attr:`ReplyStance.leaning`).
        """
        p = self._prepared_for(discussion)
        options, probs = self.probabilities(discussion)
        if min_confidence is None:
            min_confidence = self.default_threshold(len(options))
        best: list[int] = np.argmax(probs, axis=1).tolist() if probs.size else []
        top: list[float] = (
            np.round(probs[np.arange(len(best)), best], 4).tolist() if probs.size else []
        )
        rule = "probability" if self.history.used else self.settings.abstention
        out: list[ReplyStance] = []
        for i, reply in enumerate(discussion.replies):
            declared = p.declared.get(reply.author_id)
            if declared is not None:
                out.append(ReplyStance(reply.id, declared, 1.0, "declared", declared, True))
                continue
            r = p.replies[i]
            if not options or not r.words:
                out.append(ReplyStance(reply.id, None, 0.0, "inferred"))
                continue
            if len(options) == 1 and top[i] < 0.5:
                out.append(ReplyStance(reply.id, None, 0.0, "inferred"))
                continue
            leaning = options[best[i]]
            confidence = top[i]
            abstain = confidence < min_confidence or (
                min_confidence > 0 and (r.question_back or not _readable(r, rule, p.kinds, leaning))
            )
            option = None if abstain else leaning
            evidence = _read_in_text(r, p.kinds, probs[i])
            out.append(ReplyStance(reply.id, option, confidence, "inferred", leaning, evidence))
        return out


def _read_in_text(reply: ReadReply, kinds: dict[str, Kind] | None, probs: FloatArray) -> bool:
    """Whether the reply's probabilities come from something read in it: for a yes/no
    question a cue, an opening, a negation or a nuance word; for other options, any
    preference at all (their words, or words the server's declared replies taught)."""
    if kinds is not None:
        return reply.has_evidence or reply.nuance > 0
    if len(probs) == 1:
        # only its words lift the one option over "none of them" (nothing read: 0.17)
        return True
    return bool(np.ptp(probs) > 1e-9)


def _readable(
    reply: ReadReply, rule: AbstentionRule, kinds: dict[str, Kind] | None, leaning: str
) -> bool:
    """Whether ``rule`` lets a reply without history have ``leaning`` as its option (see
    :attr:`~bot.analysis.stance.settings.StanceSettings.abstention`); a "nuanced"
    leaning is read in the reply's nuance words, always."""
    if rule == "probability" or kinds is None or kinds.get(leaning) == "nuanced":
        return True
    if rule == "evidence":
        return reply.has_evidence
    return reply.plain
