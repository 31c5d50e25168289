"""bench/stance_xstance.py and bench/themes.py on X-Stance files they cannot measure:
each says which file it read and why it measures nothing, instead of crashing."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import bench.stance_xstance as stance
import bench.themes as themes


def write(tmp_path: Path, question_ids: list[int]) -> Path:
    folder = tmp_path / "eval" / "xstance-fr"
    folder.mkdir(parents=True)
    rows = [
        {
            "id": i,
            "language": "fr",
            "question_id": qid,
            "question": f"Question {qid} ?",
            "comment": f"Je suis pour, avis numéro {i}",
            "label": "FAVOR" if i % 2 else "AGAINST",
            "topic": "Society",
        }
        for i, qid in enumerate(question_ids)
    ]
    path = folder / "dev.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_stance_with_a_single_question_says_it_cannot_split_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, [7, 7, 7])
    monkeypatch.setenv("ETVOUS_SHARED", str(tmp_path))
    monkeypatch.setattr(sys, "argv", ["stance_xstance.py", "--quick"])
    assert stance.main() == 1
    out = capsys.readouterr().out
    assert f"data: {path}: 1 questions, 3 replies" in out
    assert "not measured: the halves need two questions at least (1 read)" in out


def test_themes_with_questions_of_one_parity_say_a_half_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, [1, 3, 5] * 10)
    monkeypatch.setenv("ETVOUS_SHARED", str(tmp_path))
    monkeypatch.setattr(sys, "argv", ["themes.py", "--quick"])
    monkeypatch.setattr(themes, "encoder_figures", lambda texts: pytest.fail("nothing to encode"))
    assert themes.main() == 1
    out = capsys.readouterr().out
    assert f"data: {path}: 3 questions, 30 replies, 1 topics" in out
    assert "not measured: each half needs 20 replies at least (question ids even 0, odd 30)" in out


@pytest.mark.parametrize("bench", [stance, themes])
def test_several_files_and_no_dev_jsonl_are_named_in_the_skip(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bench: Any,
) -> None:
    folder = write(tmp_path, [1, 2]).parent
    (folder / "dev.jsonl").rename(folder / "test.jsonl")
    (folder / "train.jsonl").write_text("", encoding="utf-8")
    monkeypatch.setenv("ETVOUS_SHARED", str(tmp_path))
    monkeypatch.setattr(sys, "argv", ["bench.py", "--quick"])
    assert bench.main() == 0
    assert capsys.readouterr().out == (
        f"skipped: {folder / 'dev.jsonl'} is absent; beside it: test.jsonl, train.jsonl"
        " (set ETVOUS_SHARED to the shared folder)\n"
    )
