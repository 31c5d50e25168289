"""No rule or constant of the analysis names an evaluation conversation's text, topic or id.

The analysis was once tuned on the data it was reported on: it listed the
development conversations' own profile statements almost word for word.
This test reads every comment of the Pol.is conversations in
``../shared/eval/polis`` and fails if any five consecutive words of one
appear in the analysis source (regular-expression syntax read as spaces),
or if a word of a conversation's name or topic does in any form (English stems), or its
Pol.is id (its ``summary.csv``'s url). Skipped when the data is absent.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import Stemmer

from bench.polis_data import comment_texts, conversation_folders, polis_root
from bot.analysis._text import STOP_WORDS, fold

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


def _stems(words: set[str]) -> dict[str, str]:
    """Each word's English Snowball stem ("concussion" and "concussions" share one)."""
    stemmer = Stemmer.Stemmer("english")
    return {w: stemmer.stemWord(w) for w in words}


def _named_in_source(words: set[str]) -> list[str]:
    """The ``words`` whose stem is the stem of a word of the analysis source."""
    source = set(_stems(set(_source_words())).values())
    return sorted(w for w, stem in _stems(words).items() if stem in source)


def test_no_conversation_name_in_the_analysis_source(folders: list[Path]) -> None:
    names = {
        token
        for folder in folders
        for token in re.split(r"[^a-z0-9]+", folder.name.lower())
        if len(token) >= 6
    }
    assert _named_in_source(names) == []


def _summary(folder: Path, key: str) -> list[str]:
    """The values of ``key`` in a conversation's ``summary.csv`` (none when absent)."""
    path = folder / "summary.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [row[1] for row in csv.reader(fh) if len(row) >= 2 and row[0] == key]


def _conversation_ids(folder: Path) -> set[str]:
    """The Pol.is id of a conversation (``https://pol.is/<id>`` in its ``summary.csv``)."""
    return {token for url in _summary(folder, "url") for token in _words(url.rsplit("/", 1)[-1])}


GENERIC_IN_TOPICS = frozenset(["discussion", "engage", "people", "together"])
"""Words of the conversations' topics that are plain English or the product's own words."""


def test_no_topic_word_in_the_analysis_source(folders: list[Path]) -> None:
    """A conversation's topic ("Concussions in the NFL"): none of its words of six letters
    or more, stop words and :data:`GENERIC_IN_TOPICS` aside, in any form."""
    topics = {
        word
        for folder in folders
        for topic in _summary(folder, "topic")
        for word in _words(topic)
        if len(word) >= 6 and word not in STOP_WORDS and word not in GENERIC_IN_TOPICS
    }
    assert topics, "every conversation's summary.csv names its topic"
    assert _named_in_source(topics) == []


def test_no_conversation_id_in_the_analysis_source(folders: list[Path]) -> None:
    ids = {token for folder in folders for token in _conversation_ids(folder)}
    assert ids, "every conversation's summary.csv names its id"
    assert sorted(ids & set(_source_words())) == []


def test_the_check_would_catch_another_form_of_a_topic_word() -> None:
    stems = _stems({"concussion", "concussions", "policing", "police"})
    assert stems["concussion"] == stems["concussions"]
    assert stems["policing"] == stems["police"]


def test_the_check_would_catch_a_copied_statement(tmp_path: Path) -> None:
    """The n-gram reading sees a statement written into a regular expression."""
    copied = r"re.compile(r'i\s+am\s+between\s+15\s+and\s+19\s+years\s+old')"
    words = _words(copied)
    assert ("am", "between", "15", "and", "19") in {
        tuple(words[i : i + N]) for i in range(len(words) - N + 1)
    }
