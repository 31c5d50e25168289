"""Articles as tech-news sites end them, read by the importer: questions a plain-text
copy wraps over lines, options the article states, « Et vous, qu'en pensez-vous ? » with
its question, and the site's furniture after the section (related links, its own
questions to readers, adverts' scripts) left out."""

from __future__ import annotations

import pytest

from bot.importer import ArticleError, default_options, parse_article

OPEN_FR = ("Plutôt optimiste", "Plutôt sceptique", "Partagé")
YES_NO_FR = ("Oui", "Non", "Nuancé")


def _read(article: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(q.text, q.options) for q in parse_article(article).questions]


def test_a_question_wrapped_over_lines_is_read_whole() -> None:
    """A mail or a plain-text copy wraps a long item; its next lines start with a small
    letter. Before, the section stopped at the first wrapped line (nothing imported)."""
    article = (
        "Le gouvernement veut interdire les réseaux sociaux aux moins de 15 ans.\n\n"
        "Et vous ?\n\n"
        "1. Faut-il interdire les réseaux sociaux aux moins de 15 ans,\n"
        "   même si cela suppose de vérifier l'âge de tous les utilisateurs ?\n"
        "2. Qui devrait contrôler l'âge : les plateformes, l'État ou\n"
        "   les parents ?\n"
        "3. Vos enfants ont-ils déjà un compte ?\n\n"
        "Recevez chaque matin l'essentiel de l'actu tech.\n"
    )
    assert _read(article) == [
        (
            "Faut-il interdire les réseaux sociaux aux moins de 15 ans, même si cela suppose"
            " de vérifier l'âge de tous les utilisateurs ?",
            YES_NO_FR,
        ),
        ("Qui devrait contrôler l'âge : les plateformes, l'État ou les parents ?", OPEN_FR),
        ("Vos enfants ont-ils déjà un compte ?", YES_NO_FR),
    ]
    english = (
        "And you?\n> Should schools ban phones for the whole day,\n> including breaks and lunch?\n"
    )
    assert [text for text, _ in _read(english)] == [
        "Should schools ban phones for the whole day, including breaks and lunch?"
    ]


def test_prose_after_the_questions_is_not_joined_to_a_question() -> None:
    """A sentence that ended, or a next line with a capital, is no wrapped question."""
    article = (
        "Et vous ?\n- Utilisez-vous un VPN ?\n"
        "Merci de votre lecture.\nvous avez aimé ?\n"  # a sentence ended: not joined
        "- Faut-il taxer les robots ?\n"
    )
    assert [text for text, _ in _read(article)] == ["Utilisez-vous un VPN ?"]
    capital = "Et vous ?\n- Utilisez-vous un VPN\nNordVPN ou Proton ?\n"
    with pytest.raises(ArticleError):
        parse_article(capital)


def test_options_the_article_states_are_the_question_s_options() -> None:
    """« ? Oui / Non / Ça dépend » after the question, or on the line under it. Before,
    such a line ended the section: the moderator got « no usable question »."""
    article = (
        "Windows 10 : la fin du support approche.\n\n"
        "Et vous ?\n\n"
        "Allez-vous passer à Windows 11 ? Oui / Non / Ça dépend\n"
        "Quel système utiliserez-vous en 2027 ?\n"
        "Windows 11 | macOS | Linux | ChromeOS\n\n"
        "Avez-vous déjà essayé Linux ? (Oui / Non)\n"
    )
    assert _read(article) == [
        ("Allez-vous passer à Windows 11 ?", ("Oui", "Non", "Ça dépend")),
        ("Quel système utiliserez-vous en 2027 ?", ("Windows 11", "macOS", "Linux", "ChromeOS")),
        ("Avez-vous déjà essayé Linux ?", ("Oui", "Non")),
    ]
    english = "And you?\n* Would you pay for an AI search engine? Yes / No / Maybe\n"
    assert _read(english) == [("Would you pay for an AI search engine?", ("Yes", "No", "Maybe"))]


def test_options_staff_give_come_before_those_the_article_states() -> None:
    article = "Et vous ?\nAllez-vous passer à Windows 11 ? Oui / Non / Ça dépend\n"
    assert _read(article)[0][1] == ("Oui", "Non", "Ça dépend")
    given = parse_article(article, options=["Déjà fait", "Jamais"]).questions
    assert [q.options for q in given] == [("Déjà fait", "Jamais")]


def test_an_address_after_a_question_is_no_options() -> None:
    article = "Et vous ?\nFaut-il migrer ? https://example.org/guide/windows\n"
    with pytest.raises(ArticleError):  # neither options nor a question: nothing invented
        parse_article(article)


def test_for_or_against_is_asked_with_for_and_against() -> None:
    """Oui / Non under « Pour ou contre ? » answered nothing a member could mean."""
    article = (
        "Et vous ?\n"
        "- Linux, une vraie alternative pour vous ? Pour ou contre ?\n"
        "- Faut-il prolonger le support gratuit : pour ou contre ?\n"
        "- Êtes-vous pour ou contre la reconnaissance faciale dans les stades ?\n"
    )
    assert {options for _, options in _read(article)} == {("Pour", "Contre", "Nuancé")}
    english = "And you?\nAre you for or against a ban on facial recognition?\n"
    assert _read(english)[0][1] == ("For", "Against", "Nuanced")
    assert default_options("yes_no", "fr", "Faut-il taxer les robots ?") == YES_NO_FR


def test_et_vous_qu_en_pensez_vous_heads_its_question() -> None:
    """« Et vous, qu'en pensez-vous ? » opens the section like « Et vous ? ». Before, no
    section was found at all."""
    same_line = (
        "Une IA a écrit un roman primé au Japon.\n\n"
        "Et vous, qu’en pensez-vous ? Une IA peut-elle être un auteur ?\n\n"
        "Commentaires (12)\n"
    )
    assert _read(same_line) == [("Une IA peut-elle être un auteur ?", YES_NO_FR)]
    below = "Un roman primé.\n\n**Et vous, qu'en pensez-vous ?**\n- Faut-il le dire au lecteur ?\n"
    assert [text for text, _ in _read(below)] == ["Faut-il le dire au lecteur ?"]
    english = "And you, what do you think?\n- Should prizes exclude AI?\n"
    assert [text for text, _ in _read(english)] == ["Should prizes exclude AI?"]


def test_a_section_that_is_only_the_prompt_is_named_in_its_refusal() -> None:
    article = "Une IA a écrit un roman.\n\nEt vous, qu'en pensez-vous ?\n\nPartager sur X\n"
    with pytest.raises(ArticleError) as refused:
        parse_article(article)
    assert refused.value.code == "no_question"
    assert refused.value.heading == "Et vous, qu'en pensez-vous\u202f?"


def test_the_prompt_after_the_questions_still_closes_nothing() -> None:
    article = (
        "Et vous ?\n- Faut-il taxer les robots ?\nEt vous, qu'en pensez-vous ?\n"
        "- Qui paiera les retraites ?\n"
    )
    assert [text for text, _ in _read(article)] == [
        "Faut-il taxer les robots ?",
        "Qui paiera les retraites ?",
    ]


@pytest.mark.parametrize(
    "furniture",
    [
        "Lire aussi : LastPass piraté, faut-il changer de gestionnaire ?",
        "À LIRE AUSSI",
        "Sur le même sujet : Bitwarden est-il plus sûr ?",
        "Related: Is LastPass still safe?",
        "Read more: Should you switch to passkeys?",
        "Vous avez aimé cet article ?",
        "Cet article vous a plu ?",
        "Vous avez une info à nous partager ?",
        "Got a tip?",
        "Did you enjoy this article?",
    ],
)
def test_the_site_s_links_and_questions_to_readers_end_the_section(furniture: str) -> None:
    """A related link named by its question, or the site asking its readers: before, each
    was imported as a discussion question."""
    article = (
        "Et vous ?\n\n"
        "- Utilisez-vous un gestionnaire de mots de passe ?\n"
        "- Faites-vous confiance au stockage en ligne ?\n\n"
        f"{furniture}\n"
        "Partagez-vous vos mots de passe ?\n"
    )
    assert [text for text, _ in _read(article)] == [
        "Utilisez-vous un gestionnaire de mots de passe ?",
        "Faites-vous confiance au stockage en ligne ?",
    ]


def test_a_question_about_the_site_s_words_is_still_a_question() -> None:
    article = "Et vous ?\n- Lisez-vous encore la presse tech ?\n- Vous avez aimé Vision Pro ?\n"
    assert len(_read(article)) == 2


PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<script>var consent = localStorage.getItem('c') ? 'oui' : 'non';</script>
<style>.ad { min-height: 250px }</style></head><body>
<article><h1>Apple lance le Vision Pro 2</h1><p>Le casque gagne en légèreté.</p>
<h2>Et vous&nbsp;?</h2>
<p><strong>Achèteriez-vous un casque à 3&nbsp;500&nbsp;euros&nbsp;?</strong></p>
<div class="ad"><script>
googletag.cmd.push(function() { googletag.display('div-gpt-ad-2'); });
</script><noscript><p>Publicité</p></noscript></div>
<p>Quel usage vous ferait franchir le pas&nbsp;?</p>
<template><p>Cette question vous a-t-elle plu ?</p></template>
<a class="share" href="/share"><svg viewBox="0 0 24 24"><title>Partager</title><path d="M0"/></svg></a>
<p>Oui / Non / Peut-être</p>
</article>
<footer><p>Vous avez aimé cet article&nbsp;? Abonnez-vous.</p></footer>
</body></html>"""


def test_an_advert_s_script_inside_the_section_does_not_end_it() -> None:
    """A page's scripts, styles, ``<noscript>``, ``<template>`` and an icon's ``<svg>``
    are no text. Before,
    the advert's script between two questions ended the section after the first."""
    assert _read(PAGE) == [
        ("Achèteriez-vous un casque à 3\u00a0500\u00a0euros\u00a0?", YES_NO_FR),
        ("Quel usage vous ferait franchir le pas\u00a0?", ("Oui", "Non", "Peut-être")),
    ]


def test_an_unclosed_script_keeps_the_rest_of_the_page() -> None:
    page = "<h2>Et vous ?</h2><p>Faut-il taxer les robots ?</p><script>var x = 1;"
    assert [text for text, _ in _read(page)] == ["Faut-il taxer les robots ?"]


def test_every_section_of_a_digest_is_read() -> None:
    """A digest ends each story with its « Et vous ? ». Before, only the first section's
    questions were imported, and nothing said the others were left."""
    article = (
        "Le télétravail recule.\n\nEt vous ?\n- Télétravaillez-vous encore ?\n\n"
        "Les entreprises imposent le retour au bureau.\n\n"
        "**Et vous ?**\n"
        "- Votre employeur a-t-il réduit le télétravail ?\n"
        "- Accepteriez-vous une baisse de salaire pour rester chez vous ?\n"
        "Qu'en pensez-vous ?\n\n"
        "Voir aussi : Le bureau flexible\n"
    )
    parsed = parse_article(article)
    assert [q.text for q in parsed.questions] == [
        "Télétravaillez-vous encore ?",
        "Votre employeur a-t-il réduit le télétravail ?",
        "Accepteriez-vous une baisse de salaire pour rester chez vous ?",
    ]
    assert parsed.heading_line == 3


def test_a_prompt_inside_a_section_is_not_read_again_as_one() -> None:
    article = (
        "What about you?\n- Do you still work from home?\nWhat do you think?\n"
        "- Would you take a pay cut to stay home?\n"
    )
    assert [text for text, _ in _read(article)] == [
        "Do you still work from home?",
        "Would you take a pay cut to stay home?",
    ]


def test_sections_together_past_the_limit_are_refused() -> None:
    half = "".join(f"- Question numéro {i} ?\n" for i in range(60))
    with pytest.raises(ArticleError) as refused:
        parse_article(f"Et vous ?\n{half}\nUn autre sujet.\n\nEt vous ?\n{half}")
    assert refused.value.code == "too_many"


def test_a_heading_s_paragraph_keeps_its_question_without_the_site_s_sentence() -> None:
    """ "What do you think? Would you …? Let us know in the comments." in one paragraph:
    before, no section was found."""
    article = (
        "Microsoft brings Recall back to Copilot+ PCs.\n\n"
        "What do you think? Would you turn Recall on, or is it a privacy nightmare?"
        " Let us know in the comments below.\n\nMore from Tech Today\n"
    )
    assert _read(article) == [
        ("Would you turn Recall on, or is it a privacy nightmare?", ("Yes", "No", "Nuanced"))
    ]
    options = "Et vous ? Allez-vous passer à Windows 11 ? Oui / Non\n"
    assert _read(options) == [("Allez-vous passer à Windows 11 ?", ("Oui", "Non"))]


@pytest.mark.parametrize(
    "footer",
    [
        "Posted on 3 Dec 2026 | 5 comments",
        "Source : Le Monde / AFP",
        "Publié le 03/12/2026",
        "By Jane Doe, senior editor | Updated yesterday",
    ],
)
def test_the_site_s_lines_under_the_last_question_are_no_options(footer: str) -> None:
    article = f"And you?\n- Do you still use Twitter?\n\n{footer}\n"
    assert _read(article) == [("Do you still use Twitter?", ("Yes", "No", "Nuanced"))]


def test_bold_closed_inside_a_listed_question_leaves_no_marker() -> None:
    """Before, "- **Faut-il …**, même …?" kept the closing "**" in the bank."""
    article = "## Et vous ?\n\n- **Faut-il taxer les robots**, même ceux des PME ?\n"
    assert [text for text, _ in _read(article)] == ["Faut-il taxer les robots, même ceux des PME ?"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Question 1 : ", "Question 2 : "),
        ("question n° 1. ", "question n° 2. "),
        ("-", "-"),
        ("☐ ", "☐ "),
        ("★ ", "☆ "),
        ("✓ ", "➤ "),
    ],
)
def test_numbering_and_bullets_as_sites_type_them_are_stripped(first: str, second: str) -> None:
    """Before, « Question 1 : » or a glued dash stayed in the bank's question."""
    article = f"Et vous ?\n{first}Faut-il taxer les robots ?\n{second}Qui paiera les retraites ?\n"
    assert [text for text, _ in _read(article)] == [
        "Faut-il taxer les robots ?",
        "Qui paiera les retraites ?",
    ]


def test_a_dash_inside_a_question_s_start_is_kept() -> None:
    article = "Et vous ?\n- -5 % sur les forfaits, vous y croyez ?\n"
    assert [text for text, _ in _read(article)] == ["-5 % sur les forfaits, vous y croyez ?"]


def test_et_toi_heads_a_section() -> None:
    """Sites for a young audience say « tu »."""
    assert [text for text, _ in _read("Et toi ?\n- Tu utilises ChatGPT pour tes devoirs ?\n")] == [
        "Tu utilises ChatGPT pour tes devoirs ?"
    ]


@pytest.mark.parametrize(
    ("question", "options"),
    [
        ("Plutôt iPhone ou Android ?", ("iPhone", "Android", "Les deux")),
        ("Vous êtes plutôt Mac ou PC ?", ("Mac", "PC", "Les deux")),
        ("Votre choix : Windows ou Linux ?", ("Windows", "Linux", "Les deux")),
        (
            "Qui doit contrôler l'âge : les plateformes ou les parents ?",
            ("Les plateformes", "Les parents", "Les deux"),
        ),
        ("Which do you prefer: iPhone or Android?", ("iPhone", "Android", "Both")),
    ],
)
def test_a_choice_between_two_things_offers_them(question: str, options: tuple[str, ...]) -> None:
    """Before, « Plutôt iPhone ou Android ? » was answered Oui / Non / Nuancé."""
    heading = "What about you?" if question.startswith("Which") else "Et vous ?"
    assert _read(f"{heading}\n- {question}\n") == [(question, options)]


@pytest.mark.parametrize(
    "question",
    [
        "Faut-il taxer les robots ou les entreprises qui les utilisent ?",
        "Plutôt télétravail ou bureau, pour vous ?",
        "Should we ban TikTok or regulate it?",
        "Qui devrait contrôler l'âge : les plateformes, l'État ou les parents ?",
    ],
)
def test_a_question_that_names_no_two_things_keeps_its_kind_s_options(question: str) -> None:
    (parsed,) = parse_article(f"Et vous ?\n{question}\n").questions
    assert parsed.options == default_options(parsed.kind, parsed.language)


def test_prose_after_a_heading_s_question_keeps_the_line_no_heading() -> None:
    """Only the site's call to comment is left out after the question: « Moi j'adore
    ce film. » is the article talking, and « Et vous ? Vous aussi ? » inside it no section."""
    with pytest.raises(ArticleError) as refused:
        parse_article("Un article.\n\nEt vous ? Vous aussi ? Moi j'adore ce film.\n")
    assert refused.value.code == "no_section"
    french = (
        "Et vous, qu'en pensez-vous ? Une IA peut-elle écrire ? Dites-le-nous en commentaire.\n"
    )
    assert [text for text, _ in _read(french)] == ["Une IA peut-elle écrire ?"]
