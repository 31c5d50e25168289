"""A theme is quoted in words readers can see: a reply whose quoted sentences are all
hidden as a spoiler was a theme's quote « ▒▒▒ » (every echo masks a spoiler) when it was
the theme's most typical reply. The theme keeps its replies; another one is quoted."""

from __future__ import annotations

from dataclasses import replace

from bot.analysis._text import readable, unspoiled
from bot.analysis.embeddings import UniversalSentenceEncoder
from bot.analysis.themes import find_themes
from tests.analysis.test_themes import discussion_of, vectors_of
from tests.analysis.themes_samples import ENGLISH, SHORT


def test_a_reply_all_spoiler_is_not_a_themes_quote(encoder: UniversalSentenceEncoder) -> None:
    texts = [t for group in ENGLISH.values() for t in group] + SHORT
    clean = discussion_of(texts, "Should studios replace actors with AI?")
    vectors = vectors_of(encoder, clean)  # kept: the hidden reply means the same
    first = find_themes(clean, vectors)
    assert first.status == "themes"
    hidden = first.themes[0].quotes[0].reply_id
    spoiled = replace(
        clean,
        replies=tuple(
            replace(r, text=f"||{r.text}||") if r.id == hidden else r for r in clean.replies
        ),
    )
    again = find_themes(spoiled, vectors)
    theme = next(t for t in again.themes if hidden in t.reply_ids)
    assert theme.quotes and hidden not in {q.reply_id for q in theme.quotes}
    assert all(readable(unspoiled(q.quote)) for t in again.themes for q in t.quotes)
