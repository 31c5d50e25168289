"""Property tests: any text gives a valid, deterministic stance."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.model import Discussion, Reply
from bot.analysis.stance import infer_stances

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
    first = infer_stances(d)
    assert [s.reply_id for s in first] == [str(i) for i in range(len(texts))]
    for s in first:
        assert s.option is None or s.option in options
        assert 0.0 <= s.confidence <= 1.0
        assert s.source == "inferred"
    assert infer_stances(d) == first
