"""One discussion's summary, assembled: counts, reply stances, arguments,
keywords, and the opinion groups with what a reader is shown of them.

The opinion groups are Pol.is's (:func:`bot.analysis.polis.groups.find_groups`); a
failure there is logged and leaves the rest of the summary whole. The
representative replies a group's own votes contradict, and the bridging replies
already listed under consensus, are filtered here, once, so no renderer has to.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.analysis._text import cut_quote, worded
from bot.analysis.arguments import select_arguments
from bot.analysis.counts import participant_count, stance_counts
from bot.analysis.keywords import find_keywords
from bot.analysis.model import Discussion
from bot.analysis.polis.bridging import MAX_LISTED as BRIDGING_LISTED
from bot.analysis.polis.groups import find_groups
from bot.analysis.polis.result import GroupsResult, votes_agree_with_direction
from bot.analysis.stance import ReplyStance, StanceModel
from bot.analysis.summary import ConsensusReply, DiscussionSummary, DivisiveReply, GroupView
from bot.analysis.themes import find_themes

Vectors = Mapping[str, npt.NDArray[np.floating[Any]]]

log = logging.getLogger(__name__)

GROUP_QUOTE = 200
"""Characters of a reply quoted under an opinion group, a consensus or a divisive item."""


def summarize(
    discussion: Discussion,
    history: Sequence[Discussion] = (),
    *,
    seed: int = 0,
    vectors: Vectors | None = None,
) -> DiscussionSummary:
    """The summary of ``discussion``, its stances learnt from it and its server's ``history``.

    With its replies' ``vectors`` (by reply id), the summary has themes too.
    """
    model = StanceModel([discussion, *history], seed=seed)
    return summarize_with(discussion, model.predict(discussion), seed=seed, vectors=vectors)


def summarize_with(
    discussion: Discussion,
    stances: Sequence[ReplyStance],
    *,
    seed: int = 0,
    vectors: Vectors | None = None,
) -> DiscussionSummary:
    """The summary of ``discussion`` given the stance of each of its replies."""
    summary = summary_before_groups(discussion, stances, seed=seed, vectors=vectors)
    return with_groups_found(summary, opinion_groups(discussion, seed=seed), discussion)


def summary_before_groups(
    discussion: Discussion,
    stances: Sequence[ReplyStance],
    *,
    seed: int = 0,
    vectors: Vectors | None = None,
) -> DiscussionSummary:
    """Everything of the summary but the opinion groups, which need no stance
    (:func:`opinion_groups`, so that they can be found while stances are learnt)."""
    themes = None
    if vectors is not None:
        try:
            themes = find_themes(discussion, vectors, stances, seed=seed)
        except Exception:
            log.exception("themes failed for discussion %s", discussion.id)
    arguments = select_arguments(
        discussion,
        stances,
        vectors=vectors,
        theme_of=themes.theme_of() if themes is not None else None,
    )
    return DiscussionSummary(
        id=discussion.id,
        question=discussion.question,
        options=discussion.options,
        language=discussion.language,
        participant_count=participant_count(discussion),
        reply_count=len(discussion.replies),
        stances=stance_counts(discussion, stances),
        reply_stances=tuple(stances),
        arguments={option: tuple(items) for option, items in arguments.items()},
        keywords=tuple(find_keywords(discussion, stances)),
        themes=themes,
        closed=discussion.closed,
        edited_after_votes=frozenset(r.id for r in discussion.replies if r.edited_after_votes),
    )


def opinion_groups(discussion: Discussion, *, seed: int = 0) -> GroupsResult | None:
    """Pol.is's groups of ``discussion``; ``None`` (logged) if finding them failed."""
    try:
        return find_groups(discussion, seed=seed)
    except Exception:
        log.exception("opinion groups failed for discussion %s", discussion.id)
        return None


def with_groups_found(
    summary: DiscussionSummary, polis: GroupsResult | None, discussion: Discussion
) -> DiscussionSummary:
    """``summary`` with the groups of :func:`opinion_groups`, or whole without them."""
    return summary if polis is None else with_groups(summary, polis, discussion)


def with_groups(
    summary: DiscussionSummary, polis: GroupsResult, discussion: Discussion
) -> DiscussionSummary:
    """``summary`` with Pol.is's groups, what readers see of them, and their quotes.

    Readers see no reply without a quote: one of an image, a link or mentions alone has
    nothing to quote, and was listed as an empty "…", nor one of emoji alone, listed as
    what a group agrees with (« 👍 »); their votes still shape the groups.
    Nor the same reply twice: one every group agrees with is often bridging too; it is
    listed under consensus, and bridging takes the next ones (Pol.is's result keeps a
    candidate more for each consensus reply).
    """
    named = [r.reply_id for g in polis.groups for r in g.representative]
    named += [c["reply_id"] for c in polis.consensus] + [d["reply_id"] for d in polis.divisive]
    named += [b.reply_id for b in polis.bridging]
    quotes = _quotes(discussion, named)
    listed = {r.id for r in discussion.replies}

    def shown(reply_id: str) -> bool:
        return reply_id in quotes or reply_id not in listed

    groups = tuple(
        GroupView(
            id=g.id,
            members=g.members,
            # on the rates as the report prints them (rounded), so both always agree
            representative=tuple(
                r
                for r in g.representative
                if votes_agree_with_direction(r.to_json()) and shown(r.reply_id)
            ),
            stability=g.stability,
        )
        for g in polis.groups
    )
    consensus = tuple(
        ConsensusReply(c["reply_id"], c["agree_rate"], c["consensus"])
        for c in polis.consensus
        if shown(c["reply_id"])
    )
    divisive = tuple(
        DivisiveReply(d["reply_id"], d["spread"], tuple(d["agree_rates"]))
        for d in polis.divisive
        if shown(d["reply_id"])
    )
    under_consensus = {c.reply_id for c in consensus}
    candidates = tuple(b for b in polis.bridging if shown(b.reply_id))
    bridging = tuple(b for b in candidates if b.reply_id not in under_consensus)
    return replace(
        summary,
        polis=polis,
        groups=groups,
        consensus=consensus,
        divisive=divisive,
        bridging=bridging[:BRIDGING_LISTED],
        bridging_candidates=candidates,
        quotes=quotes,
    )


def _quotes(discussion: Discussion, reply_ids: list[str]) -> dict[str, str]:
    if not reply_ids:
        return {}
    texts = {r.id: r.text for r in discussion.replies}
    quotes: dict[str, str] = {}
    for reply_id in reply_ids:
        text = texts.get(reply_id)
        if text is not None and reply_id not in quotes:
            quote = cut_quote(text, GROUP_QUOTE)
            if worded(quote):  # emoji alone (« 👍 ») say nothing a reader can agree with
                quotes[reply_id] = quote
    return quotes
