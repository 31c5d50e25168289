"""``python -m bot run`` as an operator starts it: every way it cannot start is one
line in the CLI's language, exit code 1, no traceback, and never the token.

The database is checked (and migrated) before Discord is asked anything; Discord
itself is played here by a local HTTP server standing at discord.py's API address
(refusing the token) or by nothing at all (unreachable).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import discord.http
import pytest
from aiohttp import web

from bot.cli import main
from tests.cli_run import cli_en
from tests.conftest import MigratedTemplates
from tests.test_cli import assert_one_line_error

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"


def assert_token_absent(text: str, token: str) -> None:
    assert token not in text
    for part in token.replace(" ", ".").split("."):
        if len(part) >= 4:
            assert part not in text, part


@pytest.mark.parametrize(
    "token",
    [
        f"Bot {TOKEN}",  # the header's form, pasted whole
        "0123456789abcdef0123456789abcdef",  # the application's client secret
        "1234567890123456789",  # the application id
        f"{TOKEN}\u200b",  # an invisible character copied along
        f"'{TOKEN}'",  # quotes kept by the environment
        "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe",  # cut short
    ],
    ids=["bot-prefix", "client-secret", "application-id", "zero-width", "quoted", "cut"],
)
def test_a_malformed_token_is_refused_before_anything(token: str, tmp_path: Path) -> None:
    done = cli_en("run", cwd=tmp_path, DISCORD_TOKEN=token)
    line = assert_one_line_error(done, "DISCORD_TOKEN")
    assert_token_absent(done.stderr + done.stdout, token)
    assert "Developer Portal" in line
    assert list(tmp_path.iterdir()) == []  # no database made, Discord never asked


def test_a_malformed_token_is_refused_in_french(tmp_path: Path) -> None:
    from tests.cli_run import cli

    done = cli("run", cwd=tmp_path, DISCORD_TOKEN="abc")
    line = assert_one_line_error(done, "DISCORD_TOKEN")
    assert line.startswith("erreur\u00a0: ")


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("postgresql+asyncpg://etvous:hunter2@127.0.0.1:1/etvous", ["cannot reach the database"]),
        ("sqlite+aiosqlite:///missing/etvous.db", ["missing", "not a folder"]),
    ],
    ids=["server-away", "no-folder"],
)
def test_a_database_that_cannot_be_used_stops_run_before_discord(
    url: str, words: list[str], tmp_path: Path
) -> None:
    """Before, ``run`` logged in to Discord first and met the database in its
    start-up hook: without network an "unexpected error (a bug)", with it a
    traceback after connecting."""
    done = cli_en("run", cwd=tmp_path, DISCORD_TOKEN=TOKEN, DATABASE_URL=url)
    line = assert_one_line_error(done, "DATABASE_URL", *words)
    assert "hunter2" not in done.stderr + done.stdout
    assert "discord" not in line.lower()
    assert_token_absent(done.stderr + done.stdout, TOKEN)


@pytest.mark.parametrize("url", ["sqlite+aiosqlite://", "sqlite+aiosqlite:///:memory:"])
def test_an_in_memory_database_is_refused(url: str, tmp_path: Path) -> None:
    """Everything stored would be gone at the next start."""
    done = cli_en("run", cwd=tmp_path, DISCORD_TOKEN=TOKEN, DATABASE_URL=url)
    assert_one_line_error(done, "DATABASE_URL", "memory")


# --- Discord refusing, or away (in this process: discord.py's API address moved) -----


@pytest.fixture
def root_restored() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    quiet = {name: logging.getLogger(name).level for name in ("discord.http", "aiosqlite")}
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
        for name, was in quiet.items():
            logging.getLogger(name).setLevel(was)


@pytest.fixture
async def discord_refusing() -> AsyncIterator[str]:
    """An API that answers every request 401, as Discord does to a revoked token."""

    async def refuse(request: web.Request) -> web.Response:
        return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", refuse)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/api/v10"
    finally:
        await runner.cleanup()


@pytest.mark.parametrize(
    ("api", "words"),
    [
        ("refusing", ["Discord refused DISCORD_TOKEN"]),
        ("http://127.0.0.1:1/api/v10", ["cannot reach Discord"]),
    ],
    ids=["token-refused", "unreachable"],
)
async def test_discord_refusing_or_away_is_one_line(
    api: str,
    words: list[str],
    discord_refusing: str,
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    root_restored: None,
) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", discord_refusing if api == "refusing" else api)
    for name, value in {
        "DISCORD_TOKEN": TOKEN, "DATABASE_URL": sqlite_url, "ETVOUS_LANG": "en",
        "WEB_ENABLED": "off", "LOG_LEVEL": "WARNING",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    # in a thread: ``main`` runs its own event loop, as in production, while this one serves
    code = await asyncio.to_thread(main, ["run"])
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.err
    errors = [line for line in captured.err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, captured.err
    for word in words:
        assert word in errors[0], errors[0]
    assert_token_absent(captured.err + captured.out, TOKEN)


def test_dot_env_example_copied_unchanged_asks_for_the_token(tmp_path: Path) -> None:
    """The Quick start's first step, before the token is filled in."""
    from tests.cli_run import REPO

    (tmp_path / ".env").write_bytes((REPO / ".env.example").read_bytes())
    done = cli_en("run", cwd=tmp_path)
    assert_one_line_error(done, "DISCORD_TOKEN is not set")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env"]


def test_run_on_a_database_left_at_an_older_revision_migrates_it_first(tmp_path: Path) -> None:
    """An operator upgrading the bot: its database is brought to the latest schema at
    start, before Discord (here refused or unreachable) is asked anything."""
    import asyncio

    from sqlalchemy import text

    from db.engine import open_engine
    from db.migrate import upgrade

    url = f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}"

    async def at(revision: str | None = None) -> str:
        engine = open_engine(url)
        try:
            if revision:
                await upgrade(engine, revision)
            async with engine.connect() as connection:
                return str(
                    (
                        await connection.execute(text("SELECT version_num FROM alembic_version"))
                    ).scalar()
                )
        finally:
            await engine.dispose()

    assert asyncio.run(at("0004")) == "0004"
    done = cli_en("run", cwd=tmp_path, DISCORD_TOKEN=TOKEN, DATABASE_URL=url, WEB_ENABLED="off")
    assert done.returncode == 1
    assert "Running upgrade 0004 -> 0005" in done.stderr
    assert "voice will NOT be supported" not in done.stderr  # a bot without voice needs none
    # alembic's words on its own set-up, at each of the two looks at the schema, are noise
    # (and "non-transactional DDL" is not even true: migrations run in one transaction)
    assert "Context impl" not in done.stderr and "Will assume" not in done.stderr
    assert "Discord" in done.stderr.strip().splitlines()[-1]
    from alembic.script import ScriptDirectory

    from db.migrate import alembic_config

    assert asyncio.run(at()) == ScriptDirectory.from_config(alembic_config()).get_current_head()


@pytest.mark.parametrize("where", ["missing-folder", "a-folder"])
def test_a_log_file_that_cannot_be_written_is_one_line(where: str, tmp_path: Path) -> None:
    """Before: "unexpected FileNotFoundError / IsADirectoryError (a bug)"."""
    log_file = tmp_path / "missing" / "bot.log" if where == "missing-folder" else tmp_path
    done = cli_en("run", cwd=tmp_path, DISCORD_TOKEN=TOKEN, LOG_FILE=str(log_file))
    line = assert_one_line_error(done, "LOG_FILE", str(log_file))
    assert "unexpected" not in line


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (4004, ["DISCORD_TOKEN"]),
        (4010, ["SHARD_COUNT", "SHARD_IDS"]),
        (4011, ["SHARD_COUNT"]),
        (4013, ["4013"]),
        (4014, ["Message Content"]),
    ],
    ids=["token-reset", "invalid-shard", "sharding-required", "invalid-intents", "intent-off"],
)
async def test_discord_closing_the_gateway_for_good_is_one_line(
    code: int,
    words: list[str],
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    root_restored: None,
) -> None:
    """discord.py gives up and raises ``ConnectionClosed`` for the close codes no retry
    fixes (the token reset while running, shards Discord refuses): before, "unexpected
    ConnectionClosed (a bug)"."""
    import discord

    from bot.factory import EtVousBot

    class Socket:
        close_code = code

    async def closed_by_discord(self: EtVousBot, token: str, *, reconnect: bool = True) -> None:
        if code == 4014:  # discord.py names this one
            raise discord.PrivilegedIntentsRequired(shard_id=0)
        raise discord.ConnectionClosed(Socket(), shard_id=0, code=code)  # type: ignore[arg-type]

    monkeypatch.setattr(EtVousBot, "start", closed_by_discord)
    for name, value in {
        "DISCORD_TOKEN": TOKEN, "DATABASE_URL": sqlite_url, "ETVOUS_LANG": "en",
        "WEB_ENABLED": "off", "LOG_LEVEL": "WARNING",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    code_returned = await asyncio.to_thread(main, ["run"])
    captured = capsys.readouterr()
    assert code_returned == 1
    errors = [line for line in captured.err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, captured.err
    assert "unexpected" not in errors[0]
    for word in words:
        assert word in errors[0], errors[0]


async def test_a_web_port_taken_is_one_line(
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    root_restored: None,
) -> None:
    """The web room, started in the bot's start-up, finds WEB_PORT taken: before, an
    English log line; now the CLI's one line, in its language, naming WEB_PORT."""
    from bot.errors import StartFailed
    from bot.factory import EtVousBot

    async def port_taken(self: EtVousBot, token: str, *, reconnect: bool = True) -> None:
        raise StartFailed("…", address="127.0.0.1:8080", reason="Address already in use")

    monkeypatch.setattr(EtVousBot, "start", port_taken)
    for name, value in {
        "DISCORD_TOKEN": TOKEN, "DATABASE_URL": sqlite_url, "LOG_LEVEL": "WARNING",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("ETVOUS_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    assert await asyncio.to_thread(main, ["run", "--lang", "fr"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if " level=" not in line]
    assert len(errors) == 1, errors
    assert errors[0].startswith("erreur\u00a0: ") and "127.0.0.1:8080" in errors[0]
    assert "WEB_PORT" in errors[0]


CHILD = """
import sys

import discord.http

discord.http.Route.BASE = sys.argv[1]
from bot.cli import main

sys.exit(main(["run"]))
"""
"""``python -m bot run`` with only discord.py's API address moved (to the test's server)."""


async def test_a_signal_while_logging_in_stops_quietly(sqlite_url: str, tmp_path: Path) -> None:
    """SIGTERM (or Ctrl-C) while Discord has not yet answered the login: the stop closes
    the HTTP session under the request. Before, "cannot reach Discord" and exit 1."""
    import signal
    import sys

    from tests.cli_run import cli_env

    asked = asyncio.Event()

    async def never_answers(request: web.Request) -> web.Response:
        asked.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", never_answers)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = cli_env(DISCORD_TOKEN=TOKEN, DATABASE_URL=sqlite_url, WEB_ENABLED="off", ETVOUS_LANG="en")
    child = await asyncio.create_subprocess_exec(
        sys.executable, str(script), f"http://127.0.0.1:{port}/api/v10",
        cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        async with asyncio.timeout(120):  # a bound for failing, not a wait
            await asked.wait()
            child.send_signal(signal.SIGTERM)
            _out, err = await child.communicate()
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
        await runner.cleanup()
    text = err.decode()
    assert child.returncode == 0, text
    assert "Traceback" not in text
    assert not [line for line in text.splitlines() if line.startswith("error")], text
    assert "SIGTERM" in text  # the log says why it stopped


@pytest.fixture
def read_only_database(tmp_path: Path, migrated_templates: MigratedTemplates) -> Iterator[str]:
    """A migrated SQLite file that cannot be written, even by root (``chattr +i``), as one
    left owned by root by a ``sudo python -m bot db upgrade`` is for the bot's own user
    (a copy of the migrated template: what that upgrade leaves)."""
    import shutil
    import subprocess

    path = tmp_path / "etvous.db"
    url = migrated_templates.sqlite(path)
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("no chattr here to make a file read-only for every user")
    locked = subprocess.run([chattr, "+i", str(path)], capture_output=True, check=False)
    if locked.returncode != 0:
        pytest.skip(f"chattr +i refused here: {locked.stderr.decode().strip()}")
    try:
        yield url
    finally:
        subprocess.run([chattr, "-i", str(path)], check=False)


def test_run_on_a_database_it_cannot_write_is_refused(
    read_only_database: str, tmp_path: Path
) -> None:
    """Before, the bot started, answered members "noted" and kept everything in memory,
    retrying writes the database would never take."""
    done = cli_en("run", cwd=tmp_path, DISCORD_TOKEN=TOKEN, DATABASE_URL=read_only_database)
    assert done.returncode == 1
    (line,) = [line for line in done.stderr.splitlines() if " level=" not in line]
    assert "cannot be written" in line and "readonly" in line, line
    assert "Discord" not in line
    # reading it stays possible: an export of a read-only copy
    listed = cli_en(
        "questions", "list", "--guild", "1", cwd=tmp_path, DATABASE_URL=read_only_database
    )
    assert "unknown server 1" in listed.stderr


def test_run_on_a_postgresql_database_that_is_read_only_is_refused(
    postgres_url: str, tmp_path: Path
) -> None:
    """A replica, or a database set read-only: the same refusal."""
    done = cli_en("db", "upgrade", cwd=tmp_path, DATABASE_URL=postgres_url)
    assert done.returncode == 0, done.stderr

    async def read_only() -> None:
        import asyncpg
        from sqlalchemy.engine import make_url

        url = make_url(postgres_url)
        connection = await asyncpg.connect(
            host=url.host, port=url.port, user=url.username, database=url.database
        )
        try:
            await connection.execute(
                f'ALTER DATABASE "{url.database}" SET default_transaction_read_only = on'
            )
        finally:
            await connection.close()

    asyncio.run(read_only())
    done = cli_en("run", cwd=tmp_path, DISCORD_TOKEN=TOKEN, DATABASE_URL=postgres_url)
    assert done.returncode == 1
    (line,) = [line for line in done.stderr.splitlines() if " level=" not in line]
    assert "cannot be written" in line and "read-only transaction" in line, line


def test_a_command_on_a_database_at_head_never_imports_alembic(
    sqlite_url: str, tmp_path: Path
) -> None:
    """Every command upgrades its database first; at head (every start but the first after
    an update) that is one query, not Alembic's import and migration scripts (0.35 s of CPU
    a command): the child's own import log says which modules it loaded."""
    done = cli_en("db", "upgrade", "--database-url", sqlite_url, cwd=tmp_path,
                  PYTHONPROFILEIMPORTTIME="1")  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "db.migrate" in imported  # the log is read: the upgrade's own module is there
    assert not {name for name in imported if name.split(".")[0] == "alembic"}
