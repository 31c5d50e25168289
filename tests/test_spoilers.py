"""Bars a member escaped (``\\|\\|``) or wrote in code (inline or a block) are shown by
Discord as text: the masks (echoes in Discord, the web room, the analysis' keywords and
themes) read them as text too, and mask only the spoilers Discord draws."""

from __future__ import annotations

import pytest

from bot import spoilers
from bot.analysis._text import cut_quote, unspoiled
from bot.discord_text import SPOILER_MASK, masked, safe, spoiler_parts

M = SPOILER_MASK

CASES = {
    "escaped bars": (r"\|\|pas un spoiler\|\|", r"\|\|pas un spoiler\|\|"),
    "one escaped bar of each pair": (r"\||pas un spoiler\||", r"\||pas un spoiler\||"),
    "inline code": ("le code `||x||` et ||Rosebud||", f"le code `||x||` et {M}"),
    "double backticks": ("``a `||b|| c`` puis ||d||", f"``a `||b|| c`` puis {M}"),
    "code block": ("```py\nx = a ||b|| c\n```\n||fin||", f"```py\nx = a ||b|| c\n```\n{M}"),
    "code over lines": ("`un\n||deux||\ntrois` ||quatre||", f"`un\n||deux||\ntrois` {M}"),
    "an escaped backslash, then a spoiler": (r"\\||Rosebud||", rf"\\{M}"),
    "an escaped backtick opens no code": (r"\`||Rosebud||\`", rf"\`{M}\`"),
    "a backtick never closed opens no code": ("`||Rosebud||", f"`{M}"),
    "code inside a spoiler stays in it": ("||a `b|| c`", f"{M} c`"),
    "plain": ("a ||b|| c ||d||", f"a {M} c {M}"),
}


@pytest.mark.parametrize("raw,shown", CASES.values(), ids=list(CASES))
def test_masked_reads_bars_as_discord_does(raw: str, shown: str) -> None:
    assert masked(raw) == shown
    parts = spoiler_parts(raw)
    assert "".join(f"||{p}||" if hidden else p for p, hidden in parts) == raw
    assert "".join(M if hidden else p for p, hidden in parts) == shown


def test_escaped_and_coded_bars_are_echoed_as_text_not_masked() -> None:
    echoed = safe(r"Pas un spoiler : \|\|Rosebud\|\| ni `||luge||`, mais ||Bob||.")
    assert "Rosebud" in echoed and "luge" in echoed and "Bob" not in echoed
    assert echoed.count(M) == 1


def test_the_analysis_reads_words_in_escaped_or_coded_bars() -> None:
    text = r"\|\|Rosebud\|\| et `||luge||` mais ||Bob||"
    kept = unspoiled(text)
    assert "Rosebud" in kept and "luge" in kept and "Bob" not in kept


def test_a_quote_cut_inside_a_spoiler_is_closed_but_not_one_cut_after_escaped_bars() -> None:
    words = " ".join(["mot"] * 80)
    inside = cut_quote(f"Début ||{words} fin||", limit=60)
    assert inside.endswith("…||") and masked(inside) == f"Début {M}"
    escaped = cut_quote(rf"Début \|\|{words} fin\|\|", limit=60)
    assert not escaped.endswith("||") and masked(escaped) == escaped


def test_an_unclosed_opener_is_found_and_no_later_bars_close_anything() -> None:
    reading = spoilers.read("a ||b")
    assert reading.spans == [] and reading.unclosed == 2
    assert spoilers.read(r"a \||b").unclosed is None
    assert spoilers.read("`||` b").unclosed is None
