"""``python -m bot demo``: the whole loop offline, as a newcomer would first run it."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import pytest

from tests.cli_run import REPO, cli


def test_demo_runs_offline_and_leaves_database_export_and_charts(tmp_path: Path) -> None:
    output = tmp_path / "demo-output"
    output.mkdir()
    (output / "demo.db").write_bytes(b"left over from an earlier run, not a database")
    done = cli("demo", "--output", str(output), cwd=REPO, PYTHONIOENCODING="utf-8")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr

    assert (output / "demo.db").stat().st_size > 10_000
    lines = [
        json.loads(line)
        for line in (output / "export.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    kinds = [line["type"] for line in lines]
    assert kinds[0] == "discussion" and kinds.count("discussion") == 1
    assert kinds.count("reply") >= 10
    assert kinds.count("stance") >= 5
    assert kinds.count("reaction") >= 10
    replies = [line for line in lines if line["type"] == "reply"]
    assert any(r["reply_to"] for r in replies), "a reply quoting another"
    assert any(r["edited_at"] for r in replies), "an edited reply"
    assert not any("Miyazaki" in r["text"] for r in replies), "the deleted message"
    assert lines[0]["closed_at"] is not None
    assert (output / "stances.png").read_bytes().startswith(b"\x89PNG")
    assert (output / "map.png").read_bytes().startswith(b"\x89PNG")

    shown = done.stdout
    lines = shown.splitlines()
    post = next(i for i, line in enumerate(lines) if "publie la question" in line)
    assert lines[post + 1].startswith("  ┃ 📌 Envisagez-vous un futur où"), lines[post + 1]
    assert "Envisagez-vous" not in lines[post + 2]  # the question once, whole
    assert "Camille\u00a0: Honnêtement, non." in shown
    assert "Résumé de la discussion n°\u00a01" in shown
    assert "La discussion est close" in shown
    assert "Groupe A (" in shown and "Groupe B (" in shown
    assert "Graphiques joints\u00a0: stances.png, map.png" in shown
    assert f"python -m bot analyze {output / 'export.jsonl'}" in shown
    command = f"python -m bot web --database-url sqlite+aiosqlite:///{output / 'demo.db'} --guild "
    assert command in shown
    assert "Pour analyser l’export\u00a0: " in shown and "(démo jouée en " in shown


def test_demo_told_in_english_keeps_the_french_server(tmp_path: Path) -> None:
    output = tmp_path / "my demo"  # the commands it prints are pasted into a shell
    done = cli("demo", "--output", str(output), cwd=REPO, PYTHONIOENCODING="utf-8", LANG="en_US")
    assert done.returncode == 0, done.stderr[-3000:]
    shown = done.stdout
    assert "Camille: Honnêtement, non." in shown  # the narration is English, the members French
    assert "… 72 hours later, the discussion closes." in shown
    # what the bot posted, in the server's language
    assert "Résumé de la discussion n°\u00a01" in shown
    assert "Charts attached: stances.png, map.png" in shown
    analyze = next(
        line for line in shown.splitlines() if line.startswith("To analyse the export: ")
    )
    assert shlex.split(analyze.split(": ", 1)[1]) == [
        "python", "-m", "bot", "analyze", str(output / "export.jsonl")
    ]  # fmt: skip
    web = next(line for line in shown.splitlines() if line.startswith("To open it in a browser"))
    assert shlex.split(web.split(": ", 1)[1])[:6] == [
        "python", "-m", "bot", "web", "--database-url", f"sqlite+aiosqlite:///{output / 'demo.db'}"
    ]  # fmt: skip
    assert "(demo played in " in shown
    assert "Graphiques joints" not in shown and "Laissé dans" not in shown


def test_the_demo_waits_for_a_slow_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SimCord gives up on a bot busy for longer than its settle timeout (5 s of real
    time by default): on a loaded machine the encoder's first load took longer and the
    demo ended in « exception inattendue TimeoutError ». Here every step outlasts a
    default made tiny, as each would outlast 5 s on a slow enough machine."""
    import simcord

    from bot.demo.driver import run_demo

    made = simcord.Env.__init__

    def impatient(self: simcord.Env, *args: Any, **options: Any) -> None:
        made(self, *args, **{**options, "settle_timeout": 0.001})

    monkeypatch.setattr(simcord.Env, "__init__", impatient)
    assert run_demo(tmp_path / "demo-output", members=4, language="en") == 0
    assert "stances.png" in capsys.readouterr().out
