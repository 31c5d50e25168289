"""What a member hid as a spoiler (``||…||``) on the staff's pages: hidden until clicked
(a checkbox the keyboard reaches, named in the page's language), escaped like all member
text, never in a title; the public report keeps it masked; exports keep it as written."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from sqlalchemy import update

from db.models import Discussion
from tests.web.conftest import BRUNO, Room, _reply, snowflake

SPOILED = "La fin ? ||<i>Rosebud</i> était sa luge|| et ||Bob||, évidemment."
QUESTION = "Citizen Kane : ||Rosebud|| vous a-t-il surpris ?"
HIDDEN_LABEL = "Afficher le passage masqué par son auteur (spoiler)"


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def _spoiled(room: Room) -> int:
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        session.add(_reply(d, snowflake(600, 4), BRUNO, "bruno", SPOILED))
        await session.execute(
            update(Discussion).where(Discussion.id == d.id).values(question_text=QUESTION)
        )
        return d.id


def _spoilers(page: str) -> list[str]:
    return re.findall(r'<label class="spoiler"[^>]*>.*?</label>', page)


async def test_staff_pages_hide_a_spoiler_until_clicked_escaped_and_named(room: Room) -> None:
    discussion = await _spoiled(room)
    await room.sign_in()
    page = await room.html(f"/discussions/{discussion}/replies")
    assert "||" not in page and "<i>Rosebud" not in page
    shown = _spoilers(page)
    assert len(shown) == 3, shown  # the question's and the reply's two
    rosebud = next(s for s in shown if "luge" in s)
    assert rosebud == (
        f'<label class="spoiler" title="{HIDDEN_LABEL}">'
        f'<input type="checkbox" class="spoiler-toggle" aria-label="{HIDDEN_LABEL}" lang="fr">'
        '<span class="spoiler-text"><span class="spoiler-words">'
        "&lt;i&gt;Rosebud&lt;/i&gt; était sa luge</span></span></label>"
    )
    assert "La fin ? <label" in page and "</label> et <label" in page
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None and "Rosebud" not in title.group(1)
    assert "Rosebud" not in "".join(re.findall(r"<meta[^>]*>", page))

    listed = await room.html("/discussions")  # a link holds no control: masked there
    mask = '<span class="masked" role="img" aria-label="passage masqué" lang="fr">▒▒▒</span>'
    assert f"Citizen Kane\u00a0: {mask} vous" in listed or f"Citizen Kane : {mask} vous" in listed
    assert "Rosebud" not in listed


async def test_an_english_room_names_the_spoiler_in_english(room: Room) -> None:
    from db.models import Guild
    from tests.web.conftest import HOME

    discussion = await _spoiled(room)
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language="en"))
    room.context.room.forget_server(HOME)
    await room.sign_in()
    page = await room.html(f"/discussions/{discussion}/replies")
    assert 'aria-label="Show the text its author hid (spoiler)"' in page


async def test_the_public_report_keeps_spoilers_masked(room: Room) -> None:
    discussion = await _spoiled(room)
    await room.sign_in()
    report = await _published_report(room, discussion)
    assert "Rosebud" not in report and "▒▒▒" in report and "spoiler-toggle" not in report


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
async def test_exports_keep_the_spoiler_as_written(room: Room, fmt: str) -> None:
    discussion = await _spoiled(room)
    await room.sign_in()
    response = await room.client.post(
        "/export", data={"csrf": await room.csrf(), "format": fmt, "discussion": str(discussion)}
    )
    body = (await response.read()).decode("utf-8")
    if fmt == "jsonl":
        texts = [json.loads(line).get("text") for line in body.split("\n") if line]
    else:
        texts = [
            cell for row in csv.reader(io.StringIO(body.removeprefix("\ufeff"))) for cell in row
        ]
    assert SPOILED in texts


ESCAPED = r"Pas un spoiler : \|\|Rosebud\|\|, ni `||la luge||`, mais ||Bob||."


async def test_bars_escaped_or_in_code_are_shown_as_text_as_discord_shows_them(
    room: Room,
) -> None:
    """Discord shows ``\\|\\|Rosebud\\|\\|`` and `` `||la luge||` `` as text: the staff's page
    hid them behind a click, and the public report masked them."""
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        session.add(_reply(d, snowflake(600, 5), BRUNO, "bruno", ESCAPED))
        discussion = d.id
    await room.sign_in()
    page = await room.html(f"/discussions/{discussion}/replies")
    (hidden,) = [s for s in _spoilers(page) if "Bob" in s or "Rosebud" in s or "luge" in s]
    assert ">Bob</span>" in hidden
    assert r"\|\|Rosebud\|\|" in page and "`||la luge||`" in page

    report = await _published_report(room, discussion)
    assert "Pas un spoiler" in report  # the reply is quoted in the report
    assert r"\|\|Rosebud\|\|" in report and "`||la luge||`" in report and "Bob" not in report


async def _published_report(room: Room, discussion: int) -> str:
    """The discussion's public report, published by the signed-in staff member."""
    await room.client.post(
        f"/discussions/{discussion}/report",
        data={"csrf": await room.csrf(), "action": "publish"},
    )
    staff = await room.html(f"/discussions/{discussion}")
    found = re.search(r'href="(/r/[^"]+)"', staff)
    assert found is not None
    return await room.html(found.group(1))
