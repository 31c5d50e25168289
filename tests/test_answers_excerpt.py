"""The line ``/answers list search:`` shows of a long answer starts near what was searched."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from types import SimpleNamespace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.services.answers import excerpt
from cogs._answers_list import answers_embed
from db.text_search import find, searched, terms
from tests.discord_checks import as_discord_shows, discord_spoilers

FILLER = "Le cinéma a toujours changé avec ses outils. " * 10


def test_a_match_within_the_first_line_leaves_the_answer_whole() -> None:
    text = "Les doubleurs perdront leur métier. " + FILLER
    assert excerpt(text, "doubleurs", 300) == text
    assert excerpt(text, None, 300) == text


def test_a_match_far_in_starts_the_line_a_few_words_before_it() -> None:
    text = FILLER + "Mais les Doubleurs, eux, n'ont rien demandé."
    shown = excerpt(text, "doubleurs", 300)
    assert shown.startswith("…") and "Doubleurs, eux" in shown[:300]
    assert text.endswith(shown[1:]) and shown[1] != " "  # cut between words


def test_the_earliest_of_the_terms_found_leads() -> None:
    text = FILLER + "rémunération " + FILLER + "doubleurs"
    assert "rémunération" in excerpt(text, "doubleurs remuneration", 300)[:300]


@given(st.text(max_size=600), st.text(max_size=40))
def test_an_excerpt_is_always_the_end_of_the_answer(text: str, search: str) -> None:
    shown = excerpt(text, search, 300)
    assert shown == text or (shown.startswith("…") and text.endswith(shown[1:]))


def test_a_term_typed_without_the_french_space_leads_too() -> None:
    """« pourquoi? » is found in « Pourquoi ? » and « Pourquoi\u202f? » (the search finds the
    reply: its line shows where)."""
    for written in ("Mais pourquoi\u202f? Eux", "Mais pourquoi ? Eux", "Mais pourquoi? Eux"):
        shown = excerpt(FILLER + written, "pourquoi?", 300)
        assert shown.startswith("…") and written in shown[:300], written


def test_the_line_starts_where_the_search_found_the_reply() -> None:
    """The excerpt reads the reply as the search does: « vraiment? » in « vraiment ? » set
    with U+202F, a ligature either way (« coeur » finds « cœur », « euvre » « œuvre »), and
    a letter whose lower case is longer (« İ ») before it never shifts where the line starts."""
    cases = [
        ("C’est vraiment\u202f? Oui.", "vraiment?", "vraiment\u202f?"),
        ("Mon cœur balance.", "coeur", "cœur"),
        ("Une œuvre rare.", "euvre", "œuvre"),
        ("Une coeur-de-pirate.", "cœur", "coeur"),
    ]
    for written, search, shown_part in cases:
        shown = excerpt(FILLER + written, search, 300)
        assert shown.startswith("…") and shown_part in shown[:300], (search, shown[:80])
    turkish = "İstanbul " * 100 + FILLER + "Les doubleurs, vraiment\u202f? Oui."
    shown = excerpt(turkish, "vraiment?", 300)
    assert shown.startswith("…") and "vraiment\u202f?" in shown[:300], shown[:80]


LETTERS = st.sampled_from(list("aeoucrİIıéÉœŒæÆ?!:;'’"))
WORDS = st.lists(LETTERS, min_size=1, max_size=20).map("".join)
SPACES = st.sampled_from([" ", "\u00a0", "\u202f"])


@given(
    st.sampled_from(["a ", "İl ", "été\u202f! "]),
    st.integers(0, 300),
    WORDS,
    st.lists(st.tuples(WORDS, SPACES).map("".join), max_size=10).map("".join),
    st.sampled_from([("œ", "oe"), ("oe", "œ"), ("æ", "ae"), ("", "")]),
)
def test_an_excerpt_shows_what_the_search_found(
    filler: str, times: int, word: str, after: str, spelled: tuple[str, str]
) -> None:
    """Whatever the search finds in a reply (as the database reads it: :func:`find` over
    :func:`searched`), its excerpt holds near its start: before the three quarters of its
    width that leave a line room for it, twice that as searched (a ligature reads as two
    letters), its words being short. The search is one of its words, its ligatures spelled
    out or joined."""
    text = filler * times + word + " " + after
    search = word.replace(*spelled) if spelled[0] else word
    width = 300
    shown = excerpt(text, search, width)
    kept = shown[1:] if shown != text else shown
    found = [term for term in terms(search) if find(searched(text), term) >= 0]
    if found:
        assert min(find(searched(kept), term) for term in found) in range(2 * (width - width // 4))


def _listed(text: str, search: str) -> str:
    """The line ``/answers list search:`` shows of a reply (as the embed holds it)."""
    reply = SimpleNamespace(
        id=1, discussion_id=2, author_name="Alice", created_at=datetime.now(UTC), text=text
    )
    embed = answers_embed([(reply, 3)], 4, "en", search)
    return (embed.description or "").split("\n> ", 1)[1]


def test_a_match_inside_a_long_spoiler_shows_none_of_it() -> None:
    """The search finds a word deep inside a spoiler: the line never starts inside it, which
    would leave its end in clear (its opening ``||`` cut off), but at its start, masked."""
    ending = "Bruce Willis est mort depuis le début."
    for after in (" Quel film.", " Quel ||autre|| film."):
        text = FILLER + "||La fin : " + "suspense " * 20 + ending + "||" + after
        line = _listed(text, "willis")
        assert "Willis" not in line and "suspense" not in line and "▒▒▒" in line, line


MARKED = st.text(alphabet="*_~`[]()<@\\#>- abcé", max_size=700)
"""A reply's text, mostly markdown characters: each is shown escaped, two characters."""


@settings(deadline=None)  # the first example imports discord.py's embeds
@example("*" * 200, "doubleurs", "")
@given(MARKED, st.text(alphabet="abcdeéœ", min_size=1, max_size=12), MARKED)
def test_the_line_shown_holds_what_the_search_found_however_much_markdown(
    before: str, word: str, after: str
) -> None:
    """Every markdown character is shown escaped (two characters where it was one): the
    line of a reply the search found still holds the word it found, read as the member
    reads it (escapes unseen)."""
    text = before + " " + word + " " + after
    (term,) = terms(word)
    line = re.sub(r"\\(.)", r"\1", _listed(text, word))
    assert find(searched(line), term) >= 0, (text, line)


def test_a_long_word_before_the_match_is_cut_not_kept_whole() -> None:
    """An address of 400 characters whose query holds the word searched for: the line
    starts within the address, a little before the word, not at the address's start (from
    which the word lay past the line's end)."""
    address = "https://exemple.fr/" + "a" * 400 + "?q=doubleurs"
    for text in ("Le film. " * 50 + address + " fin", "x" * 1000 + " " + "y" * 400 + "doubleurs"):
        assert "doubleurs" in _listed(text, "doubleurs"), text[:40]


@settings(deadline=None)
@example("e\u0301" * 400, "doubleurs")
@example("\U0001f469\u200d\U0001f469" * 200, "doubleurs")
@example("\u2764\ufe0f" * 200, "doubleurs")
@given(
    st.text(alphabet="e\u0301\u0327a\u200d\ufe0f\U0001f469", max_size=900),
    st.sampled_from(["doubleurs", "cœur"]),
)
def test_a_line_never_starts_with_half_a_letter(text: str, word: str) -> None:
    """Cut within a long word, the line never starts with a letter's accent (its letter cut
    off, it would sit on the « … ») nor the joiner or selector of an emoji."""
    shown = excerpt(text + word, word, 300)  # one long word
    assert shown == text + word or not (
        unicodedata.combining(shown[1:2]) or shown[1:2] in ("\u200d", "\ufe0f")
    ), ascii(shown[:4])


INVISIBLE = "\u200b\u2060\u00ad\ufeff"
PIECES = st.sampled_from(
    ["||", "|", "|\u200b|", "|\u2060|", "\u200b", "\u00ad", "\ufeff", " ", "la fin", "willis", "x"]
)


@settings(deadline=None)
@example(FILLER + "||début willis |\u200b| la fin||")
@example(FILLER + "|\u200b|willis clair|| la fin||")
@given(st.lists(PIECES, max_size=40).map(lambda pieces: FILLER + "".join(pieces)))
def test_an_answers_line_hides_what_discord_hides_and_nothing_else(text: str) -> None:
    """Bars, invisible characters and spoilers however written (« |​| », two bars
    Discord shows as bars, among them): the line of a reply the search found starts where
    no spoiler is cut in two, and shows it as Discord shows the reply to a reader who opens
    no spoiler, each masked, nothing else (a real spoiler's end was echoed in clear, its
    closing read early at « |​| »; clear words were masked)."""
    shown = excerpt(text, "willis", 300)
    rest = shown[1:] if shown != text else text
    start = len(text) - len(rest)
    after = [(a - start, b - start) for a, b in discord_spoilers(text) if b > start]
    assert after == discord_spoilers(rest), (text, start)
    line = re.sub(r"\\(.)", r"\1", _listed(text, "willis"))
    expected = " ".join(as_discord_shows(shown, "▒▒▒", INVISIBLE).split()) or "…"
    assert line == expected or (line.endswith("…") and expected.startswith(line[:-1])), (
        text,
        line,
    )
