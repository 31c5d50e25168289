"""Each chart's <img> is given the chart's own size: a chart lying down (past five options)
is taller than wide, and a fixed 800 × 450 squashed it."""

from __future__ import annotations

import io

from matplotlib.image import imread

from db.models import Discussion, Stance
from tests.web.conftest import CHLOE, DAVID, HOME, NOW, Room
from tests.web.html_tree import parse
from tests.web.test_summary_and_report import _more_replies

SEVEN = ["Oui", "Non", "Nuancé", "Plus tard", "Jamais", "Sans avis", "Autre chose"]


async def _sizes_shown_and_drawn(room: Room, path: str) -> list[tuple[str, str, str, int, int]]:
    page = parse(await room.html(path))
    found = []
    for img in page.find_all("img", lambda e: "/charts/" in e.attrs.get("src", "")):
        response = await room.client.get(img.attrs["src"])
        assert response.status == 200
        height, width = imread(io.BytesIO(await response.read()), format="png").shape[:2]
        found.append((img.attrs["src"], img.attrs["width"], img.attrs["height"], width, height))
    return found


async def test_each_chart_is_shown_at_its_own_size(room: Room) -> None:
    await room.sign_in()
    await _more_replies(room)
    d = room.seeded.home_discussion
    shown = await _sizes_shown_and_drawn(room, f"/discussions/{d}")
    assert shown, "no chart on the page"
    for src, width, height, drawn_width, drawn_height in shown:
        assert (int(width), int(height)) == (drawn_width, drawn_height), src


async def test_a_chart_lying_down_keeps_its_height(room: Room) -> None:
    await room.sign_in()
    await _more_replies(room)
    d = room.seeded.home_discussion
    async with room.app.sessions.begin() as session:
        discussion = await session.get(Discussion, d)
        assert discussion is not None
        discussion.options = SEVEN
        session.add_all(
            Stance(discussion_id=d, user_id=user, guild_id=HOME, option=option, at=NOW)
            for user, option in ((CHLOE, 4), (DAVID, 6))
        )
    shown = await _sizes_shown_and_drawn(room, f"/discussions/{d}")
    stances = [s for s in shown if s[0].endswith("/stances.png")]
    assert stances, shown
    for src, width, height, drawn_width, drawn_height in stances:
        assert drawn_height > drawn_width * 450 / 800  # taller than the old fixed shape
        assert (int(width), int(height)) == (drawn_width, drawn_height), src
