"""The question of the day's echoes are inert too: a hostile member's suggestion,
name and options, and a moderator's hostile reason, through the review card, the
staff list, the direct messages, the preview, the post's credit, the reminder and
/stats. Every request the bot sent is read with the checker of test_inert_echo."""

from __future__ import annotations

from datetime import timedelta

from bot import custom_ids
from tests.e2e.test_inert_echo import (
    HOSTILE_NAME,
    HOSTILE_OPTIONS,
    HOSTILE_QUESTION,
    STATEMENTS,
    _texts,
)
from tests.harness import world
from tests.inert_check import MARKERS, active_parts


async def test_every_question_of_the_day_echo_is_inert(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:
        staff = w.guild.create_text_channel("moderation")
        await w.setup(review_channel=staff, reminder_hours=24)
        hostile = w.guild.add_member(w.env.create_user("hostile", global_name=HOSTILE_NAME))
        first = await hostile.slash(
            w.text, "suggest", text=HOSTILE_QUESTION, options=HOSTILE_OPTIONS
        )
        assert "#1" in first.response.content
        await hostile.slash(w.text, "suggest", text=STATEMENTS[3].replace("\n", " "))
        await w.settle()
        listed = await w.mod.slash(w.text, "question suggestions")
        await w.mod.select(listed.response.message, ["1"])
        cards = staff.history()
        shown = await w.mod.click(cards[-1], custom_id=custom_ids.review(2, "reject"))
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        await w.mod.submit_modal(shown, {field: STATEMENTS[0]})
        await w.mod.click(cards[0], custom_id=custom_ids.review(1, "next"))
        await w.mod.slash(w.text, "question preview")
        thread, discussion = await w.post()
        await hostile.send(thread, "Une réponse.")
        w.clock.set(discussion.closes_at - timedelta(hours=23))
        await w.bot.scheduler.tick()
        await w.members[0].slash(w.text, "stats")
        await w.settle()

        echoed = 0
        for request in w.env.http_requests:
            for text, markdown in _texts(request):
                assert active_parts(text, markdown) == [], (request.method, request.path, text)
                echoed += any(m in text for m in MARKERS)
        assert echoed >= 8  # the paths above really echoed the hostile text
        assert not w.env.errors
