"""Echoed text is inert: every masked link, bare link, markdown and invisible trick."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.discord_text import SPOILER_MASK, clean, masked, safe, size, spoiler_parts, title
from tests.discord_checks import as_discord_shows, discord_spoilers
from tests.inert_check import active_parts

EVIL = "https://evil.example/login"


Z = "\u200b"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (
            f"a [un]({EVIL}) b [connectez-vous ici]({EVIL})",
            rf"a \[un\]\(https{Z}://evil.example/login\) b \[connectez-vous ici\]\("
            rf"https{Z}://evil.example/login\)",
        ),
        (f"fin ]({EVIL}) (", rf"fin \]\(https{Z}://evil.example/login\) \("),
        ("voir https://bare.example/a_b. Merci", f"voir https{Z}://bare.example/a\\_b. Merci"),
        ("collé_https://x.y steam://run/1", f"collé\\_https{Z}://x.y steam{Z}://run/1"),
        ("# Titre\n-# petit\n> citation\n>>> tout\n- puce\n+ plus\n12. liste",
         "\\# Titre\n\\-# petit\n\\> citation\n\\>>> tout\n\\- puce\n\\+ plus\n12\\. liste"),
        ("||spoiler|| **gras** __sous__ ~~barré~~ `code`\n```\nbloc\n```",
         "▒▒▒ \\*\\*gras\\*\\* \\_\\_sous\\_\\_ \\~\\~barré\\~\\~ \\`code\\`\n"
         "\\`\\`\\`\nbloc\n\\`\\`\\`"),
        # a timestamp is drawn by Discord as a date (in a description, a field's value)
        ("@everyone @here <@123> <#4> <t:1:R> \\*", r"\@everyone \@here \<\@123> \<#4> <t:1:R> \\\*"),
        ("\u202eesrever\u200b \u2066isolé\u2069\ufeff", "esrever isolé"),
        ("peut-être, a>b, #1", "peut-être, a>b, #1"),  # harmless mid-line: left as written
        ("\x85- a\u2028# b\u2029> c\x9b", "\\- a\n\\# b\n\\> c"),  # other line breaks, C1
        ("a\n\u00a0# b\n\u202f- c", "a\n\u00a0\\# b\n\u202f\\- c"),  # after no-break spaces
    ],
)  # fmt: skip
def test_hostile_text_is_shown_and_inert(raw: str, shown: str) -> None:
    assert safe(raw, 2000) == shown
    assert active_parts(safe(raw + " piégé", 2000), markdown=True) == []


def test_emoji_sequences_keep_their_joiners() -> None:
    england = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    emoji = f"👩\u200d💻 🤷\u200d♀️ {england}"
    assert clean(emoji) == emoji
    assert clean("a\u200db \U000e0041") == "ab "  # a joiner or tag elsewhere hides nothing


def test_cutting_never_splits_an_escape() -> None:
    text = "mot " * 10 + f"[lien]({EVIL}) " * 20 + "😀" * 50
    for limit in range(5, 160):
        shown = safe(text, limit)
        assert size(shown) <= limit
        body = shown.removesuffix("…")
        assert not re.search(r"(?<!\\)(?:\\\\)*\\$", body), shown  # no dangling backslash


def test_one_line_and_titles() -> None:
    assert safe("a\n# b\n\n c", 100, one_line=True) == "a # b c"
    assert safe("# b", 100, one_line=True) == "\\# b"  # it may open a line where it is shown
    assert safe("  \u200b ", 100) == "…"
    assert title("\u202eFaut-il\n  taxer les robots ?") == "Faut-il taxer les robots ?"


def test_titles_fit_as_discord_counts_emoji() -> None:
    question = "😀" * 60 + " Faut-il" + " vraiment" * 30 + " ?"
    for limit in (45, 80, 100, 256):
        shown = title(question, limit)
        assert size(shown) <= limit and shown.endswith("…"), limit
    assert title("🎬" * 40, 80) == "🎬" * 40


NO_BREAK = "\u202f\u00a0"
BREAKABLE = re.compile(rf"[^\S{NO_BREAK}]+")


def test_one_line_keeps_french_spacing() -> None:
    """Questions are stored with French spacing: on one line (a thread name, a list, a DM)
    « ? » stays glued to its word and « » keep their spaces, never plain spaces."""
    typed = "«\u202fL’IA\u202f»\u00a0: et vous\u202f?\n\tVraiment\u202f!"
    one = "«\u202fL’IA\u202f»\u00a0: et vous\u202f? Vraiment\u202f!"
    assert title(typed) == one
    assert safe(typed, 200, one_line=True) == one
    assert title("Et vous\u202f?", 9) == "Et vous\u202f?"  # 9 units: nothing cut
    assert title("\u00a0\u202f\n") == "Et vous ?" and safe("\u202f", 9, one_line=True) == "…"


def _shown_words(shown: str) -> list[str]:
    """What Discord shows of ``safe``'s output, split at its breakable spaces."""
    body = shown.removesuffix("…").replace("\u200b", "")
    return BREAKABLE.split(re.sub(r"\\(.)", r"\1", body).strip())


@given(
    st.text(alphabet=f"ab?!:«»#-1.*_<@ \t\n\r\x85\u2028\u2029{NO_BREAK}", max_size=300),
    st.integers(2, 400),
)
def test_one_line_never_breaks_and_keeps_no_break_spaces(text: str, limit: int) -> None:
    """On one line: no line break at all, and the words between breakable spaces are the
    input's, in order, every no-break space inside them kept (the last word may be cut;
    those at the text's ends are trimmed, as spaces are)."""
    shown = safe(text, limit, one_line=True)
    assert len(shown.splitlines()) <= 1 and size(shown) <= limit
    words = BREAKABLE.split(clean(text).strip())
    kept = _shown_words(shown)
    if kept == [""]:
        return
    assert kept[:-1] == words[: len(kept) - 1], (shown, words)
    assert words[len(kept) - 1].startswith(kept[-1]), (shown, words)
    if not shown.endswith("…"):
        assert kept == words


@given(st.text(max_size=600), st.integers(2, 700))
def test_any_text_is_inert_and_fits(text: str, limit: int) -> None:
    shown = safe(text + " piégé", limit)
    assert size(shown) <= limit
    assert active_parts(shown, markdown=True) == []


@given(st.text(alphabet="[]()<>|*_~`#-@:/\\ \nhtps.", max_size=400))
def test_markdown_soup_is_inert(text: str) -> None:
    shown = safe(text + " piégé", 4000)
    assert active_parts(shown, markdown=True) == []
    unescaped = re.sub(r"\\.", "", shown)
    assert not re.search(r"[\[\]()|*_~`<@]", unescaped), shown
    assert "://" not in shown.replace("\u200b://", "")  # no link at all


@pytest.mark.parametrize("unit", ["*", "`", "_", "||", "[a](", "https://x.y/", "\n# ", "\u202e"])
def test_long_runs_are_handled_in_one_pass(unit: str) -> None:
    text = unit * 20_000
    assert len(safe(text, 4000)) <= 4000


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Le héros ||meurt à la fin||, quel film !", "Le héros ▒▒▒, quel film !"),
        ("||a|| et ||b||", "▒▒▒ et ▒▒▒"),
        ("a || b", "a \\|\\| b"),  # no closing: nothing hidden, shown inert
        ("||||", "\\|\\|\\|\\|"),  # empty: Discord hides nothing either
        ("x ||y|z|| w", "x ▒▒▒ w"),
        ("||deux\nlignes||", "▒▒▒"),
    ],
)
def test_a_spoiler_is_echoed_masked_never_in_clear(raw: str, shown: str) -> None:
    """A film server's members hide endings as spoilers: a quote of one in a summary,
    on the voting card or in a list must not show it in clear."""
    assert safe(raw, 2000) == shown


@pytest.mark.parametrize(
    "raw",
    ["Le héros ||meurt à la fin||, quel film !", "||a|| et ||b||", "a || b", "||||", "x ||y|z|| w"],
)
def test_spoiler_parts_split_what_masked_masks_and_nothing_else(raw: str) -> None:
    """The web room's staff pages show each spoiler when clicked: the parts they split are
    the spoilers ``masked`` masks, and put back together they are the text."""
    parts = spoiler_parts(raw)
    assert "".join(f"||{p}||" if hidden else p for p, hidden in parts) == raw
    assert "".join(SPOILER_MASK if hidden else p for p, hidden in parts) == masked(raw)


HIDDEN_MARKS = "\u200b\u2060\u00ad\ufeff\u200e\x01"
"""Invisible characters a member may put between two bars: Discord keeps them (no spoiler
marker then), the echo drops them."""


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("|\u200b|pas caché|| la fin||", "\\|\\|pas caché▒▒▒"),
        ("||la fin |\u200b| Willis meurt||", "▒▒▒"),
        ("||a|\u2060|b|| c", "▒▒▒ c"),
        ("|\u00ad|rien|\u200b|", "\\|\\|rien\\|\\|"),
    ],
)
def test_bars_parted_by_an_invisible_character_are_no_spoiler_marker(raw: str, shown: str) -> None:
    """Discord reads a spoiler's ``||`` only as two bars in a row: « |​| » (a zero-width
    space between, the usual way to write two bars) shows them, and inside a spoiler hides
    them with it. The echo drops the invisible space; read after, its bars opened a spoiler
    Discord never drew (▒ over clear words) or closed a real one early (its end in clear)."""
    assert safe(raw, 2000) == shown
    assert title(raw) == re.sub(r"\\(.)", r"\1", shown)


@example("||a |\u200b| b||c")
@example("|\u200b|a|| b||")
@example("|||||")
@given(st.text(alphabet="|||ab " + HIDDEN_MARKS, max_size=60))
def test_the_echo_masks_what_discord_hides_and_nothing_else(raw: str) -> None:
    """Whatever bars, invisible characters and letters a member writes, the echo shows what
    Discord shows a reader who opens no spoiler: every spoiler masked, nothing else."""
    expected = as_discord_shows(raw, SPOILER_MASK, HIDDEN_MARKS)
    shown = re.sub(r"\\(.)", r"\1", safe(raw, 4000))
    assert shown == (expected if expected.strip() else "…"), (raw, shown, expected)
    hidden = [part for part, is_hidden in spoiler_parts(raw) if is_hidden]
    assert hidden == [raw[start + 2 : end - 2] for start, end in discord_spoilers(raw)]
