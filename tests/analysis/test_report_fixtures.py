"""``python -m bot analyze`` on fixed exports gives the recorded report, byte for byte.

The expected files were written by the code of ``main`` before the summary
became typed (``--jobs 1``; the English text by the text renderer in
English), re-recorded when each reply stance gained its ``leaning`` (and the
text report its line on replies leaning under the threshold), then when the
summary gained its themes (issue 18: the ``themes`` keys and section, and
arguments spread over themes), then when the map's axes became exact (the
fifth decimal of some projections) and parallel analysis drew its own shuffles
(the demo's structure ratio), then when the base clusters' split gained its
rules (issue 14: the small export's groups are 10 and 5 members, not 8 and 7),
then when counts agreed in number ("1 réponse", not "1 réponse(s)"), then when
each reply stance said whether anything in it was read (`evidence`; a reply with
nothing read no longer counts as leaning), then when each discussion of the text
report took its own language (the English discussion of ``small_export`` was worded in
French, the first discussion's language), then when the groups said whose votes drew them
("D’après les votes de 12 membres :", beside participants who replied or declared), then
when the French report took French typography's no-break spaces (« Question : », « d’accord
avec « … » »; members' words unchanged), then when a reply listed under consensus was no
longer listed again under bridging (the small export's two bridging replies are its two
consensus replies: its bridging section went), then when themes replaced the keyword lines
in the text report as in Discord and the web room (the demo's « ans, bon, personne,
peut-être, six » went, with every keyword section of a discussion that sought themes),
then when the consensus and divisive replies were quoted between « » (“ ” in English) as
the groups' quotes are: a change of schema, field order, rounding or wording shows here.
``small_export`` exercises every part (declared stances of another case,
stable groups, consensus,
divisive replies, a profile reply, an English discussion, one with no reply);
``demo_export`` is the demo's export.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis.batch import analyze
from bot.analysis.jsonl import read_export
from bot.analysis.text_report import render_text
from tests.cli_run import cli

FIXTURES = Path(__file__).parent / "fixtures"
EXPORTS = ["small_export", "demo_export"]


@pytest.mark.parametrize("name", EXPORTS)
@pytest.mark.parametrize(("fmt", "suffix"), [("json", ".json"), ("text", ".fr.txt")])
def test_analyze_prints_the_recorded_report(
    name: str, fmt: str, suffix: str, tmp_path: Path
) -> None:
    done = cli("analyze", str(FIXTURES / f"{name}.jsonl"), "--format", fmt, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (FIXTURES / f"{name}{suffix}").read_text("utf-8")


@pytest.mark.parametrize("name", EXPORTS)
def test_the_english_text_report_is_the_recorded_one(name: str) -> None:
    summaries = analyze(read_export(FIXTURES / f"{name}.jsonl").discussions)
    assert render_text(summaries, "en") == (FIXTURES / f"{name}.en.txt").read_text("utf-8")
