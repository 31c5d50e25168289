"""The summary of one discussion, typed: what every interface renders.

:func:`bot.analysis.summarize.summarize` builds it; the JSON of ``python -m
bot analyze`` (:mod:`bot.analysis.summary_json`), the text report
(:mod:`bot.analysis.text_report`), the Discord embeds
(:mod:`bot.discord_render.summary`) and the web room all read the same
object, so none of them re-derives or re-filters anything.

The opinion groups part keeps Pol.is's result as found (:attr:`polis`: the
JSON's source, every representative reply included) beside the views readers
are shown (:attr:`groups`, whose representative replies are only those the
group's own votes bear out).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # at run time only the names: reading a summary needs no numpy
    from bot.analysis.arguments import Argument
    from bot.analysis.keywords import Keyword
    from bot.analysis.polis.result import BridgingReply, GroupsResult, RepresentativeReply
    from bot.analysis.stance import ReplyStance
    from bot.analysis.themes import ThemesResult


@dataclass(frozen=True, slots=True)
class StanceCounts:
    """Members per option, one voice each; every option is a key, in the question's order."""

    declared: Mapping[str, int]
    inferred: Mapping[str, int]
    """Members who declared nothing, counted under the option most of their replies lean to."""
    combined: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class GroupView:
    """An opinion group as a reader sees it."""

    id: int
    members: tuple[str, ...]
    representative: tuple[RepresentativeReply, ...]
    """The replies that set the group apart *and* that most of its votes go the way
    stated (Pol.is's fallback for a group with no significant reply can say a group
    "disagrees" with what most of it agrees with: such replies are left out here)."""
    stability: float

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def letter(self) -> str:
        """A, B, … Z, AA, AB …: the group's name in every interface."""
        return group_letter(self.id)


@dataclass(frozen=True, slots=True)
class ConsensusReply:
    """A reply every group mostly agrees with."""

    reply_id: str
    agree_rate: float
    consensus: float


@dataclass(frozen=True, slots=True)
class DivisiveReply:
    """A reply the groups vote on most differently."""

    reply_id: str
    spread: float
    agree_rates: tuple[float, ...]
    """Agree rate of each group, in group order."""


@dataclass(frozen=True, slots=True)
class DiscussionSummary:
    """Who stands where and why, for one discussion."""

    id: str
    question: str
    options: tuple[str, ...]
    language: str
    participant_count: int
    """Members who replied or declared a stance."""
    reply_count: int
    stances: StanceCounts
    reply_stances: tuple[ReplyStance, ...]
    """The stance of each reply, in reply order."""
    arguments: Mapping[str, tuple[Argument, ...]]
    """The quoted arguments of each option (every option a key, possibly empty)."""
    keywords: tuple[Keyword, ...]
    """Overall keywords first (``option`` None), then those that set each option apart."""
    polis: GroupsResult | None = None
    """Pol.is's opinion groups as found; ``None`` when that step failed."""
    groups: tuple[GroupView, ...] = ()
    consensus: tuple[ConsensusReply, ...] = ()
    divisive: tuple[DivisiveReply, ...] = ()
    bridging: tuple[BridgingReply, ...] = ()
    """Replies agreed with on both sides of the main divide (Community Notes' scoring),
    none of those listed under consensus: what a reader of every consensus reply sees."""
    bridging_candidates: tuple[BridgingReply, ...] = ()
    """Every bridging reply readers may be shown, consensus ones included, best first:
    :meth:`bridging_beside` lists them beside fewer consensus replies."""
    quotes: Mapping[str, str] = field(default_factory=dict)
    """The quote (a sentence or two) of every reply the groups part names, by reply id."""
    themes: ThemesResult | None = None
    """What the discussion talks about; ``None`` when its replies had no vectors."""
    closed: bool = False
    """The discussion is closed: what is missing can no longer be given (no vote asked for)."""
    edited_after_votes: frozenset[str] = frozenset()
    """Replies whose text changed after a vote they still count was cast: wherever one is
    quoted as agreed or disagreed with, readers are told (the votes were partly on another
    text)."""

    @property
    def stable(self) -> bool:
        """Whether the groups are clear: the votes hold more structure than chance
        (else: "no clear groups yet")."""
        return self.polis is not None and self.polis.stable

    @property
    def missing(self) -> str:
        """Why there are no clear groups (a :data:`~bot.analysis.polis.result.Missing` code);
        ``""`` when there are, or when the groups step did not run."""
        if self.polis is None:
            return ""
        if self.polis.missing or self.polis.stable:
            return self.polis.missing
        return "no_structure"

    @property
    def missing_key(self) -> str:
        """The catalog message that says why there are no clear groups, as things stand:
        asking for votes while the discussion is open, saying what was lacking once closed."""
        return "groups-missing-closed" if self.closed else "groups-missing"

    @property
    def missing_args(self) -> dict[str, object]:
        """What :attr:`missing_key` is written with, in any language: why there are no
        groups, the votes still needed, and the voting button's label as the post shows
        it (the discussion's language, whoever reads the summary)."""
        from bot.i18n import t

        return {
            "missing": self.missing or "no_structure",
            "votes": self.votes_needed,
            "card": t("button-card", self.language),
        }

    @property
    def grouped(self) -> int:
        """Members whose votes drew the groups (the groups' sizes add up to it); the
        participants count only those who replied or declared a stance."""
        return sum(group.size for group in self.groups)

    @property
    def stability(self) -> float:
        return self.polis.stability if self.polis is not None else 0.0

    @property
    def votes_needed(self) -> int:
        """A rough count of the votes still needed before groups hold."""
        return self.polis.votes_needed if self.polis is not None else 0

    @property
    def projection(self) -> Mapping[str, tuple[float, float]]:
        """Each grouped member's point on the opinion map."""
        return self.polis.projection if self.polis is not None else {}

    @property
    def profile_replies(self) -> tuple[str, ...]:
        """Replies that describe their authors, left out of the groups."""
        return self.polis.profile_replies if self.polis is not None else ()

    def leanings(self) -> dict[str, int]:
        """How many inferred replies lean to each option without reaching the threshold
        (options with none left out, in the question's order). A reply in which nothing
        was read leans only by the base rate: it is not counted."""
        counts = dict.fromkeys(self.options, 0)
        for s in self.reply_stances:
            if s.source == "inferred" and s.option is None and s.evidence and s.leaning in counts:
                counts[s.leaning] += 1
        return {o: n for o, n in counts.items() if n}

    def quote(self, reply_id: str) -> str | None:
        """The quote of a reply the groups part names."""
        return self.quotes.get(reply_id)

    def edited(self, reply_id: str) -> bool:
        """Whether this reply's text changed after votes it still counts were cast."""
        return reply_id in self.edited_after_votes

    def overall_keywords(self) -> list[str]:
        return [k.word for k in self.keywords if k.option is None]

    def keywords_of(self, option: str) -> list[str]:
        """The words that set ``option``'s side apart."""
        return [k.word for k in self.keywords if k.option == option]

    def bridging_beside(self, consensus_shown: int, limit: int) -> tuple[BridgingReply, ...]:
        """The bridging replies to list where only the first ``consensus_shown`` consensus
        replies are: none of those again, and a consensus reply left out there that also
        bridges among them (Discord shows three of five: the fourth was in neither list)."""
        under = {c.reply_id for c in self.consensus[:consensus_shown]}
        beside = [b for b in self.bridging_candidates if b.reply_id not in under]
        return tuple(beside[:limit])

    def cited_replies(self) -> list[str]:
        """Every reply the summary quotes or names, once each, in the order they appear."""
        ids = [a.reply_id for items in self.arguments.values() for a in items]
        ids += [r.reply_id for g in self.groups for r in g.representative]
        ids += [c.reply_id for c in self.consensus]
        ids += [d.reply_id for d in self.divisive]
        ids += [b.reply_id for b in self.bridging]
        if self.themes is not None:
            ids += [q.reply_id for theme in self.themes.themes for q in theme.quotes]
        return list(dict.fromkeys(ids))


def group_letter(index: int) -> str:
    """0 -> A, 1 -> B, ... 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
