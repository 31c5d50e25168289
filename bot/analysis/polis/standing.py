"""Where one member stands among the opinion groups, as Pol.is shows a participant:
her group, what it stands for and how she voted on it, where she votes against most of
it, and what people agree with across the groups.

Plain data in (the discussion and its :class:`~.result.GroupsResult`), a typed
:class:`Standing` out; every interface renders it. Nothing here names another member.
The display bars (:data:`APART_SHARE`, :data:`MIN_OTHERS`) were set before any data
was read, as the summary's consensus bars were: they decide what is worth saying, not
what the analysis finds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from bot.analysis._text import readable
from bot.analysis.model import Discussion
from bot.analysis.polis.result import GroupsResult, OpinionGroup, votes_agree_with_direction

APART_SHARE = 0.6
"""She votes "apart" from her group on a reply when at least this share of the group's
other agree / disagree votes there go the other way."""
MIN_OTHERS = 3
"""Agree / disagree votes of others on a reply before their majority is worth naming."""
LISTED = 3
"""Replies listed under each heading."""


@dataclass(frozen=True, slots=True)
class ReplyTally:
    """A reply, her vote on it, and how the others she is compared with voted."""

    reply_id: str
    mine: int | None
    """Her latest vote: 1 agree, -1 disagree, 0 pass; ``None``: she has not voted on it."""
    agree: int
    disagree: int
    passes: int
    own: bool = False
    """Her own reply: she cannot vote on it (``mine`` is ``None``, and stays so)."""

    @property
    def votes(self) -> int:
        return self.agree + self.disagree + self.passes

    @property
    def agree_rate(self) -> float:
        return self.agree / self.votes if self.votes else 0.0

    @property
    def disagree_rate(self) -> float:
        return self.disagree / self.votes if self.votes else 0.0


@dataclass(frozen=True, slots=True)
class Standing:
    """One member's place among a discussion's opinion groups."""

    votes: int
    """Her votes (passes included) on the discussion's replies."""
    votes_needed: int
    """More votes she needs before her votes shape the groups (0 when they do)."""
    can_vote: int = 0
    """Replies she may still vote on (others', not voted on yet): when fewer than she
    needs, more votes now would not make hers count (an author cannot vote on her own)."""
    group: int | None = None
    """Her group's id (its letter: :func:`bot.analysis.summary.group_letter`); ``None``
    when there are no clear groups, or none holds her yet."""
    placed: bool = False
    """In that group as nearest to her few votes, without shaping it."""
    group_size: int = 0
    """Members in her group, those placed included, her too."""
    groups: int = 0
    participants: int = 0
    missing: str = ""
    """Why there are no clear groups (a :data:`~.result.Missing` code); ``""``: there are."""
    stands_for: tuple[tuple[str, ReplyTally], ...] = ()
    """What her group stands for (direction ``agree`` / ``disagree``, as the summary
    shows it), each with her vote and her group's."""
    apart: tuple[ReplyTally, ...] = ()
    """Replies where she voted against most of her group (the group's tallies, her aside)."""
    bridging: tuple[ReplyTally, ...] = ()
    """What people agree with across the divide, with her vote and everyone else's."""
    with_majority: int = 0
    """Her agree / disagree votes that go the way most of the others' go..."""
    majority_known: int = 0
    """...out of those where the others have a majority (:data:`MIN_OTHERS` votes, not tied)."""


@dataclass(frozen=True, slots=True)
class MemberStanding:
    """A member's :class:`Standing` with what telling her needs."""

    standing: Standing
    discussion_id: int
    language: str
    """The discussion's language: the voting button is named as its post shows it."""
    closed: bool
    quotes: Mapping[str, str]
    """The quote of every reply the standing names, by reply id."""
    links: Mapping[str, str]
    """The jump link of every reply the standing names, by reply id."""
    opinion_map: bytes | None = None
    """The opinion map (PNG) with her point marked; ``None`` when she is not on it."""
    edited: frozenset[str] = frozenset()
    """The replies it names whose text changed after votes they still count were cast."""


def standing(discussion: Discussion, result: GroupsResult | None, member_id: str) -> Standing:
    """Where ``member_id`` stands in ``discussion`` given its opinion groups ``result``."""
    votes = _Votes(discussion)
    mine = votes.mine(member_id)
    can_vote = sum(1 for r in discussion.replies if r.author_id != member_id and r.id not in mine)
    if result is None:
        return Standing(votes=len(mine), votes_needed=0, can_vote=can_vote, missing="no_structure")
    clear = result.stable and bool(result.groups) and not result.missing
    found = _group_of(result.groups, member_id) if clear else None
    shaping = found is not None and member_id in found.members
    needed = 0 if shaping else max(0, result.min_votes - len(mine))
    with_majority, known = _with_majority(votes, member_id)
    bridging = tuple(
        _tally(votes, b.reply_id, member_id, others=None)
        for b in result.bridging
        if b.reply_id in votes.quotable
    )[:LISTED]
    base = Standing(
        votes=len(mine),
        votes_needed=needed,
        can_vote=can_vote,
        groups=len(result.groups) if clear else 0,
        participants=result.participants,
        missing="" if clear else (result.missing or "no_structure"),
        bridging=bridging if clear else (),
        with_majority=with_majority,
        majority_known=known,
    )
    if found is None:
        return base
    group_members = set(found.members) | set(found.placed)
    return replace(
        base,
        group=found.id,
        placed=not shaping,
        group_size=len(group_members),
        stands_for=tuple(
            (r.direction, _tally(votes, r.reply_id, member_id, others=group_members))
            for r in found.representative
            if votes_agree_with_direction(r.to_json()) and r.reply_id in votes.quotable
        )[:LISTED],
        apart=_apart(votes, member_id, group_members),
    )


class _Votes:
    """Each member's latest vote per reply (the discussion's own replies only), and each
    reply's voters, so a tally reads only the votes on its reply."""

    def __init__(self, discussion: Discussion) -> None:
        replies = {r.id for r in discussion.replies}
        self.author = {r.id: r.author_id for r in discussion.replies}
        self.quotable = {r.id for r in discussion.replies if readable(r.text)}
        """Replies with something to read: only those are named to her (an image or a
        link alone would be an empty quote), though every vote counts."""
        self.of_member: dict[str, dict[str, int]] = defaultdict(dict)
        for vote in discussion.votes:
            if vote.reply_id in replies:
                self.of_member[vote.user_id][vote.reply_id] = vote.value
        self.on_reply: dict[str, dict[str, int]] = defaultdict(dict)
        for user, votes in self.of_member.items():
            for reply_id, value in votes.items():
                self.on_reply[reply_id][user] = value

    def mine(self, member_id: str) -> Mapping[str, int]:
        return self.of_member.get(member_id, {})


def _group_of(groups: Iterable[OpinionGroup], member_id: str) -> OpinionGroup | None:
    for group in groups:
        if member_id in group.members or member_id in group.placed:
            return group
    return None


def _tally(
    votes: _Votes,
    reply_id: str,
    member_id: str,
    *,
    others: set[str] | None,
) -> ReplyTally:
    """Her vote on ``reply_id`` and the tallies of ``others`` (everyone when ``None``), her aside."""
    counts = {1: 0, -1: 0, 0: 0}
    for user, value in votes.on_reply.get(reply_id, {}).items():
        if user != member_id and (others is None or user in others):
            counts[value] += 1
    return ReplyTally(
        reply_id=reply_id,
        mine=votes.mine(member_id).get(reply_id),
        agree=counts[1],
        disagree=counts[-1],
        passes=counts[0],
        own=votes.author.get(reply_id) == member_id,
    )


def _apart(votes: _Votes, member_id: str, group: set[str]) -> tuple[ReplyTally, ...]:
    """Her agree / disagree votes that most of her group's cast the other way, clearest first."""
    found: list[tuple[float, int, ReplyTally]] = []
    for reply_id, value in votes.mine(member_id).items():
        if value == 0 or reply_id not in votes.quotable:
            continue
        tally = _tally(votes, reply_id, member_id, others=group)
        sided = tally.agree + tally.disagree
        against = tally.disagree if value == 1 else tally.agree
        if sided >= MIN_OTHERS and against / sided >= APART_SHARE:
            found.append((against / sided, sided, tally))
    found.sort(key=lambda item: (-item[0], -item[1], item[2].reply_id))
    return tuple(tally for _, _, tally in found[:LISTED])


def _with_majority(votes: _Votes, member_id: str) -> tuple[int, int]:
    """How many of her agree / disagree votes side with the others' majority, of how many
    where the others have one."""
    same = known = 0
    for reply_id, value in votes.mine(member_id).items():
        if value == 0:
            continue
        tally = _tally(votes, reply_id, member_id, others=None)
        if tally.agree + tally.disagree < MIN_OTHERS or tally.agree == tally.disagree:
            continue
        known += 1
        same += (tally.agree > tally.disagree) == (value == 1)
    return same, known
