"""What each opinion group stands for, what unites and what divides them.

Per group and reply Pol.is counts agrees, disagrees and votes (passes
included) with +1 smoothing, tests the group's agree (or disagree) rate
against everyone else's with a two-proportion z-test, and keeps the
replies that are both frequent in the group (one-proportion test) and
distinctive (two-proportion test), five at most, agrees first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.analysis.polis.arrays import BoolArray, FloatArray, IntArray
from bot.analysis.polis.matrix import VoteMatrix

Z_90 = 1.2816
"""One-sided 90 % significance, Pol.is's bar for a representative reply."""


@dataclass(frozen=True, slots=True)
class GroupCounts:
    """Agree / disagree / seen counts, shape ``(n_groups, n_replies)``."""

    agree: FloatArray
    disagree: FloatArray
    seen: FloatArray


def group_counts(matrix: VoteMatrix, labels: IntArray, n_groups: int) -> GroupCounts:
    """Vote counts per group; ``labels[user] < 0`` leaves a user out."""
    group = labels[matrix.rows]
    keep = group >= 0
    flat = group[keep] * matrix.n_replies + matrix.cols[keep]
    size = n_groups * matrix.n_replies
    vals = matrix.values[keep]

    def count(mask: BoolArray) -> FloatArray:
        counted = np.bincount(flat[mask], minlength=size).astype(np.float64)
        return counted.reshape(n_groups, matrix.n_replies)

    return GroupCounts(count(vals > 0), count(vals < 0), count(np.ones_like(vals, dtype=bool)))


def prop_test(success: FloatArray, n: FloatArray) -> FloatArray:
    s, t = success + 1, n + 1
    return np.asarray(2 * np.sqrt(t) * (s / t - 0.5), dtype=np.float64)


def two_prop_test(
    succ_in: FloatArray, succ_out: FloatArray, n_in: FloatArray, n_out: FloatArray
) -> FloatArray:
    s1, s2, n1, n2 = succ_in + 1, succ_out + 1, n_in + 1, n_out + 1
    p1, p2 = s1 / n1, s2 / n2
    pooled = (s1 + s2) / (n1 + n2)
    var = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    z = np.divide(p1 - p2, np.sqrt(var), out=np.zeros_like(p1), where=var > 0)
    return np.asarray(z, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class RepChoice:
    col: int
    direction: str
    agree_rate: float
    disagree_rate: float
    z: float
    n_votes: int


def representative(counts: GroupCounts, *, limit: int = 5) -> list[list[RepChoice]]:
    """Pol.is's representative replies per group (its ``select-rep-comments``)."""
    a, d, s = counts.agree, counts.disagree, counts.seen
    a_out, d_out, s_out = a.sum(0) - a, d.sum(0) - d, s.sum(0) - s
    pa, pd = (a + 1) / (s + 2), (d + 1) / (s + 2)
    ra = pa / ((a_out + 1) / (s_out + 2))
    rd = pd / ((d_out + 1) / (s_out + 2))
    pat, pdt = prop_test(a, s), prop_test(d, s)
    rat, rdt = two_prop_test(a, a_out, s, s_out), two_prop_test(d, d_out, s, s_out)
    out: list[list[RepChoice]] = []
    for g in range(a.shape[0]):

        def choice(j: int, *, g: int = g) -> RepChoice:
            agree = rat[g, j] > rdt[g, j]
            return RepChoice(
                col=j,
                direction="agree" if agree else "disagree",
                agree_rate=float(a[g, j] / s[g, j]) if s[g, j] else 0.0,
                disagree_rate=float(d[g, j] / s[g, j]) if s[g, j] else 0.0,
                z=float(rat[g, j] if agree else rdt[g, j]),
                n_votes=int(s[g, j]),
            )

        def metric(j: int, *, g: int = g) -> float:
            if rat[g, j] > rdt[g, j]:
                return float(ra[g, j] * rat[g, j] * pa[g, j] * pat[g, j])
            return float(rd[g, j] * rdt[g, j] * pd[g, j] * pdt[g, j])

        sufficient = [
            j
            for j in range(a.shape[1])
            if (rat[g, j] > Z_90 and pat[g, j] > Z_90) or (rdt[g, j] > Z_90 and pdt[g, j] > Z_90)
        ]
        best_agree = _best_agree(g, a, d, ra, rat, pa, pat)
        if not sufficient:
            if best_agree is not None:
                out.append([choice(best_agree)])
                continue
            voted = [j for j in range(a.shape[1]) if s[g, j] > 0]
            if not voted:
                out.append([])
                continue
            best = max(voted, key=lambda j, g=g: max(rat[g, j], rdt[g, j]))  # type: ignore[misc]
            out.append([choice(best)])
            continue
        ranked = sorted((j for j in sufficient if j != best_agree), key=metric, reverse=True)
        picked = ([best_agree] if best_agree is not None else []) + ranked
        chosen = [choice(j) for j in picked[:limit]]
        chosen.sort(key=lambda c: c.direction != "agree")  # stable: agrees first
        out.append(chosen)
    return out


def _best_agree(
    g: int,
    a: FloatArray,
    d: FloatArray,
    ra: FloatArray,
    rat: FloatArray,
    pa: FloatArray,
    pat: FloatArray,
) -> int | None:
    """Pol.is's ``beats-best-agr?`` scan: the group's most telling agreed reply."""
    best: int | None = None
    for j in range(a.shape[1]):
        if a[g, j] == 0 and d[g, j] == 0:
            continue
        if best is not None and ra[g, best] > 1.0:
            better = ra[g, j] * rat[g, j] * pa[g, j] * pat[g, j] > (
                ra[g, best] * rat[g, best] * pa[g, best] * pat[g, best]
            )
        elif best is not None:
            better = pa[g, j] * pat[g, j] > pa[g, best] * pat[g, best]
        else:
            better = bool(pat[g, j] > Z_90 or (ra[g, j] > 1.0 and pa[g, j] > 0.5))
        if better:
            best = j
    return best
