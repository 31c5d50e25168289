"""Every reply's leaning reaches each interface: the JSON of ``analyze`` carries it on
every reply stance (even one without an option), and the text report and the Discord
summary say how many replies lean each way without reaching the threshold, while
their counts stay those of the options."""

from __future__ import annotations

import json
from pathlib import Path

from bot.analysis.model import DeclaredStance, Discussion, Reply
from bot.analysis.stance import StanceModel
from bot.analysis.summarize import summarize, summarize_with
from bot.analysis.summary_json import report_json
from bot.analysis.text_report import render_text
from bot.discord_render.summary import summary_messages
from tests.cli_run import cli


def _discussion() -> Discussion:
    replies = (
        Reply("r1", "a1", "Oui, absolument, c'est indispensable."),
        Reply("r2", "a2", "Il faudrait voir ce que ça donne."),
        Reply("r3", "a3", "C'est un peu trop, déjà suffisant."),
        Reply("r4", "a4", "Non, inutile et dangereux."),
        Reply("r5", "a5", "🔥🔥"),
    )
    return Discussion(
        "7",
        "Faut-il un nouvel assistant dans le serveur ?",
        ("Oui", "Non"),
        replies=replies,
        stances=(DeclaredStance("a4", "Non"),),
    )


def test_every_reply_stance_in_the_json_has_a_leaning() -> None:
    (entry,) = report_json([summarize(_discussion())])["discussions"]
    items = entry["reply_stances"]
    assert all("leaning" in item for item in items)
    by_id = {item["reply_id"]: item for item in items}
    assert by_id["r1"]["option"] == by_id["r1"]["leaning"] == "Oui"
    assert by_id["r4"] == {
        "reply_id": "r4",
        "option": "Non",
        "confidence": 1.0,
        "source": "declared",
        "leaning": "Non",
        "evidence": True,
    }
    unsure = [i for i in items if i["option"] is None and i["leaning"] is not None]
    assert unsure and all(0.5 <= i["confidence"] < 0.65 for i in unsure)
    assert by_id["r5"]["leaning"] is None


def test_the_reports_count_options_and_say_how_many_lean() -> None:
    summary = summarize(_discussion())
    leanings = summary.leanings()
    assert sum(leanings.values()) >= 1
    # the counts stay those of the options: a leaning never counts as a member's stance
    inferred = sum(summary.stances.inferred.values())
    assert inferred == sum(1 for s in summary.reply_stances if s.source == "inferred" and s.option)
    items = ", ".join(f"{o} {n}" for o, n in leanings.items())
    fr = render_text([summary], "fr")
    assert f"Réponses qui penchent, sans certitude\u00a0: {items}" in fr
    en = render_text([summary], "en")
    assert f"Replies that lean one way, without certainty: {items}" in en
    for lang, words in (("fr", "Réponses qui penchent"), ("en", "Replies that lean")):
        messages = summary_messages(summary, links={}, language=lang)
        description = messages[0].embeds[0].description or ""
        assert words in description and items in description


def test_no_leaning_line_when_every_reply_reached_the_threshold() -> None:
    d = _discussion()
    d = Discussion(d.id, d.question, d.options, replies=d.replies[:1] + d.replies[3:4])
    summary = summarize(d)
    assert summary.leanings() == {}
    assert "penchent" not in render_text([summary], "fr")
    description = summary_messages(summary, links={})[0].embeds[0].description or ""
    assert "penchent" not in description


def test_analyze_json_from_the_command_line_has_leanings(tmp_path: Path) -> None:
    export = Path(__file__).parent / "fixtures" / "small_export.jsonl"
    done = cli("analyze", str(export), "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    stances = [s for d in json.loads(done.stdout)["discussions"] for s in d["reply_stances"]]
    assert stances and all("leaning" in s for s in stances)
    assert any(s["option"] is None and s["leaning"] is not None for s in stances)


_ONE_OPTION_REPLIES = (
    Reply("r1", "a", "Oui, je pense que c'est une bonne idée pour tout le monde."),
    Reply("r2", "b", "Non, pas du tout, ce serait une erreur coûteuse."),
    Reply("r3", "c", "Ça dépend des cas, il faut voir."),
    Reply("r4", "d", "Oui."),
)


def test_one_option_leans_to_it_only_when_at_least_as_likely_as_not(tmp_path: Path) -> None:
    """A discussion with a single option: the reply that says « Non » leaned to « Oui »
    at 0.17, a leaning contradicting its own probability. The leaning is the option only
    from one half up, else none (and no option, even forced)."""
    rows = [{"type": "discussion", "id": "d", "question": "Q ?", "options": ["Oui"]}]
    rows += [
        {"type": "reply", "id": r.id, "discussion_id": "d", "author_id": r.author_id,
         "text": r.text}
        for r in _ONE_OPTION_REPLIES
    ]  # fmt: skip
    export = tmp_path / "one.jsonl"
    export.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    done = cli("analyze", str(export), "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (entry,) = json.loads(done.stdout)["discussions"]
    by_id = {s["reply_id"]: s for s in entry["reply_stances"]}
    for s in by_id.values():
        assert s["leaning"] is None or s["confidence"] >= 0.5, s
        assert s["option"] in (None, s["leaning"]), s
    assert by_id["r2"]["leaning"] is None and by_id["r2"]["option"] is None
    assert by_id["r2"]["confidence"] == 0.0
    assert by_id["r4"]["leaning"] == by_id["r4"]["option"] == "Oui"
    assert by_id["r4"]["evidence"] is True

    d = Discussion("d", "Q ?", ("Oui",), replies=_ONE_OPTION_REPLIES)
    model = StanceModel([d])
    forced = {s.reply_id: s for s in model.predict(d, min_confidence=0.0)}
    assert forced["r2"].option is None and forced["r1"].option == "Oui"


def test_one_option_under_the_threshold_counts_as_a_leaning_only_when_leaning() -> None:
    """The summary's « qui penchent » counts stay coherent with one option: the replies
    that name it, under a threshold above their probability, lean to it; the others,
    under one half, lean nowhere and are not counted."""
    d = Discussion("d", "Q ?", ("Oui",), replies=_ONE_OPTION_REPLIES)
    stances = StanceModel([d]).predict(d, min_confidence=0.95)
    assert all(s.option is None for s in stances)
    summary = summarize_with(d, stances)
    assert summary.leanings() == {"Oui": 2}
    assert "Oui 2" in render_text([summary], "fr")
