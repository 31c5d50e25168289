"""Reply search folds case and Latin accents the same on SQLite and PostgreSQL."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from db.models import Discussion, Reply
from db.repositories import discussions, guilds, questions, review
from db.text_search import FOLD_FROM, HIGH_MARKS, fold, searched, terms

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
GUILD = 1_100_000_000_000_000_777
ALPHABET = "abcdeoEÉèçÇœŒæÆàÀôÔüÜïîñ ÿŸßẞsS'’-?!السينماΣσς*[]^\\.()$+|{}%_"


def test_terms_of_a_search_box() -> None:
    assert terms("  Éthique   ÇA va  ") == ("ethique", "ca", "va")
    assert terms('"La  Voiture" en ville') == ("la voiture", "en", "ville")
    assert terms('"unclosed phrase') == ("unclosed phrase",)
    assert terms("« une œuvre » “mot” „deux mots“") == ("une oeuvre", "mot", "deux mots")
    assert terms("a a A") == ("a",)
    assert len(terms(" ".join(f"w{i}" for i in range(20)))) == 8
    assert terms("") == ()
    assert terms("Cœur d’ŒUVRE ex-æquo") == ("coeur", "d'oeuvre", "ex-aequo")


@given(st.text(alphabet=ALPHABET + FOLD_FROM, max_size=40))
def test_folding_is_idempotent_and_keeps_length(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert len(fold(text)) == len(text.lower())


def _holds(folded_text: str, term: str) -> bool:
    """Whether a folded text holds ``term``, one space or none before each of its marks after
    its first letter (the first four ligatures and marks only, as the patterns read them)."""
    pattern, doubled = "", 0
    for index, char in enumerate(term):
        if index and char in HIGH_MARKS and term[index - 1] != " " and doubled < 4:
            pattern, doubled = pattern + " ?", doubled + 1
        elif term[index : index + 2] in ("oe", "ae") and doubled < 4:
            doubled += 1
        pattern += re.escape(char)
    return re.search(pattern, folded_text) is not None


async def _discussion_of(sessions: Any, texts: list[str]) -> int:
    """A discussion (its id) whose replies are ``texts``, oldest first."""
    async with sessions.begin() as s:
        await guilds.ensure_guild(s, GUILD, now=NOW, timezone="UTC", language="fr")
        [q] = await questions.add_questions(s, GUILD, [("Q ?", "fr", ["A"], None)], now=NOW)
        d = await discussions.create_discussion(
            s,
            Discussion(
                guild_id=GUILD,
                question_id=q.id,
                question_text="Q ?",
                options=["A"],
                language="fr",
                channel_id=1,
                thread_id=1,
                opened_at=NOW,
                closes_at=NOW + timedelta(hours=1),
            ),
        )
        s.add_all(
            Reply(
                id=1000 + n,
                discussion_id=d.id,
                guild_id=GUILD,
                author_id=n,
                author_name="x",
                text=text,
                created_at=NOW,
            )
            for n, text in enumerate(texts)
        )
        return int(d.id)


async def test_the_database_finds_what_python_folding_finds(sessions: Any) -> None:
    rng = random.Random(7)
    texts = ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(3, 30))) for _ in range(150)]
    texts += ["Éthique d'abord", "ÉTHIQUE", "l'ethique", "Œuvre", "ŒUVRE", "Ça dépend", "مرحبا"]
    texts += ["cœur", "COEUR", "ex æquo", "AEQUO", "oeŒoe", "Cœur d'œuvre"]
    discussion = await _discussion_of(sessions, texts)
    queries = ["ethique", "É", "œuvre", "ca dep", "ç", "'", "ab", "مر", "ÿ", "e a", "σ", "ς"]
    queries += ["a?", "e!", '"a ?"', "o?!", "?", "! a", "e\u202f?", "a\u00a0!"]
    queries += ["*", "?", "[", "]", "^", "\\", ".", "(a", "$", "+", "|", "{", "%", "_", "a*b"]
    queries += ["coeur", "cœur", "oe", "o", "e", "a", "eo", "œ", "æ", "aequo", "oeoeoe", "r d'oe"]
    queries += ["ß", "ẞ", "ss", "SS", "sß", "aẞ"]
    queries += [t[i : i + 3] for t in rng.sample(texts, 20) for i in (0, 2)]
    async with sessions() as s:
        for query in queries:
            folded = terms(query)
            if not folded:
                continue
            rows = await review.replies_page(
                s, discussion, review.ReplyQuery(terms=folded, sort="old"), limit=1000
            )
            found = [r.text for r in rows]
            expected = [t for t in texts if all(_holds(searched(t), term) for term in folded)]
            assert found == expected, query


async def _finds(sessions: Any, discussion: int, wanted: dict[str, list[str]]) -> None:
    """Each query of ``wanted`` finds exactly its replies, oldest first."""
    async with sessions() as s:
        for query, expected in wanted.items():
            rows = await review.replies_page(
                s, discussion, review.ReplyQuery(terms=terms(query), sort="old"), limit=100
            )
            assert [r.text for r in rows] == expected, query


async def test_emoji_astral_letters_and_decomposed_accents_are_found(sessions: Any) -> None:
    """What a moderator pastes in the search box: emoji (one, joined, a flag), a letter
    beyond the first 65,536, and accents typed decomposed (``e`` + U+0301, as some
    keyboards and macOS file names give them) against replies stored composed."""
    texts = [
        "Génial 😀 vraiment",
        "Développeuse 👩‍💻 ici",
        "Allez les 🇫🇷 !",
        "Le caractère 𠀋 rare",
        "Sans rien de tout ça",
    ]
    discussion = await _discussion_of(sessions, texts)
    wanted = {
        "😀": [texts[0]],
        "👩‍💻": [texts[1]],
        "🇫🇷": [texts[2]],
        "𠀋": [texts[3]],
        "ge\u0301nial": [texts[0]],
        "DE\u0301VELOPPEUSE": [texts[1]],
        '"tout ça"': [texts[4]],
        '"tout c\u0327a"': [texts[4]],
    }
    await _finds(sessions, discussion, wanted)


FRENCH_SPACED = [
    "Et vous\u202f?",  # a question as the bank stores it now
    "Pourquoi\u202f? Parce que\u00a0: voilà\u202f!",
    "Deux écoles\u00a0: «\u202fVO\u202f» ou VF\u202f; laquelle\u202f?",
    "Et toi?",  # typed before, or in English: no space
    "Et lui ?",  # a plain space
    "Rien à voir",
]


async def test_french_spacing_is_found_as_people_type_it(sessions: Any) -> None:
    """Stored text set with French spacing (U+202F before ``; ! ?``, U+00A0 before ``:``, as
    the bank now stores staff's questions and a French keyboard writes replies) is found by
    what a moderator types: a plain space, or none, before the mark; and text typed with no
    space by a query that has one. The discussion autocomplete and the reply search alike."""
    discussion = await _discussion_of(sessions, FRENCH_SPACED)
    wanted = {
        "pourquoi?": [FRENCH_SPACED[1]],
        '"et vous ?"': [FRENCH_SPACED[0]],
        '"et vous?"': [FRENCH_SPACED[0]],
        '"et toi ?"': [FRENCH_SPACED[3]],
        '"et lui?"': [FRENCH_SPACED[4]],
        "voilà!": [FRENCH_SPACED[1]],
        '"parce que : voila"': [FRENCH_SPACED[1]],
        "ecoles:": [FRENCH_SPACED[2]],
        '"vf; laquelle?"': [FRENCH_SPACED[2]],
        '"ou VF ; laquelle ?"': [FRENCH_SPACED[2]],
        "vf;": [FRENCH_SPACED[2]],
    }
    await _finds(sessions, discussion, wanted)
    async with sessions.begin() as s:
        asked = await s.get(Discussion, discussion)
        assert asked is not None
        for text in FRENCH_SPACED:
            s.add(
                Discussion(
                    guild_id=GUILD,
                    question_id=asked.question_id,
                    question_text=text,
                    options=["A"],
                    language="fr",
                    channel_id=1,
                    thread_id=None,
                    opened_at=NOW,
                    closes_at=NOW + timedelta(hours=1),
                )
            )
    async with sessions() as s:
        for query, expected in wanted.items():
            found = await discussions.search(s, GUILD, query)
            assert [d.question_text for d in found if d.id != discussion] == expected, query


SHARP_S = ["Straße", "STRAẞE", "Strasse", "STRASSE", "Rue"]


async def test_a_sharp_s_is_found_in_either_case(sessions: Any) -> None:
    """« ß » and its capital « ẞ » (U+1E9E, German capitals since 2017: « STRAẞE ») are one
    letter in either case, as « é » and « É »: each finds both, on both backends (the
    capital was outside the letters folded, so neither found « STRAẞE »). « ss » stays two
    letters: it finds « Strasse » and « STRASSE », not « Straße » (German's other spelling,
    not an accent; reading it so would double every SQLite pattern holding « ss »:
    « aussi », « classe »)."""
    discussion = await _discussion_of(sessions, SHARP_S)
    both, spelled = SHARP_S[:2], SHARP_S[2:4]
    wanted = {"straße": both, "STRAẞE": both, "ß": both, "ẞ": both, "strasse": spelled}
    wanted |= {"SS": spelled, "aße": both}
    await _finds(sessions, discussion, wanted)
