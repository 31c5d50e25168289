"""A side's arguments are quoted in its members' words: a reply whose words are all hidden
as a spoiler was quoted as « ▒▒▒ » (every echo masks a spoiler), an argument that shows
nothing, ahead of replies that could be read. Its stance still counts; the groups part,
which names the replies voted on, may still list it (its link reveals it in Discord)."""

from __future__ import annotations

from bot.analysis.arguments import select_arguments
from bot.analysis.model import Discussion, Reply, Vote
from bot.analysis.stance import ReplyStance
from bot.discord_text import safe

HIDDEN = "||Non, les téléphones gâchent complètement la concentration des élèves en classe.||"
READABLE = [
    "Non, les récréations sont plus joyeuses sans écrans, les enfants jouent ensemble.",
    "Non, le harcèlement commence souvent dans la cour avec les téléphones portables.",
    "Non, ||le film de ce soir finit mal|| mais les écrans nuisent au sommeil des enfants.",
]


def _arguments(texts: list[str], votes: tuple[Vote, ...] = ()) -> list[str]:
    discussion = Discussion(
        id="d",
        question="Interdire les téléphones au collège ?",
        options=("Oui", "Non"),
        replies=tuple(Reply(f"r{i}", f"a{i}", t) for i, t in enumerate(texts)),
        votes=votes,
    )
    stances = [ReplyStance(f"r{i}", "Non", 0.95, "declared") for i in range(len(texts))]
    return [a.quote for a in select_arguments(discussion, stances)["Non"]]


def test_a_reply_all_spoiler_is_no_argument() -> None:
    agreed = tuple(Vote("r0", f"v{n}", 1) for n in range(6))  # the most agreed reply
    quotes = _arguments([HIDDEN, *READABLE], agreed)
    assert HIDDEN not in quotes
    assert len(quotes) == 3 and all(safe(q) != "▒▒▒" for q in quotes)


def test_a_reply_whose_quoted_sentences_are_all_spoiler_is_no_argument() -> None:
    """Its words after the spoiler are read, but the quote (its first sentences) was the
    spoiler alone."""
    twist = "||" + "Le professeur de musique était le coupable depuis le début du film. " * 3
    hidden_first = twist + "|| Non, les écrans nuisent au sommeil des enfants, vraiment."
    quotes = _arguments([hidden_first, *READABLE])
    assert len(quotes) == 3 and all(safe(q) != "▒▒▒" for q in quotes), quotes


def test_a_reply_with_a_spoiler_beside_its_words_is_still_quoted() -> None:
    quotes = _arguments([READABLE[2], "Oui"])
    assert quotes == [READABLE[2]]
    assert "▒▒▒" in safe(quotes[0]) and "finit mal" not in safe(quotes[0])
