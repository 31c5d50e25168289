"""The voting card shows only replies there is something to read in.

A message of zero-width or other invisible characters (or of an attachment
alone) says nothing to agree or disagree with: the card never offers it (it
would show an empty card with Agree / Disagree under it). A card left open past the
close keeps what is still hers to see there: where she stands.
"""

from __future__ import annotations

from datetime import timedelta

from bot import custom_ids
from db.models import Reply, Vote
from tests.harness import world


async def test_the_card_never_offers_a_reply_with_nothing_visible_in_it(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        await alice.send(thread, "\u200b\u200d\u2060")
        await alice.send(thread, "\u3164 \u00ad\u200e")
        await alice.send(thread, "", attachments=[("vote.png", b"\x89PNG\r\n")])
        await w.settle()
        post = w.post_message(discussion)
        empty = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        assert empty.ephemeral and not empty.response.embeds
        assert "No reply from other members" in empty.response.content
        worded = await alice.send(thread, "🎬🍿")  # emoji are something to react to
        await w.settle()
        shown = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        (card,) = shown.response.embeds
        assert card.description == "🎬🍿"
        assert card.fields[0].value.endswith(f"/{worded.id}")
        assert card.footer.text == "The last reply to see"
        assert not w.env.errors


async def test_a_form_reply_with_nothing_visible_in_it_is_refused_as_empty(
    sqlite_url: str,
) -> None:
    """The form's own check (at least one character) lets a zero-width space through;
    posted, it would be an empty message under the member's name, stored as her reply."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice = w.members[0]
        post = w.post_message(discussion)
        shown = await alice.click(post, custom_id=custom_ids.reply(discussion.id))
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        before = len(thread.history())
        done = await alice.submit_modal(shown, {field: " \u200b\u2060\u3164 "})
        assert done.ephemeral and done.response.content == "Your reply is empty."
        await w.settle()
        assert len(thread.history()) == before
        assert await w.rows(Reply) == []
        assert not w.env.errors


async def test_an_author_whose_name_shows_nothing_is_not_named_as_the_bot(
    sqlite_url: str,
) -> None:
    """A display name of invisible characters (a Hangul filler, a zero-width space: a trick
    for a blank name) was shown as « Et vous ? », the bot's own name, above her reply on
    the voting card and above her suggestion on its review card; the thread and the lists
    show « … » for it."""
    async with world(sqlite_url, setup=False) as w:
        await w.setup(review_channel=w.text)
        thread, discussion = await w.post()
        blank = w.add_member("\u3164\u200b")
        await blank.send(thread, "Je suis pour, sans hésiter.")
        await blank.slash(w.text, "suggest", text="Faut-il doubler les films avec l’IA ?")
        await w.settle()
        post = w.post_message(discussion)
        shown = await w.members[0].click(post, custom_id=custom_ids.card(discussion.id))
        (card,) = shown.response.embeds
        assert card.author.name == "…"
        (review,) = [m for m in w.text.history() if m.embeds and m.embeds[0].author]
        assert review.embeds[0].author.name == "…"


async def test_a_card_left_open_past_the_close_still_shows_where_she_stands(
    sqlite_url: str,
) -> None:
    """A card left open while the discussion closed: her click there gave way to « closed »
    and nothing else, though where she stands is what a closed discussion has left to
    tell her (the post's buttons are off by then). The « Où je me situe » button stays."""
    async with world(sqlite_url, members=2) as w:
        alice, bruno = w.members
        w.speaks(bruno, "fr")
        thread, discussion = await w.post()
        reply = await alice.send(thread, "Oui, les outils progressent très vite.")
        await w.settle()
        post = w.post_message(discussion)
        card = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        assert card.response.embeds

        w.clock.advance(timedelta(hours=72, minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        late = await bruno.click(
            card.response.message, custom_id=custom_ids.vote(discussion.id, reply.id, 1)
        )
        assert late.response.content.startswith("Cette discussion est close")
        assert not late.response.embeds
        labels = [c["label"] for row in late.response.components for c in row["components"]]
        assert labels == ["Où je me situe"]
        standing = await bruno.click(
            late.response.message, custom_id=custom_ids.standing(discussion.id)
        )
        assert standing.ephemeral and standing.response.embeds
        assert standing.response.embeds[0].title == "Où vous situez-vous\u202f?"
        assert await w.rows(Vote) == []
        assert not w.env.errors


async def test_a_servers_own_emoji_reads_as_its_name_on_the_card(sqlite_url: str) -> None:
    """A reply with one of the server's emoji (« Trop bien <:popcorn:…> ») showed its markup
    on the card, « <:popcorn:123456789012345678> », escaped into text: what the member wrote
    reads as its name, as Discord's own text fallback writes it."""
    async with world(sqlite_url, members=2) as w:
        alice, bruno = w.members
        thread, discussion = await w.post()
        await alice.send(
            thread, "Trop bien <:popcorn:123456789012345678> et <a:dance_2:223456789012345678>"
        )
        await w.settle()
        post = w.post_message(discussion)
        shown = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        (card,) = shown.response.embeds
        assert card.description == "Trop bien :popcorn: et :dance\\_2:"
        assert not w.env.errors
