"""``/summary show`` answers in the member's language: its charts too, not only its text."""

from __future__ import annotations

from bot import custom_ids
from bot.charts.stance_bars import stance_chart_png
from bot.services import summary as summary_service
from db.models import Discussion
from tests.harness import world

REPLIES = [
    ("Oui, les outils progressent très vite et ouvrent le cinéma à tous.", 0),
    ("Non, un film sans acteurs humains n'a aucune âme.", 1),
]


async def test_the_charts_of_summary_show_speak_the_members_language(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:  # a French server
        thread, discussion = await w.post()
        post = w.post_message(discussion)
        for member, (text, option) in zip(w.members, REPLIES, strict=True):
            await member.send(thread, text)
            await member.click(post, custom_id=custom_ids.stance(discussion.id, option))
        await w.settle()
        [row] = await w.rows(Discussion, Discussion.id == discussion.id)
        counts = (await summary_service.build(w.app, row)).analysis.stances
        shown = await w.members[0].slash(thread, "summary show")  # SimCord's locale: en-US
        assert shown.response.embeds[0].title == f"Summary of discussion #{discussion.id}"
        [chart] = [a for a in shown.response.attachments if a.filename == "stances.png"]
        png = await chart.read()
        assert png != stance_chart_png(counts, row.question_text, "fr"), "a French chart"
        assert png == stance_chart_png(counts, row.question_text, "en")
