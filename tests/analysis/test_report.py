"""The report (the typed summaries as JSON), field by field, and its text rendering."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.analysis import batch as batch_module
from bot.analysis.batch import analyze, analyze_rendered
from bot.analysis.jsonl import read_export
from bot.analysis.model import DeclaredStance, Discussion, Reply, Vote
from bot.analysis.polis.result import (
    BridgingReply,
    GroupsResult,
    OpinionGroup,
    RepresentativeReply,
)
from bot.analysis.summarize import summarize, with_groups
from bot.analysis.summary import DiscussionSummary
from bot.analysis.summary_json import report_json, report_text, summary_json, summary_json_text
from bot.analysis.text_report import render_text
from bot.analysis.themes.result import ThemesResult

D1 = Discussion(
    id="d1",
    question="Faut-il interdire les smartphones à l'école ?",
    options=("Oui", "Non", "Nuancé"),
    guild_id="g",
    replies=(
        Reply("r1", "a1", "Oui, absolument : les élèves se concentrent enfin en classe."),
        Reply("r2", "a2", "Non, c'est inutile, les règles actuelles suffisent déjà largement."),
        Reply("r3", "a3", "Ça dépend de l'âge des élèves, oui et non."),
        Reply("r4", "a1", "Et les urgences familiales ?"),
    ),
    stances=(DeclaredStance("a1", "Oui"), DeclaredStance("a9", "Non")),
    votes=(Vote("r1", "a2", 1), Vote("r2", "a3", -1)),
)
D2 = Discussion(
    id="d2",
    question="Is remote work a right?",
    options=("Yes", "No"),
    language="en",
    guild_id="g",
    replies=(Reply("e1", "b1", "Yes, it is necessary for families."),),
)
D3 = Discussion(id="d3", question="Q ?", options=("Oui", "Non"))


def test_report_shape_field_by_field() -> None:
    report = report_json(analyze([D1, D2, D3]))
    assert list(report) == ["discussions"]
    first, second, third = report["discussions"]
    for key in (
        "id",
        "question",
        "participants",
        "replies",
        "stances",
        "reply_stances",
        "arguments",
        "keywords",
    ):
        assert key in first
    assert (first["id"], first["question"]) == ("d1", D1.question)
    assert first["participants"] == 4  # a1, a2, a3 replied; a9 declared only
    assert first["replies"] == 4
    stances = first["stances"]
    assert set(stances) == {"declared", "inferred", "combined"}
    for counts in stances.values():
        assert list(counts) == ["Oui", "Non", "Nuancé"]
    assert stances["declared"] == {"Oui": 1, "Non": 1, "Nuancé": 0}
    assert stances["inferred"] == {"Oui": 0, "Non": 1, "Nuancé": 1}
    assert stances["combined"] == {"Oui": 1, "Non": 2, "Nuancé": 1}
    rs = first["reply_stances"]
    assert [r["reply_id"] for r in rs] == ["r1", "r2", "r3", "r4"]
    assert rs[0] == {
        "reply_id": "r1",
        "option": "Oui",
        "confidence": 1.0,
        "source": "declared",
        "leaning": "Oui",
        "evidence": True,
    }
    assert rs[3]["source"] == "declared"  # a1 declared: applies to all their replies
    assert all(
        set(r) == {"reply_id", "option", "confidence", "source", "leaning", "evidence"} for r in rs
    )
    assert list(first["arguments"]) == ["Oui", "Non", "Nuancé"]
    assert first["arguments"]["Oui"][0] == {"reply_id": "r1", "quote": D1.replies[0].text}
    assert all(set(k) == {"word", "option", "count"} for k in first["keywords"])
    assert second["stances"]["combined"] == {"Yes": 1, "No": 0}
    assert third["replies"] == 0 and third["stances"]["combined"] == {"Oui": 0, "Non": 0}
    json.dumps(report)  # JSON-ready


def test_analyze_is_deterministic() -> None:
    assert analyze([D1, D2], seed=3) == analyze([D1, D2], seed=3)


def test_summarize_matches_the_report_entry() -> None:
    entry = summary_json(summarize(D1, [D2]))
    assert entry["stances"] == report_json(analyze([D1, D2]))["discussions"][0]["stances"]


def test_render_text_in_french_and_english() -> None:
    report = analyze([D1, D2])
    fr = render_text([report[0]], "fr")
    assert "Positions" in fr and "Oui\u00a0: 1 + 0 = 1" in fr and "les élèves se concentrent" in fr
    en = render_text([report[1]], "en")
    assert "Stances (declared + inferred = total)" in en and "Yes: 0 + 1 = 1" in en
    assert render_text([], "fr") == "Aucune discussion."


def _rep(reply_id: str, direction: str, agree: float, disagree: float) -> RepresentativeReply:
    return RepresentativeReply(reply_id, direction, agree, disagree, z=2.0, n_votes=3)


def test_render_text_shows_groups_when_present() -> None:
    texts = {
        "g1": "Interdire en classe",
        "g2": "Laisser faire",
        "g3": "Les élèves doivent apprendre",
        "g4": "Le téléphone en récréation",
    }
    discussion = replace(D1, replies=tuple(Reply(i, "a", text) for i, text in texts.items()))
    polis = GroupsResult(
        groups=(
            OpinionGroup(
                0,
                ("m1", "m2", "m3"),
                (_rep("g1", "agree", 1.0, 0.0), _rep("g2", "disagree", 0.67, 0.33)),
                1.0,
            ),
            OpinionGroup(1, ("m4", "m5"), (_rep("g1", "disagree", 0.0, 1.0),), 1.0),
        ),
        consensus=({"reply_id": "g3", "agree_rate": 0.9, "consensus": 0.8},),
        divisive=({"reply_id": "g4", "spread": 0.7, "agree_rates": [0.9, 0.1]},),
        stable=True,
        profile_replies=("9",),
    )
    entry = with_groups(analyze([D1])[0], polis, discussion)
    text = render_text([entry], "fr")
    assert "Groupe A\u00a0: 3 membres" in text and "Groupe B\u00a0: 2 membres" in text
    assert "d’accord avec «\u202fInterdire en classe\u202f»" in text
    assert "pas d’accord avec «\u202fInterdire en classe\u202f»" in text
    assert "Laisser faire" not in text, "a direction most of the group voted against"
    assert "(1 réponse décrivant son auteur laissée hors des groupes)" in text
    assert "Points de consensus" in text and "Les élèves doivent apprendre" in text
    assert "Le téléphone en récréation" in text


def test_consensus_and_divisive_replies_are_quoted_as_the_groups_quotes() -> None:
    """They read « - Les élèves doivent apprendre » bare, under quotes between « »."""
    texts = {"g1": "Interdire en classe", "g3": "Les élèves doivent apprendre"}
    discussion = replace(D1, replies=tuple(Reply(i, "a", text) for i, text in texts.items()))
    polis = GroupsResult(
        groups=(
            OpinionGroup(0, ("m1", "m2", "m3"), (_rep("g1", "agree", 1.0, 0.0),), 1.0),
            OpinionGroup(1, ("m4", "m5"), (_rep("g1", "disagree", 0.0, 1.0),), 1.0),
        ),
        consensus=({"reply_id": "g3", "agree_rate": 0.9, "consensus": 0.8},),
        divisive=({"reply_id": "g1", "spread": 0.7, "agree_rates": [0.9, 0.1]},),
        stable=True,
    )
    entry = with_groups(analyze([D1])[0], polis, discussion)
    fr, en = render_text([entry], "fr"), render_text([entry], "en")
    assert "\n- «\u202fLes élèves doivent apprendre\u202f»" in fr
    assert "\n- «\u202fInterdire en classe\u202f»" in fr
    assert "\n- “Les élèves doivent apprendre”" in en
    assert "\n- “Interdire en classe”" in en


def test_render_text_lists_what_brings_people_together_across_the_divide() -> None:
    """Issue 14: the bridging replies in the text report, under their own heading, in both
    languages; one already listed under consensus is not listed again."""
    texts = {
        "g1": "Interdire en classe",
        "g2": "Laisser faire",
        "g3": "Les élèves doivent apprendre",
        "g5": "Un casier à l'entrée suffirait",
    }
    discussion = replace(D1, replies=tuple(Reply(i, "a", text) for i, text in texts.items()))
    polis = GroupsResult(
        groups=(
            OpinionGroup(0, ("m1", "m2", "m3"), (_rep("g1", "agree", 1.0, 0.0),), 1.0),
            OpinionGroup(1, ("m4", "m5"), (_rep("g2", "agree", 1.0, 0.0),), 1.0),
        ),
        consensus=({"reply_id": "g3", "agree_rate": 0.9, "consensus": 0.8},),
        bridging=(BridgingReply("g3", 0.5, 0.0, 5), BridgingReply("g5", 0.3, 0.1, 5)),
        stable=True,
    )
    entry = with_groups(analyze([D1])[0], polis, discussion)
    for lang, heading in (
        ("fr", "### Ce qui rassemble au-delà des camps"),
        ("en", "### What brings people together across the divide"),
    ):
        text = render_text([entry], lang)
        assert heading in text, text
        bridging = text.split(heading)[1].split("###")[0]
        quoted = (
            "«\u202fUn casier à l'entrée suffirait\u202f»"
            if lang == "fr"
            else "“Un casier à l'entrée suffirait”"
        )
        assert bridging.strip() == f"- {quoted}"
    assert summary_json(entry)["bridging"] == [
        {"reply_id": "g3", "score": 0.5, "quote": "Les élèves doivent apprendre"},
        {"reply_id": "g5", "score": 0.3, "quote": "Un casier à l'entrée suffirait"},
    ]


def test_render_text_shows_no_group_while_the_votes_hold_no_clear_groups() -> None:
    """Pol.is draws groups on structureless votes too; Discord and the web room then say only
    why there are none yet. The report printed that sentence, then the groups, their consensus
    and bridging replies anyway."""
    texts = {"g1": "Interdire en classe", "g2": "Laisser faire", "g3": "Apprendre à s'en servir"}
    discussion = replace(D1, replies=tuple(Reply(i, "a", text) for i, text in texts.items()))
    polis = GroupsResult(
        groups=(
            OpinionGroup(0, ("m1", "m2", "m3"), (_rep("g1", "agree", 1.0, 0.0),), 0.0),
            OpinionGroup(1, ("m4", "m5"), (_rep("g2", "agree", 1.0, 0.0),), 0.0),
        ),
        consensus=({"reply_id": "g3", "agree_rate": 0.9, "consensus": 0.8},),
        bridging=(BridgingReply("g3", 0.5, 0.0, 5),),
        stable=False,
        missing="no_structure",
        votes_needed=40,
        profile_replies=("9",),
    )
    entry = with_groups(analyze([D1])[0], polis, discussion)
    fr = render_text([entry], "fr")
    assert "Pas encore de groupes nets\u00a0: il faut environ 40 votes de plus" in fr
    for shown in ("Groupe A", "Groupe B", "Interdire en classe", "Laisser faire", "Apprendre"):
        assert shown not in fr, shown
    assert "consensus" not in fr and "au-delà des camps" not in fr
    en = render_text([entry], "en")
    assert "No clear groups yet: about 40 more votes" in en and "Group A" not in en


def test_a_closed_discussions_report_says_what_was_missing_without_asking_for_votes() -> None:
    """Once closed, the voting button is gone: "about 40 more votes are needed (the Give my
    opinion button)" asked members for what they could no longer give."""
    polis = GroupsResult(stable=False, missing="no_structure", votes_needed=40)
    for closed_at, closed in ((None, False), ("2026-11-26T18:00:00+00:00", True)):
        head = {"type": "discussion", "id": "d", "question": "Q ?", "options": ["Oui", "Non"]}
        lines = [json.dumps({**head, "closed_at": closed_at})]
        [discussion] = read_export(lines).discussions
        assert discussion.closed is closed
        themes = ThemesResult(status="too_few")
        summary = replace(analyze([discussion])[0], polis=polis, themes=themes)
        assert summary.closed is closed
        fr, en = render_text([summary], "fr"), render_text([summary], "en")
        if closed:
            assert "(pas de thèmes nets)" in fr and "(no clear themes)" in en
            assert "encore" not in fr and " yet" not in en
            assert "Pas de groupes nets\u00a0: les votes n’ont pas suffi" in fr
            assert "(il aurait fallu environ 40 votes de plus)" in fr
            assert "there were not enough votes (about 40 more votes were needed)" in en
            assert "Donner mon avis" not in fr and "Give my opinion" not in en
        else:
            assert "il faut environ 40 votes de plus (bouton «\u202fDonner mon avis\u202f»)" in fr
            assert "(pas encore de thèmes nets)" in fr


def test_group_items_carry_the_reply_quote() -> None:
    votes = []
    for u in range(12):
        camp = 1 if u < 6 else -1
        for i, reply in enumerate(("r1", "r2", "r3", "r4")):
            value = 0 if i == u % 4 else (camp if i < 2 else -camp)
            votes.append(Vote(reply, f"v{u}", value))
    replies = tuple(
        Reply(rid, "a", f"Argument numéro {rid} sur les écrans à l'école.")
        for rid in ("r1", "r2", "r3", "r4")
    )
    discussion = Discussion("g", "Faut-il ?", ("Oui", "Non"), replies=replies, votes=tuple(votes))
    entry = summary_json(summarize(discussion))
    items = [rep for g in entry["groups"] for rep in g["representative"]]
    items += entry["consensus"] + entry["divisive"]
    assert items
    for item in items:
        assert item["quote"] == f"Argument numéro {item['reply_id']} sur les écrans à l'école."


def test_processes_give_the_same_report_in_the_same_order(monkeypatch: pytest.MonkeyPatch) -> None:
    discussions = [D1, D2, D3, *[replace(D1, id=f"c{i}", guild_id=f"g{i % 2}") for i in range(6)]]
    serial = analyze(discussions, seed=1)
    monkeypatch.setattr(batch_module, "PARALLEL_MIN_REPLIES", 0)
    assert analyze(discussions, seed=1, workers=2) == serial
    assert [e["id"] for e in report_json(serial)["discussions"]] == [d.id for d in discussions]


def _json_where(summary: DiscussionSummary) -> tuple[int, str]:
    """The process that wrote ``summary``'s JSON, and that JSON."""
    return os.getpid(), summary_json_text(summary)


def test_the_workers_write_each_discussions_json(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's report: each discussion's JSON text is written by the worker that summed it
    up (nothing left for this process once they are done), and their join is the text
    ``json.dumps`` writes of the whole report, byte for byte."""
    discussions = [D1, D2, D3, *[replace(D1, id=f"c{i}", guild_id=f"g{i % 2}") for i in range(6)]]
    whole = report_json(analyze(discussions, seed=1))
    monkeypatch.setattr(batch_module, "PARALLEL_MIN_REPLIES", 0)
    written = analyze_rendered(discussions, _json_where, seed=1, workers=2)
    assert os.getpid() not in {pid for pid, _ in written}
    joined = "".join(report_text(text for _, text in written))
    assert joined == json.dumps(whole, ensure_ascii=False, check_circular=False)
    assert "é" in joined  # written as it is, not escaped
    assert "".join(report_text([])) == json.dumps(report_json([]))
    serial = analyze_rendered(discussions, summary_json_text, seed=1)
    assert "".join(report_text(serial)) == joined


_HANDED_OUT = Path("/nonexistent")
"""The file the spies below write to (set by the test, inherited by the forked workers)."""


def _spy_groups_at(i: int) -> object:
    _hand_out("groups", i)
    return _REAL_GROUPS_AT(i)


def _spy_summary_at(i: int) -> object:
    _hand_out("summary", i)
    return _REAL_SUMMARY_AT(i)


def _hand_out(step: str, i: int) -> None:
    import os

    with _HANDED_OUT.open("a", encoding="utf-8") as out:
        out.write(f"{step} {os.getpid()} {i}\n")


_REAL_GROUPS_AT, _REAL_SUMMARY_AT = batch_module._groups_at, batch_module._summary_at


def test_workers_take_the_largest_discussions_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each worker is handed the discussions the most replies first (the smallest left for
    the end, when the other worker may be done), in both rounds; the summaries keep the
    export's order."""
    sizes = [4, 6, 9, 12, 15, 18, 21, 24]  # the export's order: the largest last
    discussions = [_sized(f"s{i}", n) for i, n in enumerate(sizes)]
    serial = analyze(discussions, seed=1)
    monkeypatch.setattr(batch_module, "PARALLEL_MIN_REPLIES", 0)
    monkeypatch.setattr(batch_module, "_groups_at", _spy_groups_at)
    monkeypatch.setattr(batch_module, "_summary_at", _spy_summary_at)
    monkeypatch.setattr(sys.modules[__name__], "_HANDED_OUT", tmp_path / "handed")
    assert analyze(discussions, seed=1, workers=2) == serial
    taken: dict[tuple[str, str], list[int]] = {}
    for line in (tmp_path / "handed").read_text(encoding="utf-8").splitlines():
        step, pid, i = line.split()
        taken.setdefault((step, pid), []).append(sizes[int(i)])
    assert {step for step, _ in taken} == {"groups", "summary"}
    for seen in taken.values():
        assert seen == sorted(seen, reverse=True)


def _sized(discussion_id: str, n: int) -> Discussion:
    """A discussion of ``n`` replies of two sides."""
    replies = tuple(
        Reply(f"{discussion_id}r{k}", f"a{k}", "Oui, ça aide." if k % 2 else "Non, inutile.")
        for k in range(n)
    )
    return replace(D1, id=discussion_id, replies=replies, votes=())


def _stand_in_vectors(discussions: list[Discussion]) -> dict[str, object]:
    import numpy as np

    rng = np.random.default_rng(5)
    ids = [r.id for d in discussions for r in d.replies]
    vectors = rng.normal(size=(len(ids), 16)).astype(np.float32)
    return dict(zip(ids, vectors / np.linalg.norm(vectors, axis=1, keepdims=True), strict=True))


def test_vectors_are_read_while_the_groups_are_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's vectors come from a loader called once the opinion groups' workers run
    (reading 100k cached vectors takes a second the workers need not wait for), and the
    summaries are those of vectors given at once."""
    import multiprocessing

    discussions = [replace(D1, id=f"c{i}", guild_id=f"g{i % 2}") for i in range(6)]
    vectors = _stand_in_vectors(discussions)
    serial = analyze(discussions, seed=1, vectors=vectors)
    monkeypatch.setattr(batch_module, "PARALLEL_MIN_REPLIES", 0)
    workers_running: list[int] = []

    def vectors_from() -> dict[str, object]:
        workers_running.append(len(multiprocessing.active_children()))
        return vectors

    assert analyze(discussions, seed=1, workers=2, vectors_from=vectors_from) == serial
    assert workers_running == [2]
    with pytest.raises(ValueError, match="not both"):
        analyze(discussions, vectors=vectors, vectors_from=vectors_from)


def test_a_long_question_and_option_are_reported_whole() -> None:
    """An export's question and options have no length limit (the bot's have): one over
    2,500 characters was reported as « {???} », and so was its option's count line."""
    question = "Faut-il " + "vraiment " * 300 + "?"
    option = "Oui, " + "absolument " * 250 + "oui"
    d = Discussion("d", question, (option, "Non"), stances=(DeclaredStance("a", option),))
    for lang, colon in (("fr", "\u00a0:"), ("en", ":")):
        text = render_text(analyze([d]), lang)
        assert "{???}" not in text
        assert question in text and f"{option}{colon} 1 + 0 = 1" in text
