"""The review room's tables as a screen reader reads them: each named (a caption, or the
heading it sits under), each column header marked ``scope="col"``, and where a row is
about one thing (an option of the stances, a discussion, a question the member took a
stance on) that cell is the row's header, so moving down the « Total » column says
« Non, 1 » and not a bare « 1 ». The option, the question were plain cells: a column
read alone gave numbers without what they counted."""

from __future__ import annotations

import pytest

from tests.web.conftest import ALICE, Room
from tests.web.html_tree import Element, parse


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


ROW_HEADED = {"discussions", "stances", "declared"}


def _name(page: Element, table: Element) -> str:
    captions = table.find_all("caption")
    if captions:
        return captions[0].text()
    labelled = table.attrs.get("aria-labelledby", "")
    return page.by_id(labelled).text() if labelled else ""


async def test_every_table_is_named_with_column_and_row_headers(room: Room) -> None:
    await room.sign_in()
    d = room.seeded.home_discussion
    await room.client.post(
        f"/discussions/{d}/report", data={"csrf": await room.csrf(), "action": "publish"}
    )
    discussion = await room.html(f"/discussions/{d}")
    report = discussion.split('href="/r/', 1)[1].split('"', 1)[0]
    seen = set()
    for path in (
        "/discussions",
        f"/discussions/{d}",
        f"/members/{ALICE}",
        "/audit",
        f"/r/{report}",
    ):
        page = parse(await room.html(path))
        tables = page.find_all("table")
        assert tables, path
        for table in tables:
            kind = table.attrs.get("id") or table.attrs.get("class", "")
            assert _name(page, table), (path, kind)
            heads = table.find("thead").find_all("th")
            assert heads and all(th.attrs.get("scope") == "col" for th in heads), (path, kind)
            for row in table.find("tbody").find_all("tr"):
                headers = row.find_all("th")
                if set(kind.split()) & ROW_HEADED:
                    assert [h.attrs.get("scope") for h in headers] == ["row"], (path, kind)
                    assert headers[0].text(), (path, kind)
                    seen.update(set(kind.split()) & ROW_HEADED)
    assert seen == ROW_HEADED
