"""The article importer: sections, splitting, kinds, limits, dedupe."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.importer import (
    MAX_ARTICLE_BYTES,
    MAX_QUESTION_CHARS,
    ArticleError,
    ParsedArticle,
    ParsedQuestion,
    dedupe,
    duplicate_key,
    french_spacing,
    infer_kind,
    normalize_question,
    parse_article,
    parse_article_bytes,
    split_questions,
    typeset,
    typeset_question,
)
from bot.seed_bank import load_seed_bank

SEED_NAME = "article-ia-cinema.fr.txt"


def _seed_article() -> str:
    """The seed article from the `shared` folder beside the repo (ETVOUS_SHARED overrides)."""
    override = os.environ.get("ETVOUS_SHARED")
    shared = Path(override) if override else Path(__file__).resolve().parents[1].parent / "shared"
    path = shared / "seed" / SEED_NAME
    if not path.is_file():
        pytest.skip(f"seed article not found at {path} (set ETVOUS_SHARED to the shared folder)")
    return path.read_text(encoding="utf-8")


def _texts(article: str) -> list[str]:
    return [q.text for q in parse_article(article).questions]


# --- the seed article ----------------------------------------------------------


def test_seed_article_gives_the_shipped_bank() -> None:
    parsed = parse_article(_seed_article())
    bank = load_seed_bank()
    # the bank holds them as an import stores them: set with French spacing
    stored = [typeset_question(q.text, parsed.language) for q in parsed.questions]
    assert stored == [q.text.fr for q in bank.questions]
    assert [q.kind for q in parsed.questions] == [q.kind for q in bank.questions]
    assert {q.language for q in parsed.questions} == {"fr"}
    assert parsed.language == "fr"
    assert parsed.skipped == []


def test_seed_article_first_line_whole_last_line_split() -> None:
    questions = parse_article(_seed_article()).questions
    assert len(questions) == 9
    assert questions[0].text.startswith("Envisagez-vous un futur")
    assert questions[0].text.endswith("Quelles en seraient les conséquences ?")
    assert questions[0].kind == "yes_no"
    assert questions[0].options == ("Oui", "Non", "Nuancé")
    assert questions[7].text.startswith("Quelles mesures de protection")
    assert questions[7].text.endswith("par IA ?")
    assert questions[8].text.startswith("Quels sont les défis éthiques")
    assert all(q.kind == "open" for q in (questions[1], questions[3], questions[7], questions[8]))


def test_seed_article_is_all_duplicate_of_the_bank() -> None:
    parsed = parse_article_bytes(_seed_article().encode("utf-8"))
    kept, skipped = dedupe(parsed.questions, (q.text.fr for q in load_seed_bank().questions))
    assert kept == []
    assert len(skipped) == 9


# --- sections ------------------------------------------------------------------

ENGLISH = """\
Studios are testing video generators.
Some say this is the end of visual effects.

And you?
- Should studios disclose AI-generated scenes?
- What role should AI play in screenwriting? Which jobs are most at risk?
- Will AI replace actors? If so, when?
- Do you think audiences will notice?

See also:
- Is Sora ready for Hollywood?
"""


def test_english_article() -> None:
    parsed = parse_article(ENGLISH)
    assert parsed.language == "en"
    assert [q.text for q in parsed.questions] == [
        "Should studios disclose AI-generated scenes?",
        "What role should AI play in screenwriting?",
        "Which jobs are most at risk?",
        "Will AI replace actors? If so, when?",
        "Do you think audiences will notice?",
    ]
    assert [q.kind for q in parsed.questions] == ["yes_no", "open", "open", "yes_no", "yes_no"]
    assert parsed.questions[0].options == ("Yes", "No", "Nuanced")
    assert parsed.questions[1].options == (
        "Mostly optimistic",
        "Mostly sceptical",
        "Mixed feelings",
    )
    assert {q.language for q in parsed.questions} == {"en"}


@pytest.mark.parametrize(
    "heading",
    [
        "Et vous ?",
        "Et vous?",
        "et VOUS ?",
        "Et vous\u00a0?",
        "Et vous\u202f?",
        "  **Et vous ?**  ",
        "## Et vous ?",
        "__Et vous ?__",
        "> Et vous ?",
    ],
)
def test_heading_variants(heading: str) -> None:
    assert _texts(f"Intro.\n{heading}\nFaut-il réguler l’IA ?\n") == ["Faut-il réguler l’IA ?"]


def test_heading_must_stand_alone() -> None:
    with pytest.raises(ArticleError) as info:
        parse_article("Il a dit : et vous ? Personne ne répondit.\nFaut-il réguler l’IA ?\n")
    assert info.value.code == "no_section"


def test_bullets_and_numbering_are_stripped() -> None:
    article = (
        "Et vous ?\n- Un ?\n* Deux ?\n• Trois ?\n– Quatre ?\n1. Cinq ?\n2) Six ?\n(3) Sept ?\n"
    )
    assert _texts(article) == [
        "Un ?",
        "Deux ?",
        "Trois ?",
        "Quatre ?",
        "Cinq ?",
        "Six ?",
        "Sept ?",
    ]


def test_markdown_emphasis_is_stripped() -> None:
    article = "## Et vous ?\n- **Faut-il réguler l’IA ?**\n**1.** Quel avenir pour le doublage ?\n"
    assert _texts(article) == ["Faut-il réguler l’IA ?", "Quel avenir pour le doublage ?"]


def test_nbsp_before_question_mark_is_kept_in_the_text() -> None:
    assert _texts("Et vous\u00a0?\nFaut-il réguler l’IA\u00a0?\n") == [
        "Faut-il réguler l’IA\u00a0?"
    ]


def test_blank_lines_inside_the_section_are_skipped() -> None:
    assert _texts("Et vous ?\n\nUn ?\n   \nDeux ?\n") == ["Un ?", "Deux ?"]


@pytest.mark.parametrize("stop", ["Voir aussi :", "Voir aussi", "VOIR AUSSI:", "**Voir aussi :**"])
def test_voir_aussi_stops_the_section(stop: str) -> None:
    assert _texts(f"Et vous ?\nUn ?\n{stop}\nUn lien vers un article ?\n") == ["Un ?"]


def test_see_also_stops_the_section() -> None:
    assert _texts("And you?\nShould we?\nsee also\nIs this a link?\n") == ["Should we?"]


def test_first_non_question_line_stops_the_section() -> None:
    article = "Et vous ?\nFaut-il réguler l’IA ?\nDonnez votre avis en commentaire.\nEt ça ?\n"
    assert _texts(article) == ["Faut-il réguler l’IA ?"]


def test_another_heading_ends_the_section() -> None:
    assert _texts("Et vous ?\nFaut-il ?\nAnd you?\nShould we?\n") == ["Faut-il ?"]


def test_later_heading_is_used_when_the_first_has_no_question() -> None:
    article = "Et vous ?\nRien ici.\nTexte.\nEt vous ?\nFaut-il réguler l’IA ?\n"
    parsed = parse_article(article)
    assert [q.text for q in parsed.questions] == ["Faut-il réguler l’IA ?"]
    assert parsed.heading_line == 4


# --- splitting -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # anaphoric follow-ups stay with their question
        (
            "Envisagez-vous un futur sans acteurs ? Quelles en seraient les conséquences ?",
            ["Envisagez-vous un futur sans acteurs ? Quelles en seraient les conséquences ?"],
        ),
        ("Faut-il interdire l’IA ? Pourquoi ?", ["Faut-il interdire l’IA ? Pourquoi ?"]),
        (
            "L’IA va-t-elle remplacer les acteurs ? Si oui, lesquels ?",
            ["L’IA va-t-elle remplacer les acteurs ? Si oui, lesquels ?"],
        ),
        (
            "Les studios vont-ils adopter Sora ? Qu’en pensent les syndicats du secteur ?",
            ["Les studios vont-ils adopter Sora ? Qu’en pensent les syndicats du secteur ?"],
        ),
        (
            "Faut-il taxer les films générés ? Comment cela serait-il mis en œuvre ?",
            ["Faut-il taxer les films générés ? Comment cela serait-il mis en œuvre ?"],
        ),
        ("Will AI replace actors? Why not?", ["Will AI replace actors? Why not?"]),
        # independent questions are split
        (
            "Quelles mesures faut-il prendre ? Quels sont les défis éthiques du doublage ?",
            ["Quelles mesures faut-il prendre ?", "Quels sont les défis éthiques du doublage ?"],
        ),
        (
            "L’IA va-t-elle remplacer les scénaristes ? Comment les studios forment-ils leurs équipes ?",
            [
                "L’IA va-t-elle remplacer les scénaristes ?",
                "Comment les studios forment-ils leurs équipes ?",
            ],
        ),
        (
            "What role should AI play? Which jobs are most at risk in animation?",
            ["What role should AI play?", "Which jobs are most at risk in animation?"],
        ),
        # a "?" inside quotes, not followed by a new sentence, does not cut
        (
            "Faut-il répondre « pourquoi pas ? » aux studios ?",
            ["Faut-il répondre « pourquoi pas ? » aux studios ?"],
        ),
        # one question mark: whole line
        ("Quel rôle pour l’IA ?", ["Quel rôle pour l’IA ?"]),
    ],
)
def test_split_questions(line: str, expected: list[str]) -> None:
    assert split_questions(line) == expected


# --- kinds -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Devrions-nous craindre l’IA ?",
        "L’IA pourrait-elle aider les monteurs ?",
        "Faut-il réguler Sora ?",
        "Pensez-vous que l’IA va gagner ?",
        "Envisagez-vous un futur sans acteurs ?",
        "Est-ce que l’IA va remplacer les acteurs ?",
        "Peut-on parler d’art ?",
        "Selon vous, faut-il réguler Sora ?",
        "Vous pensez que l’IA va gagner ?",
    ],
)
def test_french_yes_no(question: str) -> None:
    assert infer_kind(question, "fr") == "yes_no"


@pytest.mark.parametrize(
    "question",
    [
        "Quel rôle l’IA devrait-elle jouer ?",
        "Quelles mesures devraient être mises en place ?",
        "Comment l’industrie peut-elle s’assurer de cela ?",
        "Pourquoi les studios hésitent-ils ?",
        "Qu’est-ce que l’IA change au montage ?",
        "Qu’en pensez-vous ?",
        "En quoi l’IA change-t-elle le cinéma ?",
        "Dans quelle mesure faut-il réguler ?",
        "À quel point l’IA est-elle prête ?",
        "Selon vous, quel rôle pour l’IA ?",
    ],
)
def test_french_open(question: str) -> None:
    assert infer_kind(question, "fr") == "open"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Should studios disclose AI scenes?", "yes_no"),
        ("Do you trust AI?", "yes_no"),
        ("Is Sora ready?", "yes_no"),
        ("Can AI write a good script?", "yes_no"),
        ("Would you watch an AI film?", "yes_no"),
        ("Are actors at risk?", "yes_no"),
        ("In your opinion, will AI win?", "yes_no"),
        ("What role should AI play?", "open"),
        ("How can studios adapt?", "open"),
        ("Which jobs are at risk?", "open"),
        ("To what extent is AI creative?", "open"),
    ],
)
def test_english_kinds(question: str, kind: str) -> None:
    assert infer_kind(question, "en") == kind


# --- explicit options -------------------------------------------------------------


def test_explicit_options_apply_to_every_question() -> None:
    parsed = parse_article("Et vous ?\nFaut-il ?\nQuel rôle ?\n", options=[" Pour ", "Contre"])
    assert [q.options for q in parsed.questions] == [("Pour", "Contre"), ("Pour", "Contre")]
    assert [q.kind for q in parsed.questions] == ["yes_no", "open"]


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["Seul"],
        [f"Option {n}" for n in range(21)],
        ["Oui", "  "],
        ["Oui", "x" * 81],
        ["Oui", "🎬" * 41],  # 82 as Discord counts a label
        ["Oui", "oui"],
        "Oui",
    ],
)
def test_bad_options(options: list[str] | str) -> None:
    with pytest.raises(ArticleError) as info:
        parse_article("Et vous ?\nFaut-il ?\n", options=options)
    assert info.value.code == "bad_options"


def test_options_at_the_limits_are_accepted() -> None:
    options = [f"Option {n}" for n in range(20)]
    options[0] = "x" * 80
    parsed = parse_article("Et vous ?\nFaut-il ?\n", options=options)
    assert len(parsed.questions[0].options) == 20


# --- bad input ---------------------------------------------------------------------


def _code(call: Callable[[], object]) -> str:
    with pytest.raises(ArticleError) as info:
        call()
    assert info.value.message  # an English default is always there
    return info.value.code


def test_not_utf8() -> None:
    data = "Et vous ?\nFaut-il réguler l’IA ?\n".encode("latin-1", "replace") + b"\x81\n"
    assert _code(lambda: parse_article_bytes(data)) == "not_utf8"  # nor Windows-1252
    assert _code(lambda: parse_article_bytes(b"\x00\x01Et vous ?\nFaut-il r\xe9guler ?\n")) == (
        "not_utf8"
    )


def test_utf8_bom_is_accepted() -> None:
    data = "\ufeffEt vous ?\nFaut-il ?\n".encode()
    assert [q.text for q in parse_article_bytes(data).questions] == ["Faut-il ?"]


def test_too_large() -> None:
    body = b"Et vous ?\nFaut-il ?\n"
    exact = b"x" * (MAX_ARTICLE_BYTES - len(body) - 1) + b"\n" + body
    assert len(exact) == MAX_ARTICLE_BYTES
    assert len(parse_article_bytes(exact).questions) == 1
    assert _code(lambda: parse_article_bytes(exact + b"\n")) == "too_large"
    assert _code(lambda: parse_article((exact + b"\n").decode())) == "too_large"


def test_too_large_counts_bytes_not_characters() -> None:
    text = "é" * (MAX_ARTICLE_BYTES // 2 + 1)  # fewer characters than the limit
    assert _code(lambda: parse_article(text)) == "too_large"


def test_no_section() -> None:
    assert _code(lambda: parse_article("Un article sans questions.\nFin.\n")) == "no_section"
    assert _code(lambda: parse_article("")) == "no_section"


def test_no_question() -> None:
    assert _code(lambda: parse_article("Et vous ?\nDonnez votre avis.\n")) == "no_question"
    assert _code(lambda: parse_article("Et vous ?\n")) == "no_question"
    assert _code(lambda: parse_article("Et vous ?\nVoir aussi :\nUn ?\n")) == "no_question"


def test_too_long_question_is_skipped_with_a_reason() -> None:
    long_question = "Faut-il " + "vraiment " * 120 + "réguler ?"
    parsed = parse_article(f"Et vous ?\n{long_question}\nQuel rôle ?\n")
    assert [q.text for q in parsed.questions] == ["Quel rôle ?"]
    assert [(s.line_number, s.reason) for s in parsed.skipped] == [(2, "too_long")]


def test_a_question_french_spacing_takes_over_the_limit_is_skipped_as_too_long() -> None:
    """997 characters as written, 1,096 once set (a narrow no-break space before each « ; »
    and the « ? »): stored so, it was over the bank's limit and the edit form's maximum."""
    long_question = "Faut-il" + "; vraiment" * 98 + ", réguler?"
    assert len(long_question) <= MAX_QUESTION_CHARS < len(typeset(long_question, "fr"))
    parsed = parse_article(f"Et vous ?\n{long_question}\nQuel rôle ?\n")
    assert [q.text for q in parsed.questions] == ["Quel rôle ?"]
    assert [(s.line_number, s.reason, s.length) for s in parsed.skipped] == [
        (2, "too_long_spaced", 1096)
    ]


def test_only_too_long_questions_is_no_question() -> None:
    long_question = "Faut-il " + "vraiment " * 120 + "réguler ?"
    assert _code(lambda: parse_article(f"Et vous ?\n{long_question}\n")) == "no_question"


def test_only_questions_french_spacing_takes_over_the_limit_says_so() -> None:
    spaced = "Faut-il" + "; vraiment" * 98 + ", réguler?"
    with pytest.raises(ArticleError) as refused:
        parse_article(f"Et vous ?\n{spaced}\n{spaced}!\n")
    assert refused.value.code == "no_question"
    assert refused.value.reason == "questions_too_long_spaced"
    assert refused.value.values == {"max": 1000, "length": 1096}
    longer = "Faut-il " + "vraiment " * 110 + "réguler ?"  # 1,007 as typed: the shortest
    with pytest.raises(ArticleError) as mixed:
        parse_article(f"Et vous ?\n{spaced}\n{longer}\n")
    assert mixed.value.values == {"max": 1000, "length": len(longer)} and len(longer) < 1096


def test_a_stray_line_not_in_utf8_does_not_hide_why_every_question_was_refused() -> None:
    """A UTF-8 article with one bad line, whose questions are all too long: the file was
    read (its section found, its questions measured), so the refusal says the questions
    are too long, not that the whole file is not UTF-8 text."""
    spaced = "Faut-il" + "; vraiment" * 98 + ", réguler?"
    data = f"Et vous ?\n- {spaced}\n".encode() + b"- Pour ou contre \xff ?\n"
    with pytest.raises(ArticleError) as refused:
        parse_article_bytes(data)
    assert (refused.value.code, refused.value.reason) == (
        "no_question",
        "questions_too_long_spaced",
    )
    assert refused.value.values == {"max": 1000, "length": 1096}
    typed = "Faut-il " + "vraiment " * 120 + "réguler ?"
    data = f"Et vous ?\n- {typed}\n".encode() + b"- Pour ou contre \xff ?\n"
    with pytest.raises(ArticleError) as too_long:
        parse_article_bytes(data)
    assert too_long.value.reason == "questions_too_long"
    windows = f"Et vous ?\n- {typed}\n".encode("cp1252")  # read as Windows-1252: text
    with pytest.raises(ArticleError) as read:
        parse_article_bytes(windows)
    assert read.value.reason == "questions_too_long"


# --- normalization and dedupe ----------------------------------------------------------


def test_normalize_question() -> None:
    assert normalize_question("  Quel rôle pour l’IA\u00a0?  ") == normalize_question(
        "quel  RÔLE pour l'IA?"
    )
    assert normalize_question("« Réalistes » ?") == normalize_question('"réalistes"')
    assert normalize_question("Faut-il ? ") == "faut-il"
    assert normalize_question("Ａｂｃ？") == "abc"  # NFKC: full-width letters and "?"


def test_duplicate_key_leaves_out_accents_and_punctuation_not_what_names_things() -> None:
    assert duplicate_key("Êtes-vous prêt·e, vraiment, pour l’IA ?") == duplicate_key(
        "ETES VOUS PRET E vraiment pour l'ia"
    )
    assert duplicate_key("« Cœur » ou raison ?") == "coeur ou raison"  # as most type it
    assert duplicate_key("Cæsium ?") == duplicate_key("caesium")
    assert duplicate_key("C# ou Java ?") != duplicate_key("C ou Java ?")
    assert duplicate_key("La R&D à 50 % ?") != duplicate_key("La RD à 50 ?")
    assert duplicate_key("Le 🍿 au cinéma ?") != duplicate_key("Le au cinéma ?")


def _q(text: str) -> ParsedQuestion:
    return ParsedQuestion(text=text, language="fr", options=("Oui", "Non"), kind="yes_no")


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Faut-il réguler l’IA ?", "Faut-il réguler l’IA\u202f?"),
        ("Pourquoi?", "Pourquoi\u202f?"),
        ("Vraiment\u00a0?!", "Vraiment\u202f?!"),
        ("Deux choix : lequel ?", "Deux choix\u00a0: lequel\u202f?"),
        ("Un « bon » film ?", "Un «\u202fbon\u202f» film\u202f?"),
        ("Oui ; ou non ?", "Oui\u202f; ou non\u202f?"),
        # a colon inside a time or an address, a mark inside a word: as written
        ("À 18:30, sur https://a.fr/?q=1 ?", "À 18:30, sur https://a.fr/?q=1\u202f?"),
        ("Q1: le C# ?", "Q1: le C#\u202f?"),
        ("Et alors… ?", "Et alors…\u202f?"),
    ],
)
def test_a_french_question_is_stored_with_french_spacing(written: str, stored: str) -> None:
    assert typeset(written, "fr") == stored
    assert typeset(stored, "fr") == stored  # once set, set
    assert duplicate_key(stored) == duplicate_key(written)  # the same question


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        # a space typed after a sign, markdown or an emoji stops breaking: « ? » never wraps alone
        ("Et le C++ ?", "Et le C++\u202f?"),
        ("Payer 10 € !", "Payer 10 €\u202f!"),
        ("Un choix **vrai** ?", "Un choix **vrai**\u202f?"),
        ("Le twist ||final|| ?", "Le twist ||final||\u202f?"),
        ("Et toi 😀 ?", "Et toi 😀\u202f?"),
        ("Alors - ?", "Alors -\u202f?"),
        # none is added there, nor after an opening mark
        ("C++?", "C++?"),
        ("Quoi ( ?)", "Quoi ( ?)"),
    ],
)
def test_a_space_before_a_mark_after_a_sign_or_emoji_stops_breaking(
    written: str, stored: str
) -> None:
    assert french_spacing(written) == stored
    assert french_spacing(stored) == stored


def test_an_english_question_is_stored_as_written() -> None:
    assert typeset("Should AI write films?", "en") == "Should AI write films?"


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        # every character of an address, a code span, a mention, a shortcode kept
        ("Lu sur https://a.fr/hey! Et vous ?", "Lu sur https://a.fr/hey! Et vous\u202f?"),
        ("Le code `a ? b : c` ?", "Le code `a ? b : c`\u202f?"),
        ("Le code ``x ` y ?`` ou non ?", "Le code ``x ` y ?`` ou non\u202f?"),
        ("Et <@123> ?", "Et <@123>\u202f?"),
        ("Un </question add:12> : utile ?", "Un </question add:12>\u00a0: utile\u202f?"),
        ("Avec <a:dance:123> ?", "Avec <a:dance:123>\u202f?"),
        ("Vous aimez :popcorn: ?", "Vous aimez :popcorn:\u202f?"),
    ],
)
def test_french_spacing_leaves_addresses_code_mentions_and_shortcodes(
    written: str, stored: str
) -> None:
    assert french_spacing(written) == stored
    assert french_spacing(stored) == stored


@pytest.mark.parametrize(
    ("written", "server", "stored"),
    [
        ("Et vous?", "en", "Et vous\u202f?"),  # clearly French, whatever the server
        ("Should AI write films?", "fr", "Should AI write films?"),  # clearly English
        ("GPT-5?", "fr", "GPT-5?"),  # no word says a language: the server alone does not
        ("Pourquoi?", "fr", "Pourquoi\u202f?"),  # leaning French, in a French server
        ("Pourquoi?", "en", "Pourquoi?"),
        ("Lu sur https://a.fr/?q=1 ?", "fr", "Lu sur https://a.fr/?q=1\u202f?"),  # "a" is not read
    ],
)
def test_a_typed_question_is_set_when_its_words_say_french(
    written: str, server: str, stored: str
) -> None:
    assert typeset_question(written, server) == stored


def test_dedupe_against_existing_and_within_new() -> None:
    new = [_q("Faut-il réguler l’IA ?"), _q("Quel rôle ?"), _q("quel rôle?"), _q("Neuve ?")]
    kept, skipped = dedupe(new, ["Faut-il réguler l'IA ?"])
    assert [q.text for q in kept] == ["Quel rôle ?", "Neuve ?"]
    assert [q.text for q in skipped] == ["Faut-il réguler l’IA ?", "quel rôle?"]


# --- properties ---------------------------------------------------------------------------

_LINES = st.one_of(
    st.sampled_from(
        [
            "Et vous ?",
            "And you?",
            "**Et vous\u00a0?**",
            "Voir aussi :",
            "See also",
            "",
            "- ",
            "1. ",
            "?",
            " ? ",
            "Faut-il réguler l’IA ?",
            "Quelles mesures ? Quels défis ?",
            "Envisagez-vous cela ? Quelles en seraient les conséquences ?",
            "Should we? Why not?",
            "Faut-il " + "vraiment " * 120 + "réguler ?",
        ]
    ),
    st.text(max_size=60),
    st.text(max_size=40).map(lambda s: s + " ?"),
    st.text(max_size=40).map(lambda s: "- " + s + "?"),
)
_ARTICLES = st.lists(_LINES, max_size=25).map("\n".join)


def _check(call: Callable[[], ParsedArticle]) -> None:
    try:
        parsed = call()
    except ArticleError as error:
        assert error.code in {"not_utf8", "too_large", "no_section", "no_question", "bad_options"}
        return
    assert parsed.questions
    for question in parsed.questions:
        assert question.text.endswith("?")
        assert question.text == question.text.strip()
        assert len(typeset_question(question.text, parsed.language)) <= MAX_QUESTION_CHARS
        assert 2 <= len(question.options) <= 25
        assert question.language in {"fr", "en"}
        assert question.kind in {"yes_no", "open"}


@settings(max_examples=300, deadline=None)
@given(_ARTICLES)
def test_property_articles(text: str) -> None:
    _check(lambda: parse_article(text))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_property_any_text(text: str) -> None:
    _check(lambda: parse_article(text))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | _ARTICLES.map(lambda s: s.encode()))
def test_property_any_bytes(data: bytes) -> None:
    _check(lambda: parse_article_bytes(data))


@settings(max_examples=200, deadline=None)
@given(_ARTICLES, st.lists(st.text(max_size=90), max_size=30))
def test_property_explicit_options(text: str, options: list[str]) -> None:
    _check(lambda: parse_article(text, options=options))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_property_split_loses_nothing(line: str) -> None:
    text = f"{line}?".strip()
    questions = split_questions(text)
    assert all(q.endswith("?") for q in questions)
    assert "".join("".join(questions).split()) == "".join(text.split())


def test_markdown_inside_a_question_is_dropped() -> None:
    article = (
        "## Et vous ?\n"
        "* **Faut-il** taxer les robots ?\n"
        "* [Qui](https://exemple.org/a) paiera les doubleurs ?\n"
        "- Faut-il __vraiment__ légiférer ?\n"
        "- Un ***tout*** petit *rôle* pour l’IA ?\n"
        "- Est-ce que 2**10 fait 1024, et 5 * 3 * 2 ?\n"
    )
    assert _texts(article) == [
        "Faut-il taxer les robots ?",
        "Qui paiera les doubleurs ?",
        "Faut-il vraiment légiférer ?",
        "Un tout petit rôle pour l’IA ?",
        "Est-ce que 2**10 fait 1024, et 5 * 3 * 2 ?",
    ]


def test_quoted_section_questions_lose_their_quote_marker() -> None:
    """A section pasted as a Discord/markdown quote: the heading was read, so are its lines."""
    parsed = parse_article("Intro.\n> Et vous ?\n> Faut-il réguler l’IA ?\n>Comment l’encadrer ?\n")
    assert [(q.text, q.kind) for q in parsed.questions] == [
        ("Faut-il réguler l’IA ?", "yes_no"),
        ("Comment l’encadrer ?", "open"),
    ]


def test_lettered_lists_are_stripped() -> None:
    parsed = parse_article("Et vous ?\na) Faut-il réguler l’IA ?\nB) Comment l’encadrer ?\n")
    assert [(q.text, q.kind) for q in parsed.questions] == [
        ("Faut-il réguler l’IA ?", "yes_no"),
        ("Comment l’encadrer ?", "open"),
    ]


def test_utf16_with_bom_is_read() -> None:
    """Notepad's "Unicode": the byte order mark names the encoding, nothing to guess."""
    text = "Intro.\r\nEt vous\u00a0?\r\nFaut-il réguler l’IA\u00a0?\r\n"
    for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        data = ("\ufeff" + text).encode(encoding) if encoding != "utf-16" else text.encode(encoding)
        assert [q.text for q in parse_article_bytes(data).questions] == [
            "Faut-il réguler l’IA\u00a0?"
        ], encoding


def test_windows_1252_file_is_read_whole() -> None:
    """A file with no UTF-8 at all beyond ASCII is Windows-1252: every question is kept,
    not only the few without an accent."""
    text = (
        "L’IA au cinéma.\nEt vous\u00a0?\nFaut-il réguler l’IA ?\nLes studios doivent-ils payer ?\n"
    )
    parsed = parse_article_bytes(text.encode("cp1252"))
    assert [q.text for q in parsed.questions] == [
        "Faut-il réguler l’IA ?",
        "Les studios doivent-ils payer ?",
    ]
    assert parsed.skipped == []


@pytest.mark.parametrize("heading", ["What about you?", "## How about you?", "**WHAT ABOUT YOU?**"])
def test_english_heading_variants(heading: str) -> None:
    parsed = parse_article(f"AI comes to film.\n{heading}\n- Should AI be regulated?\n")
    assert parsed.language == "en"
    assert [q.text for q in parsed.questions] == ["Should AI be regulated?"]


def test_an_article_saved_as_a_web_page() -> None:
    page = (
        "<html><head><title>IA</title></head><body>"
        "<p>L&#8217;IA au cin&eacute;ma.</p><h2 class='t'>Et vous&nbsp;?</h2>"
        "<ul><li>Faut-il r&eacute;guler l&#39;IA ?</li>\n<li><b>Comment l&#8217;encadrer</b> ?</li></ul>"
        "<p>Voir aussi :</p><ul><li><a href='x'>Un autre article ?</a></li></ul></body></html>"
    )
    assert _texts(page) == ["Faut-il réguler l'IA ?", "Comment l’encadrer ?"]


def test_a_web_page_whose_source_wraps_a_question_over_lines() -> None:
    """A blog built from Markdown (Hugo, Jekyll) keeps the writer's line breaks inside a
    paragraph or a list item, and so does a page laid out by hand: the page shows one
    line, the import read two ("holds no question")."""
    page = (
        "<html><body><article>\n<p>Un studio propose de doubler une s&eacute;rie\n"
        "avec des voix g&eacute;n&eacute;r&eacute;es.</p>\n<h2>Et vous&nbsp;?</h2>\n<ul>\n"
        "  <li>\n    Faut-il interdire le doublage par des voix de synth&egrave;se\n"
        "    dans les s&eacute;ries diffus&eacute;es &agrave; la t&eacute;l&eacute;vision ?\n"
        "  </li>\n  <li>Quelle place laisser aux com&eacute;diens ?</li>\n</ul>\n"
        "<p>Voir aussi :\n<a href='x'>un autre article</a></p>\n</article></body></html>"
    )
    assert _texts(page) == [
        "Faut-il interdire le doublage par des voix de synthèse dans les séries diffusées"
        " à la télévision ?",
        "Quelle place laisser aux comédiens ?",
    ]


def test_a_text_article_mentioning_a_tag_is_read_as_text() -> None:
    assert _texts("Le <p> ouvre un paragraphe.\nEt vous ?\nFaut-il <br> ?\n") == ["Faut-il <br> ?"]


def test_heading_bold_around_its_words_only() -> None:
    assert _texts("Intro.\n**Et vous** ?\nFaut-il réguler l’IA ?\n") == ["Faut-il réguler l’IA ?"]


def test_zero_width_characters_after_the_question_mark() -> None:
    """Copied from a web page: a zero-width space or joiner after "?" ends no section."""
    article = "Et vous ?\u200b\nFaut-il réguler l’IA ?\u200b\nQuel avenir ?\u2060\ufeff\n"
    assert _texts(article) == ["Faut-il réguler l’IA ?", "Quel avenir ?"]


def test_arrow_bullets_are_stripped() -> None:
    parsed = parse_article("Et vous ?\n→ Faut-il réguler l’IA ?\n► Comment l’encadrer ?\n")
    assert [(q.text, q.kind) for q in parsed.questions] == [
        ("Faut-il réguler l’IA ?", "yes_no"),
        ("Comment l’encadrer ?", "open"),
    ]


@pytest.mark.parametrize(
    "prompt",
    [
        "Qu’en pensez-vous ?",
        "Et vous, qu'en pensez-vous ?",
        "**Votre avis ?**",
        "Vous en pensez quoi ?",
        "What do you think?",
        "So, what do you think?",
        "Thoughts?",
        "Any thoughts?",
        "What’s your take?",
        "What is your opinion?",
        "And you, what do you think?",
    ],
)
def test_the_closing_prompt_alone_on_its_line_is_no_question(prompt: str) -> None:
    """Posted alone in the forum, "Qu'en pensez-vous ?" asks about an article nobody sees."""
    article = f"Et vous ?\n- Faut-il réguler l’IA ?\n- {prompt}\n- Quel avenir pour le doublage ?\n"
    assert _texts(article) == ["Faut-il réguler l’IA ?", "Quel avenir pour le doublage ?"]
    assert _code(lambda: parse_article(f"Et vous ?\n{prompt}\n")) == "no_question"
    # after another question on its line: a follow-up kept with it, or left out
    (kept,) = _texts(f"Et vous ?\nFaut-il réguler l’IA ? {prompt}\n")
    assert kept.startswith("Faut-il réguler l’IA ?")


def test_one_lead_in_line_before_the_questions() -> None:
    article = "Et vous ?\nVoici quelques pistes\u00a0:\n- Faut-il réguler l’IA ?\n- Quel avenir ?\n"
    assert _texts(article) == ["Faut-il réguler l’IA ?", "Quel avenir ?"]
    # only one, and only before the first question: anything else still ends the section
    assert _code(lambda: parse_article("Et vous ?\nUn :\nDeux :\nFaut-il ?\n")) == "no_question"
    assert _texts("Et vous ?\nFaut-il ?\nAutre chose :\nQuel avenir ?\n") == ["Faut-il ?"]


def test_french_numbering_styles_are_stripped() -> None:
    article = "Et vous ?\n1 - Faut-il réguler l’IA ?\n2 – Quel avenir ?\n3/ Qui paiera ?\nQ4 : Comment l’encadrer ?\n"
    parsed = parse_article(article)
    assert [(q.text, q.kind) for q in parsed.questions] == [
        ("Faut-il réguler l’IA ?", "yes_no"),
        ("Quel avenir ?", "open"),
        ("Qui paiera ?", "open"),
        ("Comment l’encadrer ?", "open"),
    ]
    # a number that belongs to the question stays
    assert _texts("Et vous ?\n1/3 des films seront-ils écrits par IA ?\n") == [
        "1/3 des films seront-ils écrits par IA ?"
    ]


def test_emoji_bullets_are_stripped() -> None:
    article = "Et vous ?\n👉 Faut-il réguler l’IA ?\n➡️ Quel avenir ?\n👉🏽 Qui paiera ?\n"
    assert _texts(article) == ["Faut-il réguler l’IA ?", "Quel avenir ?", "Qui paiera ?"]
    assert _texts("Et vous ?\n🎬 et IA : faut-il choisir ?\n") == ["🎬 et IA : faut-il choisir ?"]


@pytest.mark.parametrize(
    "heading",
    [
        "Over to you",
        "## Over to you",
        "**Over to you:**",
        "Over to you!",
        "Your turn",
        "### Your turn!",
        "It’s your turn:",
        "And what about you?",
    ],
)
def test_english_hand_over_headings(heading: str) -> None:
    """English tech news closes with "Over to you" or "Your turn" as often as "And you?"."""
    parsed = parse_article(f"AI comes to film.\n{heading}\n- Should AI be regulated?\n")
    assert parsed.language == "en"
    assert [q.text for q in parsed.questions] == ["Should AI be regulated?"]


def test_a_hand_over_phrase_inside_a_sentence_is_no_heading() -> None:
    article = "It is over to you now, readers.\nShould AI be regulated?\n"
    assert _code(lambda: parse_article(article)) == "no_section"


def test_an_english_web_page_closing_with_over_to_you() -> None:
    page = (
        "<article><p>Studios scan actors.</p><h2>Over to you</h2>"
        "<ol><li>Should studios use <em>digital doubles</em>?</li>"
        "<li>Don&rsquo;t actors deserve a say?</li></ol><h3>Related</h3>"
        "<ul><li><a href='/x'>Is Sora ready?</a></li></ul></article>"
    )
    parsed = parse_article(page)
    assert [(q.text, q.kind) for q in parsed.questions] == [
        ("Should studios use digital doubles?", "yes_no"),
        ("Don’t actors deserve a say?", "yes_no"),
    ]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Honestly, would you trust an AI doctor?", "yes_no"),
        ("Personally, do you use ChatGPT at work?", "yes_no"),
        ("Ultimately, is it worth it?", "yes_no"),
        ("Today, should every phone ship with AI?", "yes_no"),
        ("According to you, should AI be regulated?", "yes_no"),
        ("Yes or no: should AI be regulated?", "yes_no"),
        ("If AI writes the news, should it be labelled?", "yes_no"),
        ("If AI writes the news, who is responsible?", "open"),
        ("Which is worse: AI slop or human slop?", "open"),
        ("Should AI be regulated, and by whom?", "yes_no"),
        ("Netflix, Disney or Apple: which will win?", "open"),
    ],
)
def test_english_kinds_after_a_lead_in(question: str, kind: str) -> None:
    """A sentence adverb or a clause before the question ("Honestly, would you …?") does
    not make a yes/no question open (its stance buttons would be "Mostly optimistic")."""
    assert infer_kind(question, "en") == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Pour les studios, quel intérêt ?", "open"),
        ("Franchement, quelle place pour l’IA ?", "open"),
        ("Si l’IA écrit l’info, qui en répond ?", "open"),
        ("Si l’IA écrit l’info, faut-il le signaler ?", "yes_no"),
        ("Faut-il, selon vous, réguler l’IA ?", "yes_no"),
        ("Quand l’IA écrit, qui signe ?", "open"),
    ],
)
def test_french_kinds_after_a_lead_in(question: str, kind: str) -> None:
    assert infer_kind(question, "fr") == kind


@pytest.mark.parametrize(
    ("line", "question"),
    [
        ("- Would you watch it? 🍿", "Would you watch it?"),
        ("- Should AI be regulated? 🤔🤷\u200d♀️", "Should AI be regulated?"),
        ("- Faut-il réguler l’IA ? 👀", "Faut-il réguler l’IA ?"),
        ("- Would you really watch it?!", "Would you really watch it?!"),
        ('- "Would you watch a film made by AI?"', "Would you watch a film made by AI?"),
        ("- “Should studios tell us?”", "Should studios tell us?"),
        ("- “Should studios tell us?” 🍿", "Should studios tell us?"),
        ("- « Faut-il le dire au public ? »", "Faut-il le dire au public ?"),
    ],
)
def test_a_question_with_what_readers_add_around_it(line: str, question: str) -> None:
    """An emoji after the question mark, "?!", quotation marks around the question: still
    a question (the section ended there, and the import found nothing)."""
    assert _texts(f"And you?\n{line}\n- Is that all?\n") == [question, "Is that all?"]


@pytest.mark.parametrize(
    ("article", "questions"),
    [
        (
            "Intro.\nOver to you: would you watch a film starring a digital double?\n",
            ["Would you watch a film starring a digital double?"],
        ),
        (
            "Intro.\n**Your turn:** Should AI be regulated? Who should enforce it?\n",
            ["Should AI be regulated? Who should enforce it?"],
        ),
        (
            "Intro.\nWhat about you? Do you use AI at work?\n- Does your boss know?\n",
            ["Do you use AI at work?", "Does your boss know?"],
        ),
        (
            "Intro.\nEt vous ? Utilisez-vous l’IA au travail ?\n",
            ["Utilisez-vous l’IA au travail ?"],
        ),
    ],
)
def test_a_heading_and_its_question_on_one_line(article: str, questions: list[str]) -> None:
    """English articles often hand over in one sentence: "Over to you: would you …?"."""
    assert _texts(article) == questions


@pytest.mark.parametrize(
    "article",
    [
        "Intro.\nAnd you? You probably use it daily.\nShould it stop?\n",
        "Intro.\nYour turn to decide: should AI be regulated?\n",
    ],
)
def test_a_sentence_that_starts_like_a_heading_is_no_section(article: str) -> None:
    assert _code(lambda: parse_article(article)) == "no_section"


def test_a_heading_on_its_own_line_comes_before_one_in_a_sentence() -> None:
    article = (
        "Et vous ? Vous utilisez ChatGPT au bureau ?\nLa suite de l’article.\n"
        "Et vous ?\n- Faut-il l’interdire au travail ?\n"
    )
    assert _texts(article) == ["Faut-il l’interdire au travail ?"]


@pytest.mark.parametrize(
    "heading",
    ["What about you? 👇", "💬 Over to you", "### 💬 And you?", "Et vous ? 🤔", "👉 Et vous ?"],
)
def test_a_heading_with_an_emoji_beside_it(heading: str) -> None:
    """Newsletters and Discord posts put an emoji before or after the heading."""
    parsed = parse_article(f"Intro.\n{heading}\n- Would you use it?\n")
    assert [q.text for q in parsed.questions] == ["Would you use it?"]


@pytest.mark.parametrize(
    "heading", ["What do you think?", "## So, what do you think?", "Your thoughts?"]
)
def test_an_english_prompt_heading_before_its_questions(heading: str) -> None:
    """ "What do you think?" heads the questions as often as "And you?" does; inside a
    section it is still the closing prompt, left out without ending the section."""
    assert _texts(f"Intro.\n{heading}\n- Should AI be regulated?\n- Would you pay?\n") == [
        "Should AI be regulated?",
        "Would you pay?",
    ]
    inside = f"And you?\nShould AI be regulated?\n{heading.lstrip('# ')}\nWould you pay?\n"
    assert _texts(inside) == ["Should AI be regulated?", "Would you pay?"]
