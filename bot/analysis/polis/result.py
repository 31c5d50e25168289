"""What the opinion-group analysis returns: typed results and their JSON form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict

Missing = Literal[
    "", "too_few_replies", "no_votes", "too_few_participants", "one_opinion", "no_structure"
]
"""Why there are no clear groups (``""``: there are):

* ``too_few_replies``: fewer than two replies to vote on;
* ``no_votes``: nobody voted on a reply;
* ``too_few_participants``: too few members voted enough to take part;
* ``one_opinion``: the participants' votes show no split (one group);
* ``no_structure``: groups were drawn, but the votes hold no more structure than
  votes dealt out at random (:mod:`.structure`).
"""


class RepresentativeJson(TypedDict):
    reply_id: str
    direction: str
    agree_rate: float
    disagree_rate: float
    z: float
    n_votes: int


class GroupJson(TypedDict):
    id: int
    members: list[str]
    size: int
    representative: list[RepresentativeJson]
    stability: float
    placed: list[str]


class ConsensusJson(TypedDict):
    reply_id: str
    agree_rate: float
    consensus: float
    """Pol.is's group-informed consensus: the product over groups of (agrees + 1) / (votes + 2)."""
    normalised: float
    """Its geometric mean over the groups, which does not shrink as groups are added."""


class DivisiveJson(TypedDict):
    reply_id: str
    spread: float
    agree_rates: list[float]
    q_value: float
    """Benjamini-Hochberg adjusted p-value of the groups voting alike on it."""


class BridgingJson(TypedDict):
    reply_id: str
    score: float


class GroupsJson(TypedDict):
    """What :func:`analyze_groups` returns (plain JSON-ready data)."""

    groups: list[GroupJson]
    consensus: list[ConsensusJson]
    divisive: list[DivisiveJson]
    stable: bool
    stability: float
    votes_needed: int
    projection: dict[str, list[float]]
    k: int
    silhouettes: dict[str, float]
    participants: int
    min_votes: int
    profile_replies: list[str]
    bridging: list[BridgingJson]
    missing: str
    structure: float


@dataclass(frozen=True, slots=True)
class RepresentativeReply:
    reply_id: str
    direction: str
    agree_rate: float
    disagree_rate: float
    z: float
    n_votes: int

    def to_json(self) -> RepresentativeJson:
        return {
            "reply_id": self.reply_id,
            "direction": self.direction,
            "agree_rate": round(self.agree_rate, 4),
            "disagree_rate": round(self.disagree_rate, 4),
            "z": round(self.z, 3),
            "n_votes": self.n_votes,
        }


@dataclass(frozen=True, slots=True)
class OpinionGroup:
    id: int
    members: tuple[str, ...]
    representative: tuple[RepresentativeReply, ...]
    stability: float
    """Mean Jaccard of this group with its best match over re-runs on 80 % subsamples of the
    members; 0 when the votes show no structure (the groups are not clear: not measured)."""
    placed: tuple[str, ...] = ()
    """Members with too few votes to shape the groups, placed in this one as nearest to them."""

    def to_json(self) -> GroupJson:
        return {
            "id": self.id,
            "members": list(self.members),
            "size": len(self.members),
            "representative": [r.to_json() for r in self.representative],
            "stability": round(self.stability, 4),
            "placed": list(self.placed),
        }


@dataclass(frozen=True, slots=True)
class BridgingReply:
    """A reply people agree with whatever their side, as Community Notes scores a note."""

    reply_id: str
    score: float
    """The reply's intercept in a one-factor matrix factorisation of the votes."""
    factor: float
    """The reply's place on the factor that splits the voters (near 0: not a side's)."""
    n_votes: int

    def to_json(self) -> BridgingJson:
        return {"reply_id": self.reply_id, "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class GroupsResult:
    groups: tuple[OpinionGroup, ...] = ()
    consensus: tuple[ConsensusJson, ...] = ()
    divisive: tuple[DivisiveJson, ...] = ()
    stable: bool = False
    """The groups are clear: the votes hold more structure than chance (:mod:`.structure`)."""
    stability: float = 0.0
    """Mean adjusted Rand index of the groups with re-runs on 80 % subsamples of the members;
    0 when the votes show no structure (not measured)."""
    votes_needed: int = 0
    projection: dict[str, tuple[float, float]] = field(default_factory=dict)
    silhouettes: dict[int, float] = field(default_factory=dict)
    participants: int = 0
    min_votes: int = 0
    profile_replies: tuple[str, ...] = ()
    """Replies left out of the map because they describe their authors."""
    bridging: tuple[BridgingReply, ...] = ()
    """Replies agreed with on both sides of the main divide and voted on by every group,
    best first: the best :data:`~.bridging.MAX_LISTED` and one more for each consensus
    reply (a summary lists a reply once, under consensus, and shows the next ones)."""
    missing: Missing = ""
    """Why there are no clear groups, if there are none."""
    structure: float = 0.0
    """Variance of the map's first axis over the largest of 19 shuffles' (above 1: clear)."""

    def to_json(self) -> GroupsJson:
        return {
            "groups": [g.to_json() for g in self.groups],
            "consensus": [ConsensusJson(**c) for c in self.consensus],
            "divisive": [DivisiveJson(**d) for d in self.divisive],
            "stable": self.stable,
            "stability": round(self.stability, 4),
            "votes_needed": self.votes_needed,
            "projection": {u: [round(x, 5), round(y, 5)] for u, (x, y) in self.projection.items()},
            "k": len(self.groups),
            "silhouettes": {str(k): round(s, 4) for k, s in self.silhouettes.items()},
            "participants": self.participants,
            "min_votes": self.min_votes,
            "profile_replies": list(self.profile_replies),
            "bridging": [b.to_json() for b in self.bridging],
            "missing": self.missing,
            "structure": round(self.structure, 4),
        }


def votes_agree_with_direction(rep: Mapping[str, Any]) -> bool:
    """Whether most of the group's votes on a representative reply go its ``direction``.

    For a group with no significant reply, Pol.is falls back on the one that
    sets it apart most, even when the group itself mostly votes the other way
    (it "disagrees" with a reply two of its three members agree with). A
    summary stating that would contradict the votes, so it skips such items.
    """
    agree, disagree = rep.get("agree_rate"), rep.get("disagree_rate")
    if not isinstance(agree, int | float) or not isinstance(disagree, int | float):
        return True
    return agree > disagree if rep.get("direction") == "agree" else disagree > agree
