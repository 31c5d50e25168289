"""The stance chart draws staff's options and question as its font can: an emoji the
font has no glyph for (« 👍 Pour », « ✅ Oui ») was drawn as an empty box beside the word,
and an option that is only emoji was a row of boxes under its bar; a spoiler in the
question, masked in the embed above the chart, was drawn in clear in its title."""

from __future__ import annotations

import warnings

import pytest

from bot.analysis.summary import StanceCounts
from bot.charts.stance_bars import stance_chart_figure


def _drawn(options: list[str], question: str, language: str = "fr") -> tuple[list[str], str]:
    counts = StanceCounts(
        declared=dict.fromkeys(options, 1), inferred={}, combined=dict.fromkeys(options, 1)
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns of each glyph it lacks, at drawing
        figure = stance_chart_figure(counts, question, language)
        figure.canvas.draw()
    axes = figure.axes[0]
    return [label.get_text() for label in axes.get_xticklabels()], axes.get_title()


def test_emoji_beside_words_are_left_out_of_the_labels() -> None:
    labels, title = _drawn(["👍 Pour", "❌ Non ✅", "Ça dépend 🤷‍♀️"], "Téléphones 📱 au collège ?")
    assert labels == ["Pour", "Non", "Ça dépend"]
    assert title == "Téléphones au collège ?"


def test_french_spacing_beside_an_emoji_is_kept() -> None:
    _, title = _drawn(["Oui"], "Téléphones au collège 📱\u202f? Vraiment\u00a0🤔\u00a0!")
    assert title == "Téléphones au collège\u202f? Vraiment\u00a0!"


@pytest.mark.parametrize(("language", "word"), [("fr", "Option"), ("en", "Option")])
def test_an_option_of_emoji_only_is_named_by_its_place(language: str, word: str) -> None:
    labels, _ = _drawn(["👍", "👎", "Sans avis"], "Q ?", language)
    assert labels == [f"{word} 1", f"{word} 2", "Sans avis"]


def test_a_spoiler_in_the_question_stays_masked_in_the_title() -> None:
    _, title = _drawn(["Oui", "Non"], "Avez-vous aimé la fin ? ||Il meurt.||")
    assert "meurt" not in title and "▒▒▒" in title


def test_text_the_font_draws_is_unchanged() -> None:
    labels, title = _drawn(["Oui, « vraiment » – 100 $", "Non… ✔"], "Faut-il ça ? Oui !")
    assert labels == ["Oui, « vraiment »\n– 100 $", "Non… ✔"]
    assert title == "Faut-il ça ? Oui !"
