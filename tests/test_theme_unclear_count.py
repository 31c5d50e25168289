"""A theme's stance mix counts its replies without a firm stance too: « Oui 1 / Non 1 » under
a theme of five replies left three out, silently (Discord, the text report)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.analysis.summary import DiscussionSummary, StanceCounts
from bot.analysis.text_report import render_text
from bot.analysis.themes.result import Theme, ThemeQuote, ThemesResult
from bot.discord_render.summary import summary_messages


def _theme(tid: str, label: str, stances: dict[str, int], size: int) -> Theme:
    return Theme(
        id=tid,
        label=label,
        words=tuple(label.split(", ")),
        reply_ids=tuple(f"{tid}-{n}" for n in range(size)),
        stances=stances,
        declared=stances,
        quotes=(ThemeQuote(f"{tid}-0", "Les doubleurs perdront leur emploi."),),
        stability=0.9,
    )


THEMES = ThemesResult(
    status="themes",
    themes=(
        _theme("t1", "emploi, doublage", {"Oui": 1, "Non": 1}, 5),
        _theme("t2", "budget, effets", {"Oui": 2, "Non": 1}, 3),
    ),
)
SUMMARY = DiscussionSummary(
    id="1",
    question="Faut-il ?",
    options=("Oui", "Non"),
    language="fr",
    participant_count=8,
    reply_count=8,
    stances=StanceCounts(
        declared={"Oui": 3, "Non": 2}, inferred={"Oui": 0, "Non": 0}, combined={"Oui": 3, "Non": 2}
    ),
    reply_stances=(),
    arguments={"Oui": (), "Non": ()},
    keywords=(),
    themes=THEMES,
)
UNCLEAR = {"fr": "3 réponses sans position nette", "en": "3 replies without a clear stance"}


def test_the_unclear_count_is_what_the_mix_leaves_out() -> None:
    assert [t.unclear for t in THEMES.themes] == [3, 0]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_discord_shows_the_replies_without_a_firm_stance(language: str) -> None:
    messages = summary_messages(replace(SUMMARY, language=language), links={}, language=language)
    names = [f.name for m in messages for e in m.embeds for f in e.fields if "🏷️" in (f.name or "")]
    assert len(names) == 2, names
    assert names[0].endswith(f" · Oui 1 / Non 1 / {UNCLEAR[language]}"), names[0]
    assert names[1].endswith(" · Oui 2 / Non 1"), names[1]  # all counted: nothing added


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_text_report_shows_the_replies_without_a_firm_stance(language: str) -> None:
    report = render_text([replace(SUMMARY, language=language)], language)
    lines = [line for line in report.splitlines() if line.startswith("- ")][-2:]
    assert lines[0].endswith(f" (Oui 1 / Non 1 / {UNCLEAR[language]})"), lines
    assert lines[1].endswith(" (Oui 2 / Non 1)"), lines


def test_the_json_stances_keep_their_meaning() -> None:
    """Replies per option only: the others are the theme's size less their sum."""
    (first, _) = THEMES.to_json()
    assert first["stances"] == {"Oui": 1, "Non": 1}
    assert len(first["reply_ids"]) - sum(first["stances"].values()) == 3
