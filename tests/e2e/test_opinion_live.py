"""The opinion side as members live it: stances, the voting card and the summary's groups,
with what staff and members really write in a question."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import simcord

from bot import custom_ids
from db.models import Discussion, Question
from tests.cli_run import cli
from tests.e2e.test_review_login import web_room
from tests.harness import world

PRICED = "Is $100 for a yearly cinema pass at 50% off a fair price, or is $60 the most you'd pay?"
CAMP = ("Studios must pay the actors whose faces train a model.", "Label every AI film.")
OTHER = "Let the market decide, no rules at all."
BRIDGE = "Viewers should be able to choose knowingly."


async def _priced_debate(w: Any) -> Any:
    """The question above, posted; two camps of four members split on three replies and
    all agree with a fourth (clear groups: the summary has its opinion map)."""
    await w.mod.slash(w.forum, "question add", text=PRICED, options="Fair|Too much|Depends")
    (question,) = [q for q in await w.rows(Question) if q.text == PRICED]
    await w.mod.slash(w.forum, "question post", id=question.id)
    (discussion,) = await w.rows(Discussion)
    thread = simcord.ChannelHandle(w.env, w.guild, w.env.backend.channels[discussion.thread_id])
    texts = (*CAMP, OTHER, BRIDGE)
    messages = [await w.mod.send(thread, text) for text in texts]
    post = w.post_message(discussion)
    for i, member in enumerate(w.members):
        camp = i < 4
        await member.click(post, custom_id=custom_ids.stance(discussion.id, 0 if camp else 1))
        for message, text in zip(messages, texts, strict=True):
            agrees = camp if text in CAMP else (not camp if text == OTHER else True)
            await member.react(message, "👍" if agrees else "👎")
    await w.settle()
    return thread


async def test_a_question_with_prices_keeps_the_summarys_charts(sqlite_url: str) -> None:
    """Matplotlib reads text between two dollar signs as TeX: this question's chart title
    failed to parse ("%" starts a TeX comment), and the summary went out without its
    stance chart and without its opinion map (both were drawn in one try)."""
    async with world(sqlite_url, setup=False, members=8) as w:
        await w.setup(language="en")
        thread = await _priced_debate(w)
        shown = await w.members[0].slash(thread, "summary show")
        sent = [shown.response, *shown.followups]
        names = [a.filename for message in sent for a in message.attachments]
        assert sorted(names) == ["map.png", "stances.png"], names
        assert not w.env.errors


async def test_a_chart_that_fails_leaves_the_other_in_the_summary(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One chart that fails is left out, the other shown: the stance chart failing took
    the opinion map with it (both were drawn in one try)."""
    import bot.charts.stance_bars as bars

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise ValueError("a font the machine lacks")

    monkeypatch.setattr(bars, "stance_chart_png", broken)
    async with world(sqlite_url, setup=False, members=8) as w:
        await w.setup(language="en")
        thread = await _priced_debate(w)
        shown = await w.members[0].slash(thread, "summary show")
        sent = [shown.response, *shown.followups]
        names = [a.filename for message in sent for a in message.attachments]
        assert names == ["map.png"], names
        groups = next(e for m in sent for e in m.embeds if e.title == "Opinion groups")
        assert groups.image.url == "attachment://map.png"


async def test_the_groups_never_quote_a_reply_with_nothing_to_read(sqlite_url: str) -> None:
    """Members 👍 a meme posted as an image and a GIF link as readily as a sentence: the
    groups listed them as what brings people together, each quote an empty "…" (the web
    room showed their snowflake, the text report an empty item)."""
    async with world(sqlite_url, members=8) as w:
        thread, _ = await w.post()
        said = [await w.mod.send(thread, text) for text in (*CAMP, OTHER, BRIDGE)]
        meme = await w.mod.send(thread, "", attachments=[("meme.png", b"\x89PNG\r\n")])
        gif = await w.mod.send(thread, "https://tenor.com/view/applause-clapping-gif-12345")
        for i, member in enumerate(w.members):
            camp = i < 4
            for message in (*said, meme, gif):
                agrees = message.content not in (*CAMP, OTHER) or camp == (message.content in CAMP)
                await member.react(message, "👍" if agrees else "👎")
        await w.settle()
        shown = await w.members[0].slash(thread, "summary show")
        sent = [shown.response, *shown.followups]
        groups = next(e for m in sent for e in m.embeds if e.title == "Opinion groups")
        fields = {f.name: f.value for f in groups.fields}
        assert {"Group A (4 members)", "Group B (4 members)"} <= set(fields), fields
        together = fields["What brings people together"]
        assert "choose knowingly" in together and f"/{said[3].id})" in together
        lines = [line for value in fields.values() for line in value.split("\n")]
        for line in lines:
            quote = line.split(" [↗](")[0].removeprefix("• ")
            assert quote.strip("“”… ") and not quote.endswith("“…”"), line
        shown_text = "\n".join(lines)
        assert f"/{meme.id})" not in shown_text and f"/{gif.id})" not in shown_text


async def test_the_card_of_an_erased_reply_gives_way_when_nothing_is_left(sqlite_url: str) -> None:
    """The card showed the only other reply; its author erased her data. His vote on it
    answered "No reply from other members" in a new message, and the card stayed on screen
    with her erased words and live buttons, each click answering the same."""
    async with world(sqlite_url, members=2) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members
        await alice.send(thread, "Mes mots, bientôt effacés.")
        await w.settle()
        card = await bruno.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        assert card.response.embeds[0].description == "Mes mots, bientôt effacés."
        asked = await alice.slash(thread, "mydata delete")
        await alice.click(asked.response.message, label="Yes, erase everything")
        await w.settle()
        moved = await bruno.click(card.response.message, label="Agree")
        assert moved.response.id == card.response.id, "a new message: the card stayed"
        assert not moved.response.embeds and not moved.response.components
        assert "No reply from other members" in moved.response.content
        assert not w.env.errors


THREE_CAMPS = {
    "A": ("Les studios doivent payer les acteurs.", "Un film généré doit être signalé."),
    "B": ("Laissons le marché décider.", "L'IA rend le cinéma accessible aux petits budgets."),
    "C": ("Il faut attendre les premiers films.", "Expérimentons d'abord dans les écoles."),
}
FIGURES = re.compile(
    r"\d+ participants · \d+ réponses|D’après les votes de \d+ membres|Groupe [A-Z] \(\d+ membres\)"
)
"""The numbers a summary states: who took part, how many replies, each group's size."""


def _figures(messages: Any) -> list[str]:
    texts = [
        text
        for message in messages
        for embed in message.embeds
        for text in [embed.description or "", *(f.name for f in embed.fields)]
    ]
    return FIGURES.findall("\n".join(texts))


async def test_every_interface_states_the_same_groups(sqlite_url: str, tmp_path: Path) -> None:
    """Three camps of six vote (agree, disagree, pass) on each other's replies: the groups
    and their sizes, the participants and the replies are the same figures in the summary
    a member asks for, the published report, ``analyze`` on the export and the closing
    summary."""
    async with world(sqlite_url, members=0, attach=web_room) as w:
        thread, discussion = await w.post()
        post = w.post_message(discussion)
        camps = {c: [w.add_member(f"{c}{i}", locale="fr") for i in range(6)] for c in "ABC"}
        said = [
            (await camps[camp][0].send(thread, text), camp)
            for camp, texts in THREE_CAMPS.items()
            for text in texts
        ]
        for camp, members in camps.items():
            option = "ABC".index(camp)
            for member in members[1::2]:
                await member.click(post, custom_id=custom_ids.stance(discussion.id, option))
            for member in members[1:]:
                for message, side in said:
                    vote = "👍" if side == camp else "🤷" if "C" in (side, camp) else "👎"
                    await member.react(message, vote)
        await w.settle()

        shown = await camps["A"][1].slash(thread, "summary show")
        asked = _figures([shown.response, *shown.followups])
        sizes = [int(n) for n in re.findall(r"\((\d+) membres", " ".join(asked))]
        assert len(sizes) >= 2 and sum(sizes) <= 15, asked
        # whose votes drew the groups: their sizes add up to it
        assert f"D’après les votes de {sum(sizes)} membres" in asked, asked

        published = await w.mod.slash(thread, "summary publish")
        path = re.search(r"/r/[A-Za-z0-9_-]{20,}", published.response.content)
        assert path, published.response.content
        port = w.bot.attached[0].port
        async with aiohttp.ClientSession(
            f"http://127.0.0.1:{port}", connector=aiohttp.TCPConnector(force_close=True)
        ) as anyone:
            page = html.unescape(await (await anyone.get(path.group())).text())
        assert FIGURES.findall(page) == asked, page

        export = tmp_path / "export.jsonl"
        guild = str(w.guild.id)
        done = cli("export", "--database-url", sqlite_url, "--guild", guild, "--output",
                   str(export), cwd=tmp_path)  # fmt: skip
        assert done.returncode == 0, done.stderr
        report = cli("analyze", str(export), "--jobs", "1", "--no-cache", cwd=tmp_path).stdout
        in_report = re.sub(r"Groupe ([A-Z])\s:\s(\d+) membres", r"Groupe \1 (\2 membres)", report)
        in_report = re.sub(r"(\d+ participants), (\d+ réponses)", r"\1 · \2", in_report)
        assert FIGURES.findall(in_report) == asked, report

        w.clock.advance(timedelta(hours=72, minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        posted = [m for m in thread.history() if m.author.id == w.bot.user.id]
        assert _figures(posted) == asked
