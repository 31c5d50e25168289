"""The map's principal axes: exact on small blocks, iterated on large ones, the same axes.

Both paths are checked against a dense eigen-decomposition of the
mean-imputed, centred vote table (what Pol.is reduces), and parallel
analysis is checked to call a tie between the data and a shuffle a tie.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.polis import pca as pca_module
from bot.analysis.polis.matrix import VoteMatrix
from bot.analysis.polis.pca import leading_variance, leading_variances, sparse_pca
from bot.analysis.polis.structure import opinion_structure, shuffled_values


def _matrix(table: np.ndarray) -> VoteMatrix:
    """Votes from a members x replies table, ``nan`` for no vote."""
    rows, cols = np.nonzero(~np.isnan(table))
    return VoteMatrix(
        users=tuple(f"u{i}" for i in range(table.shape[0])),
        replies=tuple(f"r{j}" for j in range(table.shape[1])),
        rows=rows.astype(np.int64),
        cols=cols.astype(np.int64),
        values=table[rows, cols].astype(np.float64),
        extra_votes=np.zeros(table.shape[0], dtype=np.int64),
    )


def _reference(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (descending) and axes of ``Cᵀ C`` for the mean-imputed, centred table."""
    voted = ~np.isnan(table)
    counts = voted.sum(axis=0)
    means = np.divide(
        np.where(voted, table, 0).sum(axis=0),
        counts,
        out=np.zeros(table.shape[1]),
        where=counts > 0,
    )
    centred = np.where(voted, table - means, 0.0)
    values, vectors = np.linalg.eigh(centred.T @ centred)
    return values[::-1], vectors[:, ::-1]


def _random_table(seed: int, members: int, replies: int, fill: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    table = rng.choice([-1.0, 0.0, 1.0], size=(members, replies))
    # Two camps, so the leading axes are well separated from the rest.
    table[: members // 2, : replies // 2] = 1.0
    table[members // 2 :, : replies // 2] = -1.0
    table[rng.random((members, replies)) > fill] = np.nan
    return table


@pytest.mark.parametrize("dense_cells", [0, 10**9], ids=["iterated", "exact"])
def test_both_paths_find_the_axes_of_the_dense_table(
    monkeypatch: pytest.MonkeyPatch, dense_cells: int
) -> None:
    monkeypatch.setattr(pca_module, "DENSE_CELLS", dense_cells)
    table = _random_table(3, 60, 24, 0.5)
    values, vectors = _reference(table)
    comps = sparse_pca(_matrix(table)).comps
    for i in range(2):
        assert abs(float(comps[i] @ vectors[:, i])) == pytest.approx(1.0, abs=1e-6)
    assert leading_variance(_matrix(table)) == pytest.approx(values[0], rel=1e-8)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    members=st.integers(2, 30),
    replies=st.integers(1, 15),
    fill=st.floats(0.05, 1.0),
)
def test_exact_axes_span_the_leading_eigenvectors(
    seed: int, members: int, replies: int, fill: float
) -> None:
    table = _random_table(seed, members, replies, fill)
    values, vectors = _reference(table)
    comps = sparse_pca(_matrix(table)).comps
    assert leading_variance(_matrix(table)) == pytest.approx(max(values[0], 0.0), abs=1e-9)
    for i in range(2):
        if np.linalg.norm(comps[i]) == 0:
            assert i >= len(values) or values[i] <= 1e-9 * max(values[0], 1e-12)
            continue
        assert np.linalg.norm(comps[i]) == pytest.approx(1.0)
        # The axis is an eigenvector of Cᵀ C with the i-th eigenvalue.
        centred_gram = vectors @ np.diag(values) @ vectors.T
        assert np.allclose(centred_gram @ comps[i], values[i] * comps[i], atol=1e-7)
        magnitude = np.abs(comps[i])
        first_largest = np.argmax(magnitude >= magnitude.max() - 1e-9)
        assert comps[i][first_largest] > 0, "the first largest entry is positive"


@pytest.mark.parametrize("dense_cells", [0, 10**9], ids=["iterated", "exact"])
def test_members_with_one_vote_each_show_no_structure(
    monkeypatch: pytest.MonkeyPatch, dense_cells: int
) -> None:
    """Shuffling a reply's votes among members who voted on nothing else changes
    nothing: every shuffle has the data's own spectrum, a tie, not structure."""
    monkeypatch.setattr(pca_module, "DENSE_CELLS", dense_cells)
    table = np.full((40, 8), np.nan)
    rng = np.random.default_rng(5)
    for member in range(40):
        table[member, member % 8] = rng.choice([-1.0, 1.0])
    for seed in range(10):
        structure = opinion_structure(_matrix(table), np.random.default_rng(seed))
        assert not structure.found
        assert structure.p_value == 1.0


@pytest.mark.parametrize("dense_cells", [0, 10**9], ids=["iterated", "exact"])
def test_shuffles_in_one_batch_equal_each_alone(
    monkeypatch: pytest.MonkeyPatch, dense_cells: int
) -> None:
    monkeypatch.setattr(pca_module, "DENSE_CELLS", dense_cells)
    matrix = _matrix(_random_table(8, 50, 20, 0.4))
    rng = np.random.default_rng(2)
    draws = [shuffled_values(matrix, rng) for _ in range(6)]
    alone = [leading_variance(replace(matrix, values=v), seed=i) for i, v in enumerate(draws)]
    assert leading_variances(matrix, draws) == pytest.approx(alone, rel=1e-9)
    assert leading_variances(matrix, []).shape == (0,)
