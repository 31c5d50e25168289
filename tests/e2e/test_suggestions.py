"""Members suggest questions, staff review them, the suggester is told and credited."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import discord
import pytest
import simcord

from bot import custom_ids
from db.models import AuditEntry, Question, Suggestion
from tests.harness import world

IDEA = "Faut-il interdire les smartphones dans les salles de cinéma ?"
STORED = {
    text: text.removesuffix(" ?") + "\u202f?"
    for text in (IDEA, "le doublage ia c bien ?", "Le doublage par IA est-il acceptable ?")
}
"""These French questions as the bank and the review card keep them: with French spacing."""


def _buttons(message: Any) -> dict[str, str]:
    return {c.label: c.custom_id for row in message.components for c in row.children}


def _dms(w: Any, member: Any) -> list[Any]:
    channel_id = w.env.backend.dm_channels.get(member.id)
    if channel_id is None:
        return []
    channel = simcord.ChannelHandle(w.env, None, w.env.backend.channels[channel_id])
    return channel.history()


async def _staff_channel(w: Any) -> Any:
    staff = w.guild.create_text_channel("moderation")
    result = await w.setup(review_channel=staff)
    assert result.ephemeral, result.response.content
    return staff


async def test_suggest_queue_approve_next_then_posted_with_credit(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        alice = w.members[0]
        sent = await alice.slash(w.text, "suggest", text=f"  {IDEA}  ", category="Cinéma")
        assert sent.ephemeral and "suggestion #1" in sent.response.content
        await w.settle()

        (card,) = staff.history()
        embed = card.embeds[0]
        assert embed.title == "💡 Proposition n°\u00a01" and embed.description == STORED[IDEA]
        fields = {f.name: f.value for f in embed.fields}
        assert fields["Options"] == "Oui / Non / Nuancé"
        assert fields["Catégorie"] == "cinéma"
        assert fields["Proposée par"].startswith(f"<@{alice.id}>")
        assert list(_buttons(card)) == [
            "Approuver",
            "Approuver, publier ensuite",
            "Modifier",
            "Refuser",
        ]
        posted = [
            r
            for r in w.env.http_requests
            if r.method == "POST" and r.path == f"/channels/{staff.id}/messages"
        ]
        assert posted[-1].json["allowed_mentions"]["parse"] == []

        # The buttons are dynamic items: they work after a restart.
        old, w.bot = w.bot, w.new_bot()
        await w.env.restart_bot(w.bot)
        await old.app.close()  # SimCord detaches a bot without closing it
        clicked = await w.mod.click(card, custom_id=custom_ids.review(1, "next"))
        decided = clicked.response.embeds[0]
        assert "✅ Approuvée par" in decided.fields[-1].value
        assert "publiée ensuite" in decided.fields[-1].value
        assert clicked.response.components == []
        (suggestion,) = await w.rows(Suggestion)
        question = (await w.rows(Question, Question.id == suggestion.question_id))[0]
        assert (suggestion.status, suggestion.decided_by) == ("approved", w.mod.id)
        assert (question.suggested_by, question.category, question.up_next) == (
            alice.id,
            "cinéma",
            True,
        )
        (dm,) = _dms(w, alice)
        assert "retenue" not in dm.content  # alice's locale is English
        assert "was accepted" in dm.content and STORED[IDEA] in dm.content  # as stored

        _, discussion = await w.post()
        assert discussion.question_id == question.id  # chosen to go next
        fields = {f.name: f.value for f in w.post_message(discussion).embeds[0].fields}
        assert fields["💡 Proposée par"] == f"<@{alice.id}>"
        assert fields["Catégorie"] == "cinéma"
        actions = [a.action for a in await w.rows(AuditEntry)]
        assert "suggestion_add" in actions and "suggestion_approve" in actions
        assert not w.env.errors


async def test_credit_off_names_nobody_and_approve_goes_to_the_end(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        await w.setup(credit_suggesters=False)
        await w.members[0].slash(w.text, "suggest", text=IDEA)
        await w.settle()
        (card,) = staff.history()
        clicked = await w.mod.click(card, custom_id=custom_ids.review(1, "approve"))
        assert "en fin de banque" in clicked.response.embeds[0].fields[-1].value
        question = (await w.rows(Question, Question.suggested_by.is_not(None)))[0]
        positions = [q.position for q in await w.rows(Question)]
        assert question.position == max(positions) and not question.up_next
        _, discussion = await w.post(id=question.id)
        names = [f.name for f in w.post_message(discussion).embeds[0].fields]
        assert "💡 Proposée par" not in names


async def test_reject_with_a_reason_tells_the_member_privately(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        bruno = w.members[1]
        await bruno.slash(w.text, "suggest", text=IDEA)
        await w.settle()
        (card,) = staff.history()
        # Another moderator opens the same suggestion from the list meanwhile.
        listed = await w.mod.slash(w.text, "question suggestions")
        stale = (await w.mod.select(listed.response.message, ["1"])).response.message
        shown = await w.mod.click(card, custom_id=custom_ids.review(1, "reject"))
        assert shown.modal is not None
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        done = await w.mod.submit_modal(shown, {field: "Trop proche de la question n° 3 @everyone"})
        fields = {f.name: f.value for f in done.response.embeds[0].fields}
        assert fields["Décision"].startswith("✖️ Refusée par <@")
        assert fields["Raison"].startswith("Trop proche de la question n° 3")
        assert not re.search(r"(?<![\\\u200b])@everyone", fields["Raison"])  # shown, inert
        (suggestion,) = await w.rows(Suggestion)
        assert suggestion.status == "rejected"
        assert suggestion.reason == "Trop proche de la question n° 3 @everyone"
        (dm,) = _dms(w, bruno)
        assert "was not kept" in dm.content and "Trop proche" in dm.content
        dm_posts = [r for r in w.env.http_requests if r.method == "POST" and "/messages" in r.path]
        assert dm_posts[-1].json["allowed_mentions"]["parse"] == []
        # The late click on the stale card is refused; nothing changes.
        late = await w.mod.click(stale, custom_id=custom_ids.review(1, "approve"))
        assert late.ephemeral and "already been decided" in late.response.content
        assert [s.status for s in await w.rows(Suggestion)] == ["rejected"]
        assert await w.rows(Question, Question.suggested_by.is_not(None)) == []


async def test_edit_then_approve_and_no_dm_when_the_member_refuses_dms(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        alice = w.members[0]
        await alice.slash(w.text, "suggest", text="le doublage ia c bien ?")
        await w.settle()
        (card,) = staff.history()
        shown = await w.mod.click(card, custom_id=custom_ids.review(1, "edit"))
        inputs = [row["components"][0] for row in shown.modal["components"]]
        assert inputs[0]["value"] == STORED["le doublage ia c bien ?"]
        values = {
            inputs[0]["custom_id"]: "Le doublage par IA est-il acceptable ?",
            inputs[1]["custom_id"]: "Oui|Non|Seulement pour les séries",
            inputs[2]["custom_id"]: "Séries",
        }
        edited = await w.mod.submit_modal(shown, values)
        assert (
            edited.response.embeds[0].description
            == STORED["Le doublage par IA est-il acceptable ?"]
        )
        assert len(edited.response.components[0]["components"]) == 4  # still to decide
        w.env.inject_error("POST", "/users/@me/channels", status=403, times=None)
        approved = await w.mod.click(card, custom_id=custom_ids.review(1, "approve"))
        assert "✅" in approved.response.embeds[0].fields[-1].value
        question = (await w.rows(Question, Question.suggested_by == alice.id))[0]
        assert question.text == STORED["Le doublage par IA est-il acceptable ?"]
        assert question.options == ["Oui", "Non", "Seulement pour les séries"]
        assert question.category == "séries"
        assert _dms(w, alice) == []  # no DM possible: nothing, and no error
        assert not w.env.errors


async def test_without_review_channel_suggestions_wait_in_the_staff_list(sqlite_url: str) -> None:
    async with world(sqlite_url, members=3) as w:
        for n, member in enumerate(w.members):
            for k in range(2):
                result = await member.slash(w.text, "suggest", text=f"Question {n}-{k} : et vous ?")
                assert result.ephemeral
        await w.settle()
        assert w.text.history() == [] and w.forum.threads == []  # nothing posted anywhere
        listed = await w.mod.slash(w.text, "question suggestions")
        assert listed.ephemeral
        first = listed.response.embeds[0]
        assert "(6)" in first.title and "Question 0-0" in first.description
        assert "Question 2-1" not in first.description
        page2 = await w.mod.click(listed.response.message, label="Next")
        assert "Question 2-1" in page2.response.embeds[0].description
        picked = await w.mod.select(listed.response.message, ["6"])
        assert picked.ephemeral and picked.response.embeds[0].title == "💡 Suggestion #6"
        card = picked.response.message
        approved = await w.mod.click(card, custom_id=custom_ids.review(6, "approve"))
        assert "✅ Approved by" in approved.response.embeds[0].fields[-1].value
        again = await w.mod.slash(w.text, "question suggestions")
        assert "(5)" in again.response.embeds[0].title


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        ("   ", None, "empty"),
        ("\u200b\u2060 \u3164", None, "empty"),  # invisible only: an empty card, an empty post
        ("Une question ?", "Seule", "Invalid options"),
        (
            "Envisagez-vous un futur où les scénarios, les acteurs, les actrices et les paysages "
            "seront entièrement générés par IA ? Quelles en seraient les conséquences ?",
            None,
            "already in the bank (question #1)",
        ),
    ],
)
async def test_suggest_refuses_bad_input_like_question_add(
    sqlite_url: str, text: str, options: str | None, expected: str
) -> None:
    async with world(sqlite_url) as w:
        kwargs = {"text": text} | ({"options": options} if options else {})
        result = await w.members[0].slash(w.text, "suggest", **kwargs)
        assert result.ephemeral and expected in result.response.content
        assert await w.rows(Suggestion) == []


async def test_suggest_refuses_pending_duplicates_floods_and_opted_out_members(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        alice, bruno, chloe = w.members
        await alice.slash(w.text, "suggest", text=IDEA)
        twin = await bruno.slash(w.text, "suggest", text=IDEA.upper().replace("?", " ?"))
        assert "already suggested (suggestion #1)" in twin.response.content
        for n in range(2):
            ok = await alice.slash(w.text, "suggest", text=f"Autre idée {n} ?")
            assert "Thank you" in ok.response.content
        flood = await alice.slash(w.text, "suggest", text="Encore une ?")
        assert "3 questions a day" in flood.response.content and "<t:" in flood.response.content
        w.clock.advance(timedelta(hours=24, minutes=1))
        later = await alice.slash(w.text, "suggest", text="Encore une ?")
        assert "Thank you" in later.response.content
        await chloe.slash(w.text, "mydata optout")
        refused = await chloe.slash(w.text, "suggest", text="Une question de chloé ?")
        assert "opted out" in refused.response.content
        assert {s.author_id for s in await w.rows(Suggestion)} == {alice.id}


async def test_members_cannot_decide_and_a_staff_remap_is_checked_again(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        await w.members[0].slash(w.text, "suggest", text=IDEA)
        await w.settle()
        (card,) = staff.history()
        tried = await w.members[1].click(card, custom_id=custom_ids.review(1, "approve"))
        assert tried.ephemeral and "moderation team" in tried.response.content
        assert [s.status for s in await w.rows(Suggestion)] == ["pending"]
        with pytest.raises(simcord.SetupError):
            await w.members[1].slash(w.text, "question suggestions")
        [command] = [c for c in await w.bot.tree.fetch_commands() if c.name == "question"]
        w.guild.set_command_permissions(command, {w.members[1]: True})  # the remap
        listed = await w.members[1].slash(w.text, "question suggestions")
        assert listed.ephemeral and "moderation team" in listed.response.content
        assert not listed.response.embeds  # the waiting suggestion not listed to her


async def test_erasing_my_data_erases_my_suggestions_and_my_name_on_questions(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        alice, bruno = w.members[:2]
        await alice.slash(w.text, "suggest", text=IDEA)
        await alice.slash(w.text, "suggest", text="Une autre idée d'alice ?")
        await bruno.slash(w.text, "suggest", text="L'idée de bruno ?")
        await w.settle()
        card = next(m for m in staff.history() if m.embeds[0].description == STORED[IDEA])
        await w.mod.click(card, label="Approuver")
        asked = await alice.slash(w.text, "mydata delete")
        await alice.click(asked.response.message, label="Yes, erase everything")
        await w.settle()
        assert {s.author_id for s in await w.rows(Suggestion)} == {bruno.id}
        assert await w.rows(Question, Question.suggested_by.is_not(None)) == []
        assert await w.rows(
            Question, Question.text == STORED[IDEA]
        )  # the question stays, as staff's


async def test_a_decision_from_the_list_updates_the_card_in_the_review_channel(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        await w.members[0].slash(w.text, "suggest", text=IDEA)
        await w.settle()
        listed = await w.mod.slash(w.text, "question suggestions")
        private = (await w.mod.select(listed.response.message, ["1"])).response.message
        done = await w.mod.click(private, custom_id=custom_ids.review(1, "approve"))
        assert "✅ Approved by" in done.response.embeds[0].fields[-1].value  # the viewer's language
        await w.settle()
        (card,) = staff.history()
        assert "✅ Approuvée par" in card.embeds[0].fields[-1].value  # the server's language
        assert card.components == []
        edits = [r for r in w.env.http_requests if r.method == "PATCH" and str(card.id) in r.path]
        assert len(edits) == 1


async def test_review_forms_submitted_late_or_after_a_restart_are_applied(
    sqlite_url: str,
) -> None:
    """The edit and reject forms lived 15 minutes in one process: a moderator who
    took longer, or submitted after a restart, got "something went wrong" and
    lost what she wrote."""
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        alice, bruno = w.members[:2]
        await alice.slash(w.text, "suggest", text="le doublage ia c bien ?")
        await bruno.slash(w.text, "suggest", text=IDEA)
        await w.settle()
        first, second = sorted(staff.history(), key=lambda m: m.id)
        editing = await w.mod.click(first, custom_id=custom_ids.review(1, "edit"))
        rejecting = await w.mod.click(second, custom_id=custom_ids.review(2, "reject"))
        await w.env.advance_time(20 * 60)
        await w.restart()
        inputs = [row["components"][0] for row in editing.modal["components"]]
        edited = await w.mod.submit_modal(
            editing,
            {
                inputs[0]["custom_id"]: "Le doublage par IA est-il acceptable ?",
                inputs[1]["custom_id"]: "",
                inputs[2]["custom_id"]: "",
            },
        )
        assert (
            edited.response.embeds[0].description
            == STORED["Le doublage par IA est-il acceptable ?"]
        )
        field = rejecting.modal["components"][0]["components"][0]["custom_id"]
        rejected = await w.mod.submit_modal(rejecting, {field: "Déjà posée."})
        assert rejected.response.embeds
        suggestions = {s.id: s for s in await w.rows(Suggestion)}
        assert suggestions[1].text == STORED["Le doublage par IA est-il acceptable ?"]
        assert (suggestions[2].status, suggestions[2].reason) == ("rejected", "Déjà posée.")


async def test_the_card_names_the_member_as_written(sqlite_url: str) -> None:
    """An embed's author line shows no markdown: escaping it showed backslashes."""
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        member = w.guild.add_member(
            w.env.create_user("jean_dupont", global_name="jean_dupont *42*")
        )
        await member.slash(w.text, "suggest", text=IDEA)
        await w.settle()
        (card,) = staff.history()
        assert card.embeds[0].author.name == "jean_dupont *42*"


SEED = (
    "Envisagez-vous un futur où les scénarios, les acteurs, les actrices et les paysages "
    "seront entièrement générés par IA ? Quelles en seraient les conséquences ?"
)


async def test_a_question_typed_without_its_accents_or_commas_is_still_a_duplicate(
    sqlite_url: str,
) -> None:
    """A member on a keyboard without accents, or who leaves out a comma or a hyphen,
    suggests the bank's question (or another member's) all the same: refused, named."""
    async with world(sqlite_url) as w:
        alice, bruno = w.members[:2]
        plain = (
            "ENVISAGEZ VOUS un futur ou les scenarios les acteurs, les actrices et les paysages "
            "seront entierement generes par IA? Quelles en seraient les consequences"
        )
        banked = await alice.slash(w.text, "suggest", text=plain)
        assert "already in the bank (question #1)" in banked.response.content
        await alice.slash(
            w.text, "suggest", text="Faut-il payer les doubleurs remplacés par l'IA ?"
        )
        twin = await bruno.slash(
            w.text, "suggest", text="Faut il payer les doubleurs remplaces par l’IA ?!"
        )
        assert "already suggested (suggestion #1)" in twin.response.content
        assert [s.author_id for s in await w.rows(Suggestion)] == [alice.id]
        other = await bruno.slash(w.text, "suggest", text="Faut-il payer les doubleuses ?")
        assert "Thank you" in other.response.content  # a different question is not refused


async def test_a_text_longer_than_a_question_is_stopped_before_she_sends_it(
    sqlite_url: str,
) -> None:
    """Discord enforces the option's length in her client: a 4,000-character text is
    not sent (it was refused after she sent it, and her text was gone)."""
    async with world(sqlite_url) as w:
        with pytest.raises(simcord.OptionError, match="at most 1000 characters"):
            await w.members[0].slash(w.text, "suggest", text="Pourquoi ? " * 400)
        fits = await w.members[0].slash(w.text, "suggest", text="x" * 998 + " ?")
        assert "Thank you" in fits.response.content
        assert len(await w.rows(Suggestion)) == 1


async def test_a_refused_suggestion_gives_her_text_back(sqlite_url: str) -> None:
    """Once sent, a slash command's text is gone from her client: a refusal gives it back,
    options too, in her language (as the reply form does)."""
    async with world(sqlite_url) as w:
        alice, bruno = w.members[:2]
        w.speaks(bruno, "fr")
        await alice.slash(w.text, "suggest", text=IDEA)
        twin = await bruno.slash(w.text, "suggest", text=IDEA, options="Oui|Non|Peut-être")
        assert (
            twin.ephemeral and "déjà été proposée (proposition n°\u00a01)" in twin.response.content
        )
        [kept] = twin.response.embeds
        assert kept.title == "Votre texte, pour ne pas le perdre" and kept.description == IDEA
        assert [(f.name, f.value) for f in kept.fields] == [("Options", "Oui\\|Non\\|Peut-être")]

        await alice.slash(w.text, "mydata optout")
        refused = await alice.slash(w.text, "suggest", text="Une *autre* idée ?")
        assert "opted out" in refused.response.content
        [kept] = refused.response.embeds
        assert (
            kept.title == "Your text, so you do not lose it"
            and kept.description == "Une \\*autre\\* idée ?"
        )
        assert kept.fields == []
        assert {s.author_id for s in await w.rows(Suggestion)} == {alice.id}


async def test_a_refused_edit_gives_the_moderator_her_text_back(sqlite_url: str) -> None:
    """The edit form is gone once submitted: refused (options she mistyped), what she
    rewrote is given back to copy, as a member's refused suggestion is."""
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        await w.members[0].slash(w.text, "suggest", text="le doublage ia c bien ?")
        await w.settle()
        (card,) = staff.history()
        shown = await w.mod.click(card, custom_id=custom_ids.review(1, "edit"))
        inputs = [row["components"][0] for row in shown.modal["components"]]
        values = {
            inputs[0]["custom_id"]: "Le doublage par IA est-il acceptable ?",
            inputs[1]["custom_id"]: "Seule",
            inputs[2]["custom_id"]: "Séries",
        }
        refused = await w.mod.submit_modal(shown, values)
        assert refused.ephemeral and "Invalid options" in refused.response.content
        [kept] = refused.response.embeds
        assert kept.title == "Your text, so you do not lose it"
        assert kept.description == "Le doublage par IA est-il acceptable ?"
        assert [(f.name, f.value) for f in kept.fields] == [
            ("Options separated by | (blank for default)", "Seule"),
            ("Category (optional)", "Séries"),
        ]
        (suggestion,) = await w.rows(Suggestion)
        assert suggestion.text == STORED["le doublage ia c bien ?"]  # nothing changed


async def test_a_spoiler_in_a_suggestion_stays_masked_once_posted(sqlite_url: str) -> None:
    """The moderator's card masks what the member hid as a spoiler (▒▒▒), and so did the
    post's text; the post's title and its thread's name, which every member of the channel
    reads, showed it in clear: what the moderator approved without reading it."""
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        alice = w.members[0]
        ending = "Bruce Willis était mort"
        await alice.slash(w.text, "suggest", text=f"Aviez-vous deviné que ||{ending}|| ?")
        await w.settle()
        (card,) = staff.history()
        assert ending not in card.embeds[0].description
        await w.mod.click(card, custom_id=custom_ids.review(1, "next"))
        _, discussion = await w.post()
        post = w.post_message(discussion)
        thread = w.env.backend.channels[discussion.thread_id]
        for shown in (post.embeds[0].description, thread.name):
            assert ending not in shown and "▒▒▒" in shown, shown
        assert not w.env.errors


@pytest.mark.parametrize("kind", ["channel", "thread"])
async def test_a_review_channel_deleted_in_discord_is_no_longer_the_review_channel(
    sqlite_url: str, kind: str
) -> None:
    """The staff channel (or thread) where cards were posted deleted in Discord: each new
    suggestion's card failed unseen (HTTP 404 in the log) while /schedule show still named
    the deleted channel. As with a deleted role, the bot lets it go: suggestions wait in
    /question suggestions, and the schedule says so."""
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        staff = w.guild.create_text_channel("moderation")
        if kind == "thread":
            thread = w.env.backend.create_thread(staff.id, "propositions", w.mod.id)
            staff = simcord.ChannelHandle(w.env, w.guild, thread)
        await w.setup(review_channel=staff)
        w.env.backend.delete_channel(staff.id)
        await w.settle()

        sent = await w.members[0].slash(w.text, "suggest", text=IDEA)
        assert sent.ephemeral and "suggestion #1" in sent.response.content
        shown = await w.mod.slash(w.text, "schedule show")
        fields = {f.name: f.value for f in shown.response.embeds[0].fields}
        assert f"<#{staff.id}>" not in fields["Propositions"]
        assert "elles attendent dans /question propositions" in fields["Propositions"]
        listed = await w.mod.slash(w.text, "question suggestions")
        assert STORED[IDEA] in listed.response.embeds[0].description


async def test_schedule_show_says_when_the_bot_can_no_longer_post_review_cards(
    sqlite_url: str,
) -> None:
    """The bot's right to write in the staff channel taken away after /setup: each card
    failed with a line in the log only, and /schedule show named the channel as if cards
    still arrived there. It says what the bot lacks, as it does for a role it cannot notify."""
    from simcord.backend.models.channel import Overwrite
    from simcord.enums import OverwriteType

    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        deny = discord.Permissions(send_messages=True)
        w.env.backend.set_overwrite(
            staff.id,
            Overwrite(
                target_id=w.env.backend.bot_user.id, type=OverwriteType.MEMBER, deny=deny.value
            ),
        )
        await w.settle()
        await w.members[0].slash(w.text, "suggest", text=IDEA)
        await w.settle()
        assert staff.history() == []
        w.speaks(w.mod, "fr")
        shown = await w.mod.slash(w.text, "schedule show")
        fields = {f.name: f.value for f in shown.response.embeds[0].fields}
        assert f"<#{staff.id}>" in fields["Propositions"]
        assert "⚠️ Le bot ne peut plus y publier les propositions" in fields["Propositions"]
        assert "Envoyer des messages" in fields["Propositions"]
        listed = await w.mod.slash(w.text, "question suggestions")
        assert STORED[IDEA] in listed.response.embeds[0].description

        w.env.backend.set_overwrite(
            staff.id, Overwrite(target_id=w.env.backend.bot_user.id, type=OverwriteType.MEMBER)
        )
        await w.settle()
        shown = await w.mod.slash(w.text, "schedule show")
        fields = {f.name: f.value for f in shown.response.embeds[0].fields}
        assert "⚠️" not in fields["Propositions"]


async def test_a_staff_thread_archived_for_quiet_is_taken_as_the_review_channel(
    sqlite_url: str,
) -> None:
    """A staff thread quiet for a few days is archived by Discord, and out of the bot's
    cache: /setup review_channel: answered « Le salon d'examen doit être un salon textuel ou
    un fil » about a thread. It is asked of Discord, and the cards go there."""
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        staff = w.guild.create_text_channel("moderation")
        made = w.env.backend.create_thread(staff.id, "propositions", w.mod.id)
        w.env.backend.edit_channel(made.id, {}, thread_metadata={"archived": True})
        await w.settle()
        thread = simcord.ChannelHandle(w.env, w.guild, made)
        done = await w.setup(review_channel=thread)
        assert done.response.embeds, done.response.content
        fields = {f.name: f.value for f in done.response.embeds[0].fields}
        assert fields["Propositions"].startswith(f"<#{thread.id}>")
        await w.members[0].slash(w.text, "suggest", text=IDEA)
        await w.settle()
        (card,) = thread.history()
        assert card.embeds[0].description == STORED[IDEA]


async def test_the_suggester_is_told_when_her_question_will_come(sqlite_url: str) -> None:
    """« Approve » puts her question at the end of the bank, after every question still
    to post (weeks away on a weekly schedule); « Approve, post next » makes it the next
    post. Both told her it « will be posted soon »."""
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        alice, bruno = w.members[:2]
        await alice.slash(w.text, "suggest", text="Should cinemas ban phones?")
        await bruno.slash(w.text, "suggest", text="Is streaming killing cinema?")
        await w.settle()
        first, second = staff.history()
        await w.mod.click(first, custom_id=custom_ids.review(1, "approve"))
        await w.mod.click(second, custom_id=custom_ids.review(2, "next"))
        await w.settle()
        (queued,) = _dms(w, alice)
        assert "soon" not in queued.content
        assert "added to the question bank: it will be posted in its turn" in queued.content
        (next_one,) = _dms(w, bruno)
        assert "soon" not in next_one.content
        assert "It will be the next question posted." in next_one.content


async def test_a_refusal_gives_back_only_what_there_is_to_copy(sqlite_url: str) -> None:
    """A suggestion of spaces or invisible characters is refused as empty: the answer gave
    her « Your text, so you do not lose it » over « … », nothing to copy. Her options,
    when she typed some, are still given back."""
    async with world(sqlite_url) as w:
        alice = w.members[0]
        for text in ("   ", "\u200b\u3164"):
            refused = await alice.slash(w.text, "suggest", text=text)
            assert refused.response.content == "The question is empty."
            assert refused.response.embeds == []
        kept = await alice.slash(w.text, "suggest", text=" ", options="Pour|Contre|Bof")
        (embed,) = kept.response.embeds
        assert embed.description is None
        assert [f.value for f in embed.fields] == ["Pour\\|Contre\\|Bof"]
        assert await w.rows(Suggestion) == []


async def test_a_suggestion_approved_outside_the_categories_posted_is_not_promised_a_post(
    sqlite_url: str,
) -> None:
    """The server posts only « cinéma » (/setup categories): a suggestion approved with no
    category is never reached by the schedule, yet the card said « en fin de banque » and
    the member read « elle sera publiée à son tour ». The card says the schedule will not
    post it and what does; the member is promised no turn. One in the rotation, or chosen
    to go next, keeps its words."""
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        await w.mod.slash(w.text, "question add", text="Allez-vous au cinéma ?", category="cinéma")
        await w.setup(categories="cinéma")
        alice = w.members[0]
        w.speaks(alice, "fr")
        for text, category in (
            (IDEA, None),
            ("Le doublage par IA est-il acceptable ?", "cinéma"),
            ("Faut-il taxer les plateformes de streaming ?", "société"),
        ):
            chosen = {"category": category} if category else {}
            await alice.slash(w.text, "suggest", text=text, **chosen)
        await w.settle()
        cards = staff.history()
        decided = []
        actions = ((1, "approve"), (2, "approve"), (3, "next"))
        for card, (number, action) in zip(cards, actions, strict=True):
            clicked = await w.mod.click(card, custom_id=custom_ids.review(number, action))
            decided.append(clicked.response.embeds[0].fields[-1].value)
        outside, inside, up_next = decided
        assert "en fin de banque" not in outside
        assert "hors des catégories publiées (cinéma)" in outside, outside
        assert "/question publier" in outside
        assert inside.endswith("en fin de banque.") and up_next.endswith("publiée ensuite.")
        told = [dm.content for dm in _dms(w, alice)]
        assert "publiée à son tour" not in told[0], told[0]
        assert "publiée à son tour" in told[1] and "prochaine question publiée" in told[2]
        assert not w.env.errors


async def test_a_second_suggestion_chosen_to_go_next_is_not_told_it_is_the_next_post(
    sqlite_url: str,
) -> None:
    """Two suggestions approved with « Approuver, publier ensuite »: the first goes out
    next, the second after it; both cards said « publiée ensuite » and both members read
    « Ce sera la prochaine question publiée ». The second is told it waits its turn."""
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        alice, bruno = w.members[:2]
        w.speaks(alice, "fr")
        w.speaks(bruno, "fr")
        await alice.slash(w.text, "suggest", text=IDEA)
        await bruno.slash(w.text, "suggest", text="Le doublage par IA est-il acceptable ?")
        await w.settle()
        first, second = staff.history()
        decided = []
        for card, number in ((first, 1), (second, 2)):
            clicked = await w.mod.click(card, custom_id=custom_ids.review(number, "next"))
            decided.append(clicked.response.embeds[0].fields[-1].value)
        assert decided[0].endswith("publiée ensuite.")
        assert decided[1].endswith("publiée après la question déjà choisie pour passer ensuite."), (
            decided[1]
        )
        (to_alice,), (to_bruno,) = _dms(w, alice), _dms(w, bruno)
        assert "Ce sera la prochaine question publiée." in to_alice.content
        assert "prochaine question publiée" not in to_bruno.content, to_bruno.content
        assert "après les questions déjà choisies" in to_bruno.content

        _, posted = await w.post()
        questions = await w.rows(Question, Question.suggested_by == alice.id)
        assert posted.question_id == questions[0].id  # alice's did go first
        assert not w.env.errors


async def test_the_menu_of_pending_suggestions_numbers_them_in_the_moderators_language(
    sqlite_url: str,
) -> None:
    """/question suggestions numbered its lines « n° 1 » for a French moderator and its
    menu « #1 » beside them, an English habit French does not read as a number sign."""
    async with world(sqlite_url) as w:
        await w.members[0].slash(w.text, "suggest", text=IDEA)
        w.speaks(w.mod, "fr")
        listed = await w.mod.slash(w.text, "question suggestions")
        assert "`n°\u00a01`" in listed.response.embeds[0].description
        (menu,) = [
            c for row in listed.response.components for c in row["components"] if c["type"] == 3
        ]
        assert [o["label"] for o in menu["options"]] == ["n°\u00a01 " + STORED[IDEA]]
        w.speaks(w.mod, "en-US")
        listed = await w.mod.slash(w.text, "question suggestions")
        (menu,) = [
            c for row in listed.response.components for c in row["components"] if c["type"] == 3
        ]
        assert [o["label"] for o in menu["options"]] == ["#1 " + STORED[IDEA]]


async def test_a_line_break_in_the_edit_form_keeps_the_words_apart(sqlite_url: str) -> None:
    """The edit form's question is a paragraph: a moderator who splits a suggestion over
    two lines had them glued together (« cinéma ?Et au théâtre ? »), the line break dropped
    as a control character, on the card, in the bank and on the post. It is a space."""
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        await w.members[0].slash(w.text, "suggest", text=IDEA)
        await w.settle()
        (card,) = staff.history()
        shown = await w.mod.click(card, custom_id=custom_ids.review(1, "edit"))
        inputs = [row["components"][0] for row in shown.modal["components"]]
        values = {
            inputs[0][
                "custom_id"
            ]: "Faut-il interdire les smartphones au cinéma ?\r\nEt au théâtre ?",
            inputs[1]["custom_id"]: "",
            inputs[2]["custom_id"]: "",
        }
        edited = await w.mod.submit_modal(shown, values)
        expected = "Faut-il interdire les smartphones au cinéma\u202f? Et au théâtre\u202f?"
        assert edited.response.embeds[0].description == expected
        await w.mod.click(card, custom_id=custom_ids.review(1, "approve"))
        (question,) = await w.rows(Question, Question.suggested_by.is_not(None))
        assert question.text == expected
        assert not w.env.errors


async def test_an_approval_outside_a_long_rotation_still_fits_on_the_card(
    sqlite_url: str,
) -> None:
    """The card names the categories the server posts when an approved suggestion is in
    none of them. Twenty long ones (what /setup categories allows) took its decision past
    Discord's 1,024 characters for a field: the approval was stored and the member told,
    but the moderator read « Quelque chose s'est mal passé » over a card still offering
    Approve, which then answered « déjà traitée ». The list is cut to fit."""
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        w.speaks(w.mod, "fr")
        names = [f"catégorie_{n:02d}_des_films_et_des_séries_xyz"[:40] for n in range(20)]
        for name in names:
            await w.mod.slash(w.text, "question add", text=f"Que pensez-vous de {name} ?",
                              category=name)  # fmt: skip
        await w.setup(categories=", ".join(names))
        await w.members[0].slash(w.text, "suggest", text=IDEA)
        await w.settle()
        (card,) = staff.history()
        clicked = await w.mod.click(card, custom_id=custom_ids.review(1, "approve"))
        assert clicked.response.embeds, clicked.response.content
        decided = clicked.response.embeds[0].fields[-1].value
        assert len(decided) <= 1024
        assert "hors des catégories publiées (catégorie\\_00" in decided
        assert decided.endswith("/question publier."), decided
        assert clicked.response.components == []
        assert not w.env.errors


async def test_suggestions_made_before_the_review_channel_are_not_left_unseen(
    sqlite_url: str,
) -> None:
    """Members suggested while the server had no review channel (« transmise à l'équipe »,
    they read); staff then named one: its cards came only for new suggestions, and neither
    /setup's answer nor /schedule show said that three were waiting with no card there.
    Both count them and name the list that shows them."""
    async with world(sqlite_url) as w:
        w.speaks(w.mod, "fr")
        for n, member in enumerate(w.members):
            await member.slash(w.text, "suggest", text=f"Idée numéro {n} : et vous ?")
        staff = w.guild.create_text_channel("moderation")
        done = await w.setup(review_channel=staff)
        fields = {f.name: f.value for f in done.response.embeds[0].fields}
        waiting = "3 propositions attendent sans carte dans ce salon\u00a0: /question propositions"
        assert waiting in fields["Propositions"], fields["Propositions"]

        await w.members[0].slash(w.text, "suggest", text=IDEA)  # a card: not counted
        await w.settle()
        assert len(staff.history()) == 1
        listed = await w.mod.slash(w.text, "question suggestions")
        card = (await w.mod.select(listed.response.message, ["1"])).response.message
        await w.mod.click(card, custom_id=custom_ids.review(1, "approve"))
        shown = await w.mod.slash(w.text, "schedule show")
        fields = {f.name: f.value for f in shown.response.embeds[0].fields}
        assert "2 propositions attendent sans carte" in fields["Propositions"]

        w.speaks(w.mod, "en-US")
        shown = await w.mod.slash(w.text, "schedule show")
        fields = {f.name: f.value for f in shown.response.embeds[0].fields}
        assert (
            "2 suggestions are waiting without a card in this channel: /question suggestions"
            in fields["Suggestions"]
        )
        assert not w.env.errors


async def test_a_question_already_asked_is_refused_with_its_discussion(sqlite_url: str) -> None:
    """A member suggesting last month's question read « Cette question est déjà dans la
    banque (question n° 1) »: a number she has no way to look up, and a bank that sounds
    as if it is still to come. She is told it was asked, and where."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice = w.members[0]
        w.speaks(alice, "fr")
        refused = await alice.slash(w.text, "suggest", text=SEED)
        assert refused.ephemeral
        assert refused.response.content == (
            f"Cette question a déjà été posée\u00a0: discussion n°\u00a0{discussion.id}, "
            f"<#{thread.id}>."
        )
        assert refused.response.embeds[0].description == SEED  # her text, to copy
        w.speaks(alice, "en-GB")
        refused = await alice.slash(w.text, "suggest", text=SEED.upper())
        assert refused.response.content == (
            f"This question was already asked: discussion #{discussion.id}, <#{thread.id}>."
        )
        assert await w.rows(Suggestion) == []


async def test_a_question_typed_without_its_joined_letters_is_still_a_duplicate(
    sqlite_url: str,
) -> None:
    """« œ » and « æ » are hard to type on most keyboards: « coeur » is how most members
    write « cœur ». Typed so, the bank's question or another member's suggestion was taken
    for a new one (its accents or hyphens left out, it was already caught)."""
    async with world(sqlite_url) as w:
        alice, bruno = w.members[:2]
        await w.mod.slash(w.text, "question add", text="Le cœur a-t-il ses raisons au cinéma ?")
        banked = await alice.slash(
            w.text, "suggest", text="Le coeur a t il ses raisons au cinema ?"
        )
        assert "already in the bank" in banked.response.content, banked.response.content
        await alice.slash(w.text, "suggest", text="Faut-il un cæsium au générique ?")
        twin = await bruno.slash(w.text, "suggest", text="FAUT IL UN CAESIUM AU GENERIQUE")
        assert "already suggested (suggestion #1)" in twin.response.content, twin.response.content
        assert [s.author_id for s in await w.rows(Suggestion)] == [alice.id]


@pytest.mark.parametrize("text", ["?", "...", "« ! »", "-_-"])
async def test_a_suggestion_of_punctuation_alone_is_no_question(sqlite_url: str, text: str) -> None:
    """« ? » sent by mistake (or to see what the command does) became a suggestion, a card
    staff had to refuse, under Oui / Non / Nuancé; and, every mark being left out of the
    duplicate key, the next one (« ... ») was refused as « déjà proposée »."""
    async with world(sqlite_url) as w:
        alice = w.members[0]
        w.speaks(alice, "fr")
        refused = await alice.slash(w.text, "suggest", text=text)
        assert refused.ephemeral
        assert refused.response.content == "La question ne contient aucun mot."
        added = await w.mod.slash(w.text, "question add", text=text)
        assert added.response.content == "The question has no words in it."
        fits = await alice.slash(w.text, "suggest", text="🎬🍿 ?")  # emoji say something
        assert "Merci" in fits.response.content
        assert [s.text for s in await w.rows(Suggestion)] == ["🎬🍿 ?"]  # no French words: as typed


async def test_a_reason_of_invisible_characters_is_no_reason(sqlite_url: str) -> None:
    """A reason field holding only a zero-width space (pasted, or a trick to get past a
    required field) was kept as the reason: the card showed « Raison : … » and the member
    read « Reason: … », a reason with nothing in it. It is none."""
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        bruno = w.members[1]
        await bruno.slash(w.text, "suggest", text=IDEA)
        await w.settle()
        (card,) = staff.history()
        shown = await w.mod.click(card, custom_id=custom_ids.review(1, "reject"))
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        done = await w.mod.submit_modal(shown, {field: "\u200b \u2060"})
        names = [f.name for f in done.response.embeds[0].fields]
        assert "Décision" in names and "Raison" not in names, names
        (suggestion,) = await w.rows(Suggestion)
        assert (suggestion.status, suggestion.reason) == ("rejected", None)
        (dm,) = _dms(w, bruno)
        assert "was not kept" in dm.content and "Reason" not in dm.content, dm.content


@pytest.mark.parametrize(
    ("language", "title", "rejected", "reason"),
    [
        ("fr", "Déjà suggérée", "Déjà refusée le {when}.", "Raison\u00a0: "),
        ("en", "Suggested before", "Already rejected on {when}.", "Reason: "),
    ],
)
async def test_a_question_rejected_before_is_taken_again_and_its_card_says_so(
    sqlite_url: str, language: str, title: str, rejected: str, reason: str
) -> None:
    """A member suggests again a question staff rejected: it is taken (she may have worded
    it better; staff decide), and its card says when it was rejected and why, inert."""
    async with world(sqlite_url) as w:
        await w.setup(language=language)
        staff = await _staff_channel(w)
        bruno, chloe = w.members[1], w.members[2]
        await bruno.slash(w.text, "suggest", text=IDEA)
        await w.settle()
        (first,) = staff.history()
        assert title not in {f.name for f in first.embeds[0].fields}
        shown = await w.mod.click(first, custom_id=custom_ids.review(1, "reject"))
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        await w.mod.submit_modal(shown, {field: "Hors sujet **ici** @everyone"})
        (earlier,) = await w.rows(Suggestion)
        assert earlier.decided_at is not None
        when = f"<t:{int(earlier.decided_at.timestamp())}:D>"

        again = await chloe.slash(w.text, "suggest", text=IDEA.upper().replace("É", "E"))
        await w.settle()
        assert again.ephemeral and again.response is not None
        assert [s.status for s in await w.rows(Suggestion)] == ["rejected", "pending"]
        card = staff.history()[-1]
        assert card.embeds[0].title != first.embeds[0].title
        fields = {f.name: f.value for f in card.embeds[0].fields}
        said, why = fields[title].split("\n")
        assert said == rejected.format(when=when)
        assert why.startswith(reason) and "\\*\\*ici\\*\\*" in why
        assert not re.search(r"(?<![\\\u200b])@everyone", why)
        posts = [r for r in w.env.http_requests if r.method == "POST" and "/messages" in r.path]
        assert posts[-1].json["allowed_mentions"]["parse"] == []
        # The same card opened from the staff's list (in the moderator's language, en-US).
        listed = await w.mod.slash(w.text, "question suggestions")
        opened = (await w.mod.select(listed.response.message, ["2"])).response.message
        listed_fields = {f.name: f.value for f in opened.embeds[0].fields}
        assert listed_fields["Suggested before"].startswith(
            f"Already rejected on {when}.\nReason: "
        )

        # Rejected without a reason: the card says when only; an unrelated one says nothing.
        shown = await w.mod.click(card, custom_id=custom_ids.review(2, "reject"))
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        await w.mod.submit_modal(shown, {field: ""})
        await chloe.slash(w.text, "suggest", text=IDEA)
        await w.settle()
        latest = {f.name: f.value for f in staff.history()[-1].embeds[0].fields}
        decided = max((s for s in await w.rows(Suggestion) if s.decided_at), key=lambda s: s.id)
        assert decided.decided_at is not None
        again_when = f"<t:{int(decided.decided_at.timestamp())}:D>"
        assert latest[title] == rejected.format(when=again_when)
        await chloe.slash(w.text, "suggest", text="Faut-il un cinéma dans chaque village ?")
        await w.settle()
        assert title not in {f.name for f in staff.history()[-1].embeds[0].fields}
