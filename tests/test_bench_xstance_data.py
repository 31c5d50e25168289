"""bench/xstance_data.py and bench/themes.py read X-Stance files other than ../shared's.

Acceptance runs bench/stance_xstance.py and bench/themes.py on other X-Stance French
questions in the same JSONL format; every file here is synthetic, written in tmp_path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import bench.themes as themes
from bench.xstance_data import load_xstance, read_xstance_rows, xstance_path


def line(id_: Any, qid: Any = 10, label: str = "FAVOR", **fields: Any) -> dict[str, Any]:
    row = {
        "id": id_,
        "language": "fr",
        "question_id": qid,
        "question": f"Question {qid} ?",
        "comment": f"Avis {id_}",
        "label": label,
        "numerical_label": 100 if label == "FAVOR" else 0,
        "author": "a1b2",
        "topic": "Society",
    }
    row.update(fields)
    return {k: v for k, v in row.items() if v is not ...}


LINES = [line(1), line(2, label="AGAINST"), line(3, qid=11), line(4, qid=12, topic="Economy")]


def write(path: Path, rows: list[dict[str, Any]], *, prefix: str = "", newline: str = "\n") -> Path:
    text = prefix + "".join(json.dumps(r, ensure_ascii=False) + newline for r in rows)
    path.write_bytes(text.encode("utf-8"))
    return path


def test_a_byte_order_mark_crlf_and_blank_lines_read_the_same(tmp_path: Path) -> None:
    plain = load_xstance(write(tmp_path / "plain.jsonl", LINES))
    marked = write(tmp_path / "marked.jsonl", LINES, prefix="\ufeff", newline="\r\n")
    marked.write_bytes(marked.read_bytes() + b"\r\n  \r\n")
    assert load_xstance(marked) == plain
    assert themes.load(marked) == themes.load(tmp_path / "plain.jsonl")
    assert [d.id for d in plain[0]] == ["10", "11", "12"]
    assert plain[1] == {"1": "Oui", "2": "Non", "3": "Oui", "4": "Oui"}


def test_lines_in_another_language_are_left_out_and_said(tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.jsonl",
        [*LINES, line(5, language="de", comment="Ja"), line(6, language="it", comment="Sì")],
    )
    _, truth = load_xstance(path)
    assert sorted(truth) == ["1", "2", "3", "4"]
    assert read_xstance_rows(path).notes == ("2 lines in another language left out (de 1, it 1)",)
    assert [c.id for c in themes.load(path)] == ["1", "2", "3", "4"]


def test_optional_fields_absent_and_ids_written_as_strings(tmp_path: Path) -> None:
    bare = [
        line(
            str(r["id"]),
            str(r["question_id"]),
            r["label"],
            language=...,
            author=...,
            numerical_label=...,
        )
        for r in LINES
    ]
    assert load_xstance(write(tmp_path / "bare.jsonl", bare)) == load_xstance(
        write(tmp_path / "full.jsonl", LINES)
    )


def test_unusable_lines_are_left_out_with_the_reason(tmp_path: Path) -> None:
    rows = [*LINES, line(7, label="NONE"), line(8, comment=None), line(1, comment="encore")]
    path = write(tmp_path / "x.jsonl", rows)
    path.write_bytes(path.read_bytes() + b"{not json\n[1, 2\n")
    discussions, truth = load_xstance(path)
    assert sorted(truth) == ["1", "2", "3", "4"]
    assert next(d for d in discussions if d.id == "10").replies[0].text == "Avis 1"
    assert read_xstance_rows(path).notes == (
        "1 lines left out: label 'NONE'",
        "1 lines left out: without comment",
        "1 lines left out: id repeated",
        "2 lines left out: no JSON",
        "first line that is no JSON: 8",
    )


def test_themes_leave_out_lines_without_a_topic_and_say_so(tmp_path: Path) -> None:
    path = write(tmp_path / "x.jsonl", [*LINES, line(5, topic=...), line(6, topic=None)])
    comments, notes = themes.read(path)
    assert [c.id for c in comments] == ["1", "2", "3", "4"]
    assert {c.topic for c in comments} == {"Society", "Economy"}
    assert notes == ("2 lines left out: without topic",)


def test_the_file_is_dev_jsonl_else_the_folders_only_jsonl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ETVOUS_SHARED", str(tmp_path))
    folder = tmp_path / "eval" / "xstance-fr"
    assert xstance_path() == folder / "dev.jsonl"  # absent: the benches skip, naming it
    folder.mkdir(parents=True)
    write(folder / "test.jsonl", LINES)
    assert xstance_path() == folder / "test.jsonl"
    write(folder / "dev.jsonl", LINES)
    assert xstance_path() == folder / "dev.jsonl"


def test_a_line_separator_inside_a_comment_stays_in_it(tmp_path: Path) -> None:
    path = write(tmp_path / "x.jsonl", [*LINES, line(5, comment="Oui\u2028mais")])
    assert themes.load(path)[-1].text == "Oui\u2028mais"
    assert read_xstance_rows(path).notes == ()


def test_a_file_not_in_utf8_is_read_and_said(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    text = "".join(
        json.dumps(r, ensure_ascii=False) + "\n" for r in [*LINES, line(5, comment="Déjà")]
    )
    path.write_bytes(text.encode("cp1252"))
    _, truth = load_xstance(path)
    assert sorted(truth) == ["1", "2", "3", "4", "5"]
    assert themes.load(path)[-1].text == "Déjà"
    assert read_xstance_rows(path).notes[0].startswith("not UTF-8")
