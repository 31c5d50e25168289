"""Every colour role the web room draws charts and text with, on what it is drawn on, in
both themes, computed from the style sheet's variables (WCAG 2.1: text 4.5:1, SC 1.4.3;
the marks needed to read a chart 3:1, SC 1.4.11); and the PNG charts' two themes alike.
The browser tests measure what pages paint; this one names the role that falls short,
and needs no browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.charts.theme import THEMES, ChartTheme, blend, contrast

STYLE = Path(__file__).parents[2] / "web" / "static" / "style.css"
TEXT, GRAPHIC = 4.5, 3.0

GROUNDS = ("paper", "wash")
"""What the room draws on: cards and tables (--paper), the page and the bars' track
(--wash)."""
PAIRS = [
    *(
        (ink, ground, TEXT)
        for ink in ("ink", "muted", "accent", "danger", "ok")
        for ground in GROUNDS
    ),
    ("on-accent", "accent", TEXT),  # a button's words
    ("on-accent", "danger", TEXT),  # a dangerous button's
    ("#ffffff", "bar", TEXT),  # the menu's words and links
    ("ink", "wash", TEXT),  # a skip link, the focused spoiler
    *((mark, ground, GRAPHIC) for mark in ("accent", "soft", "field") for ground in GROUNDS),
]
"""(what is drawn, on what, the ratio it needs): a role's name, or a colour the sheet
writes as is. ``accent``: declared bars, links, buttons, the focus ring; ``soft``: inferred
bars' stripes; ``field``: the fields' borders."""


def _roles(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})\b", block))


def themes(css: str) -> dict[str, dict[str, str]]:
    """The style sheet's colour roles, light then dark (the dark block overrides)."""
    light = re.search(r"^:root\s*\{(.*?)\}", css, re.S | re.M)
    dark = re.search(r"prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{(.*?)\}", css, re.S)
    assert light is not None and dark is not None, "the style sheet's two :root blocks"
    roles = _roles(light.group(1))
    return {"light": roles, "dark": roles | _roles(dark.group(1))}


def _colour(roles: dict[str, str], name: str) -> str:
    return name if name.startswith("#") else roles[name]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_role_meets_its_ratio_on_what_it_is_drawn_on(scheme: str) -> None:
    """The inferred bars (--soft) were 2.1:1 on the light theme's track and 2.3:1 on its
    cards: a reader could not see how many members the text leans to."""
    roles = themes(STYLE.read_text(encoding="utf-8"))[scheme]
    low = {
        f"--{top} on --{ground}": round(ratio, 2)
        for top, ground, needed in PAIRS
        if (ratio := contrast(_colour(roles, top), _colour(roles, ground))) < needed
    }
    assert low == {}, scheme


def test_inferred_bars_are_told_apart_by_more_than_their_colour() -> None:
    """Declared and inferred bars sit side by side, and two blues 3:1 on white cannot be
    3:1 apart: the inferred ones are hatched (a pattern whose stripes are --soft)."""
    css = STYLE.read_text(encoding="utf-8")
    inferred = re.findall(r"\.fill\.inferred\s*\{\s*fill:\s*([^;]+);", css)
    assert inferred and all(f.startswith("url(#inferred-hatch)") for f in inferred), inferred
    template = (STYLE.parents[1] / "templates" / "_summary.html").read_text(encoding="utf-8")
    assert '<pattern id="inferred-hatch"' in template
    assert re.search(r"\.stripe\s*\{\s*fill:\s*var\(--soft\)", css)


def _chart_pairs(theme: ChartTheme) -> list[tuple[str, tuple[float, ...] | str, float]]:
    marks: list[tuple[str, tuple[float, ...] | str, float]] = [
        ("ink", theme.ink, TEXT),
        ("muted", theme.muted, TEXT),
        ("you", theme.you, TEXT),  # the star, and its bold word beside it
        ("declared", theme.declared, GRAPHIC),
        ("inferred", theme.inferred, GRAPHIC),
        ("ungrouped", blend(theme.ungrouped, theme.paper, theme.dot_alpha), GRAPHIC),
    ]
    marks += [
        (f"group {n + 1}", blend(colour, theme.paper, theme.dot_alpha), GRAPHIC)
        for n, colour in enumerate(theme.palette)
    ]
    return marks


@pytest.mark.parametrize("theme", THEMES, ids=lambda theme: theme.name)
def test_the_png_charts_colours_meet_their_ratios(theme: ChartTheme) -> None:
    """The charts' text 4.5:1 and marks 3:1 on their background (the group dots as drawn,
    partly transparent); the light chart's inferred bars were 1.8:1 on white."""
    low = {
        name: round(ratio, 2)
        for name, colour, needed in _chart_pairs(theme)
        if (ratio := contrast(colour, theme.paper)) < needed
    }
    assert low == {}, theme.name


def test_the_dark_charts_match_the_dark_rooms_cards() -> None:
    """A dark chart sits on a dark card: the same background, so it shows no rectangle."""
    sheet = themes(STYLE.read_text(encoding="utf-8"))
    for theme in THEMES:
        assert theme.paper.lower() == sheet[theme.name]["paper"].lower(), theme.name
