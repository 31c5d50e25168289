"""DATABASE_URL as operators write it: hosted PostgreSQL's ``?sslmode=``, ports and options
mistyped. Each works, or stops the CLI with one line naming DATABASE_URL (never an
"unexpected error, a bug", never the password)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import cli_en
from tests.test_cli import assert_one_line_error

PASSWORD = "hunter2"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (f"postgresql+asyncpg://etvous:{PASSWORD}@127.0.0.1:abc/etvous", ["port"]),
        (f"postgresql+asyncpg://etvous:{PASSWORD}@127.0.0.1:99999/etvous", ["port"]),
        (f"postgresql+asyncpg://etvous:{PASSWORD}@[::1/etvous", []),
        (
            f"postgresql+asyncpg://etvous:{PASSWORD}@127.0.0.1/etvous?foo=bar",
            ["“foo”", "remove it", "command_timeout"],
        ),
        (f"postgresql+asyncpg://etvous:{PASSWORD}@127.0.0.1/etvous?sslmode=sometimes", ["sslmode"]),
    ],
    ids=[
        "port-not-a-number",
        "port-too-large",
        "unclosed-bracket",
        "unknown-option",
        "bad-sslmode",
    ],
)
def test_a_malformed_database_url_is_one_line(url: str, words: list[str], tmp_path: Path) -> None:
    done = cli_en("db", "upgrade", cwd=tmp_path, DATABASE_URL=url)
    line = assert_one_line_error(done, "DATABASE_URL", *words)
    assert "unexpected" not in line
    assert PASSWORD not in done.stderr + done.stdout


@pytest.mark.parametrize("mode", ["disable", "prefer", "allow"])
def test_libpq_sslmode_is_understood(mode: str, postgres_url: str, tmp_path: Path) -> None:
    """Hosted PostgreSQL hands out libpq URLs (``?sslmode=require``); asyncpg calls it ``ssl``.
    Before, ``connect() got an unexpected keyword argument 'sslmode'``: "a bug"."""
    done = cli_en("db", "upgrade", cwd=tmp_path, DATABASE_URL=f"{postgres_url}?sslmode={mode}")
    assert done.returncode == 0, done.stderr
    assert "up to date" in done.stdout


def test_sslmode_require_against_a_server_without_tls_says_so(
    postgres_url: str, tmp_path: Path
) -> None:
    """On a database of its own: against a server that speaks TLS, the upgrade succeeds
    (and the test skips), and would have created the tables in the shared ``test``."""
    done = cli_en("db", "upgrade", cwd=tmp_path, DATABASE_URL=f"{postgres_url}?sslmode=require")
    if done.returncode == 0:
        pytest.skip("this PostgreSQL server speaks TLS")
    line = assert_one_line_error(done, "DATABASE_URL")
    assert "unexpected" not in line
    assert "SSL" in line, line  # what went wrong, not only "ConnectionError"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (f"postgresql+asyncpg://etvous:{PASSWORD}@127.0.0.1:1/etvous", ["cannot reach"]),
        ("sqlite+aiosqlite:///missing/etvous.db", ["not a folder"]),
    ],
    ids=["server-away", "no-folder"],
)
def test_web_on_a_database_that_cannot_be_used_is_one_line(
    url: str, words: list[str], tmp_path: Path
) -> None:
    """``web`` met the database in its own start-up: "unexpected ConnectionRefusedError
    (a bug)", or an OperationalError over two lines."""
    done = cli_en("web", "--guild", "1", cwd=tmp_path, DATABASE_URL=url)
    line = assert_one_line_error(done, "DATABASE_URL", *words)
    assert "unexpected" not in line
    assert PASSWORD not in done.stderr + done.stdout
