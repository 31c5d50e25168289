"""Quotes chosen by meaning: a theme's most typical replies, and quotes that do not repeat.

Near-duplicates are found by the cosine of the replies' vectors, so two
replies that say the same thing in other words count as one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

NEAR_DUPLICATE = 0.75
"""Cosine from which two replies say the same thing (read off the even X-Stance questions'
closest pairs, see bench/README.md, themes)."""
_GOOD_WORDS = 8
"""Replies with at least this many content words quote best (shorter ones lose a little)."""


def typical(
    reply_ids: Sequence[str],
    vectors: npt.NDArray[np.float64],
    n_words: Sequence[int],
    limit: int = 2,
) -> list[str]:
    """Up to ``limit`` replies closest to the centre of ``vectors``, no two alike."""
    if not reply_ids:
        return []
    centre = vectors.mean(axis=0)
    centre /= max(float(np.linalg.norm(centre)), 1e-12)
    closeness = vectors @ centre
    fit = np.minimum(np.asarray(n_words, dtype=np.float64), _GOOD_WORDS) / _GOOD_WORDS
    order = np.lexsort((np.asarray(reply_ids), -(closeness + 0.1 * fit)))
    chosen: list[int] = []
    for i in order:
        if any(float(vectors[i] @ vectors[j]) >= NEAR_DUPLICATE for j in chosen):
            continue
        chosen.append(int(i))
        if len(chosen) == limit:
            break
    return [reply_ids[i] for i in chosen]


def spread_by_meaning(
    ranked: Sequence[str],
    vectors: Mapping[str, npt.NDArray[np.floating]],
    theme_of: Mapping[str, str],
    limit: int,
    near_duplicate: float = NEAR_DUPLICATE,
) -> list[str]:
    """Up to ``limit`` of ``ranked`` (best first): no two alike, from different themes first.

    A first pass takes at most one reply per theme (replies in no theme, or
    without a vector, count as a theme of their own); a second pass fills
    what is left in rank order. A reply as close as ``near_duplicate`` to one
    already taken is never taken.
    """
    chosen: list[str] = []
    taken: list[npt.NDArray[np.floating]] = []
    themes_used: set[str] = set()

    def alike(vec: npt.NDArray[np.floating] | None) -> bool:
        return vec is not None and any(float(vec @ t) >= near_duplicate for t in taken)

    rank = {reply_id: i for i, reply_id in reversed(list(enumerate(ranked)))}
    for one_per_theme in (True, False):
        for reply_id in ranked:
            if len(chosen) == limit:
                break
            if reply_id in chosen:
                continue
            theme = theme_of.get(reply_id, f"none:{reply_id}")
            if one_per_theme and theme in themes_used:
                continue
            vec = vectors.get(reply_id)
            if alike(vec):
                continue
            chosen.append(reply_id)
            themes_used.add(theme)
            if vec is not None:
                taken.append(vec)
    return sorted(chosen, key=rank.__getitem__)
