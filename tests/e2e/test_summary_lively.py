"""A lively discussion's summary is posted whole, within Discord's limits, with
hostile replies inert; a closing summary that fails is retried and staff told
(issue 12, items 3 and 4)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import discord
import pytest

from bot import custom_ids
from bot.services import summary as summary_service
from db.models import Discussion, Question, UnpostedSummary
from tests.discord_checks import check_inert, check_limits, embed_texts
from tests.harness import world

OPTIONS = ["Oui, sans hésiter", "Non, jamais", "Oui, mais encadré", "Je ne sais pas encore"]
PAD = {
    0: " Les studios indépendants y gagneront enfin des moyens comparables aux grandes majors.",
    1: " Le public finira par se lasser de ces images trop lisses, sans accident ni surprise.",
    2: " Un label clair sur chaque affiche et une rémunération des ayants droit suffiraient.",
    3: " J'attends de voir les premiers longs métrages avant de trancher, honnêtement.",
}
REPLIES = [
    "Oui, les générateurs vidéo progressent chaque trimestre et les coûts de production "
    "chutent ; un court métrage d'animation entier se fabrique déjà dans une chambre.",
    "Non : un acteur apporte son vécu, ses hésitations, une présence physique que nulle "
    "machine ne reproduira ; c'est précisément ce que nous payons au guichet.",
    "Oui, à condition que les comédiens donnent leur accord écrit pour chaque usage de leur "
    "voix et de leur visage, avec une rémunération à chaque diffusion. "
    "](https://evil.example/login) (",
    "Je ne sais pas : les scénaristes utilisent déjà ces outils pour des brouillons, "
    "mais personne ne sait encore ce que le spectateur acceptera vraiment.",
    "Oui, les décors numériques ont remplacé les toiles peintes sans que personne ne "
    "pleure ; les paysages générés suivront le même chemin, naturellement.",
    "Non, les techniciens, costumiers, machinistes et doubleurs perdraient leur métier du "
    "jour au lendemain ; une filière entière disparaîtrait.",
    "Oui mais encadré : [connectez-vous ici](https://evil.example/login) disait une "
    "arnaque récente, @everyone doit savoir qu'une loi sur les deepfakes devient urgente.",
    "Je ne sais pas, les festivals hésitent eux-mêmes ; Cannes refuse, Venise accepte, "
    "Berlin réfléchit, et les règles changent chaque saison.",
    "Oui, les jeunes réalisateurs sans réseau pourront tourner leurs idées sans attendre "
    "un producteur frileux ni des subventions introuvables.",
    "Non, le cinéma reste une aventure collective ; sans plateau, sans équipe, sans "
    "répétitions, il ne reste qu'un produit calibré par des statistiques.",
    "Oui, encadré par une autorité indépendante qui vérifie les jeux de données "
    "d'entraînement et sanctionne le pillage des œuvres protégées.",
    "Je ne sais pas trop ; mes enfants regardent déjà des vidéos générées sans le remarquer, "
    "ce qui me trouble plus que je ne voudrais l'admettre.",
]
MORE = [
    " Les logiciels gratuits ouvrent la porte aux amateurs talentueux des petites villes.",
    " Aucun algorithme n'a jamais pleuré en lisant un scénario, ni douté avant une prise.",
    " Les syndicats américains ont obtenu exactement cela après leur longue grève de 2023.",
    " Les plateformes de streaming décideront probablement à notre place, comme toujours.",
    " Personne ne regrette les maquettes en carton de jadis ni les fonds verts bricolés.",
    " Les écoles de cinéma devraient déjà préparer ces reconversions pour leurs élèves.",
    " Les escroqueries par clonage vocal explosent partout, surtout auprès des aînés fragiles.",
    " Les jurys manquent de critères communs pour juger ces œuvres hybrides et nouvelles.",
    " Le financement participatif ne suffit plus aujourd'hui pour boucler un budget modeste.",
    " Une salle obscure partage une émotion vivante, pas un flux de données optimisé.",
    " Les éditeurs de musique réclament déjà des comptes précis aux entreprises concernées.",
    " Les parents manquent de repères pour en discuter calmement à la maison le soir.",
]
NAMES = ["inès", "jules", "karim", "léa"]


async def _lively(w: Any) -> tuple[Any, Discussion, list[discord.Message]]:
    """12 members, each a ~330-character reply and a declared option; 12 voters in 2 camps
    (three camps of four leave the first axis no stronger than some shuffles: p ~ 0.05)."""
    members = [*w.members, *(w.guild.add_member(w.env.create_user(n)) for n in NAMES)]
    added = await w.mod.slash(
        w.forum, "question add", text="Un film 100 % IA ?", options="|".join(OPTIONS)
    )
    assert added.response is not None
    question = next(q for q in await w.rows(Question) if q.text == "Un film 100 % IA\u202f?")
    thread, discussion = await w.post(id=question.id)
    post = w.post_message(discussion)
    messages = []
    for i, (member, text) in enumerate(zip(members, REPLIES, strict=True)):
        text = text + MORE[i] + PAD[i % 4]
        assert 290 <= len(text) <= 380, len(text)
        messages.append(await member.send(thread, text))
        await member.click(post, custom_id=custom_ids.stance(discussion.id, i % 4))
    for v, voter in enumerate(members):
        for r, message in enumerate(messages):
            if r != v:
                same = r % 2 == v % 2
                await voter.react(message, "👍" if same else "👎")
    await w.settle()
    return thread, discussion, messages


def _check_summary(
    messages: list[tuple[str | None, list[discord.Embed], int]], links: set[str], w: Any
) -> str:
    """Every message within Discord's limits and inert; returns all that is shown."""
    shown = []
    for content, embeds, n_files in messages:
        check_limits(content, embeds, n_files)
        for text in [content or "", *(t for e in embeds for t in embed_texts(e))]:
            check_inert(text, links)
            shown.append(text)
    return "\n".join(shown)


def _expected(summary: Any) -> list[str]:
    """Jump links the summary must show: 3 arguments per option, 3 replies per group,
    3 consensus and 3 divisive replies."""
    analysis = summary.analysis
    ids = [a.reply_id for items in analysis.arguments.values() for a in items[:3]]
    ids += [r.reply_id for g in analysis.groups for r in g.representative[:3]]
    ids += [c.reply_id for c in analysis.consensus[:3]] + [
        d.reply_id for d in analysis.divisive[:3]
    ]
    return [summary.jump_links[i] for i in ids]


@pytest.mark.slow
async def test_a_lively_discussion_is_summarised_whole_at_closing_and_on_request(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=8) as w:
        thread, discussion, replies = await _lively(w)
        links = {f"https://discord.com/channels/{w.guild.id}/{thread.id}/{m.id}" for m in replies}
        w.clock.advance(timedelta(hours=72, minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        history = thread.history()
        start = next((i for i, m in enumerate(history) if m.content.startswith("🔒")), None)
        assert start is not None, "no closing summary in the thread"
        closing = history[start:]
        assert all(m.author.id == w.bot.user.id for m in closing)
        assert len(closing) >= 2, "6,000 characters of embeds do not hold this summary"
        shown = _check_summary(
            [(m.content or None, m.embeds, len(m.attachments)) for m in closing], links, w
        )
        async with w.app.sessions() as session:
            row = await session.get(Discussion, discussion.id)
        summary = await summary_service.build(w.app, row)
        assert len(summary.analysis.groups) >= 2 and summary.analysis.stable
        cited = set(summary.analysis.cited_replies())
        assert set(summary.jump_links) == cited == set(summary.author_names)
        assert set(summary.author_names.values()) <= {m.name for m in [*w.members, w.mod]} | {
            *NAMES
        }
        for link in _expected(summary):
            assert link in shown
        fields = [f.name for m in closing for e in m.embeds for f in e.fields]
        for option in OPTIONS:
            assert option.replace("-", "\\-") in fields or option in fields
        # A quoted link keeps its place as its host in plain text, never as a link.
        unlinked = shown.replace("https\u200b://evil.example", "")
        assert "://evil.example" not in unlinked and "evil.example/" not in unlinked
        assert "\\(evil.example\\)" in unlinked  # « (evil.example) » as Discord shows it
        assert {a.filename for m in closing for a in m.attachments} == {"stances.png", "map.png"}
        sent = [r for r in w.env.http_requests if r.method == "POST" and str(thread.id) in r.path]
        for request in sent:
            if isinstance(request.json, dict):
                assert request.json.get("allowed_mentions", {}).get("parse") == []
        assert (await w.bot.fetch_channel(thread.id)).locked

        asked = await w.members[2].slash(thread, "summary show")
        answers = [asked.response, *asked.followups]
        assert all(a.ephemeral for a in answers) and len(answers) == len(closing)
        again = _check_summary([(None, a.embeds, len(a.attachments)) for a in answers], links, w)
        for link in _expected(summary):
            assert link in again


async def test_a_failed_closing_summary_is_retried_and_staff_are_told(sqlite_url: str) -> None:
    async with world(sqlite_url, members=3) as w:
        thread, discussion = await w.post()
        for member in w.members:
            await member.send(thread, "Non, un film sans acteurs humains n'a aucune âme.")
        await w.settle()
        w.env.inject_error("POST", f"/channels/{thread.id}/messages", status=400, times=1)
        w.clock.advance(timedelta(hours=72, minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        notice = thread.last_message
        assert notice.content.startswith("⚠️ Le résumé de cette discussion n’a pas pu être publié")
        assert "essai 1" in notice.content
        assert not any(m.content.startswith("🔒") for m in thread.history())
        assert (await w.bot.fetch_channel(thread.id)).locked

        w.clock.advance(timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        closing = thread.last_message
        assert closing.content.startswith("🔒 La discussion est close")
        assert closing.embeds[0].title == f"Résumé de la discussion n°\u00a0{discussion.id}"
        fetched = await w.bot.fetch_channel(thread.id)
        assert fetched.locked and fetched.archived
        w.clock.advance(timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        assert sum(m.content.startswith("🔒") for m in thread.history()) == 1


async def test_a_closing_summary_that_keeps_failing_is_tried_three_times_then_given_up(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, _ = await w.post()
        await w.members[0].send(thread, "Oui, forcément, la technique avance.")
        await w.settle()

        def broken(*args: Any) -> Any:
            raise RuntimeError("the analysis broke")

        monkeypatch.setattr(summary_service, "analyse", broken)
        w.clock.advance(timedelta(hours=72, minutes=1))
        for _ in range(5):
            await w.bot.scheduler.tick()
            await w.settle()
            w.clock.advance(timedelta(minutes=1))
        notices = [m.content for m in thread.history() if m.content.startswith("⚠️")]
        assert [("(essai" in n, "après 3 essais" in n) for n in notices] == [
            (True, False),
            (True, False),
            (False, True),
        ]
        assert await w.rows(UnpostedSummary) == []
