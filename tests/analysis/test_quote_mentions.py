"""A quote keeps the place of a member's mentions: they were dropped, so a reply to
someone quoted as « , tu as raison : … » or « Comme dit , il faut voter. », and one
answering « @alice a raison » as « a raison » (another meaning). A mention is shown as
« @… » (« #… » a channel): no one is pinged nor named, and no id is shown. A reply of
mentions or links alone still has nothing to quote."""

from __future__ import annotations

import pytest

from bot.analysis._text import cut_quote, readable
from bot.discord_text import safe

USER, ROLE, CHANNEL = "<@123456789012345678>", "<@&223456789012345678>", "<#323456789012345678>"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (f"{USER}, tu as raison : les écrans nuisent.", "@…, tu as raison : les écrans nuisent."),
        (f"<@!{USER[2:]} a raison, lisez l'étude.", "@… a raison, lisez l'étude."),
        (f"Comme dit {ROLE}, il faut voter.", "Comme dit @…, il faut voter."),
        (f"Voir {CHANNEL} : tout y est expliqué.", "Voir #… : tout y est expliqué."),
        ("<:pepe:423456789012345678>, je suis d'accord.", "je suis d'accord."),
        ("Trop drôle <a:dance:423456789012345678> vraiment.", "Trop drôle vraiment."),
    ],
)
def test_a_mention_keeps_its_place(text: str, quote: str) -> None:
    assert cut_quote(text) == quote
    shown = safe(cut_quote(text))
    assert "<@" not in shown and "@&" not in shown and "123456" not in shown


@pytest.mark.parametrize(
    "text", [f"{USER} {ROLE} {CHANNEL}", "https://example.com/a", f"{USER}, https://x.y/z"]
)
def test_mentions_or_links_alone_have_nothing_to_quote(text: str) -> None:
    assert not readable(cut_quote(text))
