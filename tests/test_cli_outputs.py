"""Where the CLI writes, as an operator points it: a database it cannot write, an export
through a link or into a pipe, a standard output whose reader leaves or whose disk is full,
the log of the web room served alone."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.cli_run import cli_en, cli_env
from tests.conftest import MigratedTemplates
from tests.ports import reserved_port
from tests.test_cli import assert_one_line_error

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
ARTICLE = "Un article.\n\nEt vous ?\nFaut-il taxer les robots ?\n"


async def _server_with_a_discussion(url: str) -> None:
    """Server 1 with a discussion, in the migrated database at ``url``."""
    from db.engine import open_engine, session_factory
    from db.models import Discussion
    from db.repositories import discussions, guilds, questions

    engine = open_engine(url)
    async with session_factory(engine).begin() as session:
        await guilds.ensure_guild(session, 1, now=T0, timezone="UTC", language="fr")
        [question] = await questions.add_questions(
            session, 1, [("Q ?", "fr", ["Oui", "Non"], None)], now=T0
        )
        await discussions.create_discussion(
            session,
            Discussion(
                guild_id=1, question_id=question.id, question_text="Q ?", options=["Oui", "Non"],
                language="fr", channel_id=1, opened_at=T0, closes_at=T0 + timedelta(days=3),
            ),
        )  # fmt: skip
    await engine.dispose()


@pytest.fixture
def server_url(tmp_path: Path, migrated_templates: MigratedTemplates) -> str:
    """A SQLite file always (tests lock it, or make it read-only): a copy of the migrated
    template, not migrated again here."""
    url = migrated_templates.sqlite(tmp_path / "etvous.db")
    asyncio.run(_server_with_a_discussion(url))
    return url


@pytest.fixture
def read_only_server(server_url: str, tmp_path: Path) -> Iterator[str]:
    """The server's database made read-only for every user, root included (``chattr +i``)."""
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("no chattr here to make a file read-only for every user")
    path = tmp_path / "etvous.db"
    locked = subprocess.run([chattr, "+i", str(path)], capture_output=True, check=False)
    if locked.returncode != 0:
        pytest.skip(f"chattr +i refused here: {locked.stderr.decode().strip()}")
    try:
        yield server_url
    finally:
        subprocess.run([chattr, "-i", str(path)], check=False)


@pytest.mark.parametrize(
    "command",
    [["forget", "--guild", "1", "--user", "2"], ["questions", "import", "article.txt", "--guild", "1"]],
    ids=["forget", "questions-import"],
)  # fmt: skip
def test_a_change_to_a_database_it_cannot_write_is_refused_in_one_line(
    command: list[str], read_only_server: str, tmp_path: Path
) -> None:
    """Before: « unexpected OperationalError: attempt to write a readonly database [SQL: …]
    (a bug: please report it) », as `run` and `web` no longer say."""
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    done = cli_en(*command, "--database-url", read_only_server, cwd=tmp_path)
    line = assert_one_line_error(done, "cannot be written", "readonly")
    assert "unexpected" not in line and "[SQL" not in line


def test_export_through_a_link_writes_the_file_it_points_to(
    server_url: str, tmp_path: Path
) -> None:
    """Before: the link itself was replaced by a new file, the file it named left as it was
    (and, run as root, an output such as /dev/null or /dev/stdout was replaced in /dev)."""
    kept = tmp_path / "exports" / "answers.jsonl"
    kept.parent.mkdir()
    kept.write_text("last week\n", encoding="utf-8")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(kept)
    done = cli_en("export", "--guild", "1", "--database-url", server_url, "--output", str(link),
                  cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert '"type": "discussion"' in kept.read_text(encoding="utf-8")
    assert sorted(p.name for p in kept.parent.iterdir()) == ["answers.jsonl"]


def test_export_into_a_pipe_given_by_name(server_url: str, tmp_path: Path) -> None:
    """``--output >(gzip > answers.jsonl.gz)`` hands the CLI /dev/fd/N, a pipe: before, it
    tried to write /dev/fd/N.part beside it and failed."""
    read_end, write_end = os.pipe()
    child = subprocess.Popen(
        [sys.executable, "-m", "bot", "export", "--guild", "1", "--database-url", server_url,
         "--output", f"/dev/fd/{write_end}"],
        cwd=tmp_path, env=cli_env(ETVOUS_LANG="en"),
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    os.close(write_end)  # the child holds the only writing end: the read ends with it
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        received = pipe.read()
    _, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert '"type": "discussion"' in received


@pytest.mark.parametrize(
    "command",
    [["export", "--guild", "1"], ["questions", "list", "--guild", "1"]],
    ids=["export", "questions-list"],
)
def test_a_reader_that_stops_reading_ends_the_command_quietly(
    command: list[str], server_url: str, tmp_path: Path
) -> None:
    """``python -m bot export … | head``: before, « unexpected BrokenPipeError (a bug: please
    report it) » and, for export, a traceback of the database's cursor closed too late."""
    child = subprocess.Popen(
        [sys.executable, "-m", "bot", *command, "--database-url", server_url],
        cwd=tmp_path, env=cli_env(ETVOUS_LANG="en"), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert child.stdout is not None
    child.stdout.close()  # the reader is gone before the first line
    _, err = child.communicate(timeout=120)
    assert err == ""
    assert child.returncode == 141  # as the shell reports a tool SIGPIPE stopped


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "command",
    [["export", "--guild", "1"], ["questions", "list", "--guild", "1"]],
    ids=["export", "questions-list"],
)
def test_a_full_standard_output_is_one_line(
    command: list[str], server_url: str, tmp_path: Path
) -> None:
    """``python -m bot export … > answers.jsonl`` on a full disk: before, « unexpected OSError
    (a bug: please report it) », after a traceback for export."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "bot", *command, "--database-url", server_url],
            cwd=tmp_path, env=cli_env(ETVOUS_LANG="en"), stdout=full, stderr=subprocess.PIPE,
            text=True, timeout=120,
        )  # fmt: skip
    done.stdout = ""
    line = assert_one_line_error(
        done, "cannot write the standard output", "no space left on the disk"
    )
    assert "unexpected" not in line


def test_web_logs_as_run_does_to_the_log_file_tokens_masked(
    server_url: str, tmp_path: Path
) -> None:
    """Before: ``web`` set no logging up: LOG_FILE and LOG_LEVEL were ignored, no request was
    logged, and its warnings reached stderr bare (« web: database unavailable for … », no time
    nor level), through no filter masking the secrets."""
    with reserved_port() as port:
        _web_logs_to_the_file(server_url, port, tmp_path)


def _web_logs_to_the_file(server_url: str, port: int, tmp_path: Path) -> None:
    import signal
    import urllib.request

    log_file = tmp_path / "etvous.log"
    secret = "s3cret-web-signing-key-0123456789abcdef"
    child = subprocess.Popen(
        [sys.executable, "-m", "bot", "web", "--guild", "1", "--port", str(port),
         "--database-url", server_url],
        cwd=tmp_path, env=cli_env(ETVOUS_LANG="en", LOG_FILE=str(log_file), WEB_SECRET=secret),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        link = child.stdout.readline().split(": ", 1)[1].strip()
        token = link.rsplit("/", 1)[1]
        with urllib.request.urlopen(link, timeout=30) as page:
            assert page.status == 200
    finally:
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    logged = log_file.read_text(encoding="utf-8")
    assert "level=INFO logger=web.access msg=web GET /login/… 200" in logged, logged
    for said in (logged, err):
        assert token not in said and secret not in said


def test_export_over_a_private_file_keeps_it_private(server_url: str, tmp_path: Path) -> None:
    """Members' replies: an operator's ``chmod 600`` on last week's export. Before, the new
    export took its place readable by every user (0644), and was so while being written."""
    import stat

    kept = tmp_path / "answers.jsonl"
    kept.write_text("last week\n", encoding="utf-8")
    kept.chmod(0o600)
    old_umask = os.umask(0o022)
    try:
        done = cli_en("export", "--guild", "1", "--database-url", server_url,
                      "--output", str(kept), cwd=tmp_path)  # fmt: skip
    finally:
        os.umask(old_umask)
    assert done.returncode == 0, done.stderr
    assert '"type": "discussion"' in kept.read_text(encoding="utf-8")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_a_database_another_process_holds_is_said_so(server_url: str, tmp_path: Path) -> None:
    """Another ``python -m bot run``, or a ``sqlite3`` shell in a write transaction: before,
    « answered: database is locked; check DATABASE_URL », as if the setting were wrong."""
    holder = sqlite3.connect(tmp_path / "etvous.db", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE alembic_version SET version_num = version_num")
        done = cli_en("forget", "--guild", "1", "--user", "2", "--database-url", server_url,
                      cwd=tmp_path, DATABASE_LOCK_WAIT_SECONDS="0.5")  # fmt: skip
    finally:
        holder.close()
    line = assert_one_line_error(done, "another process", "already running")
    assert "check DATABASE_URL" not in line


@pytest.fixture
def pg_server_url(migrated_templates: MigratedTemplates) -> Iterator[str]:
    for url in migrated_templates.postgresql():
        asyncio.run(_server_with_a_discussion(url))
        yield url


async def _run_while_a_row_is_held(url: str, command: list[str], cwd: Path) -> Any:
    """``command`` run while another session holds the schema's version row, as a stuck
    process or an open ``psql`` transaction would."""
    import asyncpg

    holder = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        async with holder.transaction():
            await holder.execute("UPDATE alembic_version SET version_num = version_num")
            return await asyncio.to_thread(
                cli_en, *command, "--database-url", url, cwd=cwd, DATABASE_LOCK_WAIT_SECONDS="0.5"
            )
    finally:
        await holder.close()


def test_a_postgresql_row_another_session_holds_is_said_so(
    pg_server_url: str, tmp_path: Path
) -> None:
    """PostgreSQL waits for a lock forever: the command failed a minute later (the client's
    statement timeout) saying the database could not be reached, « TimeoutError »."""
    command = ["forget", "--guild", "1", "--user", "2"]
    done = asyncio.run(_run_while_a_row_is_held(pg_server_url, command, tmp_path))
    line = assert_one_line_error(done, "another process", "already running")
    assert "TimeoutError" not in line and "reach" not in line


@pytest.mark.parametrize(
    "command",
    [["export", "--guild", "1"], ["questions", "list", "--guild", "1"]],
    ids=["export", "questions-list"],
)
def test_a_closed_standard_output_is_one_line(
    command: list[str], server_url: str, tmp_path: Path
) -> None:
    """``python -m bot export … >&-``: before, « unexpected AttributeError » for export, and
    questions list ended well having shown nothing."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", *command, "--database-url", server_url],
        cwd=tmp_path, env=cli_env(ETVOUS_LANG="en"), stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: os.close(1), timeout=120,
    )  # fmt: skip
    done.stdout = ""
    line = assert_one_line_error(done, "cannot write the standard output: it is closed")
    assert "unexpected" not in line


def _rows(url: str, query: str) -> list[tuple[Any, ...]]:
    path = url.split("///", 1)[1]
    with sqlite3.connect(path) as connection:
        return connection.execute(query).fetchall()


CHANGES = {
    "questions-import": (
        ["questions", "import", "article.txt", "--guild", "1"],
        "select text from questions where guild_id = 1 and text like '%robots%'",
    ),
    "forget": (
        ["forget", "--guild", "1", "--user", "2"],
        "select action from audit_log where action = 'member_data_erased'",
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_whose_reader_is_gone_is_made_whole_and_ends_quietly(
    change: str, server_url: str, tmp_path: Path
) -> None:
    """``python -m bot questions import … 2>&1 | head -0``: the reader gone from both its
    outputs, the change is made whole (its report comes after it) and the command ends as
    ``| head`` ends a tool, 141. Before: 1 (the warning of a line too long, written to the
    standard error gone, was « unexpected BrokenPipeError », after the import)."""
    command, done = CHANGES[change]
    long_line = "Faut-il " + "vraiment " * 120 + "?"
    (tmp_path / "article.txt").write_text(ARTICLE + long_line + "\n", encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-m", "bot", *command, "--database-url", server_url],
        cwd=tmp_path, env=cli_env(ETVOUS_LANG="en"), stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    assert child.stdout is not None
    child.stdout.close()  # the reader is gone before the first line
    assert child.wait(timeout=120) == 141
    assert len(_rows(server_url, done)) == 1


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_with_its_standard_output_closed_is_refused_before_it_is_made(
    change: str, server_url: str, tmp_path: Path
) -> None:
    """``python -m bot forget … >&-``: before, the member's data was erased (the questions
    imported), then « cannot write the standard output: it is closed » and 1, which says
    it failed."""
    command, done = CHANGES[change]
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    refused = subprocess.run(
        [sys.executable, "-m", "bot", *command, "--database-url", server_url],
        cwd=tmp_path, env=cli_env(ETVOUS_LANG="en"), stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: os.close(1), timeout=120,
    )  # fmt: skip
    refused.stdout = ""
    assert_one_line_error(refused, "standard output: it is closed", "nothing was changed")
    assert refused.returncode == 1
    assert _rows(server_url, done) == []


def test_db_upgrade_with_its_standard_output_closed_makes_no_database(tmp_path: Path) -> None:
    fresh = tmp_path / "new.db"
    refused = subprocess.run(
        [sys.executable, "-m", "bot", "db", "upgrade", "--database-url",
         f"sqlite+aiosqlite:///{fresh}"],
        cwd=tmp_path, env=cli_env(), stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: os.close(1), timeout=120,
    )  # fmt: skip
    refused.stdout = ""
    assert_one_line_error(refused, "elle est fermée, et rien n’a été modifié")
    assert not fresh.exists()
