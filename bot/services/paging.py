"""A page of a list read by keyset, one row beyond the page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

Row = TypeVar("Row")


def page_of(rows: Sequence[Row], size: int, *, backward: bool) -> tuple[list[Row], bool]:
    """The page among ``rows`` (in the list's order, read ``size + 1`` at most from the
    cursor in the direction of travel), and whether more follow in that direction.

    The extra row only tells that more follow, and is not shown: the last one when
    reading forward, the first one when reading backward."""
    shown = rows[-size:] if backward else rows[:size]
    return list(shown), len(rows) > size
