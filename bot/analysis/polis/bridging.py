"""What people agree with across the divide, scored as Community Notes scores a note.

Community Notes (twitter/communitynotes, ``matrix_factorization``) models each
rating as ``mu + i_user + i_note + f_user * f_note``: one factor ``f`` takes
up whatever splits the raters (their side), so a note's intercept ``i_note``
is the agreement left once sides are accounted for. A note that only one
side likes gets a large ``|f_note|`` and a small intercept; one liked on both
sides gets a large intercept. Here a vote is a rating (agree 1, disagree 0;
a pass rates nothing) and a reply is a note.

A reply is listed only when every opinion group voted on it (agree or disagree, at
least once): the factor is fitted on the votes cast, so a reply one group only
passed on (or never saw) can score as if agreed with across the divide on the other
groups' word alone (:func:`heard_by_every_group`).

The loss is Community Notes': mean squared error plus ``LAMBDA_FACTOR``
times the mean squared factor and ``LAMBDA_INTERCEPT`` (five times more)
times the mean squared intercept. It is minimised by alternating least
squares (each block in closed form) instead of Community Notes' gradient
descent; the minimum is the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.analysis.polis.arrays import BoolArray, FloatArray, IntArray
from bot.analysis.polis.matrix import VoteMatrix
from bot.analysis.polis.repness import GroupCounts
from bot.analysis.polis.result import BridgingReply

LAMBDA_FACTOR = 0.03
"""Community Notes' ``l2_lambda`` (not chosen on our data)."""
LAMBDA_INTERCEPT = 5 * LAMBDA_FACTOR
"""Community Notes' ``l2_intercept_multiplier`` of 5."""
MIN_RATINGS = 5
"""Community Notes scores a note once it has five ratings."""
MAX_FACTOR = 0.5
"""Community Notes calls a note helpful only when ``|f_note| < 0.5``: not one side's."""
SWEEPS = 50
"""At most this many sweeps: the eight Pol.is conversations converge in 21 to 62, and their
five best replies are the same after 30 as after 200."""
TOLERANCE = 1e-7
"""Stop when the loss moves less than this (Community Notes' ``convergence``)."""
MAX_LISTED = 5


@dataclass(frozen=True, slots=True)
class Factorisation:
    mean: float
    user_intercepts: FloatArray
    user_factors: FloatArray
    reply_intercepts: FloatArray
    reply_factors: FloatArray
    reply_ratings: IntArray
    loss: float


def factorise(
    rows: IntArray, cols: IntArray, ratings: FloatArray, shape: tuple[int, int], *, seed: int = 0
) -> Factorisation:
    """Fit ``ratings ~ mu + a[rows] + b[cols] + f[rows] * g[cols]`` (Community Notes' loss)."""
    n_users, n_replies = shape
    n = len(ratings)
    rng = np.random.default_rng(seed)
    a, f = np.zeros(n_users), rng.normal(0.0, 0.1, n_users)
    b, g = np.zeros(n_replies), np.zeros(n_replies)
    mu = float(ratings.mean()) if n else 0.0
    # The loss's mean penalties (over the users and replies that have ratings),
    # as per-parameter ridge weights on the summed squared error.
    n_rated = (max(len(np.unique(rows)), 1), max(len(np.unique(cols)), 1))
    user_pen = (n * LAMBDA_INTERCEPT / n_rated[0], n * LAMBDA_FACTOR / n_rated[0])
    reply_pen = (n * LAMBDA_INTERCEPT / n_rated[1], n * LAMBDA_FACTOR / n_rated[1])
    per_reply = np.bincount(cols, minlength=n_replies).astype(np.float64)
    per_user = np.bincount(rows, minlength=n_users).astype(np.float64)
    loss = np.inf
    for _ in range(SWEEPS if n else 0):
        b, g = _ridge_pair(cols, per_reply, ratings - mu - a[rows], f[rows], reply_pen)
        a, f = _ridge_pair(rows, per_user, ratings - mu - b[cols], g[cols], user_pen)
        residual = ratings - a[rows] - b[cols] - f[rows] * g[cols]
        mu = float(residual.mean())
        new_loss = _loss(residual - mu, (a, b, f, g), n_rated)
        if abs(loss - new_loss) < TOLERANCE:
            loss = new_loss
            break
        loss = new_loss
    return Factorisation(mu, a, f, b, g, per_reply.astype(np.int64), float(loss if n else 0.0))


def _ridge_pair(
    index: IntArray,
    counts: FloatArray,
    target: FloatArray,
    other: FloatArray,
    penalty: tuple[float, float],
) -> tuple[FloatArray, FloatArray]:
    """Per ``index``: the ridge fit of ``target ~ c + d * other`` (a 2 x 2 system each);
    ``counts`` is how often each index occurs."""
    size = len(counts)
    count = counts + penalty[0]
    sx = np.bincount(index, weights=other, minlength=size)
    sxx = np.bincount(index, weights=other * other, minlength=size) + penalty[1]
    sy = np.bincount(index, weights=target, minlength=size)
    sxy = np.bincount(index, weights=target * other, minlength=size)
    det = count * sxx - sx * sx
    det = np.where(np.abs(det) < 1e-12, 1e-12, det)
    return (sxx * sy - sx * sxy) / det, (count * sxy - sx * sy) / det


def _loss(
    error: FloatArray,
    params: tuple[FloatArray, FloatArray, FloatArray, FloatArray],
    n_rated: tuple[int, int],
) -> float:
    """Community Notes' loss; parameters of unrated users or replies are zero and not counted."""
    a, b, f, g = params
    users, replies = n_rated
    total = float(np.mean(error * error))
    total += LAMBDA_INTERCEPT * (float(a @ a) / users + float(b @ b) / replies)
    total += LAMBDA_FACTOR * (float(f @ f) / users + float(g @ g) / replies)
    return total


def factorise_votes(matrix: VoteMatrix, *, seed: int = 0) -> Factorisation:
    """:func:`factorise` of the votes of ``matrix``: agree 1, disagree 0, passes left out."""
    rated = matrix.values != 0
    return factorise(
        matrix.rows[rated],
        matrix.cols[rated],
        (matrix.values[rated] > 0).astype(np.float64),
        (matrix.n_users, matrix.n_replies),
        seed=seed,
    )


def heard_by_every_group(counts: GroupCounts) -> BoolArray:
    """Per reply: whether every opinion group cast at least one agree or disagree vote
    on it. A group that only passed says nothing of whether the reply bridges it."""
    return np.asarray(((counts.agree + counts.disagree) > 0).all(axis=0), dtype=np.bool_)


def bridging_replies(
    matrix: VoteMatrix,
    *,
    seed: int = 0,
    heard: BoolArray | None = None,
    limit: int = MAX_LISTED,
) -> tuple[BridgingReply, ...]:
    """The replies agreed with across the divide, best first (at most ``limit``).

    Listed: at least :data:`MIN_RATINGS` agree/disagree votes, an intercept
    above zero (more agreed with than the average reply once sides are
    accounted for), a factor under :data:`MAX_FACTOR` (not one side's) and,
    when ``heard`` is given (the opinion groups found), voted on by every group.
    """
    rated = np.bincount(matrix.cols[matrix.values != 0], minlength=matrix.n_replies)
    if not (rated >= MIN_RATINGS).any():
        return ()  # nothing could be listed: no need to fit
    model = factorise_votes(matrix, seed=seed)
    scores = model.reply_intercepts
    ok = (model.reply_ratings >= MIN_RATINGS) & (scores > 0)
    ok &= np.abs(model.reply_factors) < MAX_FACTOR
    if heard is not None:
        ok &= heard
    order = [j for j in np.argsort(-scores, kind="stable") if ok[j]][:limit]
    return tuple(
        BridgingReply(
            reply_id=matrix.replies[j],
            score=float(scores[j]),
            factor=float(model.reply_factors[j]),
            n_votes=int(model.reply_ratings[j]),
        )
        for j in order
    )
