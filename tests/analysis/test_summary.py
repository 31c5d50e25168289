"""The typed summary: what it holds when the groups step fails, what it cites."""

from __future__ import annotations

import logging

import pytest

from bot.analysis import summarize as summarize_module
from bot.analysis.model import DeclaredStance, Discussion, Reply, Vote
from bot.analysis.polis.result import BridgingReply, ConsensusJson, GroupsResult
from bot.analysis.summarize import summarize, with_groups
from bot.analysis.summary_json import summary_json
from bot.analysis.text_report import render_text

REPLIES = tuple(
    Reply(f"r{i}", f"a{i}", f"Argument numéro {i} : les écrans en classe, {word} vraiment.")
    for i, word in enumerate(("utile", "nuisible", "discutable", "inévitable"))
)
VOTES = tuple(
    Vote(f"r{i}", f"v{u}", 1 if (i < 2) == (u < 6) else -1) for u in range(12) for i in range(4)
)
DISCUSSION = Discussion(
    "d",
    "Faut-il des écrans en classe ?",
    ("Oui", "Non"),
    replies=REPLIES,
    stances=(DeclaredStance("a0", "Oui"), DeclaredStance("a1", "Non")),
    votes=VOTES,
)


def test_a_failing_groups_step_is_logged_and_leaves_the_rest_whole(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("no groups today")

    monkeypatch.setattr(summarize_module, "find_groups", broken)
    with caplog.at_level(logging.ERROR):
        summary = summarize(DISCUSSION)
    assert "opinion groups failed for discussion d" in caplog.text
    assert summary.polis is None and not summary.groups and not summary.stable
    entry = summary_json(summary)
    assert list(entry) == [
        "id",
        "question",
        "participants",
        "replies",
        "stances",
        "reply_stances",
        "arguments",
        "keywords",
    ]
    assert "Groupes d’opinion" not in render_text([summary], "fr")


def test_groups_keys_follow_in_the_reports_order_and_every_named_reply_is_quoted() -> None:
    summary = summarize(DISCUSSION)
    entry = summary_json(summary)
    assert list(entry)[8:] == [
        "groups",
        "consensus",
        "divisive",
        "stable",
        "stability",
        "votes_needed",
        "projection",
        "k",
        "silhouettes",
        "min_votes",
        "profile_replies",
        "bridging",
        "missing",
        "structure",
    ]
    assert summary.polis is not None and summary.polis.participants == 12
    assert entry["participants"] == 4, "those who replied or declared, not Pol.is's voters"
    assert summary.groups, "two camps of six voters"
    for group in summary.groups:
        for rep in group.representative:
            assert summary.quote(rep.reply_id) == REPLIES[int(rep.reply_id[1])].text


def test_cited_replies_are_those_the_summary_shows_once_each_in_order() -> None:
    summary = summarize(DISCUSSION)
    cited = summary.cited_replies()
    assert len(cited) == len(set(cited))
    arguments = [a.reply_id for items in summary.arguments.values() for a in items]
    assert cited[: len(arguments)] == list(dict.fromkeys(arguments))
    shown = {r.reply_id for g in summary.groups for r in g.representative}
    shown |= {c.reply_id for c in summary.consensus} | {d.reply_id for d in summary.divisive}
    assert shown <= set(cited)
    assert summary.keywords_of("Oui") == [k.word for k in summary.keywords if k.option == "Oui"]


def test_a_consensus_reply_is_not_listed_again_as_bridging_the_next_ones_are() -> None:
    """Pol.is's result lists r0 as consensus and as the best bridging reply, then six more
    bridging candidates: the summary shows r0 once, under consensus, and the next five."""
    replies = tuple(
        Reply(f"r{i}", f"a{i}", f"Avis numéro {i}, assez long pour un extrait.") for i in range(7)
    )
    discussion = Discussion("d", "Faut-il ?", ("Oui", "Non"), replies=replies)
    polis = GroupsResult(
        consensus=(ConsensusJson(reply_id="r0", agree_rate=0.9, consensus=0.7, normalised=0.8),),
        bridging=tuple(BridgingReply(f"r{i}", 0.5 - i / 100, 0.1, 8) for i in range(7)),
    )
    summary = with_groups(summarize(discussion), polis, discussion)
    assert [c.reply_id for c in summary.consensus] == ["r0"]
    assert [b.reply_id for b in summary.bridging] == ["r1", "r2", "r3", "r4", "r5"]
    assert summary.cited_replies().count("r0") == 1
