"""The analysis never crashes: every thin or odd discussion gets a result saying what is missing."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.batch import analyze
from bot.analysis.jsonl import read_export
from bot.analysis.model import DeclaredStance, Discussion, Reply, Vote
from bot.analysis.polis.groups import find_groups
from bot.analysis.summary import DiscussionSummary
from bot.analysis.summary_json import report_json
from bot.analysis.text_report import render_text
from bot.discord_render.summary import summary_messages
from bot.i18n import t
from tests.cli_run import cli

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
    assert find_groups(discussion).missing == missing
    (summary,) = summaries
    for lang in ("fr", "en"):
        sentence = _missing_sentence(summary, lang)
        assert sentence in render_text(summaries, lang)
        messages = summary_messages(summary, links={}, language=lang)
        assert sentence in [e.description for m in messages for e in m.embeds]


def _missing_sentence(summary: DiscussionSummary, lang: str) -> str:
    return t(summary.missing_key, lang, **summary.missing_args)


def _export_lines(discussion: Discussion, number: int) -> list[str]:
    """``discussion`` as the export writes it, under the id ``d<number>``."""
    d = f"d{number}"
    head = {"type": "discussion", "id": d, "question": discussion.question}
    rows: list[dict[str, object]] = [{**head, "options": list(discussion.options)}]
    rows += [
        {"type": "reply", "id": f"{d}-{r.id}", "discussion_id": d, "author_id": r.author_id,
         "text": r.text}
        for r in discussion.replies
    ]  # fmt: skip
    rows += [
        {"type": "reaction", "discussion_id": d, "reply_id": f"{d}-{v.reply_id}",
         "user_id": v.user_id, "value": v.value}
        for v in discussion.votes
    ]  # fmt: skip
    rows += [
        {"type": "stance", "discussion_id": d, "author_id": s.author_id, "option": s.option}
        for s in discussion.stances
    ]
    return [json.dumps(row, ensure_ascii=False) for row in rows]


def test_python_m_bot_analyze_answers_every_edge_case(tmp_path: Path) -> None:
    """Where the crash was seen (``python -m bot analyze`` on exports without options):
    every edge case in one export, themes and forked workers included, in both formats;
    each discussion says why it has no groups."""
    export = tmp_path / "edges.jsonl"
    lines = [line for i, (d, _) in enumerate(CASES.values()) for line in _export_lines(d, i)]
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    common = ("analyze", str(export), "--jobs", "2", "--cache-dir", str(tmp_path / "vectors"))
    done = cli(*common, "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    entries = json.loads(done.stdout)["discussions"]
    assert [e["missing"] for e in entries] == [m for _, m in CASES.values()]
    assert all(e["groups"] == [] and "themes_status" in e for e in entries)
    text = cli(*common, "--format", "text", cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    summaries = analyze(read_export(lines).discussions)
    for summary in summaries:
        assert _missing_sentence(summary, "fr") in text.stdout


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


@contextmanager
def _no_error_logged() -> Iterator[None]:
    """Fails if the analysis logs an error (it logs and skips a part that raised)."""
    errors: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = errors.append  # type: ignore[method-assign]
    logger = logging.getLogger("bot.analysis")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    assert [e.getMessage() for e in errors] == []


_ID = st.sampled_from(["1", "2", "3", "x", "9999999999999999999"])
_TEXT = st.sampled_from(
    ["", "Oui", "Non !", "Je suis contre.", "I am 30", "ça dépend 🙂", "Yes, useful.", "No way."]
)
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
    spread=st.sampled_from([0.0, 0.1, 2.0]),
)
def test_analyze_never_raises_on_a_small_export(
    options: list[str], rows: list[dict[str, object]], language: str, spread: float
) -> None:
    """Themes included (each reply a vector near one of three centres, or none for an empty
    text): the analysis logs and skips a part that raises, so no error may be logged."""
    head = {"type": "discussion", "id": "d", "question": "Q ?", "options": options}
    lines = [json.dumps({**head, "language": language})] + [json.dumps(r) for r in rows]
    discussions = read_export(lines).discussions
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((3, 16))
    vectors = {
        r.id: (centres[int(r.id) % 3 if r.id.isdigit() else 0] + spread * rng.standard_normal(16))
        for d in discussions
        for r in d.replies
        if r.text
    }
    with _no_error_logged():
        summaries = analyze(
            discussions, vectors={k: v / np.linalg.norm(v) for k, v in vectors.items()}
        )
    (entry,) = report_json(summaries)["discussions"]
    assert entry["missing"] in {"", *{m for _, m in CASES.values()}, "one_opinion", "no_structure"}
    assert isinstance(render_text(summaries, language), str)


_OPTIONS = st.one_of(
    st.sampled_from([["Oui", "Non"], ["Yes", "No"], ["Oui", "Non", "Nuancé"]]),
    st.lists(st.sampled_from(["Oui", "Non", "Nuancé", "Autre chose"]), max_size=4, unique=True),
)
_DISCUSSION = st.tuples(
    _OPTIONS,
    st.sampled_from(["fr", "en"]),
    st.lists(st.tuples(st.integers(0, 12), _TEXT, st.integers(-2, 3)), max_size=20),
)
"""Options, language, replies (author, text, the index of the option the author declared:
-1 none, -2 or past the options one the discussion does not have)."""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(discussions=st.lists(_DISCUSSION, min_size=2, max_size=8))
def test_analyze_never_raises_on_a_small_export_of_several_discussions(
    discussions: list[tuple[list[str], str, list[tuple[int, str, int]]]],
) -> None:
    """Several discussions of one server: each learns from the others (the server's history
    and the check that decides whether to use it), whatever their options and stances."""
    rows: list[dict[str, object]] = []
    for k, (options, language, replies) in enumerate(discussions):
        d = f"d{k}"
        rows.append({"type": "discussion", "id": d, "guild_id": "g", "question": "Q ?",
                     "options": options, "language": language})  # fmt: skip
        rows += [
            {"type": "reply", "id": f"{d}-{i}", "discussion_id": d, "author_id": f"u{a}",
             "text": text}
            for i, (a, text, _) in enumerate(replies)
        ]  # fmt: skip
        rows += [
            {"type": "stance", "discussion_id": d, "author_id": f"u{a}",
             "option": options[j] if 0 <= j < len(options) else "Bof"}
            for a, _, j in replies
            if j != -1
        ]  # fmt: skip
    with _no_error_logged():
        summaries = analyze(read_export([json.dumps(r) for r in rows]).discussions)
    assert [e["id"] for e in report_json(summaries)["discussions"]] == [
        f"d{k}" for k in range(len(discussions))
    ]
    assert isinstance(render_text(summaries, "fr"), str)
