"""The web room's CSV for an Excel in French: the export form's separator choice, the
download (semicolons, a byte-order mark, CRLF, the RFC 4180 file's cells but for ids,
written as text formulas ``="…"`` a double-clicked Excel shows whole, formulas guarded)
and an unknown choice refused in the room's words."""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select, update

from bot.services import streamed_export
from bot.services.export import stream
from db.models import AuditEntry, Discussion, Guild
from tests.web.conftest import BRUNO, HOME, MOD, Room, _reply, snowflake

BOM = b"\xef\xbb\xbf"
ODD = ['a;b,c "d"\nsuite', "point-virgule ; à la française", "😀\u202eRTL"]
FORMULAS = ['=HYPERLINK("http://evil.example/?";"voir")', "+1+1", "-2+3", "@SUM(1;2)"]
ID_AT = [0, 2, 3, 7]  # discussion_id, reply_id, author_id, reply_to


async def _seed_odd(room: Room) -> int:
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        session.add_all(
            [
                _reply(d, snowflake(600 + n, 3), BRUNO, "=cmd|'/c calc'!A1", text)
                for n, text in enumerate(ODD + FORMULAS)
            ]
        )
        return d.id


async def _download(room: Room, **fields: str) -> tuple[int, dict[str, str], bytes]:
    response = await room.client.post("/export", data={"csrf": await room.csrf(), **fields})
    return response.status, dict(response.headers), await response.read()


def _rows(body: bytes, separator: str) -> list[list[str]]:
    assert body.startswith(BOM)
    text = body.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))


async def test_the_export_form_offers_the_separator_in_the_room_s_words(room: Room) -> None:
    await room.sign_in()
    for path in ("/discussions", f"/discussions/{room.seeded.home_discussion}"):
        page = await room.html(path)
        form = page.split('<form method="post" action="/export" class="export">')[1]
        form = form.split("</form>")[0]
        assert '<input type="hidden" name="format" value="csv">' in form
        assert "<label>Séparateur" in form and '<select name="dialect">' in form
        assert '<option value="rfc4180" selected>Virgule (outils, RFC 4180)</option>' in form
        assert '<option value="excel">Point-virgule (Excel en français)</option>' in form


async def test_the_excel_csv_is_semicolons_with_a_bom_and_the_same_cells(room: Room) -> None:
    did = await _seed_odd(room)
    await room.sign_in()
    status, headers, body = await _download(
        room, format="csv", dialect="excel", discussion=str(did)
    )
    assert status == 200
    assert headers["Content-Type"] == "text/csv; charset=utf-8"
    assert headers["Content-Disposition"] == f'attachment; filename="etvous-{HOME}-{did}-excel.csv"'
    assert body.startswith(BOM + b"discussion_id;question;reply_id;author_id;")
    assert body.endswith(b"\r\n") and body.split(b"\r\n")[0].count(b";") == 9
    async with room.app.sessions() as session:
        expected = "".join([c async for c in stream(session, HOME, did, "csv", "excel")])
    assert body == expected.encode("utf-8")

    rows = _rows(body, ";")
    assert {len(row) for row in rows} == {10}
    texts = [row[-1] for row in rows[1:]]
    assert all(text in texts for text in ODD)
    assert all("'" + formula in texts for formula in FORMULAS)
    assert not any(
        cell[:1] in ("=", "+", "-", "@")
        for row in rows[1:]
        for at, cell in enumerate(row)
        if at not in ID_AT
    )

    # the same cells as the RFC 4180 file, which stays the default (no choice sent),
    # but for ids: there bare, here text formulas
    status, headers, commas = await _download(room, format="csv", discussion=str(did))
    assert status == 200 and f"etvous-{HOME}-{did}.csv" in headers["Content-Disposition"]
    plain = _rows(commas, ",")
    assert plain[0] == rows[0]
    for row, comma_row in zip(rows[1:], plain[1:], strict=True):
        assert row == [
            f'="{cell}"' if at in ID_AT and cell else cell for at, cell in enumerate(comma_row)
        ]
    assert commas.startswith(BOM + b"discussion_id,question,")


async def test_the_excel_csv_keeps_every_id_whole(room: Room) -> None:
    """Discord's ids (18, 19 digits) as ``="…"``: a double-clicked Excel shows the digits,
    where it rounds a bare number past 15 (1,23457E+18); a member's ``="1"`` still guarded."""
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        first, second = snowflake(800, 5), snowflake(801, 6)
        session.add_all(
            [
                _reply(d, first, BRUNO, "bruno", '="1"'),
                _reply(d, second, MOD, '="1"', "réponse", reply_to=first),
            ]
        )
        did = d.id
    await room.sign_in()
    status, _, body = await _download(room, format="csv", dialect="excel", discussion=str(did))
    assert status == 200
    assert len(str(first)) == 19 and len(str(BRUNO)) == 18
    text = body.decode("utf-8")
    assert f';"=""{first}""";"=""{BRUNO}""";bruno;' in text
    assert f';"=""{second}""";"=""{MOD}""";"\'=""1""";' in text
    rows = {row[2]: row for row in _rows(body, ";")[1:]}
    mine, answer = rows[f'="{first}"'], rows[f'="{second}"']
    assert mine[:4] == [f'="{did}"', mine[1], f'="{first}"', f'="{BRUNO}"']
    assert mine[-1] == '\'="1"' and answer[4] == '\'="1"'
    assert answer[7] == f'="{first}"'
    # read as Excel shows them: the exact digits
    assert [cell[2:-1] for cell in (answer[2], answer[3], answer[7])] == [
        str(second),
        str(MOD),
        str(first),
    ]

    # the comma file, for tools, keeps its bare ids
    status, _, commas = await _download(room, format="csv", discussion=str(did))
    assert status == 200
    line = f',{second},{MOD},"\'=""1""",2026-11-23T18:00:00Z,,{first},,réponse\r\n'
    assert commas.decode("utf-8").endswith(line)
    assert all(row[at].isdigit() or not row[at] for row in _rows(commas, ",")[1:] for at in ID_AT)


async def test_an_unknown_separator_is_refused_in_the_room_s_words(room: Room) -> None:
    await room.sign_in()
    for dialect in ("xml", "EXCEL", ";"):
        status, headers, body = await _download(room, format="csv", dialect=dialect)
        assert status == 400, dialect
        assert headers["Content-Type"].startswith("text/html")
        assert "Variante de CSV inconnue (rfc4180 ou excel)." in body.decode()
    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language="en"))
    room.context.room.forget_server(HOME)  # the room keeps a server's language in memory
    status, _, body = await _download(room, format="csv", dialect="xml")
    assert status == 400 and "Unknown CSV variant (rfc4180 or excel)." in body.decode()
    async with room.app.sessions() as session:
        logged = await session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "export")
        )
    assert logged == 0  # nothing exported, nothing logged


async def test_the_excel_csv_is_streamed_a_few_rows_at_a_time(room: Room) -> None:
    """Never the whole file in memory: ~190 kB of replies leave in pieces of about 64 kB,
    the same bytes as the file."""
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        session.add_all(
            [
                _reply(d, snowflake(700 + n, 4), BRUNO, "bruno", f"{n}; " + "mot " * 150)
                for n in range(300)
            ]
        )
    pieces = [
        piece
        async for piece in streamed_export.chunks(
            room.app, HOME, d.id, "csv", "excel", actor_id=MOD
        )
    ]
    assert len(pieces) >= 3
    assert all(len(piece) < 64_000 + 1_000 for piece in pieces)
    async with room.app.sessions() as session:
        whole = "".join([c async for c in stream(session, HOME, d.id, "csv", "excel")])
    assert b"".join(pieces) == whole.encode("utf-8") and whole.count("\r\n") > 300
