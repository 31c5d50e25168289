"""Themes through the bot: vectors stored as replies arrive, following edits and
deletions, and the themes shown by ``/summary`` in place of the keyword line."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from db.models import ReplyEmbedding
from db.repositories.embeddings import text_hash
from tests.discord_checks import check_inert, check_limits, embed_texts
from tests.harness import world

THEMES = {
    "emploi": [
        "Les figurants et les doubleurs vont perdre leur emploi si les studios génèrent tout.",
        "Des milliers de techniciens travaillent sur les tournages ; leurs métiers sont menacés.",
        "Les syndicats ont raison de défendre l'emploi des comédiens et des cascadeurs.",
        "Les studios licencieront leurs équipes dès qu'un logiciel pourra les remplacer.",
        "Mon cousin est cadreur et il a peur de perdre son travail à cause de l'automatisation.",
        "Les maquilleurs et les costumiers méritent d'être protégés contre le chômage.",
    ],
    "art": [
        "L'art a besoin d'une âme humaine ; une machine ne fait que recombiner l'existant.",
        "La création vient de l'expérience vécue, ce qu'aucun logiciel ne possède.",
        "Un film est la vision d'un réalisateur, pas la moyenne statistique des anciens films.",
        "Les scénarios générés sonnent creux, sans la surprise qu'apporte un vrai auteur.",
        "Le grand cinéma, c'est de l'émotion et une intention, ce qu'un algorithme ne ressent pas.",
        "La magie du récit vient de l'imagination humaine, pas d'un calcul de probabilités.",
    ],
    "budget": [
        "Les budgets sont énormes ; les effets générés rendraient les petits films abordables.",
        "Les cinéastes indépendants pourraient enfin rivaliser avec les grands studios.",
        "Des outils moins chers, c'est plus de films financés et plus de voix entendues.",
        "Les effets visuels coûtent des millions ; le logiciel réduirait fortement la facture.",
        "Un étudiant avec un ordinateur portable pourrait tourner un long métrage sans budget.",
        "Économiser sur les décors et l'éclairage libérerait de l'argent pour le scénario.",
    ],
}


async def _vectors(w: Any) -> dict[int, str]:
    await w.settle()
    await w.bot.embedder.drain()
    async with w.app.sessions() as session:
        rows = await session.execute(select(ReplyEmbedding.reply_id, ReplyEmbedding.text_hash))
        return {row.reply_id: row.text_hash for row in rows}


async def test_replies_get_vectors_that_follow_edits_and_deletions_and_summary_shows_themes(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=6) as w:
        thread, _ = await w.post()
        sent = []
        for i, text in enumerate(t for group in THEMES.values() for t in group):
            sent.append(await w.members[i % 6].send(thread, text))
        await w.members[0].send(thread, "Bonjour à tous !")
        vectors = await _vectors(w)
        texts = [t for group in THEMES.values() for t in group]
        for message, text in zip(sent, texts, strict=True):
            assert vectors[message.id] == text_hash(text)

        new_text = "Finalement, l'emploi des doubleurs et des figurants est le vrai sujet."
        await w.members[0].edit(sent[0], new_text)
        await w.members[1].delete(sent[1])
        vectors = await _vectors(w)
        assert vectors[sent[0].id] == text_hash(new_text)
        assert sent[1].id not in vectors

        asked = await w.members[2].slash(thread, "summary show")
        answers = [asked.response, *asked.followups]
        fields = [f for a in answers for e in a.embeds for f in e.fields]
        themes = [f for f in fields if f.name.startswith("🏷️")]
        assert 2 <= len(themes) <= 6
        assert not any(f.name in ("Mots-clés", "Keywords") for f in fields)
        shown = "\n".join(f"{f.name}\n{f.value}" for f in themes).lower()
        assert "emploi" in shown or "métiers" in shown
        assert "budget" in shown or "studios" in shown or "films" in shown
        links = {f"https://discord.com/channels/{w.guild.id}/{thread.id}/{m.id}" for m in sent}
        for theme in themes:  # its quotes, each with its jump link
            quoted = [line for line in theme.value.splitlines() if line.startswith("> ")]
            assert quoted, theme.name
            assert all(any(f"[↗]({link})" in line for link in links) for line in quoted)
        for answer in answers:
            check_limits(None, answer.embeds, len(answer.attachments))
            for text in (t for e in answer.embeds for t in embed_texts(e)):
                check_inert(text, links)

        # the closing summary, posted by the scheduler, shows the same themes
        w.clock.advance(timedelta(hours=72, minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        closing = [m for m in thread.history() if m.author.id == w.bot.user.id]
        closed = [f for m in closing for e in m.embeds for f in e.fields]
        labels = [f.name.split(" · ")[0] for f in themes]
        assert [f.name.split(" · ")[0] for f in closed if f.name.startswith("🏷️")] == labels
        assert not any(f.name in ("Mots-clés", "Keywords") for f in closed)
