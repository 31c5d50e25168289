"""The summary's dark charts are drawn when a visitor first asks for one (a dark system's
browser, through the page's ``<picture>``), not with every summary: they cost each
summary's first view as much again as its light charts (bench/summary_charts.py). Once
drawn, a dark chart is kept with its summary; two visitors asking at once draw it once;
the light page and charts never wait for it."""

from __future__ import annotations

import asyncio
import io
import re
import threading
from datetime import timedelta
from typing import Any

import pytest
from matplotlib.colors import to_rgb
from matplotlib.image import imread

from bot.charts import stance_bars
from bot.charts.theme import DARK, LIGHT, ChartTheme
from db.models import Vote
from tests.web.conftest import BRUNO, HOME, NOW, Room
from tests.web.test_summary_and_report import _more_replies


@pytest.fixture
async def signed(room: Room) -> Room:
    await room.sign_in()
    await _more_replies(room)
    return room


class _Drawn:
    """The stance charts drawn, by theme; a dark one can be held in its worker thread."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.themes: list[str] = []
        self.hold = False
        self.started = threading.Event()
        self.release = threading.Event()
        draw = stance_bars.stance_chart_png

        def counted(*args: Any, theme: ChartTheme = LIGHT, **kwargs: Any) -> bytes:
            self.themes.append(theme.name)
            if theme is DARK and self.hold:
                self.started.set()
                assert self.release.wait(timeout=60)
            return draw(*args, theme=theme, **kwargs)

        monkeypatch.setattr(stance_bars, "stance_chart_png", counted)

    def dark(self) -> int:
        return self.themes.count("dark")


def _background(png: bytes) -> tuple[float, ...]:
    return tuple(float(c) for c in imread(io.BytesIO(png), format="png")[0, 0, :3])


async def _get_png(room: Room, path: str) -> bytes:
    response = await room.client.get(path)
    assert response.status == 200, (path, response.status)
    assert response.headers["Content-Type"] == "image/png"
    return await response.read()


async def test_no_dark_chart_is_drawn_until_one_is_asked_for_then_it_is_kept(
    signed: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = _Drawn(monkeypatch)
    d = signed.seeded.home_discussion
    base = f"/discussions/{d}/charts"
    page = await signed.html(f"/discussions/{d}")
    light = await _get_png(signed, f"{base}/stances.png")
    assert drawn.themes == ["light"]  # the eager cache drew the dark one with the page too
    # the page names the dark chart all the same, for a dark system to ask for it
    assert re.search(
        rf'<picture><source srcset="{base}/stances-dark\.png" '
        r'media="screen and \(prefers-color-scheme: dark\)"><img src="' + base + r'/stances\.png"',
        page,
    )
    dark = await _get_png(signed, f"{base}/stances-dark.png")
    assert drawn.dark() == 1
    assert _background(dark) == pytest.approx(to_rgb(DARK.paper), abs=1 / 255)
    assert _background(light) == pytest.approx(to_rgb(LIGHT.paper), abs=1 / 255)
    # kept: asked again, and the page visited again, nothing is drawn
    assert await _get_png(signed, f"{base}/stances-dark.png") == dark
    await signed.html(f"/discussions/{d}")
    assert drawn.themes == ["light", "dark"]
    assert signed.context.summaries.builds == 1
    # the discussion changes: the new summary draws its own dark chart when asked
    async with signed.app.sessions.begin() as session:
        session.add(
            Vote(reply_id=signed.seeded.replies["rtl"], voter_id=BRUNO, discussion_id=d,
                 guild_id=HOME, value=1, at=NOW + timedelta(hours=1))
        )  # fmt: skip
    await signed.html(f"/discussions/{d}")
    assert drawn.themes == ["light", "dark", "light"]
    await _get_png(signed, f"{base}/stances-dark.png")
    assert drawn.dark() == 2
    # a dark variant of a chart the summary has not, and a name of no chart: not found
    for name in ("other-dark", "stances-dark-dark", "-dark"):
        assert (await signed.client.get(f"{base}/{name}.png")).status == 404, name


async def test_two_visitors_asking_at_once_draw_it_once_and_the_light_page_does_not_wait(
    signed: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = _Drawn(monkeypatch)
    d = signed.seeded.home_discussion
    base = f"/discussions/{d}/charts"
    await signed.html(f"/discussions/{d}")
    cache = signed.context.summaries
    asked = asyncio.Event()
    entered = 0
    chart = cache.chart

    async def counted(summary: Any, name: str) -> bytes | None:
        nonlocal entered
        entered += 1
        if entered == 2:
            asked.set()
        return await chart(summary, name)

    monkeypatch.setattr(cache, "chart", counted)
    drawn.hold = True
    try:
        first = asyncio.create_task(_get_png(signed, f"{base}/stances-dark.png"))
        await asyncio.to_thread(drawn.started.wait, 60)  # drawing, held in its thread
        # meanwhile the page and its light chart answer
        await signed.html(f"/discussions/{d}")
        await _get_png(signed, f"{base}/stances.png")
        assert not first.done()
        second = asyncio.create_task(_get_png(signed, f"{base}/stances-dark.png"))
        await asyncio.wait_for(asked.wait(), 60)  # the second visitor waits on the first's
    finally:
        drawn.release.set()
    one, two = await asyncio.gather(first, second)
    assert one == two
    assert drawn.dark() == 1
    assert cache.builds == 1


async def test_a_dark_chart_that_fails_to_draw_is_served_light(
    signed: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logged, and the light chart served in its place: legible, where a failed image
    would be a broken one (the browser does not fall back to ``<img>``'s source)."""
    draw = stance_bars.stance_chart_png

    def light_only(*args: Any, theme: ChartTheme = LIGHT, **kwargs: Any) -> bytes:
        if theme is DARK:
            raise RuntimeError("no dark today")
        return draw(*args, theme=theme, **kwargs)

    monkeypatch.setattr(stance_bars, "stance_chart_png", light_only)
    d = signed.seeded.home_discussion
    base = f"/discussions/{d}/charts"
    await signed.html(f"/discussions/{d}")
    light = await _get_png(signed, f"{base}/stances.png")
    assert await _get_png(signed, f"{base}/stances-dark.png") == light


async def test_the_public_report_draws_its_dark_chart_when_asked(
    signed: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = _Drawn(monkeypatch)
    d = signed.seeded.home_discussion
    published = await signed.client.post(
        f"/discussions/{d}/report", data={"csrf": await signed.csrf(), "action": "publish"}
    )
    found = re.search(r'href="(/r/[A-Za-z0-9_-]{20,})"', await published.text())
    assert found is not None
    signed.client.session.cookie_jar.clear()  # a visitor without a session
    report = await signed.html(found.group(1))
    assert f'srcset="{found.group(1)}/charts/stances-dark.png"' in report
    assert drawn.dark() == 0
    dark = await _get_png(signed, f"{found.group(1)}/charts/stances-dark.png")
    assert _background(dark) == pytest.approx(to_rgb(DARK.paper), abs=1 / 255)
    assert drawn.dark() == 1


async def test_each_chart_links_to_the_image_its_reader_sees(signed: Room) -> None:
    """A chart's full-size link opens the PNG the page shows: the light one, or the dark one
    when the system is dark (it always opened the light one). Two links, the style sheet
    showing one by the same media query as the ``<picture>``'s; no script (the CSP forbids
    them). Each holds the same ``<picture>``: the hidden one asks for no other image."""
    d = signed.seeded.home_discussion
    base = f"/discussions/{d}/charts"
    page = await signed.html(f"/discussions/{d}")
    picture = (
        rf'<picture><source srcset="{base}/stances-dark\.png" '
        r'media="screen and \(prefers-color-scheme: dark\)"><img src="' + base + r'/stances\.png"'
    )
    links = re.findall(rf'<a href="([^"]+)" class="chart chart-(\w+)"( hidden)?>{picture}', page)
    assert links == [
        (f"{base}/stances.png", "light", ""),
        (f"{base}/stances-dark.png", "dark", " hidden"),  # without the style sheet too
    ]
    css = await (await signed.client.get("/static/style.css")).text()
    assert re.search(r"\.chart-dark \{ display: none; \}", css)
    dark = "".join(
        re.findall(r"@media screen and \(prefers-color-scheme: dark\) \{(.*?)\n\}", css, re.S)
    )
    assert ".chart-light { display: none; }" in dark and ".chart-dark { display: inline; }" in dark
