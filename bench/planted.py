"""Synthetic conversations with planted opinion groups, for tests and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.analysis.model import Discussion, Reply, Vote


@dataclass(frozen=True, slots=True)
class Planted:
    discussion: Discussion
    truth: dict[str, int]
    """Planted group of every member."""


def planted_discussion(
    *,
    n_users: int = 300,
    n_replies: int = 40,
    n_groups: int = 2,
    votes_per_user: int = 25,
    noise: float = 0.15,
    pass_rate: float = 0.1,
    sizes: tuple[float, ...] | None = None,
    seed: int = 0,
    layout: str = "circle",
) -> Planted:
    """Members in ``n_groups`` planted groups vote on random replies.

    Groups sit evenly on a circle of a 2-D opinion space and every reply is
    a random direction in it: a group agrees with the replies that point
    its way and disagrees with the others (with ``layout="random"`` each
    group instead takes an independent random position on every reply,
    which puts 4+ groups beyond two principal components). A member votes their group's
    position, flips it with probability ``noise`` and passes with
    probability ``pass_rate``. ``n_groups = 1`` gives a conversation with
    no group structure at all.
    """
    rng = np.random.default_rng(seed)
    weights = np.asarray(sizes if sizes else [1.0] * n_groups, dtype=np.float64)
    group = rng.choice(n_groups, size=n_users, p=weights / weights.sum())
    if layout == "random":
        positions = rng.choice([-1, 1], size=(n_groups, n_replies))
    else:
        angles = 2 * np.pi * np.arange(n_groups) / n_groups
        directions = rng.uniform(0, 2 * np.pi, size=n_replies)
        cos = np.cos(angles[:, None] - directions[None, :])
        positions = np.where(cos >= 0, 1, -1)
    per_user = min(votes_per_user, n_replies)
    # Every member draws distinct replies; argsort of random keys is vectorised.
    keys = rng.random((n_users, n_replies))
    chosen = np.argsort(keys, axis=1)[:, :per_user]
    users = np.repeat(np.arange(n_users), per_user)
    cols = chosen.ravel()
    values = positions[group[users], cols]
    draw = rng.random(len(values))
    values = np.where(draw < noise, -values, values)
    values = np.where(rng.random(len(values)) < pass_rate, 0, values)
    replies = tuple(
        Reply(id=f"r{j}", author_id=f"u{rng.integers(n_users)}", text=f"statement {j}")
        for j in range(n_replies)
    )
    user_ids = [f"u{i}" for i in range(n_users)]
    reply_ids = [f"r{j}" for j in range(n_replies)]
    order = rng.permutation(len(values))
    votes = tuple(
        Vote(reply_ids[cols[i]], user_ids[users[i]], int(values[i])) for i in order.tolist()
    )
    discussion = Discussion(
        id=f"planted-{n_groups}-{seed}",
        question="Synthetic",
        options=(),
        replies=replies,
        votes=votes,
    )
    return Planted(discussion, {user_ids[i]: int(group[i]) for i in range(n_users)})
