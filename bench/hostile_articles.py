"""Hostile articles for the importer: each holds one trap for a careless parser.

``shape(n)`` builds about ``n`` characters. Single-line shapes grow one line
(up to the importer's line limit); the others grow the number of lines.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.importer import MAX_LINE_CHARS

WIDTH = MAX_LINE_CHARS - 10
"""Long lines that are still parsed (a longer one is left out unread)."""


def _lines(unit: str, n: int, width: int = WIDTH) -> str:
    line = (unit * (width // len(unit) + 1))[:width]
    return "Et vous ?\n" + "\n".join([line] * max(1, n // (width + 1)))


def _line(head: str, unit: str, tail: str, n: int) -> str:
    return "Et vous ?\n" + head + unit * max(1, (n - len(head) - len(tail)) // len(unit)) + tail


ONE_LINE: dict[str, Callable[[int], str]] = {
    # issue 12: "Pourquoi a" then a run of "?" (a quadratic "\?+\s+")
    "question-mark run": lambda n: _line("Pourquoi a", "?", "", n),
    "spaces before a word": lambda n: _line("Pourquoi", " ", "x ?", n),
    "question marks and spaces": lambda n: _line("Pourquoi", "? ", "x ?", n),
    "guillemet spaces": lambda n: _line("Pourquoi « ", " ", "x » ?", n),
    "trailing punctuation": lambda n: _line("Pourquoi", "?!. ", "x ?", n),
    "opening marks": lambda n: _line("Pourquoi", "? «", "x ?", n),
    "elisions": lambda n: _line("Pourquoi ", "l'a", " ?", n),
    "bullets": lambda n: _line("", "- *1.* ", "x ?", n),
}
MANY_LINES: dict[str, Callable[[int], str]] = {
    "long question-mark lines": lambda n: _lines("Pourquoi a" + "?" * 200, n),
    "long space lines": lambda n: _lines("Pourquoi" + " " * 200 + "x", n),
    "headings": lambda n: "Et vous ?\n" * (n // 10),
    "overlong lines": lambda n: "Et vous ?\n" + "\n".join(["?" * 20_000] * max(1, n // 20_001)),
    "questions past the cap": lambda n: (
        "Et vous ?\n" + "".join(f"Question {i} ?\n" for i in range(n // 14))
    ),
    "too-long questions": lambda n: _lines("Pourquoi " + "a" * 1100 + " ? ", n),
}
SHAPES = {**ONE_LINE, **MANY_LINES}
