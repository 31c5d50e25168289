"""Reading one reply: its cue scores, negations, explicit opening and sparse features.

Linear in the length of the reply: each word starts at most a few phrase
look-ups in a prefix table that stops at the first dead end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Literal

from bot.analysis._text import content_words, stem, tokens
from bot.analysis.stance import lexicon as lex

Kind = Literal["yes", "no", "nuanced"]

NEG_WINDOW = 3
"""A word this many words or fewer after a negator is negated."""

OPENERS = {
    "oui": 1.0,
    "plutot oui": 1.0,
    "plutot pour": 1.0,
    "yes": 1.0,
    "yeah": 1.0,
    "yep": 1.0,
    "je suis pour": 1.0,
    "non": -1.0,
    "plutot non": -1.0,
    "plutot contre": -1.0,
    "no": -1.0,
    "nope": -1.0,
    "nah": -1.0,
    "je suis contre": -1.0,
}
"""Explicit answers that open a reply ("Oui, ...", "Non, ..."): the clearest evidence."""
_NOT_OPENERS = frozenset({"seulement", "only", "plus", "sans", "matter", "doubt"})
"""Words after an answer word that make it something else ("non seulement", "no doubt")."""

POST_NEGATORS = frozenset({"not", "never"})
"""English negations that follow the word they negate ("should not", "must never"); an
answer word followed by one keeps its sign ("No, not at all")."""

STEM = itemgetter(slice(6))
"""``stem`` of a word, for ``map``."""

_Entry = tuple[float | None, float | None, bool]
"""Of a phrase or a prefix of one: its cue weight, nuance weight, and whether a longer
phrase starts with it."""


@dataclass(frozen=True, slots=True)
class CueTable:
    """The prefix table of the enabled cue groups."""

    phrases: dict[str, _Entry]
    max_phrase: int


@lru_cache(maxsize=16)
def cue_table(groups: frozenset[str] | None = None) -> CueTable:
    """The table of the named cue groups (every group when ``None``)."""
    cues: dict[str, float] = {}
    nuances: dict[str, float] = {}
    for group in lex.GROUPS:
        if groups is not None and group.name not in groups:
            continue
        if group.lean == "nuance":
            nuances.update(group.cues)
            continue
        sign = 1.0 if group.lean == "yes" else -1.0
        cues.update({phrase: sign * weight for phrase, weight in group.cues.items()})
    table: dict[str, _Entry] = {}
    for phrase in [*cues, *nuances]:
        words = phrase.split(" ")
        for k in range(1, len(words) + 1):
            prefix = " ".join(words[:k])
            longer = k < len(words) or (prefix in table and table[prefix][2])
            table[prefix] = (cues.get(prefix), nuances.get(prefix), longer)
    longest = max((len(p.split()) for p in table), default=1)
    return CueTable(table, longest)


@dataclass(slots=True)
class ReadReply:
    """What the classifier sees of one reply."""

    words: list[str]
    yes_mass: float
    """Sum of the cues that lean to "yes"."""
    no_mass: float
    opening: float
    nuance: float
    negations: int
    question_back: bool

    @property
    def cue(self) -> float:
        """Net cue score: above 0 leans to "yes"."""
        return self.yes_mass - self.no_mass

    @property
    def has_evidence(self) -> bool:
        """Whether anything in the reply is read as a sign of its side, yes or no: a cue,
        an explicit opening or a negation (a nuance word is not)."""
        return bool(self.yes_mass or self.no_mass or self.opening or self.negations)

    @property
    def plain(self) -> bool:
        """Whether the reply has evidence and no negation, or opens with its answer."""
        return self.has_evidence and (not self.negations or bool(self.opening))


def _option_kind(option: str) -> Kind | None:
    key = "_".join(tokens(option))
    if key in lex.YES_OPTIONS:
        return "yes"
    if key in lex.NO_OPTIONS:
        return "no"
    if key in lex.NUANCE_OPTIONS:
        return "nuanced"
    return None


def option_kinds(options: Sequence[str]) -> dict[str, Kind] | None:
    """Map each option to yes/no/nuanced when the set is polar, else ``None``."""
    kinds = {o: k for o in options if (k := _option_kind(o)) is not None}
    values = set(kinds.values())
    if "yes" in values and "no" in values:
        return kinds
    return None


def question_stems(question: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(tokens(question)))


def negated_words(words: list[str]) -> list[bool] | None:
    """Whether each word follows a negator by at most ``NEG_WINDOW`` words (``None``:
    the reply has no negator)."""
    if lex.NEGATORS.isdisjoint(words):
        return None
    n = len(words)
    negated = [False] * n
    for i in [i for i, w in enumerate(words) if w in lex.NEGATORS]:
        negated[i + 1 : i + 1 + NEG_WINDOW] = [True] * min(NEG_WINDOW, n - i - 1)
    return negated


def _sparse(words: list[str], negated: list[bool] | None, hits: list[int]) -> list[str]:
    """Sparse features: each word (``!word`` when negated), and ``~Q`` (``~Q!``) after
    each word that shares a stem with the question."""
    base = (
        words
        if negated is None
        else [("!" + w) if g else w for w, g in zip(words, negated, strict=True)]
    )
    if not hits:
        return base
    out: list[str] = []
    start = 0
    for i in hits:
        out += base[start : i + 1]
        out.append("~Q!" if negated is not None and negated[i] else "~Q")
        start = i + 1
    out += base[start:]
    return out


def _cues(
    words: list[str], negated: list[bool] | None, table: CueTable
) -> tuple[float, float, float, float]:
    """Yes mass, no mass, explicit opening and nuance score of the phrases of a reply."""
    yes = no = nuance = opening = 0.0
    n = len(words)
    phrases = table.phrases
    for i in [i for i, w in enumerate(words) if w in phrases]:
        is_negated = negated is not None and negated[i]
        phrase = words[i]
        j = 1
        while True:
            weight, nweight, longer = phrases[phrase]
            after = words[i + j] if i + j < n else ""
            if weight is not None and not (phrase in OPENERS and after in _NOT_OPENERS):
                if is_negated or (after in POST_NEGATORS and phrase not in OPENERS):
                    weight = -0.7 * weight
                elif i < 2:
                    weight *= 1.5
                    sign = OPENERS.get(phrase, 0.0)
                    if sign and not opening:
                        opening = sign
                if weight > 0:
                    yes += weight
                else:
                    no -= weight
            if nweight is not None:
                nuance += nweight
            if not longer or j >= table.max_phrase or i + j >= n:
                break
            phrase = phrase + " " + after
            j += 1
            if phrase not in phrases:
                break
    return yes, no, opening, nuance


def read_reply(text: str, qstems: frozenset[str], table: CueTable) -> tuple[ReadReply, list[str]]:
    """Cue scores, negations and sparse features of a reply."""
    words = tokens(text)
    negated = negated_words(words)
    # a word under 3 letters never matches: question stems have 3 letters or more
    hits = [i for i, w in enumerate(words) if w[:6] in qstems] if qstems else []
    features = _sparse(words, negated, hits)
    yes, no, opening, nuance = _cues(words, negated, table)
    negations = 0 if negated is None else sum(1 for w in words if w in lex.NEGATORS)
    reply = ReadReply(words, yes, no, opening, nuance, negations, question_back=False)
    reply.question_back = text.rstrip().endswith("?") and abs(reply.cue) < 1.0
    return reply, features
