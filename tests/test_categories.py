"""Category names and the rotation order: unit and property tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.categories import CategoryError, normalize, parse_rotation, rotation_order


def test_one_spelling_per_category() -> None:
    assert normalize("  Cinéma   d'auteur ") == "cinéma d'auteur"
    assert normalize("Société") == normalize("SOCIÉTÉ") == "société"
    for bad in ("", "   ", "x" * 41, "a|b", "<@123>", "**gras**", "-tiret"):
        with pytest.raises(CategoryError):
            normalize(bad)


def test_rotation_from_a_list_or_everything() -> None:
    assert parse_rotation("Société, cinéma,, société") == ["société", "cinéma"]
    assert parse_rotation("*") is None and parse_rotation(" Toutes ") is None
    with pytest.raises(CategoryError):
        parse_rotation(" , ")
    with pytest.raises(CategoryError):
        parse_rotation(",".join(f"c{n}" for n in range(21)))


def test_rotation_starts_after_the_last_posted_category() -> None:
    rotation = ["a", "b", "c"]
    assert rotation_order(rotation, "a") == ["b", "c", "a"]
    assert rotation_order(rotation, "c") == ["a", "b", "c"]
    assert rotation_order(rotation, None) == rotation
    assert rotation_order(rotation, "dropped") == rotation
    assert rotation_order([], "a") == []


@given(
    st.lists(st.text(alphabet="abcdef", min_size=1, max_size=3), unique=True, max_size=8),
    st.one_of(st.none(), st.text(alphabet="abcdefg", min_size=1, max_size=3)),
)
def test_rotation_order_is_a_rotation(rotation: list[str], last: str | None) -> None:
    order = rotation_order(rotation, last)
    assert sorted(order) == sorted(rotation)
    if rotation and last in rotation:
        assert order[-1] == last  # the category just posted comes last
    if rotation:
        start = rotation.index(order[0])
        assert order == rotation[start:] + rotation[:start]
