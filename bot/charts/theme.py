"""The charts' two themes: light (what Discord gets, and the web room's light theme) and
dark (the web room's, when the visitor's system is dark), and WCAG's contrast ratio.

Each is opaque and carries its own background, so either reads in Discord's light and
dark themes alike: a transparent chart cannot, its text would need 4.5:1 on white and on
Discord's #313338 at once, which no grey has. Their colours by role, as the web room's
style sheet names them; ``tests/web/test_colour_contrast.py`` checks every mark 3:1 and
every text 4.5:1 on the background (WCAG 2.1 SC 1.4.11, 1.4.3).
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.colors import to_rgb


@dataclass(frozen=True, slots=True)
class ChartTheme:
    name: str
    """``light`` or ``dark``."""
    paper: str
    """The background, opaque: the web room's card (``--paper``) in the same theme."""
    ink: str
    """Titles, counts, legends, tick labels."""
    muted: str
    """A note in place of bars (none yet)."""
    line: str
    """Axes and the map's zero lines: decoration, not needed to read the chart."""
    declared: str
    """Members' declared stances: solid bars."""
    inferred: str
    """Stances inferred from the text: hatched bars, the hatch in the paper's colour (the
    two never told apart by colour alone)."""
    palette: tuple[str, ...]
    """The opinion groups' dots, each 3:1 on the paper once blended at :attr:`dot_alpha`."""
    ungrouped: str
    dot_alpha: float
    you: str
    """The member's own star on her map, and its word."""


LIGHT = ChartTheme(
    name="light",
    paper="#ffffff",
    ink="#1d2330",
    muted="#5b6475",
    line="#c8cdd6",
    declared="#3b6fb6",
    inferred="#6b8fd6",
    palette=("#4c72b0", "#af6841", "#458854", "#c44e52", "#7e70af", "#8f745d", "#a16790"),
    ungrouped="#787878",
    dot_alpha=0.85,
    you="#222222",
)
DARK = ChartTheme(
    name="dark",
    paper="#1b1f27",
    ink="#e4e7ee",
    muted="#a3abba",
    line="#3a4150",
    declared="#8fb3ec",
    inferred="#5b84c4",
    palette=("#6586bb", "#dd8452", "#55a868", "#cc676a", "#8b7db9", "#9b816b", "#da8bc3"),
    ungrouped="#b0b0b0",
    dot_alpha=0.85,
    you="#f4f6f9",
)
THEMES = (LIGHT, DARK)


def luminance(colour: str | tuple[float, ...]) -> float:
    """WCAG's relative luminance of an sRGB colour (a name, ``#rrggbb`` or 0 to 1 channels)."""
    rgb = to_rgb(colour) if isinstance(colour, str) else colour[:3]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str | tuple[float, ...], other: str | tuple[float, ...]) -> float:
    """WCAG's contrast ratio of two colours, 1 to 21."""
    a, b = sorted((luminance(one), luminance(other)))
    return (b + 0.05) / (a + 0.05)


def blend(colour: str, paper: str, alpha: float) -> tuple[float, float, float]:
    """``colour`` drawn at ``alpha`` on ``paper``, as the eye sees it."""
    top, ground = to_rgb(colour), to_rgb(paper)
    r, g, b = (alpha * c + (1 - alpha) * p for c, p in zip(top, ground, strict=True))
    return r, g, b
