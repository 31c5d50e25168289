"""``/answers export format:`` « CSV pour Excel en français (points-virgules) »: the
CSV with semicolons a French Excel opens in columns, its name saying so, the same cells
as the comma file but for ids, text formulas ``="…"`` Excel shows whole; the choice
named in French for a French client."""

from __future__ import annotations

import csv
import io

from tests.command_payloads import command_payloads
from tests.harness import world


def _rows(data: bytes, separator: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))


async def test_the_excel_export_is_semicolons_with_the_comma_file_s_cells(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        await alice.send(thread, "Oui ; enfin, « ça dépend »")
        await bruno.send(thread, '=HYPERLINK("http://evil.example";"voir")')
        await w.settle()
        excel = await w.mod.slash(w.forum, "answers export", format="csv-excel")
        commas = await w.mod.slash(w.forum, "answers export", format="csv")
        [attachment] = excel.response.attachments
        assert attachment.filename == f"etvous-{w.guild.id}-excel.csv"
        assert commas.response.attachments[0].filename == f"etvous-{w.guild.id}.csv"
        data = await attachment.read()
        assert data.startswith(b"\xef\xbb\xbfdiscussion_id;question;") and data.endswith(b"\r\n")
        rows = _rows(data, ";")
        plain = _rows(await commas.response.attachments[0].read(), ",")
        ids = [0, 2, 3, 7]  # discussion_id, reply_id, author_id, reply_to
        assert rows[0] == plain[0]
        for row, comma_row in zip(rows[1:], plain[1:], strict=True):
            assert row == [
                f'="{cell}"' if at in ids and cell else cell for at, cell in enumerate(comma_row)
            ]
        assert [row[-1] for row in rows[1:]] == [
            "Oui ; enfin, « ça dépend »",
            '\'=HYPERLINK("http://evil.example";"voir")',
        ]
        assert [row[3] for row in rows[1:]] == [f'="{alice.id}"', f'="{bruno.id}"']
        assert str(discussion.id) == plain[1][0] and f'="{discussion.id}"' == rows[1][0]


async def test_the_choice_is_named_in_french(sqlite_url: str) -> None:
    payloads = await command_payloads(sqlite_url)
    answers = next(c for c in payloads if c["name"] == "answers")
    export = next(o for o in answers["options"] if o["name"] == "export")
    fmt = next(o for o in export["options"] if o["name"] == "format")
    excel = next(c for c in fmt["choices"] if c["value"] == "csv-excel")
    assert excel["name"] == "CSV for Excel in French (semicolons)"
    assert excel["name_localizations"] == {"fr": "CSV pour Excel en français (points-virgules)"}
