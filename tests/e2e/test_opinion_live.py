"""The opinion side as members live it: stances, the voting card and the summary's groups,
with what staff and members really write in a question."""

from __future__ import annotations

from typing import Any

import pytest
import simcord

from bot import custom_ids
from db.models import Discussion, Question
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
