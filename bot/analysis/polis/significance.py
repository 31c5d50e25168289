"""Chi-square tests of the groups' votes and the false-discovery-rate control over replies.

No SciPy in the bot: the chi-square tail is the regularised upper gamma
function, which has a closed form for the whole and half degrees of freedom
a table of k groups gives.
"""

from __future__ import annotations

import math

import numpy as np

from bot.analysis.polis.arrays import FloatArray


def chi2_sf(x: FloatArray, df: int) -> FloatArray:
    """P(X >= x) for X chi-square with ``df`` degrees of freedom (``df >= 1``).

    With ``h = x / 2``: for even ``df = 2m`` the tail is ``exp(-h) * sum_{i<m} h^i / i!``;
    for odd ``df = 2m + 1`` it is ``erfc(sqrt(h)) + exp(-h) * sum_{i=1..m} h^(i-1/2) / G(i+1/2)``.
    """
    h = np.maximum(np.asarray(x, dtype=np.float64), 0.0) / 2.0
    out = np.zeros_like(h)
    if df % 2 == 0:
        term = np.ones_like(h)
        for i in range(df // 2):
            if i:
                term = term * h / i
            out += term
        return np.asarray(np.clip(np.exp(-h) * out, 0.0, 1.0), dtype=np.float64)
    root = np.sqrt(h)
    out = np.array([math.erfc(v) for v in root.ravel()]).reshape(h.shape)
    term = root / math.gamma(1.5)
    for i in range(1, df // 2 + 1):
        if i > 1:
            term = term * h / (i - 0.5)
        out += np.exp(-h) * term
    return np.asarray(np.clip(out, 0.0, 1.0), dtype=np.float64)


def independence_p_values(agree: FloatArray, disagree: FloatArray) -> FloatArray:
    """Per reply, the p-value of "every group agrees at the same rate" (Pearson's chi-square).

    ``agree`` and ``disagree`` are ``(n_groups, n_replies)`` counts; passes
    are left out. Groups that did not vote on a reply drop out of its table;
    a reply with fewer than two such groups, or voted only one way, gets 1.
    """
    n_groups, n_replies = agree.shape
    out = np.ones(n_replies)
    totals = agree + disagree
    voting = totals > 0
    for df in range(1, n_groups):
        cols = np.flatnonzero(voting.sum(axis=0) == df + 1)
        if not len(cols):
            continue
        a, n = agree[:, cols], totals[:, cols]
        rate = a.sum(axis=0) / n.sum(axis=0)
        spread = (rate > 0) & (rate < 1)
        expected_a, expected_d = n * rate, n * (1 - rate)
        with np.errstate(divide="ignore", invalid="ignore"):
            stat = np.where(n > 0, (a - expected_a) ** 2 / expected_a, 0.0)
            stat += np.where(n > 0, (n - a - expected_d) ** 2 / expected_d, 0.0)
        stat = np.nan_to_num(stat.sum(axis=0))
        out[cols] = np.where(spread, chi2_sf(stat, df), 1.0)
    return out


def benjamini_hochberg(p_values: FloatArray) -> FloatArray:
    """Benjamini-Hochberg adjusted p-values (q-values): reject where ``q <= alpha``."""
    p = np.asarray(p_values, dtype=np.float64)
    n = len(p)
    if n == 0:
        return p.copy()
    order = np.argsort(p)
    scaled = p[order] * n / np.arange(1, n + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    out = np.empty(n)
    out[order] = np.minimum(adjusted, 1.0)
    return out
