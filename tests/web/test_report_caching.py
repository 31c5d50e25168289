"""A public report is never served from a cache without asking the bot first.

With ``public, max-age=60`` a shared cache (a CDN, a company proxy) kept showing a
taken-down report, or a reply its author had erased, for a minute. Now caches must
revalidate every time (``no-cache`` with an ETag): unchanged pages cost a 304, a
changed one is sent again, a taken-down one answers 404.
"""

from __future__ import annotations

import re

from tests.web.conftest import Room
from tests.web.test_summary_and_report import _more_replies


async def _publish(room: Room) -> str:
    await room.sign_in()
    await _more_replies(room)
    d = room.seeded.home_discussion
    published = await room.client.post(
        f"/discussions/{d}/report", data={"csrf": await room.csrf(), "action": "publish"}
    )
    found = re.search(r'href="(/r/[A-Za-z0-9_-]{20,})"', await published.text())
    assert found is not None
    return found.group(1)


def _must_revalidate(headers: object) -> None:
    cache_control = headers["Cache-Control"]  # type: ignore[index]
    assert "no-cache" in cache_control and "max-age=60" not in cache_control, cache_control
    assert headers.get("ETag")  # type: ignore[attr-defined]


async def test_caches_must_ask_again_and_a_taken_down_report_is_gone_at_once(room: Room) -> None:
    path = await _publish(room)
    d = room.seeded.home_discussion
    first = await room.client.get(path)
    assert first.status == 200
    _must_revalidate(first.headers)
    chart = await room.client.get(path + "/charts/stances.png")
    _must_revalidate(chart.headers)

    etag = first.headers["ETag"]
    same = await room.client.get(path, headers={"If-None-Match": etag})
    assert same.status == 304 and await same.read() == b""
    chart_etag = chart.headers["ETag"]
    same_chart = await room.client.get(
        path + "/charts/stances.png", headers={"If-None-Match": chart_etag}
    )
    assert same_chart.status == 304

    await room.client.post(
        f"/discussions/{d}/report", data={"csrf": await room.csrf(), "action": "unpublish"}
    )
    gone = await room.client.get(path, headers={"If-None-Match": etag})
    assert gone.status == 404
    assert "no-store" in gone.headers["Cache-Control"]
