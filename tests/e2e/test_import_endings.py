"""`/question import` of articles as tech-news sites end them, as a moderator meets it:
a page with adverts' scripts and the site's links around its « Et vous ? » section, in
Windows-1252; a plain-text copy with wrapped questions, options in the text and
questions the bank already has; and the section that is only « Et vous, qu'en
pensez-vous ? ». Pages come from a local site (``tests/article_server.py``)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

from db.models import AuditEntry, Question
from tests.article_server import ArticleSite
from tests.discord_checks import check_limits
from tests.harness import world

OPEN = {"import_allow_loopback": True}

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><title>Windows 10 : la fin du support approche</title>
<script>window.dataLayer = window.dataLayer || []; var ok = consent ? 'oui' : 'non';</script>
<style>.pub { min-height: 250px }</style></head>
<body>
<div id="cookies"><p>Ce site utilise des cookies.</p><button>Tout accepter</button></div>
<article>
<h1>Windows 10 : la fin du support approche</h1>
<p>Microsoft arrêtera les mises à jour de sécurité en octobre ; des millions de PC
ne peuvent pas passer à Windows 11.</p>
<p><strong>Et vous&nbsp;?</strong></p>
<p>Allez-vous passer à Windows&nbsp;11&nbsp;? Oui / Non / Ça dépend</p>
<div class="pub"><script>
googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });
</script><noscript><p>Publicité</p></noscript></div>
<p>Faut-il prolonger le support gratuit de Windows&nbsp;10&nbsp;: pour ou contre&nbsp;?</p>
<p>Lire aussi&nbsp;: <a href="/linux">Linux, une vraie alternative&nbsp;?</a></p>
</article>
<aside><p>Vous avez aimé cet article&nbsp;?</p><p>Abonnez-vous à notre lettre.</p></aside>
<footer><p>© 2026 Tech du Jour</p></footer>
</body></html>
"""

ARTICLE = """L'Australie interdit les réseaux sociaux aux moins de 16 ans.

Et vous ?

1. Faut-il interdire les réseaux sociaux aux moins de 15 ans en France,
   même si cela suppose de vérifier l'âge de tous les utilisateurs ?
2. Qui devrait contrôler l'âge : les plateformes, l'État ou
   les parents ?
3. {known}

Got a tip? Write to tips@example.org
"""


@pytest.fixture
def site() -> Iterator[ArticleSite]:
    page = (PAGE.encode("cp1252"), "text/html; charset=windows-1252")
    with ArticleSite(pages={"windows": page}) as running:
        yield running


async def test_a_page_with_adverts_and_links_gives_its_questions_only(
    sqlite_url: str, site: ArticleSite
) -> None:
    async with world(sqlite_url, **OPEN) as w:
        before = {q.text for q in await w.rows(Question)}
        result = await w.mod.slash(w.forum, "question import", url=site.url("/page/windows"))
        assert result.ephemeral
        assert result.response.content.startswith("2 questions imported")
        rows = [q for q in await w.rows(Question) if q.text not in before]
        added = {q.text: q.options for q in rows}
        (shown,) = result.response.embeds  # what the bank stored, as /question list shows it
        check_limits(result.response.content, result.response.embeds)
        assert shown.description == "\n".join(
            f"`#{q.id}` {q.text}\n　↳ {' / '.join(q.options)}" for q in rows
        )
        assert not shown.fields  # no duplicate
        preview = await w.mod.slash(w.forum, "question preview", id=rows[0].id)
        assert rows[0].text in preview.response.embeds[0].description
        assert _labels(preview.response.components)[: len(rows[0].options)] == rows[0].options
        assert added == {
            "Allez-vous passer à Windows\u00a011\u202f?": [
                "Oui",
                "Non",
                "Ça dépend",
            ],
            "Faut-il prolonger le support gratuit de Windows\u00a010\u00a0: pour ou contre\u202f?": [
                "Pour",
                "Contre",
                "Nuancé",
            ],
        }
        assert not w.env.errors


def _labels(components: Any) -> list[str]:
    return [
        c.label if hasattr(c, "label") else c["label"]
        for row in components
        for c in getattr(row, "children", None) or row["components"]
    ]


def _as_typed_in_a_hurry(question: str) -> str:
    """A question as another site words it: no accents, capitals, plain spaces."""
    plain = unicodedata.normalize("NFKD", question.replace("\u202f", " ").replace("\u00a0", " "))
    return "".join(c for c in plain if not unicodedata.combining(c)).upper()


async def test_a_copied_article_with_wrapped_questions_and_one_the_bank_has(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        bank = await w.rows(Question)
        held = next(q for q in bank if q.language == "fr" and q.text.endswith("\u202f?"))
        known = held.text
        article = ARTICLE.format(known=_as_typed_in_a_hurry(known)).encode()
        result = await w.mod.slash(w.forum, "question import", file=("article.txt", article))
        assert result.response.content == "2 questions imported, 1 duplicate skipped."
        (shown,) = result.response.embeds
        [(name, value)] = [(f.name, f.value) for f in shown.fields]
        assert name == "Duplicates skipped (1): already in the bank, or asked twice"
        assert value == (
            f"• {_as_typed_in_a_hurry(known)} — already in the bank (question #{held.id})"
        )
        added = {q.text for q in await w.rows(Question)} - {q.text for q in bank}
        assert added == {
            "Faut-il interdire les réseaux sociaux aux moins de 15 ans en France, même si"
            " cela suppose de vérifier l'âge de tous les utilisateurs\u202f?",
            "Qui devrait contrôler l'âge\u00a0: les plateformes, l'État ou les parents\u202f?",
        }


@pytest.mark.parametrize(
    ("language", "answer", "in_bank", "twice"),
    [
        ("fr", "1 question importée, 2 doublons ignorés.",
         "déjà dans la banque (question n°\u00a0{id})", "posée deux fois dans l’article"),
        ("en-US", "1 question imported, 2 duplicates skipped.",
         "already in the bank (question #{id})", "asked twice in the article"),
    ],
)  # fmt: skip
async def test_each_duplicate_says_whether_the_bank_has_it_or_the_article_repeats_it(
    sqlite_url: str, language: str, answer: str, in_bank: str, twice: str
) -> None:
    async with world(sqlite_url) as w:
        w.speaks(w.mod, language)
        held = next(q for q in await w.rows(Question) if q.language == "fr")
        article = (
            f"Et vous ?\n- Faut-il taxer les robots ?\n- {held.text}\n"
            "- FAUT-IL TAXER LES ROBOTS ?\n"
        )
        result = await w.mod.slash(w.forum, "question import", file=("a.txt", article.encode()))
        assert result.response.content == answer
        [field] = result.response.embeds[0].fields
        assert field.value.splitlines() == [
            f"• {held.text} — {in_bank.format(id=held.id)}",
            f"• FAUT-IL TAXER LES ROBOTS ? — {twice}",
        ]


async def test_only_the_prompt_is_refused_by_its_name(sqlite_url: str) -> None:
    article = "Une IA a écrit un roman primé.\n\nEt vous, qu’en pensez-vous ?\n\nCommentaires (3)\n"
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        before = len(await w.rows(Question)), len(await w.rows(AuditEntry))
        result = await w.mod.slash(w.forum, "question import", file=("roman.txt", article.encode()))
        assert result.ephemeral
        assert result.response.content == (
            "La section «\u202fEt vous, qu’en pensez-vous\u202f?\u202f» ne contient aucune question."
        )
        assert (len(await w.rows(Question)), len(await w.rows(AuditEntry))) == before


async def test_a_typed_for_or_against_question_gets_for_and_against(sqlite_url: str) -> None:
    """Typed or imported, « pour ou contre » is answered Pour / Contre / Nuancé, and a
    choice between two things offers them."""
    async with world(sqlite_url) as w:
        await w.mod.slash(
            w.forum, "question add", text="Êtes-vous pour ou contre la 5G dans le métro ?"
        )
        (added,) = [q for q in await w.rows(Question) if "5G" in q.text]
        assert added.options == ["Pour", "Contre", "Nuancé"]
        await w.mod.slash(w.forum, "question add", text="Plutôt iPhone ou Android ?")
        (choice,) = [q for q in await w.rows(Question) if "iPhone" in q.text]
        assert choice.options == ["iPhone", "Android", "Les deux"]


async def test_a_digest_gives_the_questions_of_every_story(sqlite_url: str) -> None:
    digest = (
        "La semaine tech.\n\n"
        "1. Le télétravail recule\n\nEt vous ?\n- Télétravaillez-vous encore ?\n\n"
        "2. Les voitures autonomes à Paris\n\n"
        "Et vous ?\n- Monteriez-vous dans un taxi sans chauffeur ?\n"
        "- Qui est responsable en cas d’accident ?\n\n"
        "Abonnez-vous à la lettre du lundi.\n"
    )
    async with world(sqlite_url) as w:
        result = await w.mod.slash(w.forum, "question import", file=("semaine.md", digest.encode()))
        assert result.response.content == "3 questions imported, 0 duplicates skipped."
        texts = {q.text for q in await w.rows(Question)}
        assert {
            "Télétravaillez-vous encore\u202f?",
            "Monteriez-vous dans un taxi sans chauffeur\u202f?",
            "Qui est responsable en cas d’accident\u202f?",
        } <= texts


async def test_a_long_import_lists_what_fits_and_says_how_many_more(sqlite_url: str) -> None:
    long = "dans les entreprises, les écoles, les hôpitaux et les administrations " * 2
    article = "Et vous ?\n" + "".join(
        f"- Faut-il encadrer l’usage numéro {i} de l’IA {long}?\n" for i in range(60)
    )
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        result = await w.mod.slash(w.forum, "question import", file=("ia.md", article.encode()))
        assert result.response.content.startswith("60 questions importées")
        (shown,) = result.response.embeds
        check_limits(result.response.content, result.response.embeds)
        listed = shown.description.count("\n　↳ ")
        assert 0 < listed < 60
        assert shown.description.endswith(
            f"… et {60 - listed} autres\u00a0: /question liste les montre toutes."
        )
        again = await w.mod.slash(w.forum, "question import", file=("ia.md", article.encode()))
        (field,) = again.response.embeds[0].fields
        assert field.name == "Doublons ignorés (60)\u00a0: déjà dans la banque, ou posés deux fois"
        assert field.value.endswith(" autres.")
        check_limits(again.response.content, again.response.embeds)
