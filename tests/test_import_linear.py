"""Importing is linear in the article's size, for every hostile shape.

Compared by sizes, not against the clock: the same number of characters is
parsed once as one large article and as eight articles an eighth of its
size. Linear work costs the same both ways (the small ones pay a little
more overhead); quadratic work costs eight times more in the large one.
Times are the process's CPU time, best of several rounds, so other work on
a loaded machine hardly moves them.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

import pytest

from bench.hostile_articles import MANY_LINES, ONE_LINE
from bot import importer

ROUNDS = 5
GROWTH = 8
RATIO = 3.0
"""Large over small at equal total size: ~1 when linear, ~8 when quadratic."""


def _parse(text: str) -> None:
    with contextlib.suppress(importer.ArticleError):
        importer.parse_article_bytes(text.encode("utf-8"))


def _cpu(work: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def _ratio(small: str, large: str) -> float:
    """CPU time per character of the large article over that of the small ones."""
    smalls = _cpu(lambda: [_parse(small) for _ in range(GROWTH)]) / (GROWTH * len(small))
    return _cpu(lambda: _parse(large)) / len(large) / max(smalls, 1e-12)


@pytest.mark.parametrize("shape", sorted(ONE_LINE))
def test_one_long_line_is_parsed_in_linear_time(shape: str) -> None:
    build = ONE_LINE[shape]
    small, large = build(importer.MAX_LINE_CHARS // GROWTH), build(importer.MAX_LINE_CHARS - 20)
    assert len(large) <= importer.MAX_LINE_CHARS + 10 and len(large) > 7 * len(small)
    assert _ratio(small, large) < RATIO


@pytest.mark.parametrize("shape", sorted(MANY_LINES))
def test_many_lines_are_parsed_in_linear_time(shape: str) -> None:
    build = MANY_LINES[shape]
    small, large = build(100_000), build(800_000)
    assert _ratio(small, large) < RATIO


@pytest.mark.parametrize(
    "shape", ["question-mark run", "spaces before a word", "trailing punctuation"]
)
def test_a_question_key_is_linear(shape: str) -> None:
    """Duplicates are found by a normalised key, computed for every question of the bank."""
    text = ONE_LINE[shape](importer.MAX_QUESTION_CHARS).split("\n", 1)[1]
    small, large = text[: len(text) // GROWTH], text
    smalls = _cpu(lambda: [importer.normalize_question(small) for _ in range(GROWTH * 20)])
    larges = _cpu(lambda: [importer.normalize_question(large) for _ in range(20)])
    assert larges / max(smalls, 1e-6) < RATIO
