"""The groups part quotes what a reader can take as a statement: a reply of emoji alone
(« 😀😀 », « 👍 ») was listed as what a group agrees with and as what divides, one of
the three lines each group shows, saying nothing. Its votes still shape the groups, as
those of a reply with nothing to quote (an image, a link) do."""

from __future__ import annotations

import unicodedata

from bot.analysis.model import DeclaredStance, Discussion, Reply, Vote
from bot.analysis.summarize import summarize

TEXTS = [
    "Non, je trouve que les téléphones gâchent la concentration des élèves en classe.",
    "Oui, le téléphone aide à chercher une définition pendant un exercice de français.",
    "Non, les récréations sont plus joyeuses sans écrans, les enfants jouent ensemble.",
    "Oui, les parents doivent pouvoir joindre leurs enfants sur le trajet du retour.",
    "😀😀",
    "Je trouve la question mal posée : tout dépend de l'usage qu'on en fait vraiment.",
]


def _worded(quote: str) -> bool:
    return any(unicodedata.category(c)[0] in "LN" for c in quote)


def test_a_reply_of_emoji_alone_is_not_quoted_in_the_groups_part() -> None:
    discussion = Discussion(
        id="1",
        question="Interdire les téléphones au collège ?",
        options=("Oui", "Non"),
        replies=tuple(Reply(str(i + 10), str(i), t) for i, t in enumerate(TEXTS)),
        stances=tuple(DeclaredStance(str(i), ("Non", "Oui")[i % 2]) for i in range(4)),
        votes=tuple(
            Vote(str(r + 10), str(u), 1 if r % 2 == u % 2 else -1)
            for u in range(12)
            for r in range(len(TEXTS))
            if r != u
        ),
        closed=True,
    )
    summary = summarize(discussion)
    assert summary.stable and summary.groups
    emoji = "14"
    named = [r.reply_id for g in summary.groups for r in g.representative]
    named += [c.reply_id for c in summary.consensus] + [d.reply_id for d in summary.divisive]
    named += [b.reply_id for b in summary.bridging_candidates]
    assert emoji not in named
    assert all(_worded(summary.quote(reply_id) or "") for reply_id in named)
    assert summary.polis is not None  # its votes still drew the groups
    assert any(r.reply_id == emoji for g in summary.polis.groups for r in g.representative)
