"""French spacing (``bot.importer.typography``) on any text: set once, set for good; only
spaces change, never a line break; an address, a code span, a mention or an emoji shortcode
keeps every character (properties, for what staff may type in ``/question add``)."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.importer.typography import _PROTECTED, french_spacing, typeset_question

SPACES = " \t\u00a0\u202f"
_PIECES = st.sampled_from(
    [
        "Et vous",
        "pourquoi",
        "C++",
        "10 €",
        "**gras**",
        "||x||",
        "😀",
        "« ",
        " »",
        "«",
        "»",
        "https://a.fr/x?y=1;z=2!",
        "`a ? b : c`",
        "``x`y``",
        "<@123>",
        "<#45>",
        "<t:1700000000:R>",
        ":smile:",
        ":",
        "10:30",
        "16:9",
        "?",
        "!",
        ";",
        "?!",
        "...",
        "(",
        ")",
        '"',
        "’",
        "\n",
        *SPACES,
    ]
)
TEXTS = st.lists(_PIECES | st.text(max_size=4), max_size=30).map("".join)


def _without_spaces(text: str) -> str:
    return re.sub(f"[{SPACES}]", "", text)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
@example("Et vous :»")  # the colon before a closing guillemet: set at the second pass only
def test_french_spacing_changes_only_spaces_and_once(text: str) -> None:
    spaced = french_spacing(text)
    assert french_spacing(spaced) == spaced  # idempotent
    assert _without_spaces(spaced) == _without_spaces(text)  # only spaces change
    assert [c for c in spaced if c not in SPACES] == [c for c in text if c not in SPACES]
    assert spaced.splitlines() == [] or len(spaced.splitlines()) == len(text.splitlines())
    assert [c for c in spaced if c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"] == [
        c for c in text if c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
    ]


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_protected_spans_keep_every_character(text: str) -> None:
    spaced = french_spacing(text)
    for span in _PROTECTED.finditer(text):
        assert span.group(0) in spaced, (span.group(0), spaced)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(["fr", "en"]))
def test_a_typed_question_is_set_or_left_as_typed(text: str, language: str) -> None:
    stored = typeset_question(text, language)
    assert stored in (text, french_spacing(text))
    assert typeset_question(stored, language) == stored
