"""The summaries of many discussions (``python -m bot analyze``, the benchmarks).

One stance model is fitted per server (``guild_id``) on every declared stance
of that server's discussions, so each discussion learns from the others;
discussions without a server learn only from themselves.

With ``workers`` > 1 (the CLI passes the number of CPUs), the per-discussion
part runs in forked processes, which inherit what they need instead of
receiving it: first the opinion groups (which need no stance; half the time
at 100k replies) while this process fits the stance models and reads the
replies' vectors (``vectors_from``), then prediction, arguments, keywords and
themes with the fitted models. The summaries are the same, in the same order;
:func:`analyze_rendered` has the workers send what is made of each (the CLI:
its JSON text) instead.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from typing import Any, TypeVar

from bot.analysis._blas import one_blas_thread
from bot.analysis._gc import paused_gc
from bot.analysis.model import Discussion
from bot.analysis.polis.result import GroupsResult
from bot.analysis.stance import ReplyStance, StanceModel
from bot.analysis.summarize import (
    Vectors,
    opinion_groups,
    summarize_with,
    summary_before_groups,
    with_groups_found,
)
from bot.analysis.summary import DiscussionSummary

Rendered = TypeVar("Rendered")

PARALLEL_MIN_REPLIES = 5_000
"""Below this many replies, starting processes costs more than it saves."""


def analyze(
    discussions: Sequence[Discussion],
    *,
    seed: int = 0,
    workers: int = 1,
    vectors: Vectors | None = None,
    vectors_from: Callable[[], Vectors] | None = None,
) -> tuple[DiscussionSummary, ...]:
    """The summary of every discussion, each learning from its server's other discussions.

    With the replies' ``vectors`` (by reply id), each summary has its themes;
    ``vectors_from`` gives them instead, called while the opinion groups are
    found in other processes (reading a cache of 100k vectors takes a second).
    One BLAS thread: the analysis' matrices are small (see :mod:`._blas`).
    """
    return _analyze(discussions, seed, workers, _loader(vectors, vectors_from), None)


def analyze_rendered(
    discussions: Sequence[Discussion],
    render: Callable[[DiscussionSummary], Rendered],
    *,
    seed: int = 0,
    workers: int = 1,
    vectors: Vectors | None = None,
    vectors_from: Callable[[], Vectors] | None = None,
) -> tuple[Rendered, ...]:
    """``render`` of each summary of :func:`analyze`, called in the workers when there are.

    For the CLI's report: the workers send each discussion's JSON text, so this
    process neither rebuilds the summaries nor writes their JSON once the
    workers are done (at 100k replies about a second, one CPU idle).
    """
    return _analyze(discussions, seed, workers, _loader(vectors, vectors_from), render)


def _loader(
    vectors: Vectors | None, vectors_from: Callable[[], Vectors] | None
) -> Callable[[], Vectors | None]:
    if vectors is not None and vectors_from is not None:
        raise ValueError("vectors or vectors_from, not both")
    return vectors_from or (lambda: vectors)


def _analyze(
    discussions: Sequence[Discussion],
    seed: int,
    workers: int,
    vectors_from: Callable[[], Vectors | None],
    render: Callable[[DiscussionSummary], Any] | None,
) -> tuple[Any, ...]:
    """The summaries, or what ``render`` makes of each."""
    n_replies = sum(len(d.replies) for d in discussions)
    with paused_gc(), one_blas_thread():
        # fork only: the workers must inherit the models (Linux; macOS forks unsafely)
        if workers >= 2 and n_replies >= PARALLEL_MIN_REPLIES and sys.platform == "linux":
            if render is None:
                return tuple(
                    map(_unpack, _in_processes(discussions, seed, workers, vectors_from, _pack))
                )
            return _in_processes(discussions, seed, workers, vectors_from, render)
        vectors = vectors_from()
        models, model_of = _fit_models(discussions, seed)
        summaries = (
            summarize_with(d, models[model_of[i]].predict(d), seed=seed, vectors=vectors)
            for i, d in enumerate(discussions)
        )
        return tuple(summaries if render is None else map(render, summaries))


def _fit_models(
    discussions: Sequence[Discussion], seed: int
) -> tuple[list[StanceModel], list[int]]:
    """One stance model per server, and the index of each discussion's model."""
    by_guild: dict[str | None, list[int]] = defaultdict(list)
    for i, d in enumerate(discussions):
        by_guild[d.guild_id if d.guild_id is not None else f"\0{i}"].append(i)
    models: list[StanceModel] = []
    model_of = [0] * len(discussions)
    for members in by_guild.values():
        models.append(StanceModel([discussions[i] for i in members], seed=seed))
        for i in members:
            model_of[i] = len(models) - 1
    return models, model_of


@dataclass(slots=True)
class _Shared:
    """What forked workers inherit instead of receiving it."""

    discussions: Sequence[Discussion]
    seed: int
    render: Callable[[DiscussionSummary], Any]
    """What the workers send of each summary."""
    vectors: Vectors | None = None
    models: list[StanceModel] = field(default_factory=list)
    model_of: list[int] = field(default_factory=list)
    groups: list[GroupsResult | None] = field(default_factory=list)


_shared: _Shared | None = None
_fork_lock = threading.Lock()
"""One parallel analysis at a time in a process: ``_shared`` is set for its forks."""

_STANCE_FIELDS = attrgetter(*(f.name for f in fields(ReplyStance)))
"""A reply stance as a plain tuple: pickled ten times faster than the dataclass."""

_Packed = tuple[DiscussionSummary, list[Any]]


def _groups_at(i: int) -> GroupsResult | None:
    assert _shared is not None, "only called in workers forked by _in_processes"
    return opinion_groups(_shared.discussions[i], seed=_shared.seed)


def _summary_at(i: int) -> Any:
    assert _shared is not None, "only called in workers forked by _in_processes"
    shared = _shared
    discussion = shared.discussions[i]
    stances = shared.models[shared.model_of[i]].predict(discussion)
    summary = summary_before_groups(discussion, stances, seed=shared.seed, vectors=shared.vectors)
    return shared.render(with_groups_found(summary, shared.groups[i], discussion))


def _pack(summary: DiscussionSummary) -> _Packed:
    return replace(summary, reply_stances=()), list(map(_STANCE_FIELDS, summary.reply_stances))


def _unpack(packed: _Packed) -> DiscussionSummary:
    summary, stances = packed
    return replace(summary, reply_stances=tuple(ReplyStance(*row) for row in stances))


def _largest_first(discussions: Sequence[Discussion]) -> list[int]:
    """The order the workers are handed the discussions in: the most replies first.

    A worker takes the next chunk when it is done with its own; with the
    smallest discussions last, both end at nearly the same time. In the
    export's order, one large discussion in the last chunk kept one worker
    busy while the other waited.
    """
    return sorted(range(len(discussions)), key=lambda i: -len(discussions[i].replies))


def _in_processes(
    discussions: Sequence[Discussion],
    seed: int,
    workers: int,
    vectors_from: Callable[[], Vectors | None],
    render: Callable[[DiscussionSummary], Any],
) -> tuple[Any, ...]:
    """Two rounds of forked workers: the opinion groups (which need neither stances nor
    vectors) while this process reads the vectors and fits the stance models, then the
    rest of each summary, sent as ``render`` makes it."""
    global _shared
    n = len(discussions)
    chunks = max(1, n // (workers * 8))
    order = _largest_first(discussions)
    context = multiprocessing.get_context("fork")
    with _fork_lock:
        _shared = _Shared(discussions, seed, render)
        try:
            with context.Pool(workers) as pool:
                pending = pool.map_async(_groups_at, order, chunksize=chunks)
                _shared.vectors = vectors_from()
                _shared.models, _shared.model_of = _fit_models(discussions, seed)
                found = dict(zip(order, pending.get(), strict=True))
            _shared.groups = [found[i] for i in range(n)]
            with context.Pool(workers) as pool:
                sent = dict(zip(order, pool.map(_summary_at, order, chunksize=chunks), strict=True))
        finally:
            _shared = None
    return tuple(sent[i] for i in range(n))
