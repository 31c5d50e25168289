"""The analysis never crashes: every thin or odd discussion gets a result saying what is missing."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.batch import analyze
from bot.analysis.jsonl import read_export
from bot.analysis.model import DeclaredStance, Discussion, Reply, Vote
from bot.analysis.polis.groups import find_groups
from bot.analysis.summary_json import report_json
from bot.analysis.text_report import render_text

REPLIES = (
    Reply("r1", "a", "Oui, je pense que c'est une bonne idée pour tout le monde."),
    Reply("r2", "b", "Non, pas du tout, ce serait une erreur coûteuse."),
    Reply("r3", "c", "Ça dépend des cas, il faut voir."),
)

CASES = {
    "no options": (
        Discussion("d", "Q ?", (), replies=REPLIES, votes=(Vote("r1", "x", 1),)),
        "too_few_participants",
    ),
    "one option": (
        Discussion("d", "Q ?", ("Oui",), replies=REPLIES, votes=(Vote("r1", "x", 1),)),
        "too_few_participants",
    ),
    "options but no replies": (Discussion("d", "Q ?", ("Oui", "Non")), "too_few_replies"),
    "replies but no votes": (Discussion("d", "Q ?", ("Oui", "Non"), replies=REPLIES), "no_votes"),
    "votes on unknown replies": (
        Discussion(
            "d",
            "Q ?",
            ("Oui", "Non"),
            replies=REPLIES,
            votes=tuple(Vote(f"gone{j}", f"u{u}", 1) for u in range(8) for j in range(8)),
        ),
        "no_votes",
    ),
    "one voter": (
        Discussion(
            "d",
            "Q ?",
            ("Oui", "Non"),
            replies=REPLIES,
            votes=tuple(Vote(r.id, "x", 1) for r in REPLIES),
        ),
        "too_few_participants",
    ),
    "no options and no replies": (Discussion("d", "Q ?", ()), "too_few_replies"),
    "a stance on an unknown option": (
        Discussion(
            "d", "Q ?", ("Oui", "Non"), replies=REPLIES, stances=(DeclaredStance("a", "Bof"),)
        ),
        "no_votes",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_analyze_answers_and_says_what_is_missing(name: str) -> None:
    discussion, missing = CASES[name]
    summaries = analyze([discussion])
    (entry,) = report_json(summaries)["discussions"]
    assert entry["id"] == "d"
    assert entry["groups"] == []
    assert entry["missing"] == missing
    assert render_text(summaries, "fr") and render_text(summaries, "en")
    assert find_groups(discussion).missing == missing


def test_groups_found_say_nothing_is_missing() -> None:
    votes = tuple(
        Vote(f"r{j}", f"u{u}", (1 if u < 10 else -1) * (1 if j % 2 else -1))
        for u in range(20)
        for j in range(8)
        if (u + j) % 5
    )
    replies = tuple(Reply(f"r{j}", "a", f"avis {j}") for j in range(8))
    result = find_groups(Discussion("d", "", (), replies=replies, votes=votes))
    assert len(result.groups) == 2 and result.stable
    assert result.missing == ""


_ID = st.sampled_from(["1", "2", "3", "x", "9999999999999999999"])
_TEXT = st.sampled_from(["", "Oui", "Non !", "Je suis contre.", "I am 30", "ça dépend 🙂"])
_ROW = st.one_of(
    st.fixed_dictionaries(
        {"type": st.just("reply"), "id": _ID, "discussion_id": st.just("d"), "author_id": _ID}
    ).map(lambda r: {**r, "text": "texte"}),
    st.builds(
        lambda rid, aid, text: {
            "type": "reply",
            "id": rid,
            "discussion_id": "d",
            "author_id": aid,
            "text": text,
        },
        _ID,
        _ID,
        _TEXT,
    ),
    st.builds(
        lambda aid, option: {
            "type": "stance",
            "discussion_id": "d",
            "author_id": aid,
            "option": option,
        },
        _ID,
        st.sampled_from(["Oui", "Non", "Autre", None]),
    ),
    st.builds(
        lambda rid, uid, value: {
            "type": "reaction",
            "discussion_id": "d",
            "reply_id": rid,
            "user_id": uid,
            "value": value,
        },
        st.one_of(_ID, st.just("unknown")),
        st.integers(0, 30).map(str),
        st.sampled_from([-1, 0, 1]),
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    options=st.lists(st.sampled_from(["Oui", "Non", "Nuancé", "Yes"]), max_size=3, unique=True),
    rows=st.lists(_ROW, max_size=120),
    language=st.sampled_from(["fr", "en"]),
)
def test_analyze_never_raises_on_a_small_export(
    options: list[str], rows: list[dict[str, object]], language: str
) -> None:
    head = {"type": "discussion", "id": "d", "question": "Q ?", "options": options}
    lines = [json.dumps({**head, "language": language})] + [json.dumps(r) for r in rows]
    summaries = analyze(read_export(lines).discussions)
    (entry,) = report_json(summaries)["discussions"]
    assert entry["missing"] in {"", *{m for _, m in CASES.values()}, "one_opinion", "no_structure"}
    assert isinstance(render_text(summaries, language), str)
