"""Who stands where, one voice per member: declared, inferred and combined counts.

A member's declared option counts first (from a declared reply stance, else
from the declared stances of the discussion, matched without case); a member
who declared nothing counts under the option most of their classified
replies lean to (the earlier option on a tie).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from bot.analysis.model import Discussion
from bot.analysis.stance import ReplyStance
from bot.analysis.summary import StanceCounts


def stance_counts(discussion: Discussion, stances: Sequence[ReplyStance]) -> StanceCounts:
    """Declared, inferred and combined member counts per option (every option a key)."""
    options = discussion.options
    authors = {r.id: r.author_id for r in discussion.replies}
    declared_by = _declared_by_member(discussion, stances, authors)
    declared = dict.fromkeys(options, 0)
    for option in declared_by.values():
        declared[option] += 1
    inferred = dict.fromkeys(options, 0)
    for author, counts in _leaning_by_member(stances, authors).items():
        if author not in declared_by:
            best = max(counts.items(), key=lambda t: (t[1], -options.index(t[0])))
            inferred[best[0]] += 1
    combined = {o: declared[o] + inferred[o] for o in options}
    return StanceCounts(declared=declared, inferred=inferred, combined=combined)


def _declared_by_member(
    discussion: Discussion, stances: Sequence[ReplyStance], authors: dict[str, str]
) -> dict[str, str]:
    declared_by: dict[str, str] = {}
    for s in stances:
        author = authors.get(s.reply_id)
        if author is not None and s.option is not None and s.source == "declared":
            declared_by[author] = s.option
    for st in discussion.stances:
        if st.author_id not in declared_by:
            match = next((o for o in discussion.options if o.lower() == st.option.lower()), None)
            if match is not None:
                declared_by[st.author_id] = match
    return declared_by


def _leaning_by_member(
    stances: Sequence[ReplyStance], authors: dict[str, str]
) -> dict[str, Counter[str]]:
    """How many of each member's inferred replies lean to each option."""
    leaning: dict[str, Counter[str]] = defaultdict(Counter)
    for s in stances:
        author = authors.get(s.reply_id)
        if author is not None and s.option is not None and s.source != "declared":
            leaning[author][s.option] += 1
    return leaning


def participant_count(discussion: Discussion) -> int:
    """Members who replied or declared a stance."""
    return len(
        {r.author_id for r in discussion.replies} | {s.author_id for s in discussion.stances}
    )
