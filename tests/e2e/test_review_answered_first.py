"""A moderator's click on a review card is answered before the bot writes to anyone.

Approving or rejecting sent the suggester her DM before the click was answered: Discord
slow or rate-limiting that DM made the click outlast its 3 seconds, and the moderator read
« This interaction failed » over a decision that was taken. A DM Discord gave no answer
to at all (a time-out, a dropped connection) escaped as an error: she read « Something
went wrong » instead of the decision. Now the card shows the decision first; the DM comes
after, and when none could be sent she is told, privately, that the member does not know.
"""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from bot import custom_ids
from db.models import AuditEntry, Question, Reply, Suggestion
from tests.e2e.test_suggestions import IDEA, _dms, _staff_channel
from tests.harness import world

NOT_TOLD = "could not be told by DM"


def _answered_since(w: Any, mark: int) -> bool:
    """Whether the bot answered an interaction (its callback) since request ``mark``."""
    return any(r.path.endswith("/callback") for r in w.env.http_requests[mark:])


async def _decide(w: Any, card: Any, action: str) -> Any:
    """The moderator approves, or rejects with a reason through the form."""
    if action == "approve":
        return await w.mod.click(card, custom_id=custom_ids.review(1, "approve"))
    shown = await w.mod.click(card, custom_id=custom_ids.review(1, "reject"))
    field = shown.modal["components"][0]["components"][0]["custom_id"]
    return await w.mod.submit_modal(shown, {field: "Déjà posée."})


@pytest.mark.parametrize("action", ["approve", "reject"])
@pytest.mark.parametrize(
    "failure",
    [TimeoutError(), aiohttp.ClientConnectionError("connection reset"), None],
    ids=["timeout", "connection", "dms-closed"],
)
async def test_the_decision_is_shown_before_the_dm_and_stands_when_the_dm_fails(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, action: str, failure: Exception | None
) -> None:
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        alice = w.members[0]
        await alice.slash(w.text, "suggest", text=IDEA)
        await w.settle()
        (card,) = staff.history()
        listed = await w.mod.slash(w.text, "question suggestions")  # opened meanwhile
        stale = (await w.mod.select(listed.response.message, ["1"])).response.message

        mark = len(w.env.http_requests)
        answered_first: list[bool] = []
        open_dm = w.bot.http.start_private_message

        async def dm_channel(user_id: int) -> Any:
            answered_first.append(_answered_since(w, mark))
            if failure is not None:
                raise failure
            return await open_dm(user_id)

        monkeypatch.setattr(w.bot.http, "start_private_message", dm_channel)
        if failure is None:  # her DMs closed: Discord refuses (403)
            w.env.inject_error("POST", "/users/@me/channels", status=403, times=None)
        done = await _decide(w, card, action)
        await w.settle()

        assert answered_first == [True]  # the DM was tried once, after the click's answer
        decided = done.response.embeds[0].fields
        expected = "✅ Approuvée par" if action == "approve" else "✖️ Refusée par"
        assert any(f.value.startswith(expected) for f in decided), decided
        said = [f.content for f in done.followups]
        assert len(said) == 1 and NOT_TOLD in said[0], said
        assert f"<@{alice.id}>" in said[0]
        assert all(f.flags.ephemeral for f in done.followups)
        assert not any("went wrong" in text for text in said)
        (shown,) = staff.history()  # the card in the review channel shows it too
        assert any(f.value.startswith(expected) for f in shown.embeds[0].fields)
        assert shown.components == []

        (suggestion,) = await w.rows(Suggestion)
        status = "approved" if action == "approve" else "rejected"
        assert (suggestion.status, suggestion.decided_by) == (status, w.mod.id)
        asked = await w.rows(Question, Question.suggested_by == alice.id)
        assert len(asked) == (1 if action == "approve" else 0)
        audited = [a.action for a in await w.rows(AuditEntry)]
        assert audited.count(f"suggestion_{action}") == 1
        assert _dms(w, alice) == []

        # Clicked again on a card opened before (she could not know): refused, nothing twice.
        again = await w.mod.click(stale, custom_id=custom_ids.review(1, "approve"))
        assert again.ephemeral and "already been decided" in again.response.content
        assert len(await w.rows(Question, Question.suggested_by == alice.id)) == len(asked)


async def test_a_dm_sent_comes_after_the_answer_and_says_nothing_more_to_staff(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        alice = w.members[0]
        await alice.slash(w.text, "suggest", text=IDEA)
        await w.settle()
        (card,) = staff.history()
        mark = len(w.env.http_requests)
        done = await w.mod.click(card, custom_id=custom_ids.review(1, "approve"))
        await w.settle()
        paths = [(r.method, r.path) for r in w.env.http_requests[mark:]]
        answer = next(i for i, (_, p) in enumerate(paths) if p.endswith("/callback"))
        dm = paths.index(("POST", "/users/@me/channels"))
        assert answer < dm, paths
        assert done.followups == []
        (told,) = _dms(w, alice)
        assert "was accepted" in told.content


async def test_an_edit_from_the_list_is_answered_before_the_review_channel_card_is_redrawn(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        await w.members[0].slash(w.text, "suggest", text=IDEA)
        await w.settle()
        (card,) = staff.history()
        listed = await w.mod.slash(w.text, "question suggestions")
        private = (await w.mod.select(listed.response.message, ["1"])).response.message
        shown = await w.mod.click(private, custom_id=custom_ids.review(1, "edit"))
        inputs = [row["components"][0] for row in shown.modal["components"]]
        mark = len(w.env.http_requests)
        edited = await w.mod.submit_modal(
            shown,
            {
                inputs[0]["custom_id"]: "Faut-il bannir les téléphones au cinéma ?",
                inputs[1]["custom_id"]: "",
                inputs[2]["custom_id"]: "",
            },
        )
        await w.settle()
        assert "bannir" in edited.response.embeds[0].description
        paths = [(r.method, r.path) for r in w.env.http_requests[mark:]]
        answer = next(i for i, (_, p) in enumerate(paths) if p.endswith("/callback"))
        redraw = paths.index(("PATCH", f"/channels/{staff.id}/messages/{card.id}"))
        assert answer < redraw, paths
        (redrawn,) = staff.history()
        assert "bannir" in (redrawn.embeds[0].description or "")
        assert len(redrawn.components[0].children) == 4  # still to decide


async def test_a_card_discord_does_not_answer_for_still_takes_the_suggestion(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Posting the review card timed out: the error escaped after the suggestion was
    stored, and the member was told it failed (and given her text back to send again)."""
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        send_message = w.bot.http.send_message

        async def review_channel_silent(channel_id: int, *args: Any, **kwargs: Any) -> Any:
            if channel_id == staff.id:
                raise TimeoutError
            return await send_message(channel_id, *args, **kwargs)

        monkeypatch.setattr(w.bot.http, "send_message", review_channel_silent)
        sent = await w.members[0].slash(w.text, "suggest", text=IDEA)
        await w.settle()
        assert sent.ephemeral and "suggestion #1" in sent.response.content
        assert not sent.followups
        (suggestion,) = await w.rows(Suggestion)
        assert suggestion.status == "pending" and suggestion.review_message_id is None
        assert staff.history() == []


async def _form_reply(w: Any, member: Any, discussion: Any, thread: Any, text: str) -> Any:
    opened = await member.click(
        w.post_message(discussion), custom_id=custom_ids.reply(discussion.id)
    )
    await member.submit_modal(opened, {custom_ids.REPLY_FORM_TEXT: text})
    await w.settle()
    (posted,) = [m for m in thread.history() if text in m.content]
    return posted


async def test_delete_my_reply_is_answered_before_discord_is_asked_to_delete(
    sqlite_url: str,
) -> None:
    """ "Delete my reply" asked Discord to delete the post (in a closed thread: open it,
    delete, archive it again) before answering: slow, her click failed over a reply gone."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice = w.members[0]
        posted = await _form_reply(w, alice, discussion, thread, "Je regrette celle-ci.")
        mark = len(w.env.http_requests)
        done = await alice.context_menu(thread, "Delete my reply", posted)
        await w.settle()
        assert done.ephemeral and "deleted" in done.response.content
        paths = [(r.method, r.path) for r in w.env.http_requests[mark:]]
        answer = next(i for i, (_, p) in enumerate(paths) if p.endswith("/callback"))
        deleted = paths.index(("DELETE", f"/channels/{thread.id}/messages/{posted.id}"))
        assert answer < deleted, paths
        assert posted.id not in [m.id for m in thread.history()]


@pytest.mark.parametrize(
    "failure",
    [TimeoutError(), aiohttp.ClientConnectionError("connection reset")],
    ids=["timeout", "connection"],
)
async def test_delete_my_reply_discord_does_not_answer_says_it_is_still_there(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice = w.members[0]
        posted = await _form_reply(w, alice, discussion, thread, "Je regrette celle-ci.")

        async def unreachable(*args: Any, **kwargs: Any) -> None:
            raise failure

        monkeypatch.setattr(w.bot.http, "delete_message", unreachable)
        failed = await alice.context_menu(thread, "Delete my reply", posted)
        await w.settle()
        assert failed.ephemeral
        assert "your reply is still in the thread" in failed.response.content
        assert "went wrong" not in failed.response.content
        (kept,) = await w.rows(Reply)
        assert not kept.deleted


async def test_mydata_delete_discord_does_not_answer_after_says_only_it_is_erased(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Her data erased and said so, taking her review card off Discord timed out: the
    error reached her too, « Something went wrong » under « erased ». Now it is the
    scheduler's to do again; she reads only that her data is erased."""
    async with world(sqlite_url) as w:
        staff = await _staff_channel(w)
        alice = w.members[0]
        await alice.slash(w.text, "suggest", text=IDEA)
        await w.settle()
        (card,) = staff.history()
        delete_message = w.bot.http.delete_message

        async def unreachable(*args: Any, **kwargs: Any) -> None:
            raise TimeoutError

        monkeypatch.setattr(w.bot.http, "delete_message", unreachable)
        asked = await alice.slash(w.text, "mydata delete")
        confirmed = await alice.click(asked.response.message, label="Yes, erase everything")
        await w.settle()
        assert "erased" in confirmed.response.content
        assert confirmed.followups == []
        assert await w.rows(Suggestion) == []
        assert [m.id for m in staff.history()] == [card.id]  # still on Discord, noted

        monkeypatch.setattr(w.bot.http, "delete_message", delete_message)
        await w.bot.scheduler.tick()
        await w.settle()
        assert staff.history() == []
