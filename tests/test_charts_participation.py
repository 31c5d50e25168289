"""The ``/stats`` chart writes its words, hours and percentages as each language does."""

from __future__ import annotations

from typing import Any

import pytest
from matplotlib.figure import Figure

from bot.charts.participation import participation_chart_png

DISCUSSIONS = [(41, 4, 9, 0.5), (42, 2, 3, 0.125), (43, 0, 0, None)]
HOURS = [0] * 18 + [5, 3] + [0] * 4


def _drawn(monkeypatch: pytest.MonkeyPatch, language: str) -> Figure:
    """The figure the PNG is drawn from (kept as it is saved)."""
    saved: list[Figure] = []
    original = Figure.savefig

    def keep(self: Figure, *args: Any, **kwargs: Any) -> None:
        saved.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", keep)
    png = participation_chart_png(DISCUSSIONS, HOURS, zone="Europe/Paris", language=language)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    [figure] = saved
    return figure


def _words(figure: Figure) -> dict[str, list[str]]:
    top, bottom = figure.axes
    legend = top.get_legend()
    assert legend is not None
    return {
        "shares": [text.get_text() for text in top.texts],
        "hours": [label.get_text() for label in bottom.get_xticklabels()],
        "titles": [top.get_title(), bottom.get_title()],
        "axes": [top.get_xlabel(), bottom.get_xlabel()],
        "legend": [text.get_text() for text in legend.get_texts()],
    }


def test_french_writes_18_h_and_50_percent_with_a_no_break_space(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    words = _words(_drawn(monkeypatch, "fr"))
    assert words["shares"] == ["50\u00a0%", "12\u00a0%"]
    assert words["hours"][9] == "18\u00a0h"  # as /stats writes it
    assert words["hours"][:2] == ["0\u00a0h", "2\u00a0h"]
    assert words["titles"] == ["Participation aux dernières discussions", "Réponses selon l’heure"]
    assert words["axes"] == ["Discussion n°", "Heure (Europe/Paris)"]
    assert words["legend"] == ["Participants", "Réponses"]


@pytest.mark.parametrize("language", ["en", "en-US", "en-GB"])
def test_english_writes_18_00_and_50_percent(
    monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    words = _words(_drawn(monkeypatch, language))
    assert words["shares"] == ["50%", "12%"]
    assert words["hours"][9] == "18:00"
    assert words["hours"][:2] == ["00:00", "02:00"]  # as the schedule writes "Mondays at 09:30"
    assert not any(hour.endswith("h") for hour in words["hours"])
    assert words["titles"] == [
        "Participation in recent discussions",
        "Replies by hour of the day",
    ]
    assert words["axes"] == ["Discussion #", "Hour (Europe/Paris)"]
    assert words["legend"] == ["Participants", "Replies"]


def test_replies_bars_read_on_white_and_differ_from_participants_by_more_than_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The replies' pale blue bars were 1.8:1 on white (WCAG 1.4.11 asks 3:1), beside the
    participants' told apart by their colour alone: now 3:1, and hatched."""
    from matplotlib.colors import to_rgb
    from matplotlib.patches import Rectangle

    from bot.charts.theme import contrast

    top, _ = _drawn(monkeypatch, "en").axes
    bars = [p for p in top.patches if isinstance(p, Rectangle)]
    for bar in bars:
        assert contrast(to_rgb(bar.get_facecolor()), "#ffffff") >= 3, bar
    hatched = {to_rgb(b.get_facecolor()) for b in bars if b.get_hatch()}
    solid = {to_rgb(b.get_facecolor()) for b in bars if not b.get_hatch()}
    assert len(hatched) == len(solid) == 1, "replies hatched, participants solid"


def test_the_png_names_no_software() -> None:
    """Matplotlib wrote ``Software: Matplotlib version…`` in every chart posted."""
    png = participation_chart_png(DISCUSSIONS, HOURS, zone="Europe/Paris", language="fr")
    assert b"atplotlib" not in png
