"""Whether the votes show any opinion structure at all (Horn's parallel analysis).

Pol.is draws groups on any conversation; "no clear groups yet" needs a test
that votes without structure fail and real disagreement passes. Parallel
analysis (Horn, 1965) asks whether the map's first axis carries more
variance than it would if each reply's votes were dealt out at random among
the members who voted on it: same members, same replies, same numbers of
agrees, disagrees and passes per reply, no link left between one reply's
votes and another's. The first axis must beat each of :data:`NULL_DRAWS`
such shuffles (a one-sided test at the 5 % level).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bot.analysis.polis.arrays import FloatArray
from bot.analysis.polis.matrix import VoteMatrix
from bot.analysis.polis.pca import leading_variance, leading_variances

NULL_DRAWS = 19
"""Shuffles: beating all 19 has a 1-in-20 chance without structure (Horn's 95th percentile)."""
TIE = 1e-5
"""Relative difference under which a shuffle's variance equals the data's (rounding,
and well above the precision of :func:`~.pca.leading_variance` on a large matrix)."""
MAX_MEMBERS = 1000
"""Above this many members the test runs on an even sample of them (the same for every shuffle)."""


@dataclass(frozen=True, slots=True)
class Structure:
    ratio: float
    """Variance of the first axis over the largest of the shuffles' (above 1: structure)."""
    p_value: float
    """Share of draws (the data included) whose first axis carries at least the data's variance."""

    @property
    def found(self) -> bool:
        return self.ratio > 1.0


def shuffled_values(matrix: VoteMatrix, rng: np.random.Generator) -> FloatArray:
    """``matrix``'s votes with each reply's dealt out at random among those who voted on it
    (at ``matrix``'s coordinates)."""
    by_reply = np.argsort(matrix.cols, kind="stable")
    dealt = np.lexsort((rng.random(len(matrix.cols)), matrix.cols))
    values = np.empty_like(matrix.values)
    values[by_reply] = matrix.values[dealt]
    return values


def opinion_structure(matrix: VoteMatrix, rng: np.random.Generator) -> Structure:
    """Parallel analysis of ``matrix`` (its members are the participants)."""
    if matrix.n_users > MAX_MEMBERS:
        keep = np.zeros(matrix.n_users, dtype=bool)
        keep[np.linspace(0, matrix.n_users - 1, MAX_MEMBERS).astype(np.int64)] = True
        matrix = matrix.subset_users(keep)
    real = leading_variance(matrix)
    if real <= 0:
        return Structure(0.0, 1.0)
    null = leading_variances(matrix, [shuffled_values(matrix, rng) for _ in range(NULL_DRAWS)])
    # A shuffle can give the data's own spectrum (members with one vote each have
    # nothing to shuffle): equal within rounding is a tie, and a tie is no evidence.
    null[np.abs(null - real) <= TIE * real] = real
    p_value = (1 + int((null >= real).sum())) / (1 + NULL_DRAWS)
    return Structure(real / max(float(null.max()), 1e-12), p_value)


MIN_MORE = 0.25
"""However close the votes are to showing structure, at least a quarter more are asked for."""


def votes_for_structure(total_votes: int, ratio: float) -> int:
    """A rough count of the votes still needed before the structure shows.

    The variance a real split gives the first axis grows with the votes, the
    shuffles' largest much more slowly: the votes are scaled by the inverse of
    the ratio still missing, a quarter more at least.
    """
    more = max(1.0 / max(ratio, 0.1) - 1.0, MIN_MORE)
    return max(1, math.ceil(total_votes * more))
