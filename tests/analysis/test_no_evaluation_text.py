"""No rule or constant of the analysis names an evaluation conversation's text, topic or id.

The analysis was once tuned on the data it was reported on: it listed the
development conversations' own profile statements almost word for word.
This test reads every comment of the Pol.is conversations in
``../shared/eval/polis`` and fails if any five consecutive words of one
appear in the analysis source (regular-expression syntax read as spaces),
or if a word of a conversation's name does, or its Pol.is id (its ``summary.csv``'s
url). Skipped when the data is absent.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from bench.polis_data import comment_texts, conversation_folders, polis_root
from bot.analysis._text import fold

SOURCE = Path(__file__).resolve().parents[2] / "bot" / "analysis"
N = 5
"""Five words: long enough that common phrases ("i don't know") do not collide."""
_REGEX_TOKENS = re.compile(r"\\[sSbBwWdD][+*?]?")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _REGEX_TOKENS.sub(" ", fold(text)))


def _source_words() -> list[str]:
    words: list[str] = []
    for path in sorted(SOURCE.rglob("*.py")):
        words += [*_words(path.read_text("utf-8")), "|"]
    return words


@pytest.fixture(scope="module")
def folders() -> list[Path]:
    found = conversation_folders()
    if not found:
        pytest.skip(f"Pol.is data not found at {polis_root()} (set ETVOUS_SHARED)")
    return found


def test_no_five_words_of_a_comment_in_the_analysis_source(folders: list[Path]) -> None:
    source = _source_words()
    grams = {tuple(source[i : i + N]) for i in range(len(source) - N + 1)}
    found = sorted(
        {
            (folder.name, " ".join(w[i : i + N]))
            for folder in folders
            for text in comment_texts(folder)
            for w in [_words(text)]
            for i in range(len(w) - N + 1)
            if tuple(w[i : i + N]) in grams
        }
    )
    assert found == []


def test_no_conversation_name_in_the_analysis_source(folders: list[Path]) -> None:
    source = set(_source_words())
    names = {
        token
        for folder in folders
        for token in re.split(r"[^a-z0-9]+", folder.name.lower())
        if len(token) >= 6
    }
    assert sorted(names & source) == []


def _conversation_ids(folder: Path) -> set[str]:
    """The Pol.is id of a conversation (``https://pol.is/<id>`` in its ``summary.csv``)."""
    path = folder / "summary.csv"
    if not path.exists():
        return set()
    with path.open(encoding="utf-8", newline="") as fh:
        urls = [row[1] for row in csv.reader(fh) if len(row) >= 2 and row[0] == "url"]
    return {token for url in urls for token in _words(url.rsplit("/", 1)[-1])}


def test_no_conversation_id_in_the_analysis_source(folders: list[Path]) -> None:
    ids = {token for folder in folders for token in _conversation_ids(folder)}
    assert ids, "every conversation's summary.csv names its id"
    assert sorted(ids & set(_source_words())) == []


def test_the_check_would_catch_a_copied_statement(tmp_path: Path) -> None:
    """The n-gram reading sees a statement written into a regular expression."""
    copied = r"re.compile(r'i\s+am\s+between\s+15\s+and\s+19\s+years\s+old')"
    words = _words(copied)
    assert ("am", "between", "15", "and", "19") in {
        tuple(words[i : i + N]) for i in range(len(words) - N + 1)
    }
