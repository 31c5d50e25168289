"""Stopping the bot (SIGTERM from ``docker stop`` or systemd, Ctrl-C) while members write.

The bot runs in a process of its own (``tests/e2e/stop_child.py``: the real bot on SimCord,
with the runner's signal handling); members keep replying; the test signals it. What the
bot was handed before it stopped is in the database, the process exits 0, no traceback.
Before, SIGTERM's default action ended the process at once: exit code -15 and the replies
still queued in the write-behind buffer were lost.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import bot.runner
from bot.cli import main
from db.engine import open_engine, session_factory
from db.models import Reply
from tests.cli_run import REPO, cli_env
from tests.test_cli_run import root_restored  # noqa: F401 (a fixture)


async def _stored_ids(url: str) -> set[int]:
    engine = open_engine(url)
    try:
        async with session_factory(engine)() as session:
            return set(await session.scalars(select(Reply.id)))
    finally:
        await engine.dispose()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_in_a_flood_stores_what_was_accepted(
    signum: signal.Signals, database_url: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.e2e.stop_child", database_url, str(int(signum))],
        cwd=REPO,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stdout.split("\n")
    accepted = {int(line.split()[1]) for line in lines if line.startswith("accepted ")}
    (queued,) = [int(line.split()[1]) for line in lines if line.startswith("queued ")]
    assert queued > 0  # the signal came with replies accepted and not yet written
    stored = asyncio.run(_stored_ids(database_url))
    assert accepted <= stored, len(accepted - stored)


@pytest.mark.usefixtures("root_restored")
def test_run_stops_on_signals(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``python -m bot run`` installs that signal handling on the bot it starts."""
    import discord.http

    handed: list[object] = []
    real = bot.runner.stop_on_signals

    def recording(client: Any) -> Any:
        handed.append(client)
        return real(client)

    monkeypatch.setattr(bot.runner, "stop_on_signals", recording)
    monkeypatch.setattr(discord.http.Route, "BASE", "http://127.0.0.1:1/api/v10")
    for name, value in {
        "DISCORD_TOKEN": "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB",
        "DATABASE_URL": sqlite_url, "WEB_ENABLED": "off", "LOG_LEVEL": "CRITICAL",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 1  # Discord unreachable
    assert [type(b).__name__ for b in handed] == ["EtVousBot"]
