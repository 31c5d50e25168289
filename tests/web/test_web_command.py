"""``python -m bot web``: the room alone on 127.0.0.1, a login link printed, stopped by Ctrl+C."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.app import App
from bot.config import Settings
from db.migrate import upgrade
from tests.cli_run import cli, cli_en, cli_env
from tests.e2e.test_review_login import sign_in
from tests.ports import reserved_port
from tests.web.conftest import HOME, seed


async def _seeded(url: str) -> None:
    app = App.build(Settings(database_url=url))
    await upgrade(app.engine)
    await seed(app)
    await app.close()


async def _read_line(stream: asyncio.StreamReader) -> str:
    return (await asyncio.wait_for(stream.readline(), 60)).decode()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "SIGTERM"])
async def test_web_command_serves_the_room_and_prints_a_link(
    signum: signal.Signals, tmp_path: Path
) -> None:
    """Stopped by Ctrl-C or by SIGTERM (systemd, ``docker stop``), it exits 0 (SIGTERM
    killed it: exit -15, a service marked failed)."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}"
    await _seeded(url)
    with reserved_port() as port:
        await _serve_and_stop(url, port, signum, tmp_path)


async def _serve_and_stop(url: str, port: int, signum: signal.Signals, tmp_path: Path) -> None:
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "web", "--database-url", url, "--guild", str(HOME),
        "--port", str(port),
        cwd=tmp_path,
        env=cli_env(WEB_HOST="0.0.0.0", PUBLIC_URL="https://etvous.example.org"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert child.stdout is not None and child.stderr is not None
        line = await _read_line(child.stdout)
        assert line.startswith(  # French, the CLI's first language
            f"Salle d’examen du serveur {HOME}\u00a0: http://127.0.0.1:{port}/login/"
        )
        link = line.split(": ", 1)[1].strip()
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
            response = await sign_in(client, link)
            assert response.status == 200
            assert "scénaristes" in await response.text()
            assert "Secure" not in response.history[0].headers["Set-Cookie"]  # served over http
        child.send_signal(signum)
        assert await asyncio.wait_for(child.wait(), 60) == 0
        errors = (await child.stderr.read()).decode()
        assert "Traceback" not in errors
        assert link.split("/login/")[1] not in errors
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()


async def test_web_command_refuses_an_unknown_server_and_a_busy_port(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}"
    await _seeded(url)
    unknown = await asyncio.to_thread(
        cli, "web", "--database-url", url, "--guild", "42", cwd=tmp_path
    )
    assert unknown.returncode == 1
    assert "aucun serveur 42" in unknown.stderr and "Traceback" not in unknown.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        taken = await asyncio.to_thread(
            cli_en, "web", "--database-url", url, "--guild", str(HOME), "--port", str(port),
            cwd=tmp_path,
        )  # fmt: skip
    assert taken.returncode == 1
    assert "cannot listen" in taken.stderr and "--port" in taken.stderr
    assert "Traceback" not in taken.stderr
