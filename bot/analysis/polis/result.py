"""What the opinion-group analysis returns: typed results and their JSON form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict


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


class ConsensusJson(TypedDict):
    reply_id: str
    agree_rate: float
    consensus: float


class DivisiveJson(TypedDict):
    reply_id: str
    spread: float
    agree_rates: list[float]


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
    """Mean Jaccard of this group with its best match over re-runs on 80 % subsamples of the members."""

    def to_json(self) -> GroupJson:
        return {
            "id": self.id,
            "members": list(self.members),
            "size": len(self.members),
            "representative": [r.to_json() for r in self.representative],
            "stability": round(self.stability, 4),
        }


@dataclass(frozen=True, slots=True)
class GroupsResult:
    groups: tuple[OpinionGroup, ...] = ()
    consensus: tuple[ConsensusJson, ...] = ()
    divisive: tuple[DivisiveJson, ...] = ()
    stable: bool = False
    stability: float = 0.0
    votes_needed: int = 0
    projection: dict[str, tuple[float, float]] = field(default_factory=dict)
    silhouettes: dict[int, float] = field(default_factory=dict)
    participants: int = 0
    min_votes: int = 0
    profile_replies: tuple[str, ...] = ()
    """Replies left out of the map because they describe their authors."""

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
