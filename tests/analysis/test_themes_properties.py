"""Whatever the replies and vectors, themes keep their shape (property tests)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.analysis._text import STOP_WORDS, fold
from bot.analysis.model import Discussion, Reply
from bot.analysis.stance import ReplyStance
from bot.analysis.themes import find_themes
from bot.analysis.themes._words import DISCOURSE, MAX_WORD
from bot.analysis.themes.find import MIN_SIZE, QUOTE_CHARS

WORDS = ["cinéma", "acteurs", "emplois", "budget", "créativité", "prix", "musique", "x" * 300]
FILLERS = ["the", "would", "because", "really", "parce", "aussi", "leurs", "cette", "peut-être"]
"""Stop words and hedges, French and English: in many replies, never in a label."""


@st.composite
def discussions(draw: st.DrawFn) -> tuple[Discussion, dict[str, np.ndarray], list[ReplyStance]]:
    n = draw(st.integers(0, 70))
    groups = draw(st.integers(1, 7))
    dim = draw(st.sampled_from([4, 16, 64]))
    seed = draw(st.integers(0, 2**32 - 1))
    noise = draw(st.sampled_from([0.0, 0.05, 0.5, 3.0]))
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((groups, dim))
    which = rng.integers(groups, size=n)
    matrix = centres[which] + noise * rng.standard_normal((n, dim))
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    texts = []
    for i in range(n):
        k = int(rng.integers(0, 9))
        picked = [WORDS[(int(which[i]) + j) % len(WORDS)] for j in range(k)]
        picked += [FILLERS[(int(which[i]) + j) % len(FILLERS)] for j in range(k % 3)]
        texts.append(" ".join(picked) + draw(st.sampled_from(["", " ?", " <@123> https://x.y"])))
    replies = tuple(Reply(f"r{i}", f"u{i % 5}", t) for i, t in enumerate(texts))
    vectors = {f"r{i}": matrix[i].astype(np.float32) for i in range(n) if rng.random() > 0.1}
    stances = [
        ReplyStance(f"r{i}", draw(st.sampled_from(["Oui", "Non", None])), 0.9, "inferred")
        for i in range(n)
    ]
    d = Discussion("p", "Le cinéma ?", ("Oui", "Non"), replies=replies)
    return d, vectors, stances


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(discussions())
def test_themes_keep_their_shape(
    case: tuple[Discussion, dict[str, np.ndarray], list[ReplyStance]],
) -> None:
    d, vectors, stances = case
    result = find_themes(d, vectors, stances)
    event(result.status)
    assert result.status in {"themes", "too_few", "unclear"}
    assert result.missing_vectors == sum(r.id not in vectors for r in d.replies)
    if result.status != "themes":
        assert result.themes == ()
        return
    assert 2 <= len(result.themes) <= 6
    seen: set[str] = set()
    for theme in result.themes:
        assert theme.size >= MIN_SIZE
        assert set(theme.reply_ids) <= set(vectors) and not seen & set(theme.reply_ids)
        seen |= set(theme.reply_ids)
        assert 1 <= len(theme.words) <= 3
        assert all(len(w) <= MAX_WORD for w in theme.words)
        assert not {fold(w) for w in theme.words} & (STOP_WORDS | DISCOURSE), theme.words
        assert 0.0 <= theme.stability <= 1.0
        assert sum(theme.stances.values()) <= theme.size
        for quote in theme.quotes:
            assert quote.reply_id in theme.reply_ids
            assert 0 < len(quote.quote) <= QUOTE_CHARS + 1
            assert "<@123>" not in quote.quote
        assert set(theme.to_json()) == {
            "id",
            "label",
            "reply_ids",
            "stances",
            "declared",
            "quotes",
            "stability",
        }
    assert seen.isdisjoint(result.unthemed)
