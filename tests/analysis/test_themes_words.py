"""The words that name a theme, read in each reply's language."""

from __future__ import annotations

import pytest

from bot.analysis.themes._words import reply_words


@pytest.mark.parametrize(
    "text",
    [
        "I don't trust it, studios won't pay actors.",
        "It doesn't matter, audiences don't notice.",
        "Studios won’t care.",
        "It is a job for actors.",
    ],
)
def test_a_short_english_reply_is_read_as_english(text: str) -> None:
    """Its stop words are short ("I", "it", "is", "a"): they count as much as long ones."""
    assert reply_words(text).english


@pytest.mark.parametrize(
    "text",
    ["Je n'y crois pas, les studios paieront.", "Il a tort : l'IA ne remplace rien."],
)
def test_a_short_french_reply_is_read_as_french(text: str) -> None:
    assert not reply_words(text).english


def test_english_plurals_and_singulars_share_a_stem_in_short_replies() -> None:
    one = reply_words("I don't trust it, studios won't pay actors.")
    other = reply_words("It is a studio job.")
    assert one.stems & other.stems == {"studio"}


def test_contractions_name_no_theme() -> None:
    words = reply_words("I don't know, it doesn't help, they won't pay, we can't, I didn't.")
    assert {w for _, w in words.forms} <= {"know", "help", "pay"}, words.forms


def test_a_reply_without_stop_words_is_read_in_its_discussions_language() -> None:
    assert reply_words("Studios, actors, jobs!", english_by_default=True).english
    assert not reply_words("Studios, acteurs, emplois !").english


def test_french_elided_words_name_no_theme() -> None:
    """ "aujourd'hui", "quelqu'un", "lorsqu'on" cut at their apostrophe are no words."""
    words = reply_words("Aujourd'hui quelqu'un peut tout faire, lorsqu'on veut, puisqu'il faut.")
    assert {w for _, w in words.forms} <= {"peut", "tout", "faire", "veut"}, words.forms


def test_a_name_is_shown_as_members_write_it() -> None:
    """ "Netflix" mid-sentence is shown "Netflix"; a capital only because a sentence
    starts with the word is not kept ("Studios don't care" shows "studios")."""
    words = reply_words("Studios don't care. I think Netflix will do it, as Netflix does.")
    assert [w for _, w in words.forms] == ["studios", "care", "Netflix", "Netflix"]
    assert {s for s, _ in words.forms} == {"studio", "care", "netflix"}
    shouted = reply_words("NETFLIX will do it: the studios follow Netflix.")
    assert [w for _, w in shouted.forms] == ["netflix", "studios", "follow", "Netflix"]


def test_chat_fillers_name_no_theme() -> None:
    """How English members write on Discord ("imo", "tbh", "lol", "basically") says how,
    not what: no theme is named after it, as none is after "franchement"."""
    words = reply_words("Imo it's basically obviously a scam tbh, probably literally lol, kinda.")
    assert [w for _, w in words.forms] == ["scam"], words.forms
    french = reply_words("Probablement une arnaque, sérieusement, littéralement.")
    assert [w for _, w in french.forms] == ["arnaque"], french.forms


def test_a_short_english_reply_has_as_few_words_as_its_french_translation() -> None:
    """ "I don't know, lol." is as short as "Je ne sais pas, lol.": the halves of "don't"
    ("don") are no word, so neither reply is long enough to take part in the themes."""
    from bot.analysis._text import content_words, tokens
    from bot.analysis.themes.find import MIN_WORDS

    english = content_words(tokens("I don't know, it isn't clear, lol."))
    french = content_words(tokens("Je ne sais pas, ce n'est pas clair, lol."))
    assert sorted(english) == ["clear", "know", "lol"] and len(french) == 3
    assert len(content_words(tokens("I don't know, lol."))) < MIN_WORDS


def test_what_a_member_hid_as_a_spoiler_names_no_theme() -> None:
    """A theme's name is made of its replies' words: never of what they hid (``||…||``)."""
    words = reply_words("Le scénario est brillant, ||le héros était mort|| depuis le début")
    assert {w for _, w in words.forms} & {"héros", "mort"} == set()
    assert "scénario" in {w for _, w in words.forms}


def _whole_text_words(text: str, english_by_default: bool) -> tuple[frozenset[str], tuple, bool]:
    """What a reply's words are, read from its whole text at once (no chunk cache)."""
    from bot.analysis._text import MAX_CHARS, fold, joined_negations, unspoiled
    from bot.analysis.themes import _words

    plain = joined_negations(
        _words._MENTION.sub(" ", unspoiled(text[:MAX_CHARS]).replace("’", "'"))
    )
    found = [(m.start(), m.group(), m.group().lower()) for m in _words._WORD.finditer(plain)]
    short = [s.lower() for s in _words._SHORT.findall(plain)]
    read = [_words._learn(w) for _, _, w in found]
    known = [_words._learn(w) for w in short] + read
    en, fr = sum(k[0] for k in known), sum(k[1] for k in known)
    english = en > fr or (en == fr and english_by_default)
    stemmer = _words._stemmers()[english]
    forms = tuple(
        (fold(stemmer.stemWord(w)), w if _words._opens_sentence(plain, start) else word)
        for (start, word, w), r in zip(found, read, strict=True)
        if r[2]
    )
    return frozenset(s for s, _ in forms), forms, english


@pytest.mark.parametrize(
    "text",
    [
        "Je pense que l'État n'est pas prêt. Netflix, lui, l'est !",
        "I don't think so.  Studios won’t pay… Honestly <@123> Netflix wins\nAnd it is ok",
        "« Fini. » Les retraites ||secret spoilé|| coûtent https://x.org/a cher, a b c",
        "Un mot-très-long-collé-sans-espace-qui-dépasse-quarante-lettres ici. Puis Déjà",
        "",
        "  ?! …",
    ],
)
@pytest.mark.parametrize("english_by_default", [False, True])
def test_a_reply_read_chunk_by_chunk_has_the_words_of_its_whole_text(
    text: str, english_by_default: bool
) -> None:
    """Each chunk (text between two spaces) is read once, its stop words counted and its
    content words found: the reply's language, stems and forms (with their places, for
    the capital that opens a sentence) are those of its whole text, cached or not (a
    chunk over 40 characters is read but not kept)."""
    expected = _whole_text_words(text, english_by_default)
    for _ in range(2):  # read, then from the cache
        words = reply_words(text, english_by_default=english_by_default)
        assert (words.stems, words.forms, words.english) == expected
