"""Principal components of a sparse vote matrix, the Pol.is way.

Pol.is fills a missing vote with the reply's mean vote and centres each
column on that mean: a missing vote then contributes exactly zero, so the
centred matrix keeps the sparsity of the votes. The two leading principal
axes come from block power (subspace) iteration on ``Cᵀ C`` with
matrix-vector products over the vote coordinates, never a dense table.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def column_means(matrix: VoteMatrix, values: FloatArray | None = None) -> FloatArray:
    """Mean vote per reply, of ``matrix.values`` or of ``values`` at the same coordinates."""
    weights = matrix.values if values is None else values
    sums = np.bincount(matrix.cols, weights=weights, minlength=matrix.n_replies)
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


DENSE_CELLS = 250_000
"""Largest members x replies block (those with a non-zero centred vote) solved exactly.

Below it one singular value decomposition of the dense block is cheaper than
the iteration's many small array calls; a typical Discord discussion is a
block of a few dozen cells. Above it the sparse iteration keeps memory flat.
"""


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

    A small matrix is solved exactly on its non-zero block (:func:`_dense_axes`);
    a large one by subspace iteration (:func:`_iterated_axes`). Either way each
    axis gets a fixed sign, so equal data give equal maps.
    """
    center = column_means(matrix)
    centred = matrix.values - center[matrix.cols]
    m = matrix.n_replies
    comps_out = min(n_comps, m, matrix.n_users)
    if m == 0 or comps_out == 0 or not np.any(centred):
        return Pca(center, np.zeros((n_comps, m)), centred)
    block = _nonzero_block(matrix, centred)
    if block is not None:
        eigvals, vectors = _dense_axes(*block, m)
    else:
        eigvals, vectors = _iterated_axes(matrix, centred, n_comps, seed, max_iter, tol, start)
    comps = np.zeros((n_comps, m))
    top = max(float(eigvals[0]), 1e-12)
    for i in range(min(comps_out, len(eigvals))):
        if eigvals[i] <= 1e-12 * top:
            continue
        comps[i] = _signed(vectors[:, i])
    return Pca(center, comps, centred)


def _signed(vec: FloatArray) -> FloatArray:
    """``vec`` turned so that its largest entry (the first, within rounding) is positive."""
    magnitude = np.abs(vec)
    pivot = int(np.argmax(magnitude >= magnitude.max() * (1 - 1e-9)))
    return vec if vec[pivot] >= 0 else -vec


def _nonzero_block(matrix: VoteMatrix, centred: FloatArray) -> tuple[FloatArray, IntArray] | None:
    """The dense block of members and replies with a non-zero centred vote, and its
    reply columns; ``None`` when it exceeds :data:`DENSE_CELLS`. ``centred`` is one
    set of centred votes at ``matrix``'s coordinates or a stack ``(s, votes)`` of them
    (the block then ``(s, members, replies)``, over what is non-zero in any).

    Zero rows and columns of the centred matrix add nothing to ``Cᵀ C``: its
    axes with non-zero variance are the block's, padded with zeros.
    """
    nonzero = (centred != 0) if centred.ndim == 1 else (centred != 0).any(axis=0)
    rows, row_index = np.unique(matrix.rows[nonzero], return_inverse=True)
    cols, col_index = np.unique(matrix.cols[nonzero], return_inverse=True)
    if len(rows) * len(cols) > DENSE_CELLS:
        return None
    dense = np.zeros((*centred.shape[:-1], len(rows), len(cols)))
    dense[..., row_index, col_index] = centred[..., nonzero]
    return dense, cols


def _dense_axes(dense: FloatArray, cols: IntArray, m: int) -> tuple[FloatArray, FloatArray]:
    """Eigenvalues of ``Cᵀ C`` (strongest first) and their axes as columns of an ``(m, r)`` array."""
    _, singular, right = np.linalg.svd(dense, full_matrices=False)
    vectors = np.zeros((m, len(singular)))
    vectors[cols] = right.T
    return singular**2, vectors


def _iterated_axes(
    matrix: VoteMatrix,
    centred: FloatArray,
    n_comps: int,
    seed: int,
    max_iter: int,
    tol: float,
    start: FloatArray | None,
) -> tuple[FloatArray, FloatArray]:
    """Subspace iteration on a block a little wider than ``n_comps`` with a
    Rayleigh-Ritz step, which converges much faster than Pol.is's one vector at
    a time and finds the same axes. ``start`` (a previous ``comps``) warm-starts it.
    """
    m = matrix.n_replies
    comps_out = min(n_comps, m, matrix.n_users)
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
    return eigvals, ritz


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
    centred matrix ``C`` and its leading axis ``v`` (the square of its largest singular
    value: exact for a small matrix, by ``max_iter`` Lanczos steps at most for a large one)."""
    return float(leading_variances(matrix, [matrix.values], seed=seed, max_iter=max_iter)[0])


def _lanczos_top(matrix: VoteMatrix, centred: FloatArray, seed: int, steps: int) -> float:
    """Largest singular value of the centred matrix by Golub-Kahan-Lanczos
    bidiagonalisation (fully reorthogonalised): about ``2 x steps`` sparse products,
    stopping once the estimate moves less than 1e-10 of itself, or exactly when the
    Krylov space closes; subspace iteration needs several times more for the same
    precision when the leading singular values are close (shuffled votes)."""
    m, n = matrix.n_replies, matrix.n_users
    steps = min(steps, m, n)
    right = np.zeros((m, steps))
    left = np.zeros((n, steps))
    alphas, betas = np.zeros(steps), np.zeros(steps)
    v = np.random.default_rng(seed).standard_normal(m)
    v /= np.linalg.norm(v)
    beta, u_prev, estimate = 0.0, np.zeros(n), 0.0
    for j in range(steps):
        right[:, j] = v
        u = _times(matrix, centred, v[:, None])[:, 0] - beta * u_prev
        u -= left[:, :j] @ (left[:, :j].T @ u)
        alphas[j] = np.linalg.norm(u)
        if alphas[j] <= 1e-12:
            return _bidiagonal_top(alphas[:j], betas[: max(j - 1, 0)]) if j else 0.0
        u /= alphas[j]
        left[:, j] = u
        w = _times_t(matrix, centred, u[:, None])[:, 0] - alphas[j] * v
        w -= right[:, : j + 1] @ (right[:, : j + 1].T @ w)
        beta = float(np.linalg.norm(w))
        now = _bidiagonal_top(alphas[: j + 1], betas[:j])
        if beta <= 1e-12 or abs(now - estimate) <= 1e-10 * now:
            return now
        estimate, betas[j], v, u_prev = now, beta, w / beta, u
    return estimate


def _bidiagonal_top(alphas: FloatArray, betas: FloatArray) -> float:
    """Largest singular value of the upper bidiagonal matrix of ``alphas`` and ``betas``."""
    size = len(alphas)
    bidiagonal = np.diag(alphas) + np.diag(betas[: size - 1], 1)
    return float(np.linalg.svd(bidiagonal, compute_uv=False)[0])


def leading_variances(
    matrix: VoteMatrix, value_sets: Sequence[FloatArray], *, seed: int = 0, max_iter: int = 60
) -> FloatArray:
    """:func:`leading_variance` of ``matrix`` with each of ``value_sets`` as its votes
    (at the same coordinates, e.g. shuffles): one batched decomposition when their
    common non-zero block is small, else one at a time (the ``i``-th from ``seed + i``)."""
    if not len(value_sets) or not matrix.n_replies or not matrix.n_users:
        return np.zeros(len(value_sets))
    centred = np.array([v - column_means(matrix, v)[matrix.cols] for v in value_sets])
    block = _nonzero_block(matrix, centred)
    if block is None:
        tops = [_lanczos_top(matrix, c, seed + i, max_iter) for i, c in enumerate(centred)]
        return np.array(tops) ** 2
    dense = block[0]
    if not dense.size:
        return np.zeros(len(value_sets))
    return _top_variances(dense)


GRAM_ABOVE = 16
"""Blocks whose smaller side exceeds this get their variance from the Gram matrix's
eigenvalues (twice as fast as the SVD from about 40 x 60; slower on tiny blocks)."""


def _top_variances(stack: FloatArray) -> FloatArray:
    """Largest squared singular value of each matrix of ``stack`` ``(s, r, c)``."""
    if min(stack.shape[1:]) <= GRAM_ABOVE:
        return np.asarray(np.linalg.svd(stack, compute_uv=False)[:, 0] ** 2, dtype=np.float64)
    tall = stack if stack.shape[1] >= stack.shape[2] else stack.transpose(0, 2, 1)
    gram = np.matmul(tall.transpose(0, 2, 1), tall)
    return np.asarray(np.linalg.eigvalsh(gram)[:, -1], dtype=np.float64)
