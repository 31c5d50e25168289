"""The CSV export's writer in its two variants: RFC 4180 (commas, the default, for tools)
and Excel (semicolons, for an Excel in French). Every cell read back as written, by
Python's ``csv`` module told the variant's separator; the same cells in both but for
ids, which Excel's writes as text formulas (``="…"``) a double-clicked file shows whole;
a formula never left at the start of a text cell in either."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.export_format import (
    CSV_COLUMNS,
    CSV_DIALECTS,
    CSV_ID_COLUMNS,
    DEFAULT_CSV_DIALECT,
    CsvWriter,
    excel_id,
)

BOM = "\ufeff"
SEPARATORS = {"rfc4180": ",", "excel": ";"}
ODD = 'a;b,c "d" e\nf\r\ng\rh'
FORMULAS = ["=HYPERLINK(\"http://evil.example\";\"voir\")", "+1+1", "-2+3", "@SUM(1;2)",
            "\t=1+1", "\r=1+1"]  # fmt: skip
AT = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)


def read(text: str, dialect: str) -> list[list[str]]:
    """The rows Python's csv module reads in ``text`` with the variant's separator."""
    assert text.startswith(BOM)
    return list(
        csv.reader(io.StringIO(text.removeprefix(BOM), newline=""), delimiter=SEPARATORS[dialect])
    )


ID_AT = [at for at, column in enumerate(CSV_COLUMNS) if column in CSV_ID_COLUMNS]
USER_AT = [CSV_COLUMNS.index(c) for c in ("question", "author_name", "declared_stance", "text")]
TEXT_ID = re.compile(r'="([0-9]+)"')


def reply_row(text: str, name: str = "Alice", reply_to: int | None = None) -> tuple[object, ...]:
    """A row as the export's query gives it (``reply_lines``' order)."""
    return (7, 1_300_000_000_000_000_001, 900_000_000_000_000_001, name, text, AT, None, reply_to,
            False)  # fmt: skip


def unwrapped(cell: str) -> str:
    """An Excel id cell's digits, as Excel and Calc show the text formula ``="…"``."""
    found = TEXT_ID.fullmatch(cell)
    assert found is not None, cell
    return found[1]


def test_the_variants_are_the_documented_ones() -> None:
    assert set(CSV_DIALECTS) == set(SEPARATORS) and DEFAULT_CSV_DIALECT == "rfc4180"


@pytest.mark.parametrize("dialect", ["rfc4180", "excel"])
def test_a_cell_with_separators_quotes_and_line_breaks_round_trips(dialect: str) -> None:
    writer = CsvWriter(dialect)
    text = writer.header() + writer.row([ODD, "x", 12]) + writer.row(["", ODD + ";", "é"])
    assert read(text, dialect) == [list(CSV_COLUMNS), [ODD, "x", "12"], ["", ODD + ";", "é"]]


def test_excel_is_semicolons_with_a_bom_and_crlf() -> None:
    writer = CsvWriter("excel")
    header = writer.header()
    assert header == BOM + ";".join(CSV_COLUMNS) + "\r\n"
    assert header.encode("utf-8").startswith(b"\xef\xbb\xbf")
    # quoted for the semicolon (and the quote, doubled), not for the comma
    assert writer.row(["a;b", "c,d", 'e"f', "g\nh"]) == '"a;b";c,d;"e""f";"g\nh"\r\n'


def test_the_default_is_what_it_was_python_csv_excel_dialect_commas() -> None:
    """RFC 4180 as the export always wrote it (csv.writer's defaults): commas, CRLF,
    minimal quoting; a BOM first."""
    cells = [ODD, "x,y", "z;w", 'q"q', 5, ""]
    expected = io.StringIO()
    csv.writer(expected).writerow(cells)
    writer = CsvWriter()
    assert writer.row(cells) == expected.getvalue()
    assert writer.header() == BOM + ",".join(CSV_COLUMNS) + "\r\n"


@given(st.lists(st.lists(texts, min_size=1, max_size=6), min_size=1, max_size=5))
def test_every_row_round_trips_in_both_variants(rows: list[list[str]]) -> None:
    for dialect in SEPARATORS:
        writer = CsvWriter(dialect)
        text = writer.header() + "".join(writer.row(row) for row in rows)
        assert read(text, dialect) == [list(CSV_COLUMNS), *rows]


@given(texts, texts, texts)
def test_a_reply_has_the_same_cells_in_both_variants_but_ids(
    text: str, name: str, stance: str
) -> None:
    row = reply_row(text, name)
    commas, excel = [read(CsvWriter(d).header() + CsvWriter(d).reply(7, "Q ?", row, stance), d)[1]
                     for d in SEPARATORS]  # fmt: skip
    assert commas[:9] == ["7", "Q ?", "1300000000000000001", "900000000000000001",
                          commas[4], "2026-11-23T18:00:00Z", "", "", commas[8]]  # fmt: skip
    for at, (plain, cell) in enumerate(zip(commas, excel, strict=True)):
        if at in ID_AT and plain:
            assert cell == '="' + plain + '"'
        else:
            assert cell == plain


def test_the_id_columns_are_the_columns_holding_ids() -> None:
    assert [CSV_COLUMNS[at] for at in ID_AT] == [
        "discussion_id",
        "reply_id",
        "author_id",
        "reply_to",
    ]


@pytest.mark.parametrize(
    "ids", [(7, 1_300_000_000_000_000_001, 900_000_000_000_000_001, 123_456_789_012_345_678),
            (1_234_567_890_123_456_789, 9_223_372_036_854_775_807, 10**17, 10**18 + 1)],
)  # fmt: skip
def test_an_excel_id_keeps_every_digit_once_its_text_formula_is_read(
    ids: tuple[int, int, int, int],
) -> None:
    """Discord's 17- to 19-digit ids: a bare number Excel rounds past 15 digits
    (1,23457E+18); the text formula ``="…"`` it (and Calc) shows as the exact digits."""
    did, rid, aid, reply_to = ids
    writer = CsvWriter("excel")
    row = (did, rid, aid, "Alice", "Oui", AT, None, reply_to, False)
    line = writer.reply(did, "Q ?", row, "Oui")
    assert line.startswith(f'"=""{did}""";Q ?;"=""{rid}""";"=""{aid}""";Alice;')
    [cells] = read(writer.header() + line, "excel")[1:]
    assert [unwrapped(cells[at]) for at in ID_AT] == [str(value) for value in ids]
    assert cells[CSV_COLUMNS.index("reply_id")] == f'="{rid}"'
    assert cells[CSV_COLUMNS.index("reply_to")] == f'="{reply_to}"'
    # no reply to: an empty cell, not a formula
    empty = writer.reply(did, "Q ?", (*row[:7], None, False), "Oui")
    [cells] = read(writer.header() + empty, "excel")[1:]
    assert cells[CSV_COLUMNS.index("reply_to")] == ""


def test_a_user_text_shaped_like_an_id_cell_is_still_guarded() -> None:
    """A member's ``="1"`` (or a name, a question, a stance so written) is guarded as any
    formula: only the id cells, made of the stored ints, are text formulas."""
    shaped = '="1"'
    for dialect in SEPARATORS:
        writer = CsvWriter(dialect)
        [cells] = read(writer.header() + writer.reply(7, shaped, reply_row(shaped, shaped),
                                                      shaped), dialect)[1:]  # fmt: skip
        assert [cells[at] for at in USER_AT] == ["'" + shaped] * 4


def test_an_excel_id_cell_takes_an_int_only() -> None:
    assert excel_id(1_300_000_000_000_000_001) == '="1300000000000000001"'
    assert excel_id("") == ""
    for value in ("1", '1"+HYPERLINK("x")+"', 1.5, None):
        with pytest.raises(TypeError):
            excel_id(value)  # type: ignore[arg-type]


def test_the_rfc4180_reply_row_is_byte_for_byte_what_it_was() -> None:
    """The tools' variant is unchanged: bare ids, the same bytes as before Excel's text ids."""
    writer = CsvWriter("rfc4180")
    row = reply_row('Oui, "vraiment"\n=1', "Al;ice", reply_to=1_300_000_000_000_000_000)
    assert writer.header() + writer.reply(7, "Q ?", row, "-Non") == (
        "\ufeffdiscussion_id,question,reply_id,author_id,author_name,created_at,edited_at,"
        "reply_to,declared_stance,text\r\n"
        "7,Q ?,1300000000000000001,900000000000000001,Al;ice,2026-11-23T18:00:00Z,,"
        '1300000000000000000,\'-Non,"Oui, ""vraiment""\n=1"\r\n'
    )


@pytest.mark.parametrize("dialect", ["rfc4180", "excel"])
def test_no_text_cell_starts_a_formula_in_either_variant(dialect: str) -> None:
    writer = CsvWriter(dialect)
    text = writer.header() + "".join(
        writer.reply(7, formula, reply_row(formula, name=formula), formula) for formula in FORMULAS
    )
    rows = read(text, dialect)[1:]
    assert [row[-1] for row in rows] == ["'" + formula for formula in FORMULAS]
    for row in rows:
        assert [row[1], row[4], row[8]] == ["'" + row[-1][1:]] * 3  # question, name, stance
        starts = [cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row]
        # the only formulas: Excel's id cells, ="<digits>" made of the stored ints
        assert [at for at, start in enumerate(starts) if start] == (
            [at for at in ID_AT if row[at]] if dialect == "excel" else []
        )
        assert all(unwrapped(row[at]) for at in ID_AT if row[at] and dialect == "excel")
