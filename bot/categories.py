"""Question categories: their spelling, and the order a rotation posts them in."""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_CATEGORY = 40
MAX_ROTATION = 20
ALL = ("*", "all", "toutes", "tout")
"""Words that clear a rotation (every question is posted again, in bank order)."""

_SHAPE = re.compile(r"^\w[\w '’\-]*$")


class CategoryError(ValueError):
    """Not a category name (empty, too long, or odd characters)."""


def normalize(raw: str) -> str:
    """One spelling per category: spaces collapsed, lower case."""
    name = " ".join(raw.split()).lower()
    if not name or len(name) > MAX_CATEGORY or not _SHAPE.match(name):
        raise CategoryError(raw)
    return name


def parse_rotation(raw: str) -> list[str] | None:
    """``"cinéma, société"`` as a rotation; ``None`` for every question (``*``)."""
    if raw.strip().lower() in ALL:
        return None
    names: list[str] = []
    for part in raw.split(","):
        if not part.strip():
            continue
        name = normalize(part)
        if name not in names:
            names.append(name)
    if not names or len(names) > MAX_ROTATION:
        raise CategoryError(raw)
    return names


def rotation_order(rotation: Sequence[str], last: str | None) -> list[str]:
    """The rotation's categories in the order to try them, starting after ``last``.

    When ``last`` is not in the rotation (nothing posted yet, a repost, a
    category since dropped), the rotation starts from its beginning.
    """
    if not rotation:
        return []
    start = rotation.index(last) + 1 if last in rotation else 0
    return [*rotation[start:], *rotation[:start]]
