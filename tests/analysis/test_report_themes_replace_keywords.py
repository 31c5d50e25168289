"""The text report of ``python -m bot analyze`` shows themes in place of the keyword lines,
as Discord and the web room do: beside the themes, each side's "words that set it apart"
were the noise issue 18 faulted (the demo's « Mots qui distinguent « Oui » : ans, bon,
personne, peut-être, six »). Without themes (``--no-themes``), the keywords stay."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.analysis.keywords import Keyword
from bot.analysis.summary import DiscussionSummary, StanceCounts
from bot.analysis.text_report import render_text
from bot.analysis.themes.result import Theme, ThemeQuote, ThemesResult

SUMMARY = DiscussionSummary(
    id="1",
    question="Faut-il ?",
    options=("Oui", "Non"),
    language="fr",
    participant_count=2,
    reply_count=2,
    stances=StanceCounts(
        declared={"Oui": 1, "Non": 1},
        inferred={"Oui": 0, "Non": 0},
        combined={"Oui": 1, "Non": 1},
    ),
    reply_stances=(),
    arguments={"Oui": (), "Non": ()},
    keywords=(Keyword("cinéma", None, 5, 1.0), Keyword("ans", "Oui", 3, 1.0)),
)
THEMES = ThemesResult(
    status="themes",
    themes=(
        Theme(
            id="t1",
            label="emploi, doublage",
            words=("emploi", "doublage"),
            reply_ids=("11", "12"),
            stances={"Oui": 1, "Non": 1},
            declared={"Oui": 1, "Non": 1},
            quotes=(ThemeQuote("11", "Les doubleurs perdront leur emploi."),),
            stability=0.9,
        ),
    ),
)
WORDS = {"fr": ("Mots-clés", "Mots qui distinguent"), "en": ("Keywords", "Words that set apart")}


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("themes", [THEMES, ThemesResult(status="too_few")])
def test_themes_replace_the_keyword_lines(language: str, themes: ThemesResult) -> None:
    report = render_text([replace(SUMMARY, themes=themes, language=language)], language)
    heading, of_a_side = WORDS[language]
    assert heading not in report and of_a_side not in report
    assert "cinéma" not in report and "ans" not in report.split("\n", 2)[2]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_without_themes_the_keyword_lines_stay(language: str) -> None:
    report = render_text([replace(SUMMARY, language=language)], language)
    heading, of_a_side = WORDS[language]
    assert f"### {heading}\ncinéma\n{of_a_side}" in report
