"""A server that speaks English: what the bot writes there is English throughout."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import custom_ids
from bot.i18n import t
from bot.importer import typeset
from bot.seed_bank import load_seed_bank
from db.models import Question, Suggestion
from tests.discord_checks import embed_texts
from tests.e2e.test_member_locale import labels
from tests.harness import world

YES_NO = ["Yes", "No", "Nuanced"]


async def test_summary_quotes_members_between_english_quotation_marks(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False, members=2) as w:
        await w.setup(language="en")
        thread, discussion = await w.post()
        alice, bruno = w.members
        await alice.click(w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 1))
        await alice.send(thread, "No, it will replace many jobs in the film industry.")
        await bruno.send(thread, "Yes, AI tools are getting better every month.")
        await w.settle()
        shown = await w.mod.slash(thread, "summary show", discussion=discussion.id)
        texts = [text for embed in shown.response.embeds for text in embed_texts(embed)]
        quoted = [text for text in texts if "film industry" in text]
        assert quoted and "“No, it will replace many jobs in the film industry.”" in quoted[0]
        assert not any("«" in text or "»" in text for text in texts), texts


OVER_TO_YOU = """\
# Hollywood's AI doubles

Studios are scanning actors to reuse their likeness in later films.

## Over to you

1. Should studios be allowed to use AI doubles of dead actors?
2. **Would you watch** a film whose lead is a digital double?

## Read more
- Is Sora ready for Hollywood?
"""


async def test_an_english_article_closing_with_over_to_you_is_imported(sqlite_url: str) -> None:
    """English tech news ends with "Over to you" or "Your turn" as often as "And you?":
    the moderator's import finds the questions under it."""
    async with world(sqlite_url, setup=False, members=0) as w:
        await w.setup(language="en")
        before = {q.id for q in await w.rows(Question)}
        for name, article in (
            ("over.md", OVER_TO_YOU),
            ("turn.txt", "Intro.\n\nYour turn!\n- Do you trust AI-written news?\n"),
        ):
            done = await w.mod.slash(w.forum, "question import", file=(name, article.encode()))
            assert done.response.content != t("error-import-no-section", "en"), name
        new = [q for q in await w.rows(Question) if q.id not in before]
        assert [(q.text, q.language, q.options) for q in new] == [
            ("Should studios be allowed to use AI doubles of dead actors?", "en", YES_NO),
            ("Would you watch a film whose lead is a digital double?", "en", YES_NO),
            ("Do you trust AI-written news?", "en", YES_NO),
        ]


async def test_an_english_section_without_a_question_is_named_as_the_article_heads_it(
    sqlite_url: str,
) -> None:
    """An "Over to you" that only asks for comments holds no question: the moderator is
    told of the section her article has, not of an « Et vous ? » it never had."""
    prompt_only = "# AI doubles\n\nStudios scan actors.\n\n## Over to you!\n\nTell us below.\n"
    too_long = "Intro.\n\n**Your turn**\n\n- Should " + "very " * 250 + "long ones pass?\n"
    async with world(sqlite_url, setup=False, members=0) as w:
        await w.setup(language="en")
        answers = []
        for name, article in (("a.md", prompt_only), ("b.md", too_long)):
            done = await w.mod.slash(w.forum, "question import", file=(name, article.encode()))
            answers.append(done.response.content)
        assert answers == [
            'The "Over to you!" section holds no question.',
            'Every question of the "Your turn" section is over 1000 characters.',
        ]
        w.speaks(w.mod, "fr")
        french = await w.mod.slash(w.forum, "question import", file=("c.md", b"Et vous ?\nNon.\n"))
        said = "La section «\u202fEt vous\u202f?\u202f» ne contient aucune question."
        assert french.response.content == said  # typeset, as the article's words are not


async def test_the_stats_chart_is_described_in_the_members_language(sqlite_url: str) -> None:
    """A screen reader reads the /stats chart's alt text, as it reads the summary's."""
    async with world(sqlite_url, setup=False, members=1) as w:
        await w.setup(language="en", timezone="America/New_York")
        thread, _ = await w.post()
        await w.members[0].send(thread, "Yes, I would watch it.")
        await w.settle()
        zoe = w.add_member("zoé", locale="fr")
        for who, lang in ((w.members[0], "en"), (zoe, "fr")):
            shown = await who.slash(w.text, "stats")
            [chart] = shown.response.attachments
            assert chart.filename == "participation.png"
            expected = t("chart-alt-participation", lang, zone="America/New_York")
            assert expected != t("chart-alt-participation", "fr" if lang == "en" else "en")
            assert chart.description == expected


DEBATE = [
    "Yes, it's a great tool for small studios with tight budgets.",
    "No, I don't think so. It's disrespectful to the actors and their families.",
    "Studios don't care about consent, they only care about money.",
    "It depends on consent: if the family agrees, why not?",
    "Absolutely, the technology is amazing and audiences won't notice.",
    "I'm against it. An actor's likeness should belong to their family, not studios.",
    "Studios don't need consent from the dead, but families should get paid.",
    "Families don't get a say and studios don't ask, that's the problem.",
    "Great idea if the estate consents and gets paid fairly.",
    "Consent is everything: without the family's consent, it's theft.",
    "Audiences won't care, they'll watch anything that Netflix puts out.",
    "It's creepy. Dead actors can't consent to new roles, and Netflix won't ask.",
    "Money talks: Netflix will do it whatever the families say.",
    "I doubt audiences will notice, they don't watch credits.",
]


async def test_the_closing_summary_of_english_replies_reads_english_words(
    sqlite_url: str,
) -> None:
    """Its themes are named with words members wrote ("Netflix", "families"), never with
    the halves of "don't" and "won't", and every word around them is English."""
    async with world(sqlite_url, setup=False, members=7) as w:
        await w.setup(language="en")
        await w.mod.slash(
            w.forum,
            "question add",
            text="Should studios be allowed to use AI doubles of dead actors?",
        )
        [question] = [q for q in await w.rows(Question) if q.text.startswith("Should studios")]
        thread, discussion = await w.post(id=question.id)
        for i, text in enumerate(DEBATE):
            await w.members[i % len(w.members)].send(thread, text)
        await w.settle()
        await w.mod.slash(w.forum, "discussion close", discussion=discussion.id)
        await w.settle()
        closed = t("discussion-closed", "en")
        [summary] = [m for m in thread.history() if m.author.bot and m.content == closed]
        embed = summary.embeds[0]
        themes = [f.name for f in embed.fields if f.name.startswith("🏷️")]
        assert themes, [f.name for f in embed.fields]
        labels = [name.removeprefix("🏷️ ").split(" · ")[0] for name in themes]
        words = {word for label in labels for word in label.split(", ")}
        assert not words & {"don", "won", "doesn", "didn", "can", "isn"}, labels
        assert not any(word.istitle() and word != "Netflix" for word in words), labels
        french = ("au total", "déclaré", "réponses", "Résumé", "Groupes", "«")
        shown = "\n".join(embed_texts(embed))
        assert not any(f in shown for f in french), shown
        assert embed.title == t("summary-title", "en", id=discussion.id)


WEB_PAGE = """\
<article><h1>Studios scan their actors</h1>
<p>Digital doubles are coming to every set.</p>
<h2>💬 Over to you</h2>
<ol><li>Honestly, would you watch a film starring a dead actor’s double?</li>
<li>“Should studios tell the audience?” 🍿</li>
<li>Thoughts?</li></ol>
<h3>Related</h3><ul><li><a href="/x">Is Sora ready for Hollywood?</a></li></ul>
</article>
"""


async def test_an_english_web_page_gives_yes_no_questions_and_their_buttons(
    sqlite_url: str,
) -> None:
    """The moderator saves an English article as a web page and imports it: its two
    questions come in (the closing "Thoughts?" left out), each with Yes / No / Nuanced,
    and the post shows those buttons."""
    async with world(sqlite_url, setup=False, members=0) as w:
        await w.setup(language="en")
        before = {q.id for q in await w.rows(Question)}
        done = await w.mod.slash(
            w.forum, "question import", file=("doubles.html", WEB_PAGE.encode())
        )
        assert done.response.content == t("question-imported", "en", added=2, skipped=0)
        new = [q for q in await w.rows(Question) if q.id not in before]
        assert [(q.text, q.options) for q in new] == [
            ("Honestly, would you watch a film starring a dead actor’s double?", YES_NO),
            ("Should studios tell the audience?", YES_NO),
        ]
        _, discussion = await w.post(id=new[0].id)
        buttons = labels(w.post_message(discussion).components)
        assert buttons[:3] == YES_NO


async def test_switching_the_server_to_english_gives_its_untouched_bank_in_english(
    sqlite_url: str,
) -> None:
    """The first /setup (no language given) gave the shipped bank in French; the moderator
    switches the server to English before anything is posted: the next post was the French
    seed question with Oui / Non / Nuancé beside "Reply" and "Give my opinion". The shipped
    questions nobody touched follow the server's language; hers stay as she wrote them."""
    seed = load_seed_bank()
    async with world(sqlite_url, setup=False, members=0) as w:
        await w.setup()  # French, the default
        bank = sorted(await w.rows(Question), key=lambda q: q.position)
        assert bank[0].text == seed.questions[0].text.fr
        edited = bank[2]
        await w.mod.slash(w.forum, "question edit", id=edited.id, text="Le doublage par IA ?")
        await w.mod.slash(w.forum, "question add", text="Faut-il sous-titrer les films IA ?")
        await w.setup(language="en")
        _, discussion = await w.post()
        assert discussion.question_text == seed.questions[0].text.en
        buttons = labels(w.post_message(discussion).components)
        assert buttons[:3] == YES_NO
        by_id = {q.id: q for q in await w.rows(Question)}
        assert by_id[bank[1].id].text == seed.questions[1].text.en
        assert by_id[bank[1].id].options == list(seed.questions[1].option_labels("en"))
        assert by_id[bank[1].id].language == "en"
        assert by_id[edited.id].text == "Le doublage par IA\u202f?"  # hers (French: set)
        assert any(q.text == "Faut-il sous-titrer les films IA\u202f?" for q in by_id.values())
        await w.setup(language="fr")  # and back: the posted one stays as it was posted
        by_id = {q.id: q for q in await w.rows(Question)}
        assert by_id[bank[0].id].text == seed.questions[0].text.en
        assert by_id[bank[1].id].text == seed.questions[1].text.fr


async def test_a_bank_seeded_with_plain_spaces_is_still_the_shipped_bank(sqlite_url: str) -> None:
    """The shipped French questions now hold U+202F before « ? »; a server seeded before
    holds them with a plain space. Its rows are not rewritten: they are still the shipped
    questions (they follow the server's language, untouched by staff) and the same
    questions to an import (the seed article imported again adds none)."""
    seed = load_seed_bank()
    async with world(sqlite_url, setup=False, members=0) as w:
        await w.setup()  # French, the default
        async with w.bot.app.sessions.begin() as session:
            for question in await session.scalars(select(Question)):
                question.text = question.text.replace("\u202f", " ").replace("\u00a0", " ")
        bank = sorted(await w.rows(Question), key=lambda q: q.position)
        assert bank[1].text.endswith(" ?")  # as a server seeded before this release holds it
        article = "Un article.\n\nEt vous ?\n" + "\n".join(q.text.fr for q in seed.questions)
        again = await w.mod.slash(
            w.forum, "question import", file=("article.txt", article.encode())
        )
        assert "0 questions imported, 9 duplicates skipped." in again.response.content
        await w.setup(language="en")
        by_id = {q.id: q for q in await w.rows(Question)}
        assert by_id[bank[1].id].text == seed.questions[1].text.en
        await w.setup(language="fr")  # back: the shipped French, as now set
        by_id = {q.id: q for q in await w.rows(Question)}
        assert by_id[bank[1].id].text == seed.questions[1].text.fr
        assert by_id[bank[1].id].text.endswith("\u202f?")


FRENCH_WORDS = {
    "le", "la", "les", "des", "du", "une", "est", "sont", "pour", "dans", "avec", "vous",
    "votre", "vos", "merci", "oui", "non", "nuancé", "répondre", "réponse", "réponses", "avis",
    "publication", "publiée", "clôture", "résumé", "groupe", "groupes", "thèmes", "membres",
    "membre", "programme", "aucun", "aucune", "jours", "heures", "déclarée", "déclarées",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier",
    "février", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre",
}  # fmt: skip
"""French words of the bot's messages that no English message holds."""
FRENCH_MARKS = re.compile(
    "[\u202f\u00a0] ?[;:!?%»]|[«»]|[àâçéèêëîïôûùœ]"  # French spacing, guillemets, accents
    r"|\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{1,2} h(?: \d\d)?\b",  # « 23/11/2026 », « 18 h 30 »
    re.IGNORECASE,
)


def reads_french(text: str) -> bool:
    """French spacing, guillemets, accents or a French word of the bot's messages."""
    words = set(re.findall(r"[a-zà-ÿ]+", text.lower()))
    return bool(FRENCH_MARKS.search(text) or words & FRENCH_WORDS)


NOT_TEXT = {"custom_id", "url", "proxy_url", "id", "type", "style", "flags", "color"}


def _texts(payload: object, found: list[str]) -> list[str]:
    """Every string a request sends that a person may read."""
    if isinstance(payload, dict):
        for key, value in payload.items():
            if key not in NOT_TEXT:
                _texts(value, found)
    elif isinstance(payload, list):
        for value in payload:
            _texts(value, found)
    elif isinstance(payload, str):
        found.append(payload)
    return found


async def test_an_english_server_reads_no_french_from_setup_to_the_closing_summary(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Everything the bot sends an English server whose members' Discord is English,
    from /setup through a discussion of the shipped bank to its close: answers, errors,
    posts, cards, the reminder, the closing summary, the review card and its DM. The
    catalog tests read messages; this reads what was sent, so French arriving as a value
    (a language passed wrong, words written in code) is caught too. The post's "Source" is
    the French article the shipped bank was written from, cited by its title, set as French
    sets it and marked "(in French)"."""
    async with world(sqlite_url, setup=False, members=2) as w:
        staff = w.guild.create_text_channel("staff")
        alice, bruno = w.members
        await w.setup(language="en", review_channel=staff, reminder_hours=2, leaderboard=True)
        for refused in ({"cron": "0 18 * *"}, {"timezone": "Mars/Olympus"}, {"retention_days": -1}):
            await w.mod.slash(w.forum, "setup", **refused)
        await w.mod.slash(w.forum, "setup", cron="30 9 * * 1-5", timezone="America/New_York")
        for command in ("schedule show", "question list", "question preview", "help"):
            await w.mod.slash(w.text, command)
        await w.mod.slash(w.text, "question remove", id=999)
        thread, discussion = await w.post()
        post = w.post_message(discussion)
        await alice.click(post, custom_id=custom_ids.stance(discussion.id, 0))
        await alice.send(thread, "I think AI will replace many jobs in the film industry, sadly.")
        await bruno.send(thread, "No, artists will always be needed for real creativity.")
        await w.settle()
        card = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        agree = card.response.components[0]["components"][0]["custom_id"]
        await bruno.click(card.response.message, custom_id=agree)
        await bruno.click(card.response.message, custom_id=custom_ids.standing(discussion.id))
        opened = await alice.click(post, custom_id=custom_ids.reply(discussion.id))
        await alice.submit_modal(opened, {custom_ids.REPLY_FORM_TEXT: "My opinion: yes."})
        await alice.slash(thread, "summary show")
        await alice.slash(w.text, "suggest", text="Should robots pay taxes?")
        [suggestion] = await w.rows(Suggestion)
        [review_card] = staff.history()
        await w.mod.click(review_card, custom_id=custom_ids.review(suggestion.id, "approve"))
        for member, command in (
            (alice, "stats"),
            (alice, "leaderboard view"),
            (bruno, "mydata show"),
        ):
            await member.slash(w.text, command)
        await w.mod.slash(w.text, "answers list")
        for moment in (timedelta(hours=-1, minutes=-59), timedelta(minutes=1)):
            w.clock.set(discussion.closes_at + moment)  # the reminder, then the close
            await w.bot.scheduler.tick()
            await w.settle()
        posted = [m.content for m in thread.history() if m.author.bot]
        assert any(c.startswith("⏰") for c in posted) and t("discussion-closed", "en") in posted
        source = load_seed_bank().source.title
        cited = typeset(source, "fr")  # a citation: its title, as French sets it
        names = (w.guild.name, cited, source, "Et vous ?")  # the bot's name: French everywhere
        french = []
        for request in w.env.http_requests:
            if request.method == "PUT" and request.path.endswith("/commands"):
                continue  # the commands' French localizations, for French clients
            for text in _texts(request.json, []):
                for name in names:
                    text = text.replace(name, "X")
                if reads_french(text):
                    french.append((request.path.split("/")[1], text))
        assert len(w.env.http_requests) > 40 and not w.env.errors
        assert not french, french
        # No message missing, nor formatted without a value it names ("{$n}" shown).
        assert not [r.getMessage() for r in caplog.records if r.name == "bot.i18n"]


def _source(w: Any, discussion: Any) -> str | None:
    """The post's "Source" field as members read it."""
    embed = w.post_message(discussion).embeds[0]
    return next((f.value for f in embed.fields if f.name == "Source"), None)


async def test_the_shipped_article_is_cited_in_french_and_said_to_be_french(
    sqlite_url: str,
) -> None:
    """The shipped bank's "Source" is the French article's title, a citation: kept as
    titled, set as French sets it, and marked "(in French)" for English readers (a French
    post needs no mark); an imported question's file name is shown as it came."""
    cited = "Sora, Kling, The Creator\u00a0: l’IA générative et l’avenir du cinéma"
    async with world(sqlite_url, setup=False, members=0) as w:
        await w.setup(language="en")
        _, discussion = await w.post()
        assert _source(w, discussion) == f"{cited} (in French)"
        shown = await w.mod.slash(w.text, "question preview")
        [preview] = shown.response.embeds
        assert f"{cited} (in French)" in [f.value for f in preview.fields]
        await w.mod.slash(
            w.text, "question import", file=("ideas_en.txt", b"An article.\n\nAnd you?\n"
            b"Should films credit the AI they use?\n")
        )  # fmt: skip
        [imported] = [q for q in await w.rows(Question) if q.source == "ideas_en.txt"]
        _, discussion = await w.post(id=imported.id)
        assert _source(w, discussion) == "ideas\\_en.txt"
        await w.setup(language="fr")
        _, discussion = await w.post()
        assert _source(w, discussion) == cited
        assert not w.env.errors
