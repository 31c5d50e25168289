"""The shipped question bank: shape, options, and the loader's checks."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import pytest

from bot.importer import MAX_OPTION_CHARS, duplicate_key, french_spacing, normalize_question
from bot.seed_bank import SeedBankError, as_shipped, load_seed_bank, parse_seed_bank

YES_NO_FR = ("Oui", "Non", "Nuancé")
YES_NO_EN = ("Yes", "No", "Nuanced")


def _raw() -> dict[str, Any]:
    resource = resources.files("bot") / "data" / "seed_bank.json"
    data: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return data


def test_source() -> None:
    source = load_seed_bank().source
    assert source.file == "article-ia-cinema.fr.txt"
    assert source.language == "fr"
    assert source.title


def test_nine_questions_in_order() -> None:
    questions = load_seed_bank().questions
    assert [q.position for q in questions] == list(range(1, 10))
    assert questions[0].text.fr.startswith("Envisagez-vous un futur")
    assert questions[0].text.fr.endswith("Quelles en seraient les conséquences\u202f?")
    assert questions[7].text.fr.startswith("Quelles mesures de protection")
    assert questions[8].text.fr.startswith("Quels sont les défis éthiques")
    assert [q.kind for q in questions] == [
        "yes_no",
        "open",
        "yes_no",
        "open",
        "yes_no",
        "open",
        "yes_no",
        "open",
        "open",
    ]


def test_texts_are_bilingual_and_questions() -> None:
    for question in load_seed_bank().questions:
        assert question.text.fr.endswith("\u202f?")  # French typography: U+202F before "?"
        assert question.text.en.endswith("?")
        assert not question.text.en.endswith(" ?")
        assert question.text.fr != question.text.en
        assert question.text.get("fr") == question.text.fr
        assert question.text.get("en-GB") == question.text.en


def test_the_french_questions_are_set_as_the_bots_french_is() -> None:
    """The bank shipped « générés par IA ? » with a plain space, which a line that wraps
    leaves alone at the start of the next: U+202F before ? ! ;, U+00A0 before :."""
    for question in load_seed_bank().questions:
        for text in (question.text.fr, *(o.fr for o in question.options)):
            assert french_spacing(text) == text, text
            assert not any(f" {mark}" in text for mark in "?!;:"), text
        # the spelling the servers seeded before hold is the same question, and as shipped
        before = question.text.fr.replace("\u202f", " ").replace("\u00a0", " ")
        assert duplicate_key(before) == duplicate_key(question.text.fr)
        assert as_shipped(before) == as_shipped(question.text.fr)


def test_questions_are_distinct() -> None:
    keys = {normalize_question(q.text.fr) for q in load_seed_bank().questions}
    assert len(keys) == 9


def test_yes_no_options() -> None:
    for question in load_seed_bank().questions:
        if question.kind == "yes_no":
            assert question.option_labels("fr") == YES_NO_FR
            assert question.option_labels("en") == YES_NO_EN


def test_open_options() -> None:
    for question in load_seed_bank().questions:
        if question.kind != "open":
            continue
        assert 3 <= len(question.options) <= 4
        for language in ("fr", "en"):
            labels = question.option_labels(language)
            assert all(label and label == label.strip() for label in labels)
            assert all(len(label) <= 40 for label in labels)
            assert len({label.casefold() for label in labels}) == len(labels)
            assert not set(labels) & set(YES_NO_FR + YES_NO_EN)


def test_option_labels_fit_discord_buttons() -> None:
    for question in load_seed_bank().questions:
        for option in question.options:
            assert len(option.fr) <= MAX_OPTION_CHARS
            assert len(option.en) <= MAX_OPTION_CHARS


def test_load_is_cached() -> None:
    assert load_seed_bank() is load_seed_bank()


def test_parse_matches_load() -> None:
    assert parse_seed_bank(_raw()) == load_seed_bank()


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("questions",), []),
        (("questions", 0, "position"), 2),
        (("questions", 0, "kind"), "maybe"),
        (("questions", 0, "text", "en"), ""),
        (("questions", 0, "options"), [{"fr": "Oui", "en": "Yes"}]),
        (("questions", 1, "options", 0), "Un simple outil"),
        (("source", "language"), "de"),
        (("source",), None),
    ],
)
def test_malformed_bank_is_rejected(path: tuple[str | int, ...], value: object) -> None:
    data = copy.deepcopy(_raw())
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(SeedBankError):
        parse_seed_bank(data)


def test_not_an_object_is_rejected() -> None:
    with pytest.raises(SeedBankError):
        parse_seed_bank([])
