"""A member whose Discord client speaks another language than her server.

What only she sees (the answers to her clicks and commands, her forms, the buttons
under them) is in her client's language; what the server sees (the question post,
her form reply in the thread, the review card, the closing summary) is in the
server's. SimCord always sends ``en-US``: the harness's ``locale=`` stamps hers.
"""

from __future__ import annotations

from typing import Any

import simcord

from bot import custom_ids
from bot.i18n import t
from db.models import Suggestion
from tests.harness import World, world

OTHER = {"fr": "en", "en": "fr"}


def _dms(w: World, member: Any) -> list[Any]:
    channel = w.env.backend.channels[w.env.backend.dm_channels[member.id]]
    return simcord.ChannelHandle(w.env, None, channel).history()


def said(shown: str | None, key: str, lang: str, /, **args: Any) -> None:
    """``shown`` is catalog message ``key`` in ``lang`` (and that is not what the other
    language says, or the assertion could not tell them apart)."""
    expected = t(key, lang, **args)
    assert expected != t(key, OTHER[lang], **args), key
    assert shown == expected, (key, lang, shown)


def labels(components: Any) -> list[str]:
    """The buttons' labels of an answer (plain dicts) or a message (discord.py objects)."""
    found: list[str] = []
    for row in components:
        children = row["components"] if isinstance(row, dict) else row.children
        for item in children:
            label = item.get("label") if isinstance(item, dict) else item.label
            if label:
                found.append(label)
    return found


def modal_texts(modal: dict[str, Any]) -> list[str]:
    """The form's title and its fields' labels."""
    texts = [modal["title"]]

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if node.get("type") in (4, 18) and node.get("label"):
                texts.append(node["label"])
            walk(node.get("components"))
            walk(node.get("component"))

    walk(modal.get("components"))
    return texts


async def _her_day(w: World, her: Any, lang: str, server: str) -> None:
    """She clicks, replies, votes, suggests, downloads, asks for figures, is refused."""
    staff = w.guild.create_text_channel("moderation")
    await w.setup(language=server, review_channel=staff)
    thread, discussion = await w.post()
    post = w.post_message(discussion)
    bruno = w.members[0]
    await bruno.send(thread, "Un avis de Bruno, à voter.")
    await bruno.send(thread, "Un second avis de Bruno.")
    await w.settle()

    # The question post is the server's.
    shown = labels(post.components)
    assert t("button-reply", server) in shown and t("button-reply", lang) not in shown

    # Her stance: the answer and its Withdraw button are hers.
    option = post.components[0].children[0].label
    stance = await her.click(post, custom_id=custom_ids.stance(discussion.id, 0))
    assert stance.ephemeral
    said(stance.response.content, "stance-recorded", lang, option=option)
    assert labels(stance.response.components) == [t("stance-withdraw", lang)]
    withdrawn = await her.click(
        stance.response.message, custom_id=custom_ids.withdraw(discussion.id)
    )
    said(withdrawn.response.content, "stance-withdrawn", lang)

    # Her reply form: its title and label are hers, the post in the thread the server's.
    opened = await her.click(post, custom_id=custom_ids.reply(discussion.id))
    assert opened.modal is not None
    assert modal_texts(opened.modal) == [t("modal-title", lang), t("modal-label", lang)]
    sent = await her.submit_modal(opened, {custom_ids.REPLY_FORM_TEXT: "Mon avis."})
    await w.settle()
    posted = thread.history()[-1]
    assert sent.ephemeral
    said(sent.response.content, "modal-thanks", lang, link=posted.jump_url)
    said(posted.content, "modal-posted", server, author=her.name, text="Mon avis.")

    # Her voting card: its words and buttons are hers.
    card = await her.click(post, custom_id=custom_ids.card(discussion.id))
    assert card.ephemeral
    said(card.response.embeds[0].fields[0].name, "card-link", lang)
    said(card.response.embeds[0].footer.text, "card-remaining", lang, n=1)
    assert labels(card.response.components) == [
        t("card-agree", lang),
        t("card-disagree", lang),
        t("card-pass", lang),
        t("button-standing", lang),
    ]
    agree = card.response.components[0]["components"][0]["custom_id"]
    voted = await her.click(card.response.message, custom_id=agree)
    said(voted.response.embeds[0].footer.text, "card-remaining", lang, n=0)
    assert labels(voted.response.components)[0] == t("card-agree", lang)
    last_card = voted.response.message  # kept open until the discussion closes

    # Her suggestion: the thanks are hers, the review card the server's.
    suggested = await her.slash(w.text, "suggest", text="Faut-il taxer les robots ?")
    [suggestion] = await w.rows(Suggestion)
    said(suggested.response.content, "suggestion-sent", lang, id=suggestion.id)
    [review_card] = staff.history()
    said(review_card.embeds[0].title, "review-title", server, id=suggestion.id)
    await w.mod.click(review_card, custom_id=custom_ids.review(suggestion.id, "approve"))
    [told] = _dms(w, her)  # the decision reaches her in the language she suggested in
    # stored with French spacing, quoted with it: « ? » never wraps alone onto a line
    said(told.content, "suggestion-dm-approved", lang, server=w.guild.name, text=suggestion.text)

    # Her data and her figures.
    data = await her.slash(w.text, "mydata show", download=True)
    said(data.response.content, "mydata-intro", lang)
    said(data.response.embeds[0].title, "mydata-title", lang)
    assert data.response.attachments[0].filename == "mydata.jsonl"
    figures = await her.slash(w.text, "stats")
    said(figures.response.embeds[0].title, "stats-server-title", lang)

    # Refused while opted out: in her language.
    out = await her.slash(w.text, "mydata optout")
    said(out.response.content, "mydata-opted-out", lang)
    refused = await her.click(post, custom_id=custom_ids.stance(discussion.id, 1))
    said(refused.response.content, "error-opted-out", lang)
    back = await her.slash(w.text, "mydata optin")
    said(back.response.content, "mydata-opted-in", lang)

    again = await her.click(post, custom_id=custom_ids.stance(discussion.id, 0))
    said(again.response.content, "stance-recorded", lang, option=option)

    # A form opened before the close, submitted after: refused, her text given back.
    late = await her.click(post, custom_id=custom_ids.reply(discussion.id))
    closed = await w.mod.slash(w.forum, "discussion close", discussion=discussion.id)
    assert closed.response is not None
    await w.settle()
    summary = [m.content for m in thread.history() if m.author.bot]
    assert t("discussion-closed", server) in summary, summary  # the summary is the server's
    kept = await her.submit_modal(late, {custom_ids.REPLY_FORM_TEXT: "Trop tard ?"})
    said(kept.response.content, "error-closed", lang)
    said(kept.response.embeds[0].title, "modal-text-kept", lang)
    # What she kept open from before the close answers in her language.
    agree = last_card.components[0].children[0].custom_id
    too_late = await her.click(last_card, custom_id=agree)
    said(too_late.response.content, "error-closed", lang)
    taken_back = await her.click(
        again.response.message, custom_id=custom_ids.withdraw(discussion.id)
    )
    said(taken_back.response.content, "error-closed", lang)
    assert not w.env.errors


async def test_a_french_member_on_an_english_server(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False, members=1) as w:
        await _her_day(w, w.add_member("zoé", locale="fr"), "fr", "en")


async def test_an_english_member_on_a_french_server(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False, members=1) as w:
        await _her_day(w, w.add_member("zoe", locale="en-GB"), "en", "fr")


async def test_a_member_without_a_language_the_bot_speaks_gets_the_servers(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, setup=False, members=1) as w:
        await w.setup(language="en")
        her = w.add_member("greta", locale="de")
        _, discussion = await w.post()
        answer = await her.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        assert answer.modal is not None and answer.modal["title"] == t("modal-title", "en")


async def _her_other_answers(w: World, her: Any, lang: str, server: str) -> None:
    """The rest of what only she sees: nothing to vote on yet, her own figures, the
    leaderboard, the erasure's confirmation, deleting her form reply, and the form
    refused while she is timed out."""
    await w.setup(language=server)
    thread, discussion = await w.post()
    post = w.post_message(discussion)
    empty = await her.click(post, custom_id=custom_ids.card(discussion.id))
    said(empty.response.content, "card-nothing-yet", lang)

    opened = await her.click(post, custom_id=custom_ids.reply(discussion.id))
    await her.submit_modal(opened, {custom_ids.REPLY_FORM_TEXT: "À effacer."})
    await w.settle()
    posted = thread.history()[-1]
    deleted = await her.context_menu(thread, "Delete my reply", posted)
    said(deleted.response.content, "form-reply-deleted", lang)

    mine = await her.slash(w.text, "stats", member=her)
    said(mine.response.content, "stats-shown", lang)
    said(mine.response.embeds[0].fields[0].name, "stats-current-streak", lang)
    off = await her.slash(w.text, "leaderboard view")
    said(off.response.content, "error-leaderboard-off", lang)
    await w.setup(language=server, leaderboard=True)
    board = await her.slash(w.text, "leaderboard view")
    said(board.response.content, "leaderboard-shown", lang)
    said(board.response.embeds[0].footer.text, "leaderboard-footer", lang)

    erase = await her.slash(w.text, "mydata delete")
    said(erase.response.content, "mydata-delete-confirm", lang)
    confirm, cancel = labels(erase.response.components)
    said(confirm, "mydata-confirm", lang)
    said(cancel, "mydata-cancel", lang)
    kept = await her.click(erase.response.message, custom_id=custom_ids.erase(her.id, "cancel"))
    said(kept.response.content, "mydata-kept", lang)

    w.env.backend.edit_member(w.guild.id, her.id, {"timed_out_until": "2099-01-01T00:00:00+00:00"})
    muted = await her.click(post, custom_id=custom_ids.reply(discussion.id))
    assert muted.modal is None
    said(muted.response.content, "error-timed-out", lang)  # as the stance button says
    no_stance = await her.click(post, custom_id=custom_ids.stance(discussion.id, 0))
    said(no_stance.response.content, "error-timed-out", lang)
    assert not w.env.errors


async def test_the_rest_of_a_french_members_answers_on_an_english_server(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False, members=1) as w:
        await _her_other_answers(w, w.add_member("zoé", locale="fr"), "fr", "en")


async def test_the_rest_of_an_english_members_answers_on_a_french_server(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False, members=1) as w:
        await _her_other_answers(w, w.add_member("zoe", locale="en-US"), "en", "fr")


async def test_her_language_outlives_a_restart(sqlite_url: str) -> None:
    """The harness's locale stays hers across a new bot process (a new gateway feed)."""
    async with world(sqlite_url, setup=False, members=0) as w:
        await w.setup(language="en")
        her = w.add_member("zoé", locale="fr")
        _, discussion = await w.post()
        await w.restart()
        opened = await her.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        assert opened.modal is not None
        said(opened.modal["title"], "modal-title", "fr")


async def test_the_discussions_offered_to_her_are_numbered_as_her_language_writes_it(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=0) as w:
        zoe = w.add_member("zoé", locale="fr")
        _, discussion = await w.post()
        [offered] = await zoe.autocomplete(w.text, "summary show", "discussion", "")
        assert offered["value"] == discussion.id
        assert offered["name"].startswith(f"n°\u00a0{discussion.id} Envisagez-vous"), offered
        [english] = await w.add_member("zoe").autocomplete(w.text, "summary show", "discussion", "")
        assert english["name"].startswith(f"#{discussion.id} Envisagez-vous"), english
