"""A member's Discord timestamp (``<t:1700000000:R>``) in the web room: written as a date
in the page's language and the server's time zone, in a ``<time>``; it showed as typed."""

from __future__ import annotations

from db.models import Discussion
from tests.web.conftest import ALICE, Room, _reply, snowflake
from tests.web.html_tree import parse

TEXT = "On vote <t:1700000000:R>, ||le <t:1700000000:d>|| <script>x</script>"
PARIS = '<time datetime="2023-11-14T23:13+01:00">'  # 22:13 UTC, the server's zone: Paris


async def test_a_timestamp_in_a_reply_reads_as_a_date(room: Room) -> None:
    await room.sign_in()
    d = room.seeded.home_discussion
    async with room.app.sessions.begin() as session:
        discussion = await session.get(Discussion, d)
        assert discussion is not None
        session.add(_reply(discussion, snowflake(400, 3), ALICE, "alice", TEXT))
    html = await room.html(f"/discussions/{d}/replies")
    assert "&lt;t:" not in html and "<t:" not in html
    assert f"On vote {PARIS}14/11/2023 23:13</time>, " in html
    assert f"le {PARIS}14/11/2023</time>" in html  # in the spoiler, hidden until clicked
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
    times = parse(html).find_all("time", lambda e: e.attrs.get("datetime", "").startswith("2023"))
    assert len(times) == 2
