"""Every constant of the opinion-group analysis, in one place, with where it comes from.

Pol.is's own constants (``math/src/polismath/math/conversation.clj``) are
kept as Pol.is has them. The seven others (``partition``, ``split_tolerance``,
``split_by_members``, ``min_group_share``, ``k_margin``, ``place_min_votes``,
``profile_statements``)
stand in for what an export or a Discord discussion does not carry (the
moderators' "meta" flags, the conversation's history of updates); they were
chosen by leave-one-conversation-out over the eight Pol.is conversations of
``../shared/eval``, among the values that find planted structure
(``bench/polis_agreement.py --loco``; seven folds of eight chose these, see
``bench/README.md``). The split rule (``split_tolerance``) was written after
reading those conversations' k-means optima (``bench/README.md`` says how).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Partition = Literal["polis", "best", "modal"]
"""How the base clusters are split into k groups:

* ``"polis"``: Lloyd from the first k distinct base-cluster centres, as a
  cold Pol.is start does;
* ``"best"``: over Pol.is's start and k-means++ starts, the lowest weighted inertia, or
  the best separated of the outcomes near it (``split_tolerance``);
* ``"modal"``: the split most of those starts end in (the widest basin), which a
  conversation's many warm-started Pol.is updates are most likely to settle in.
"""


@dataclass(frozen=True, slots=True)
class PolisSettings:
    min_votes: int = 7
    """Pol.is: a member takes part with at least ``min(7, replies voted on)`` votes."""
    greedy_participants: int = 15
    """Pol.is: while fewer take part, the members with the most votes are added up to this many."""
    min_participants: int = 4
    """Below this many participants no grouping is attempted (ours: too few to split)."""
    base_k: int = 100
    """Pol.is: base clusters summarising the map."""
    max_k: int = 5
    """Pol.is: groups tried, k = 2 .. min(max_k, 2 + base clusters // 12)."""
    group_iterations: int = 20
    """Pol.is: Lloyd passes over the base clusters (its group k-means runs the default 20)."""
    partition: Partition = "best"
    """Chosen by leave-one-conversation-out (see the module docstring)."""
    starts: int = 24
    """k-means++ starts beside Pol.is's own, for ``"best"`` and ``"modal"``."""
    split_tolerance: float = 0.02
    """For ``"best"``: the split kept is the one of best silhouette among the outcomes
    whose inertia is within this share of the lowest (``0``: the lowest inertia). Near-equal
    k-means optima are equally likely ends of Pol.is's warm-started history; Pol.is judges
    groupings by their silhouette. LOCO."""
    split_by_members: bool = False
    """Whether that silhouette counts members (each base cluster weighted by its
    members, as Pol.is's group k-means weights them) rather than base clusters. LOCO."""
    min_group_share: float = 0.05
    """For ``"best"``: splits with a group of fewer than this share of the participants are
    set aside while another split is found (a lone extreme voter is not an opinion
    group). LOCO."""
    k_margin: float = 0.01
    """Silhouette a larger k needs over a smaller one: a stand-in for Pol.is's k
    smoother, which only moves k once a new best has held four updates. LOCO."""
    place_min_votes: int = 1
    """Members below the participation bar but with this many votes on replies are
    placed in the group of their nearest base cluster, without shaping the groups
    (Pol.is's exports group them when they took part under older rules). ``0``: never. LOCO."""
    profile_statements: bool = True
    """Whether replies recognised as describing their author are zeroed, standing in
    for Pol.is's moderator "meta" flag. LOCO."""


DEFAULT = PolisSettings()
