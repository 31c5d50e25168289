"""A moderator whose Discord client speaks another language than her server.

What only she sees (the answers to her staff commands, their embeds, pagers, forms
and errors, a suggestion opened privately from ``/question suggestions``) is in her
client's language; what the server sees (the question post, the closing summary,
the review card in the staff channel, edited in place when she decides) is in the
server's. The review channel's card is the server's by design: every moderator reads
the same card there (``cogs.suggestions.card_language``, README "(the server's
language)"); the same card opened privately is hers.
"""

from __future__ import annotations

from typing import Any

import simcord

from bot import custom_ids
from bot.i18n import t
from db.models import Discussion, Question, Suggestion
from tests.e2e.test_member_locale import labels, modal_texts, said
from tests.harness import World, world

ARTICLE = (
    b"Un article.\nAnd you?\n- Should studios label AI-generated scenes?\n"
    b"- How should actors be paid for digital doubles?\nSee also: more\n"
)


def field_names(embed: Any) -> list[str]:
    return [f.name for f in embed.fields]


async def _her_staff_day(w: World, lang: str, server: str) -> None:
    """The moderator sets up, schedules, fills the bank, reviews, posts, lists, closes."""
    mod = w.mod
    staff = w.guild.create_text_channel("moderation")

    # /setup and /schedule: her answers and her schedule embed.
    done = await w.setup(language=server, review_channel=staff)
    said(done.response.content, "setup-done", lang)
    [schedule] = done.response.embeds
    said(schedule.title, "schedule-title", lang)
    said(field_names(schedule)[0], "schedule-channel", lang)
    language_field = next(f for f in schedule.fields if f.name == t("schedule-language", lang))
    assert language_field.value == t(f"language-{server}", lang)  # its own name: an endonym
    for sub, key in (("show", "schedule-shown"), ("pause", "schedule-paused-now")):
        shown = await mod.slash(w.forum, f"schedule {sub}")
        said(shown.response.content, key, lang)
        said(shown.response.embeds[0].title, "schedule-title", lang)
    resumed = await mod.slash(w.forum, "schedule resume")
    said(resumed.response.content, "schedule-resumed", lang)
    refused = await mod.slash(w.forum, "setup", timezone="Mars/Olympus")
    said(refused.response.content, "error-timezone", lang, timezone="Mars/Olympus")

    # The bank: add, import, list and its pager, an error.
    added = await mod.slash(
        w.forum, "question add", text="Faut-il des sous-titres ?", options="Oui|Non"
    )
    [question] = [q for q in await w.rows(Question) if q.text == "Faut-il des sous-titres\u202f?"]
    said(added.response.content, "question-added", lang, id=question.id, options="Oui / Non")
    imported = await mod.slash(w.forum, "question import", file=("article.txt", ARTICLE))
    said(imported.response.content, "question-imported", lang, added=2, skipped=0)
    total = len(await w.rows(Question))
    listed = await mod.slash(w.forum, "question list")
    assert listed.ephemeral
    said(listed.response.embeds[0].title, "bank-title", lang, total=total)
    said(listed.response.embeds[0].footer.text, "bank-legend", lang)
    assert labels(listed.response.components) == [t("page-previous", lang), t("page-next", lang)]
    next_page = listed.response.components[0]["components"][1]["custom_id"]
    turned = await mod.click(listed.response.message, custom_id=next_page)
    said(turned.response.embeds[0].title, "bank-title", lang, total=total)
    missing = await mod.slash(w.forum, "question remove", id=999_999)
    said(missing.response.content, "error-not-found-question", lang)

    # A preview: her words around it, the post as members will see it (the server's).
    preview = await mod.slash(w.forum, "question preview", id=question.id)
    intro, when = (preview.response.content or "").split("\n")
    said(intro, "preview-intro", lang, id=question.id)
    said(when, "preview-by-hand", lang)  # not up next: posted by hand
    assert t("button-reply", server) in labels(preview.response.components)

    # Suggestions: the card in the staff channel is the server's, her forms are hers.
    alice, bruno = w.members[:2]
    await alice.slash(w.text, "suggest", text="Faut-il doubler les films ?")
    await bruno.slash(w.text, "suggest", text="Le cinéma muet revient-il ?")
    first, second = sorted(await w.rows(Suggestion), key=lambda s: s.id)
    card = staff.history()[0]
    said(card.embeds[0].title, "review-title", server, id=first.id)
    assert t("review-reject", server) in labels(card.components)
    reject = await mod.click(card, custom_id=custom_ids.review(first.id, "reject"))
    assert reject.modal is not None
    assert modal_texts(reject.modal) == [
        t("reject-title", lang, id=first.id),
        t("reject-reason-label", lang),
    ]
    assert t("reject-title", lang, id=first.id) != t("reject-title", server, id=first.id)
    await mod.submit_modal(reject, {custom_ids.suggestion_form_field("reason"): "Déjà vu."})
    await w.settle()
    decided = staff.history()[0]
    said(decided.embeds[0].title, "review-title", server, id=first.id)
    assert t("review-decision", server) in field_names(decided.embeds[0])

    edit = await mod.click(staff.history()[1], custom_id=custom_ids.review(second.id, "edit"))
    assert edit.modal is not None
    assert modal_texts(edit.modal) == [
        t("edit-title", lang, id=second.id),
        t("edit-text-label", lang),
        t("edit-options-label", lang),
        t("edit-category-label", lang),
    ]
    assert t("edit-title", lang, id=1) != t("edit-title", server, id=1)

    pending = await mod.slash(w.forum, "question suggestions")
    said(pending.response.embeds[0].title, "suggestions-title", lang, total=1)
    menu = pending.response.components[-1]["components"][0]
    assert menu["placeholder"] == t("suggestions-pick", lang)
    opened = await mod.select(pending.response.message, [str(second.id)])
    said(opened.response.embeds[0].title, "review-title", lang, id=second.id)
    assert t("review-approve", lang) in labels(opened.response.components)
    approved = await mod.click(
        opened.response.message, custom_id=custom_ids.review(second.id, "approve")
    )
    assert t("review-decision", lang) in field_names(approved.response.embeds[0])
    # The edit form opened before that approval: refused in her words, her text given back.
    late = await mod.submit_modal(edit, {custom_ids.suggestion_form_field("text"): "Le muet ?"})
    said(late.response.content, "error-suggestion-decided", lang, id=second.id)
    said(late.response.embeds[0].title, "modal-text-kept", lang)

    # A post: her confirmation, the server's post.
    posting = await mod.slash(w.forum, "question post")
    [discussion] = await w.rows(Discussion)
    said(
        posting.response.content,
        "question-posted",
        lang,
        id=discussion.id,
        thread=discussion.thread_id,
    )
    thread = simcord.ChannelHandle(w.env, w.guild, w.env.backend.channels[discussion.thread_id])
    posted = w.post_message(discussion)
    assert t("button-reply", server) in labels(posted.components)
    await alice.send(thread, "Un avis d'Alice.")
    await w.settle()

    # /answers: her list and pager, her export's words.
    answers = await mod.slash(w.forum, "answers list")
    said(answers.response.embeds[0].title, "answers-title", lang)
    assert labels(answers.response.components) == [t("page-previous", lang), t("page-next", lang)]
    exported = await mod.slash(w.forum, "answers export")
    said(exported.response.content, "answers-exported", lang)

    # /summary show is hers; the summary posted at the close is the server's.
    shown = await mod.slash(thread, "summary show")
    said(shown.response.embeds[0].title, "summary-title", lang, id=discussion.id)
    closed = await mod.slash(w.forum, "discussion close", discussion=discussion.id)
    said(closed.response.content, "discussion-closed-done", lang, id=discussion.id)
    await w.settle()
    assert t("discussion-closed", server) in [m.content for m in thread.history() if m.author.bot]
    again = await mod.slash(w.forum, "discussion close", discussion=discussion.id)
    said(again.response.content, "error-already-closed", lang)
    reopened = await mod.slash(w.forum, "discussion reopen", discussion=discussion.id)
    said(reopened.response.content, "discussion-reopened-done", lang, id=discussion.id)
    await w.settle()
    notice = t("discussion-reopened", server, closes="{}").split("{}")[0]
    assert notice != t("discussion-reopened", lang, closes="{}").split("{}")[0]
    assert thread.history()[-1].content.startswith(notice)  # the thread's notice: the server's
    assert not w.env.errors


async def test_an_english_moderator_on_a_french_server(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False, members=2) as w:
        w.speaks(w.mod, "en-GB")
        await _her_staff_day(w, "en", "fr")


async def test_a_french_moderator_on_an_english_server(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False, members=2) as w:
        w.speaks(w.mod, "fr")
        await _her_staff_day(w, "fr", "en")


async def _her_other_staff_answers(w: World, lang: str, server: str) -> None:
    """The web room turned off, an answer erased, an import refused, a question removed,
    a suggestion approved on the staff channel's card."""
    mod, alice = w.mod, w.members[0]
    staff = w.guild.create_text_channel("moderation")
    await w.setup(language=server, review_channel=staff)
    off = await mod.slash(w.forum, "review")
    said(off.response.content, "review-disabled", lang)
    thread, discussion = await w.post()
    unpublished = await mod.slash(w.forum, "summary unpublish", discussion=discussion.id)
    said(unpublished.response.content, "report-not-published", lang, id=discussion.id)
    publish = await mod.slash(w.forum, "summary publish", discussion=discussion.id)
    said(publish.response.content, "report-web-disabled", lang)

    reply = await alice.send(thread, "Une réponse à effacer.")
    await w.settle()
    erased = await mod.slash(w.forum, "answers delete", message_id=str(reply.id))
    said(erased.response.content, "answers-deleted", lang, id=reply.id)
    unknown = await mod.slash(w.forum, "answers delete", message_id="123")
    said(unknown.response.content, "error-not-found-reply", lang)

    bad = await mod.slash(w.forum, "question import", file=("bad.txt", b"\xff\xfe\x00bad"))
    said(bad.response.content, "error-import-not-utf8", lang)
    first = min(await w.rows(Question), key=lambda q: q.id)
    removed = await mod.slash(w.forum, "question remove", id=first.id)
    said(removed.response.content, "question-removed", lang, id=first.id)

    await alice.slash(w.text, "suggest", text="Faut-il doubler les films ?")
    [suggestion] = await w.rows(Suggestion)
    [card] = staff.history()
    await mod.click(card, custom_id=custom_ids.review(suggestion.id, "approve"))
    await w.settle()
    [suggestion] = await w.rows(Suggestion)
    [decided] = staff.history()
    assert t("review-decision", server) in field_names(decided.embeds[0])  # the server's card
    decision = next(f for f in decided.embeds[0].fields if f.name == t("review-decision", server))
    said(
        decision.value,
        "review-approved",
        server,
        by=f"<@{mod.id}>",
        id=suggestion.question_id,
    )

    # The discussion channel deleted: staff are told, in her language, whatever they run.
    w.env.backend.delete_channel(w.forum.id)
    await w.settle()
    added = await mod.slash(w.text, "question add", text="Une nouvelle question ?", options="A|B")
    # French spacing on the French server only: its words lean French, they do not say it
    [new] = [q for q in await w.rows(Question) if _typed(q.text) == "Une nouvelle question ?"]
    reason = t("pause-reason-channel-missing", lang)
    assert added.response.content == (
        t("question-added", lang, id=new.id, options="A / B")
        + "\n"
        + t("staff-problem-notice", lang, reason=reason)
    )
    assert reason != t("pause-reason-channel-missing", server)
    shown = await mod.slash(w.text, "schedule show")
    state = next(f for f in shown.response.embeds[0].fields if f.name == t("schedule-state", lang))
    said(state.value.split("\n")[0], "schedule-paused", lang, reason=reason)
    assert not w.env.errors


async def test_the_rest_of_an_english_moderators_answers_on_a_french_server(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, setup=False, members=1, web_enabled=False) as w:
        w.speaks(w.mod, "en-US")
        await _her_other_staff_answers(w, "en", "fr")


async def test_the_rest_of_a_french_moderators_answers_on_an_english_server(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, setup=False, members=1, web_enabled=False) as w:
        w.speaks(w.mod, "fr")
        await _her_other_staff_answers(w, "fr", "en")


def _typed(text: str) -> str:
    """A stored question as typed: its no-break spaces as plain ones."""
    return " ".join(text.split())
