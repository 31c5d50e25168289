"""Hidden tallies in the web room (``/setup hide_counts``): while the discussion is open,
neither its page nor its public report shows a count, and it cannot be published, as
``/summary show`` and ``/summary publish`` refuse in Discord; after the close, all of it."""

from __future__ import annotations

import re

import markupsafe
import pytest
from sqlalchemy import select

from bot.i18n import t
from db.models import AuditEntry, Discussion, PublishedReport
from db.repositories import guilds
from tests.web.conftest import HOME, Room
from tests.web.test_themes import _themed_debate
from web.render import Words

COUNT_CELL = re.compile(r'<td class="num"[^>]*>(?:<strong>)?\d+')
THEME_MIX = re.compile(r"\d+ \(\d+ déclarées?, \d+ déduites?\)")


@pytest.fixture
async def signed(room: Room) -> Room:
    await room.sign_in()
    await _themed_debate(room)  # themes too, each with its stance mix
    return room


async def _hide_counts(room: Room, hidden: bool) -> None:
    async with room.app.sessions.begin() as session:
        await guilds.update_guild(session, HOME, room.clock.now(), hide_counts=hidden)


async def _close(room: Room) -> None:
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        d.closed_at = room.clock.now()


async def _publish(room: Room) -> str:
    d = room.seeded.home_discussion
    answer = await room.client.post(
        f"/discussions/{d}/report", data={"csrf": await room.csrf(), "action": "publish"}
    )
    found = re.search(r'href="(/r/[A-Za-z0-9_-]{20,})"', await answer.text())
    assert found is not None
    return found.group(1)


async def _sentence(room: Room) -> str:
    async with room.app.sessions() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        closes = d.closes_at
    # its date in a <time> (test_pages_browser: every date of every page)
    return str(Words("fr", "Europe/Paris").timed("error-counts-hidden", closes=closes))


async def _pages(room: Room, report: str) -> tuple[str, str]:
    """The discussion's page (staff) and its public report (signed out), as HTML."""
    staff = await room.html(f"/discussions/{room.seeded.home_discussion}")
    jar = room.client.session.cookie_jar
    kept = list(jar)
    jar.clear()
    public = await room.html(report)
    for cookie in kept:
        jar.update_cookies({cookie.key: cookie})
    return staff, public


async def test_counts_are_hidden_from_both_pages_until_the_close(signed: Room) -> None:
    d = signed.seeded.home_discussion
    report = await _publish(signed)
    a = (await signed.context.summaries.get(HOME, d)).analysis
    headline = t(
        "web-summary-counts", "fr", participants=a.participant_count, replies=a.reply_count
    )
    sentence = await _sentence(signed)

    # Open, counts shown (the server does not hide them).
    for page in await _pages(signed, report):
        assert headline in page and 'class="stances"' in page and COUNT_CELL.search(page)
        assert THEME_MIX.search(page)
        assert sentence not in page

    # Open, counts hidden: no tally, chart or theme mix; the sentence says when.
    await _hide_counts(signed, True)
    for page in await _pages(signed, report):
        assert sentence in page
        assert headline not in page and 'class="stances"' not in page
        assert not COUNT_CELL.search(page)
        assert "/charts/" not in page and 'id="summary"' not in page
        assert not THEME_MIX.search(page) and 'id="themes"' not in page
    for chart in (f"/discussions/{d}/charts/stances.png", f"{report}/charts/stances.png"):
        refused = await signed.client.get(chart)
        assert refused.status == 403 and sentence.split(" (")[0] in await refused.text()
    inferred = await signed.html(f"/discussions/{d}/replies?option=0&basis=inferred")
    assert str(markupsafe.escape(t("web-filter-inferred-unavailable", "fr"))) in inferred
    assert "déduit\u00a0:" not in inferred

    # Closed: everything, on both pages.
    await _close(signed)
    for page in await _pages(signed, report):
        assert headline in page and 'class="stances"' in page and COUNT_CELL.search(page)
        assert THEME_MIX.search(page)
        assert sentence not in page
    chart = await signed.client.get(f"{report}/charts/stances.png")
    assert chart.status == 200


async def test_an_open_discussion_with_hidden_counts_cannot_be_published(signed: Room) -> None:
    d = signed.seeded.home_discussion
    await _hide_counts(signed, True)
    refused = await signed.client.post(
        f"/discussions/{d}/report", data={"csrf": await signed.csrf(), "action": "publish"}
    )
    text = await refused.text()
    assert refused.status == 403 and await _sentence(signed) in text
    assert "/r/" not in text
    async with signed.app.sessions() as session:
        assert not list(await session.scalars(select(PublishedReport)))
        assert not list(await session.scalars(select(AuditEntry.action)))

    await _close(signed)
    assert (await _publish(signed)).startswith("/r/")
