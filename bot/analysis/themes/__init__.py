"""Themes: what a discussion talks about, as a few named groups of replies.

:func:`find_themes` is the entry point; :mod:`.quotes` also serves the
arguments (near-duplicates by meaning, quotes spread over themes).
"""

from bot.analysis.themes._cluster import ThemeParams
from bot.analysis.themes.find import find_themes
from bot.analysis.themes.quotes import spread_by_meaning
from bot.analysis.themes.result import Theme, ThemeQuote, ThemesResult

__all__ = [
    "Theme",
    "ThemeParams",
    "ThemeQuote",
    "ThemesResult",
    "find_themes",
    "spread_by_meaning",
]
