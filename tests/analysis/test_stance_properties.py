"""Property tests: any text gives a valid, deterministic stance; the move to a
discussion's own yes rate keeps its replies' order."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.model import Discussion, Reply
from bot.analysis.stance import StanceModel
from bot.analysis.stance.learners import adapt_to_discussion

OPTION_SETS = st.sampled_from(
    [
        ("Oui", "Non"),
        ("Oui", "Non", "Nuancé"),
        ("Yes", "No", "Nuanced"),
        ("Un simple outil", "Un co-créateur", "Aucun rôle"),
        ("A", "B", "C", "D"),
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(max_size=300), max_size=6),
    options=OPTION_SETS,
    question=st.text(max_size=120),
)
def test_any_text_gives_a_valid_deterministic_stance(
    texts: list[str], options: tuple[str, ...], question: str
) -> None:
    d = Discussion(
        id="d",
        question=question,
        options=options,
        replies=tuple(Reply(id=str(i), author_id=str(i), text=t) for i, t in enumerate(texts)),
    )
    first = StanceModel([d]).predict(d)
    assert [s.reply_id for s in first] == [str(i) for i in range(len(texts))]
    for s in first:
        assert s.option is None or s.option in options
        assert s.leaning is None or s.leaning in options
        assert s.option is None or s.option == s.leaning
        assert 0.0 <= s.confidence <= 1.0
        assert s.source == "inferred"
    assert StanceModel([d]).predict(d) == first


@settings(max_examples=200, deadline=None)
@given(
    probabilities=st.lists(st.floats(0.001, 0.999), min_size=1, max_size=40),
    base=st.floats(0.05, 0.95),
    declared=st.lists(st.sampled_from([None, 0.0, 1.0]), max_size=40),
)
def test_moving_to_a_discussions_rate_keeps_the_order_of_its_replies(
    probabilities: list[float], base: float, declared: list[float | None]
) -> None:
    p = np.array(probabilities)
    labels = np.array(
        [np.nan if d is None else d for d in (declared + [None] * len(p))[: len(p)]],
        dtype=np.float64,
    )
    q = adapt_to_discussion(p, base, labels, 10.0)
    assert np.all((q > 0.0) & (q < 1.0))
    # one ratio of rates for the whole discussion: the ranking of its replies is unchanged
    order = np.argsort(p, kind="stable")
    assert np.all(np.diff(q[order]) >= -1e-12)
    assert np.array_equal(adapt_to_discussion(p, base, labels, 10.0), q)


def test_a_discussion_at_the_servers_rate_is_left_as_it_is() -> None:
    p = np.array([0.2, 0.4, 0.6, 0.8])
    unknown = np.full(4, np.nan)
    assert np.allclose(adapt_to_discussion(p, 0.5, unknown, 10.0), p)


def test_declared_sides_pull_the_undeclared_replies_their_way() -> None:
    p = np.array([0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
    all_yes = np.array([1.0, 1.0, 1.0, 1.0, 1.0, np.nan])
    all_no = np.array([0.0, 0.0, 0.0, 0.0, 0.0, np.nan])
    assert adapt_to_discussion(p, 0.5, all_yes, 10.0)[-1] > 0.6
    assert adapt_to_discussion(p, 0.5, all_no, 10.0)[-1] < 0.4
    # replies leaning yes on a server that mostly says no: their discussion is a yes one
    mostly_yes = np.array([0.9, 0.8, 0.85, 0.7])
    unknown = np.full(4, np.nan)
    assert adapt_to_discussion(mostly_yes, 0.3, unknown, 10.0)[3] > 0.7
