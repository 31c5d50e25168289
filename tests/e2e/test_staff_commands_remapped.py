"""Staff commands opened to a plain member (Server Settings → Integrations): Discord then
hands her the command, and the bot checks again when it runs, refusing it and changing
nothing. Each command's own check is tested: one forgotten leaves that command open. So
are the staff's buttons and forms, which a member can present with a modified client."""

from __future__ import annotations

from typing import Any

import discord

from bot import custom_ids
from db.models import (
    AuditEntry,
    Discussion,
    Guild,
    PublishedReport,
    Question,
    Reply,
    Slot,
    Suggestion,
    WebLogin,
)
from tests.e2e.test_server_isolation import _forged
from tests.e2e.test_suggestions import _staff_channel
from tests.harness import World, world

STAFF_ONLY = "This command is for the moderation team."

STORED = (
    Guild,
    Question,
    Discussion,
    Slot,
    Reply,
    Suggestion,
    AuditEntry,
    PublishedReport,
    WebLogin,
)
"""What a staff command changes: the settings, the bank, discussions and their schedule,
replies, suggestions, the audit log, public reports, login links."""


async def _stored(w: World) -> dict[str, list[dict[str, Any]]]:
    return {
        model.__name__: [
            {c.key: getattr(row, c.key) for c in model.__mapper__.column_attrs}
            for row in await w.rows(model)
        ]
        for model in STORED
    }


async def test_every_staff_command_opened_to_a_member_is_refused_when_it_runs(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, member = w.members[0], w.members[1]
        await alice.send(thread, "Je suis pour, clairement.")
        await w.settle()
        [reply] = await w.rows(Reply)
        question = min(q.id for q in await w.rows(Question) if q.id != discussion.question_id)
        # The summary is published by staff, so that unpublishing it would change something.
        assert "/r/" in (await w.mod.slash(thread, "summary publish")).response.content
        commands = {
            "setup": {"cron": "0 9 * * 2"},
            "schedule show": {},
            "schedule pause": {},
            "schedule resume": {},
            "question add": {"text": "Une question glissée par un membre ?"},
            "question list": {},
            "question edit": {"id": question, "text": "Réécrite par un membre ?"},
            "question remove": {"id": question},
            "question post": {"id": question},
            "question preview": {"id": question},
            "question suggestions": {},
            "discussion close": {"discussion": discussion.id},
            "discussion reopen": {"discussion": discussion.id},
            "discussion extend": {"hours": 5, "discussion": discussion.id},
            "answers list": {"discussion": discussion.id},
            "answers export": {"discussion": discussion.id},
            "answers delete": {"message_id": str(reply.id)},
            "summary unpublish": {"discussion": discussion.id},
        }
        for top in {name.split()[0] for name in commands}:
            [command] = [c for c in await w.bot.tree.fetch_commands() if c.name == top]
            w.guild.set_command_permissions(command, {member: True})
        before = await _stored(w)
        answered = {}
        for name, options in commands.items():
            result = await member.slash(thread, name, **options)
            await w.settle()
            answered[name] = (result.ephemeral, result.response.content)
        opened = {name: said for name, said in answered.items() if said != (True, STAFF_ONLY)}
        assert not opened, opened
        assert await _stored(w) == before
        assert not w.env.errors


async def test_staff_buttons_and_forms_a_member_presents_are_refused(sqlite_url: str) -> None:
    """Lists' pages, the suggestions' reject form and ``/erase-and-leave``'s buttons, their
    custom ids put on a message of her own, or on the form her Répondre button opened."""
    async with world(sqlite_url) as w:
        await _staff_channel(w)
        thread, discussion = await w.post()
        alice, member = w.members[0], w.members[1]
        await alice.send(thread, "Une réponse que seule la modération liste.")
        await alice.slash(w.text, "suggest", text="Faut-il une question par semaine ?")
        await w.settle()
        before = await _stored(w)
        pressed = {
            "answers page": custom_ids.answers_page("next", 0, discussion.id, None),
            "suggestions page": custom_ids.suggestions_page("next", 0),
            "bank page": custom_ids.bank_page("next", 0, None),
            "erase-and-leave form": custom_ids.erase_server("form"),
            "erase-and-leave cancel": custom_ids.erase_server("cancel"),
        }
        answered = {}
        for name, custom_id in pressed.items():
            forged = await _forged(w, w.text, discord.ui.Button(label="·", custom_id=custom_id))
            result = await member.click(forged, custom_id=custom_id)
            said = result.response.content if result.response is not None else None
            answered[name] = (result.modal is None, result.ephemeral, said)
        shown = await member.click(
            w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
        )
        shown._interaction.modal["custom_id"] = custom_ids.suggestion_form(1, "reject")  # forged
        sent = await member.submit_modal(shown, {custom_ids.REPLY_FORM_TEXT: "Refusée."})
        await w.settle()
        answered["reject form"] = (True, sent.ephemeral, sent.response.content)
        opened = {name: said for name, said in answered.items() if said != (True, True, STAFF_ONLY)}
        assert not opened, opened
        assert await _stored(w) == before
