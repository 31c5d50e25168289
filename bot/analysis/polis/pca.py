"""Principal components of a sparse vote matrix, the Pol.is way.

Pol.is fills a missing vote with the reply's mean vote and centres each
column on that mean: a missing vote then contributes exactly zero, so the
centred matrix keeps the sparsity of the votes. The two leading principal
axes come from block power (subspace) iteration on ``Cᵀ C`` with
matrix-vector products over the vote coordinates, never a dense table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.analysis.polis.arrays import FloatArray, IntArray
from bot.analysis.polis.matrix import VoteMatrix


@dataclass(frozen=True, slots=True)
class Pca:
    center: FloatArray
    """Mean vote per reply (0 for a reply nobody voted on)."""
    comps: FloatArray
    """``(n_comps, n_replies)``, unit rows, strongest first."""
    centred: FloatArray
    """Centred value of each vote coordinate (``value - center[col]``)."""


def column_means(matrix: VoteMatrix) -> FloatArray:
    sums = np.bincount(matrix.cols, weights=matrix.values, minlength=matrix.n_replies)
    counts = np.bincount(matrix.cols, minlength=matrix.n_replies)
    return np.divide(sums, counts, out=np.zeros(matrix.n_replies), where=counts > 0)


def _product(
    out_index: IntArray, in_index: IntArray, size: int, centred: FloatArray, vectors: FloatArray
) -> FloatArray:
    """The centred vote matrix (or its transpose) times ``vectors``, column by column:
    each vote adds ``centred * vectors[in_index]`` to row ``out_index`` of the result."""
    out = np.empty((size, vectors.shape[1]))
    for j in range(vectors.shape[1]):
        column = np.ascontiguousarray(vectors[:, j])
        out[:, j] = np.bincount(out_index, weights=centred * column[in_index], minlength=size)
    return out


def _times(matrix: VoteMatrix, centred: FloatArray, vectors: FloatArray) -> FloatArray:
    """``C @ vectors`` for ``vectors`` of shape ``(n_replies, b)``."""
    return _product(matrix.rows, matrix.cols, matrix.n_users, centred, vectors)


def _times_t(matrix: VoteMatrix, centred: FloatArray, vectors: FloatArray) -> FloatArray:
    """``Cᵀ @ vectors`` for ``vectors`` of shape ``(n_users, b)``."""
    return _product(matrix.cols, matrix.rows, matrix.n_replies, centred, vectors)


def sparse_pca(
    matrix: VoteMatrix,
    *,
    n_comps: int = 2,
    seed: int = 0,
    max_iter: int = 300,
    tol: float = 1e-8,
    start: FloatArray | None = None,
) -> Pca:
    """Leading principal axes of the mean-imputed vote matrix.

    Subspace iteration on a block a little wider than ``n_comps`` with a
    Rayleigh-Ritz step, which converges much faster than Pol.is's one
    vector at a time and finds the same axes. ``start`` (a previous
    ``comps``) warm-starts it.
    """
    center = column_means(matrix)
    centred = matrix.values - center[matrix.cols]
    m = matrix.n_replies
    comps_out = min(n_comps, m, matrix.n_users)
    if m == 0 or comps_out == 0 or not np.any(centred):
        return Pca(center, np.zeros((n_comps, m)), centred)
    block = min(m, n_comps + 2)
    rng = np.random.default_rng(seed)
    basis = rng.standard_normal((m, block))
    if start is not None:
        basis[:, : start.shape[0]] = start.T
    basis, _ = np.linalg.qr(basis)
    previous = np.zeros(block)
    eigvals = previous
    ritz = basis
    for _ in range(max_iter):
        product = _times_t(matrix, centred, _times(matrix, centred, basis))
        # Rayleigh-Ritz: rotate the block onto the eigenvectors of its projection.
        small = basis.T @ product
        eigvals, vecs = np.linalg.eigh((small + small.T) / 2)
        order = np.argsort(eigvals)[::-1]
        eigvals, vecs = eigvals[order], vecs[:, order]
        ritz = basis @ vecs
        scale = max(float(eigvals[0]), 1e-12)
        if np.max(np.abs(eigvals[:comps_out] - previous[:comps_out])) <= tol * scale:
            break
        previous = eigvals
        basis, _ = np.linalg.qr(product @ vecs)
    comps = np.zeros((n_comps, m))
    for i in range(comps_out):
        vec = ritz[:, i]
        if eigvals[i] <= 1e-12 * max(float(eigvals[0]), 1e-12):
            continue
        # A fixed sign convention, so equal data give equal maps.
        pivot = int(np.argmax(np.abs(vec)))
        comps[i] = vec if vec[pivot] >= 0 else -vec
    return Pca(center, comps, centred)


def project_users(matrix: VoteMatrix, pca: Pca) -> FloatArray:
    """Pol.is's sparsity-aware projection of each member, ``(n_users, n_comps)``.

    Only the member's own votes enter the dot product, and the result is
    scaled by ``sqrt(n_replies / n_votes)`` so a member who voted on few
    replies is not pulled into the centre for lack of data.
    Replies voted on but since removed count as Pol.is's zeroed columns:
    as a vote of every member and as a column, which damps the scaling.
    """
    extra_columns = matrix.removed_replies
    raw = _times(matrix, pca.centred, pca.comps.T)
    n_votes = matrix.votes_per_user() + extra_columns
    n_cols = matrix.n_replies + extra_columns
    scale = np.sqrt(n_cols / np.maximum(n_votes, 1))
    return raw * scale[:, None]


def reply_extremity(pca: Pca) -> FloatArray:
    """How far a lone "agree" on each reply lands from the centre (Pol.is's extremity)."""
    m = pca.center.shape[0]
    # A single agree (+1) on reply j, projected and scaled by sqrt(m / 1).
    proj = (1.0 - pca.center)[None, :] * pca.comps * np.sqrt(max(m, 1))
    return np.asarray(np.sqrt((proj**2).sum(axis=0)), dtype=np.float64)


def leading_variance(matrix: VoteMatrix, *, seed: int = 0, max_iter: int = 60) -> float:
    """The variance the first principal axis carries: ``|C v|^2`` for the mean-imputed,
    centred matrix ``C`` and its leading axis ``v`` (a few iterations are enough for it)."""
    pca = sparse_pca(matrix, n_comps=1, seed=seed, max_iter=max_iter, tol=1e-5)
    projected = _times(matrix, pca.centred, pca.comps.T)
    return float((projected**2).sum())
