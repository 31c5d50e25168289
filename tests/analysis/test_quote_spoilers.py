"""A quote cut inside what a member hid as a spoiler (``||…||``) keeps it hidden: the
echoes mask a whole spoiler only, and the cut left its opening ``||`` without its end."""

from __future__ import annotations

import pytest

from bot.analysis._text import cut_quote
from bot.discord_text import masked, safe

TWIST = (
    "Bruce Willis est un fantôme et le petit garçon voit les morts depuis le tout début du "
    "film ce qui explique pourquoi sa femme ne lui parle jamais au restaurant ni ailleurs"
)


@pytest.mark.parametrize(
    "text",
    [
        f"Quel film ||{TWIST} et il porte toujours les mêmes habits du début à la fin||",
        f"||{TWIST}. Et le garçon le savait depuis longtemps.|| Génial.",  # cut at a sentence
        f"Un film culte. Vraiment culte pour moi. ||{TWIST}||",
    ],
)
def test_a_quote_cut_inside_a_spoiler_shows_none_of_it(text: str) -> None:
    quote = cut_quote(text, 200)
    for shown in (safe(quote), masked(quote)):  # Discord, the web room
        assert "Bruce" not in shown and "fantôme" not in shown, shown
        assert "▒▒▒" in shown or "||" not in quote


def test_a_quote_with_its_spoiler_whole_is_unchanged() -> None:
    assert cut_quote("Court. ||La fin.|| Oui.", 200) == "Court. ||La fin.|| Oui."
