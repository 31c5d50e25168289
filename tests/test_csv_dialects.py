"""The CSV export's writer in its two variants: RFC 4180 (commas, the default, for tools)
and Excel (semicolons, for an Excel in French). Every cell read back as written, by
Python's ``csv`` module told the variant's separator; the same cells in both; a
formula never left at the start of a text cell in either."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.export_format import CSV_COLUMNS, CSV_DIALECTS, DEFAULT_CSV_DIALECT, CsvWriter

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


def reply_row(text: str, name: str = "Alice") -> tuple[object, ...]:
    """A row as the export's query gives it (``reply_lines``' order)."""
    return (7, 1_300_000_000_000_000_001, 900_000_000_000_000_001, name, text, AT, None, None,
            False)  # fmt: skip


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
def test_a_reply_has_the_same_cells_in_both_variants(text: str, name: str, stance: str) -> None:
    row = reply_row(text, name)
    cells = [read(CsvWriter(d).header() + CsvWriter(d).reply(7, "Q ?", row, stance), d)[1]
             for d in SEPARATORS]  # fmt: skip
    assert cells[0] == cells[1]
    assert cells[0][:9] == ["7", "Q ?", "1300000000000000001", "900000000000000001",
                            cells[0][4], "2026-11-23T18:00:00Z", "", "", cells[0][8]]  # fmt: skip


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
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row)
