"""A theme is never named by one of the discussion's own options: the buttons say it already."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from bot.analysis.embeddings import UniversalSentenceEncoder
from bot.analysis.model import Discussion, Reply
from bot.analysis.themes import find_themes
from bot.analysis.themes._label import label_words
from bot.analysis.themes._words import option_stems, reply_words
from tests.analysis.themes_samples import ENGLISH, SHORT

QUESTION = "Should studios replace actors with AI?"


def _discussion(options: tuple[str, ...]) -> Discussion:
    texts = [t for group in ENGLISH.values() for t in group] + SHORT
    replies = tuple(Reply(f"r{i}", f"u{i}", t) for i, t in enumerate(texts))
    return Discussion("d1", QUESTION, options, language="en", replies=replies)


@pytest.fixture(scope="module")
def vectors(encoder: UniversalSentenceEncoder) -> dict[str, np.ndarray]:
    d = _discussion(("Oui", "Non"))
    matrix = encoder.encode([r.text for r in d.replies])
    return {r.id: matrix[i] for i, r in enumerate(d.replies)}


def test_option_words_name_no_theme_and_the_themes_keep_their_replies(
    vectors: dict[str, np.ndarray],
) -> None:
    """The words "jobs" and "budget" set two themes apart, and they are the options' words."""
    plain = find_themes(_discussion(("Oui", "Non")), vectors)
    named = find_themes(_discussion(("Protect jobs", "Lower budgets")), vectors)
    assert plain.status == named.status == "themes"
    assert {w for t in plain.themes for w in t.words} & {"jobs", "budget"}  # the case at stake
    assert [t.reply_ids for t in named.themes] == [t.reply_ids for t in plain.themes]
    assert [t.quotes for t in named.themes] == [t.quotes for t in plain.themes]
    skipped = option_stems(("Protect jobs", "Lower budgets"))
    for theme in named.themes:
        assert len(theme.words) == 3
        assert not reply_words(" ".join(theme.words)).stems & skipped, theme.words


FRENCH = [
    "Il faut interdire les trottinettes sur les trottoirs, les piétons ont peur.",
    "Interdire les trottinettes protégerait les piétons âgés sur les trottoirs.",
    "Les trottinettes garées sur les trottoirs gênent les piétons, interdire est logique.",
]
OTHERS = [
    "La location de vélos marche très bien dans notre quartier depuis deux ans.",
    "Les vélos électriques coûtent cher mais la location reste abordable.",
    "Je préfère la location de vélos au bus pour aller travailler.",
]


def _words(texts: list[str]) -> list:
    return [reply_words(t) for t in texts]


def test_a_french_option_word_is_skipped_stemmed_as_the_replies() -> None:
    """« interdire » written in the replies, « Interdire » on the button: one stem."""
    members, everyone = _words(FRENCH), _words(FRENCH + OTHERS)
    total = Counter(s for w in everyone for s in w.stems)
    question = reply_words("Que faire des trottinettes en ville ?").stems
    before = label_words(members, total, len(everyone), question)
    assert "interdire" in before
    after = label_words(
        members, total, len(everyone), question, option_stems(("Interdire", "Encadrer"))
    )
    assert "interdire" not in after and set(after) == {"trottoirs", "piétons"}


def test_a_theme_set_apart_by_option_words_alone_keeps_them_as_its_name() -> None:
    """Its replies are a theme all the same: named by the options' words rather than unnamed."""
    members = _words(["Interdire, interdire, rien d'autre.", "Interdire tout de suite."])
    everyone = members + _words(OTHERS)
    total = Counter(s for w in everyone for s in w.stems)
    assert label_words(
        members, total, len(everyone), frozenset(), option_stems(("Interdire",))
    ) == ("interdire",)


def test_option_stems_cover_both_languages() -> None:
    stems = option_stems(("Ban cars", "Interdire les voitures"))
    assert {"ban", "car", "interdir", "voitur"} <= stems
