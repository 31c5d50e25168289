"""Operator mistakes the CLI must answer with one line and a non-zero exit, losing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import cli, cli_en
from tests.test_cli import assert_one_line_error

UNREACHABLE = "postgresql+asyncpg://bot:hunter2@127.0.0.1:1/etvous"


def test_export_keeps_an_existing_file_when_the_database_does_not_answer(tmp_path: Path) -> None:
    kept = tmp_path / "answers.jsonl"
    kept.write_text('{"type":"reply"}\n', encoding="utf-8")  # last week's export
    done = cli_en(
        "export", "--guild", "1", "--output", str(kept), "--database-url", UNREACHABLE,
        cwd=tmp_path,
    )  # fmt: skip
    line = assert_one_line_error(done, "cannot reach the database")
    assert "hunter2" not in line
    assert kept.read_text(encoding="utf-8") == '{"type":"reply"}\n'


def test_export_to_a_new_file_leaves_none_when_the_database_does_not_answer(
    tmp_path: Path,
) -> None:
    target = tmp_path / "answers.csv"
    done = cli_en(
        "export", "--guild", "1", "--format", "csv", "--output", str(target),
        "--database-url", UNREACHABLE, cwd=tmp_path,
    )  # fmt: skip
    assert_one_line_error(done, "cannot reach the database")
    assert not target.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--guild", "99999999999999999999999999"],
        ["export", "--guild", "-1"],
        ["export", "--guild", "1", "--discussion", "0"],
        ["questions", "list", "--guild", "18446744073709551616"],
        ["forget", "--guild", "1", "--user", "-5"],
        ["forget", "--guild", "1", "--user", "99999999999999999999"],
        ["web", "--guild", "0"],
        ["demo", "--members", "-3"],
    ],
    ids=["huge-guild", "negative-guild", "zero-discussion", "2^64", "negative-user",
         "huge-user", "zero-guild", "negative-members"],
)  # fmt: skip
def test_ids_out_of_range_are_refused_before_anything_runs(args: list[str], tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}"
    done = cli_en(*args, "--database-url", url, cwd=tmp_path)
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith(f"python -m bot {args[0]}")
    assert "not" in done.stderr.strip().splitlines()[-1]
    assert not (tmp_path / "etvous.db").exists()


def test_odd_env_lines_are_named_by_file_and_line_and_skipped(
    sqlite_url: str, tmp_path: Path
) -> None:
    env = tmp_path / "bot.env"
    env.write_bytes(
        b"# comment\nDATABASE_URL\n=orphan value\nexport LOG_LEVEL=INFO\n"
        b'WEB_SECRET="never-shown-secret-value-0123456789abcdef\n\xff\xfe=1\n'
    )
    done = cli_en(
        "db", "upgrade", "--env-file", str(env), "--database-url", sqlite_url, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    warnings = done.stderr.strip().splitlines()
    assert "python-dotenv" not in done.stderr and "never-shown" not in done.stderr
    assert warnings == [
        f"{env}: line 3: not a NAME=value line, skipped",
        f"{env}: line 5: not a NAME=value line, skipped",
        f"{env}: line 6: not UTF-8 text, skipped",
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_an_env_file_saved_as_utf16_is_read(encoding: str, sqlite_url: str, tmp_path: Path) -> None:
    """Windows PowerShell's ``>`` and Notepad's "Unicode" write UTF-16 with a BOM: before,
    « unexpected ValueError: embedded null byte (a bug: please report it) »."""
    url = sqlite_url
    text = f"# réglages\r\nDATABASE_URL={url}\r\nLOG_LEVEL=DEBUG\r\n"
    bom = "\ufeff" if encoding == "utf-16-be" else ""
    (tmp_path / ".env").write_bytes((bom + text).encode(encoding))
    done = cli_en("db", "upgrade", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"database at {url} is up to date\n"
    assert done.stderr == ""


def test_an_env_line_holding_a_nul_is_skipped(sqlite_url: str, tmp_path: Path) -> None:
    url = sqlite_url
    (tmp_path / ".env").write_bytes(f"LOG_LEVEL=IN\0FO\nDATABASE_URL={url}\n".encode())
    done = cli_en("db", "upgrade", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"database at {url} is up to date\n"
    assert done.stderr == ".env: line 1: not UTF-8 text, skipped\n"


def test_an_env_file_that_is_a_folder_says_so(tmp_path: Path) -> None:
    done = cli_en("db", "upgrade", "--env-file", str(tmp_path), cwd=tmp_path)
    assert_one_line_error(done, str(tmp_path), "folder")


def test_analyze_of_a_file_that_is_not_an_export_fails_in_one_line(tmp_path: Path) -> None:
    wrong = tmp_path / "notes.txt"
    wrong.write_text("".join(f"root:x:{n}:0:root:/root:/bin/bash\n" for n in range(5000)))
    done = cli_en("analyze", str(wrong), "--no-themes", cwd=tmp_path)
    assert_one_line_error(done, str(wrong), "not an export", "5,000 lines skipped")
    assert done.stdout == ""


def test_analyze_reports_at_most_twenty_bad_lines_then_counts_the_rest(tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    good = b'{"type": "discussion", "id": "1", "question": "Q ?", "options": ["Oui", "Non"]}\n'
    export.write_bytes(good + b"{broken\n" * 1000)
    done = cli_en("analyze", str(export), "--no-themes", "--jobs", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 21
    assert lines[0] == f"{export}: line 2: invalid JSON"
    assert lines[-1] == f"{export}: 980 more bad lines skipped"


@pytest.mark.parametrize("where", ["before", "after"])
def test_common_options_count_before_the_command_too(where: str, tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'chosen.db'}"
    env = tmp_path / "bot.env"
    env.write_text("LOG_LEVEL=LOUD\n", encoding="utf-8")
    common = ["--database-url", url, "--lang", "en"]
    args = [*common, "db", "upgrade"] if where == "before" else ["db", "upgrade", *common]
    done = cli_en(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"database at {url} is up to date\n"
    assert (tmp_path / "chosen.db").exists() and not (tmp_path / "etvous.db").exists()
    refused = cli_en("--env-file", str(env), "db", "upgrade", "--database-url", url, cwd=tmp_path)
    assert_one_line_error(refused, "LOG_LEVEL")


def test_an_unexpected_error_is_one_line_without_secrets(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug's message may span lines (SQLAlchemy adds its "Background on this error")
    and quote a URL: the one line keeps neither the break nor the password."""
    import bot.cli
    import bot.cli.parser

    def broken(_: object) -> int:
        raise RuntimeError(
            "(sqlite3.OperationalError) oops for postgresql+asyncpg://bot:hunter2@db/etvous\n"
            "(Background on this error at: https://sqlalche.me/e/21/e3q8)"
        )

    monkeypatch.setattr(bot.cli.parser, "cmd_db_upgrade", broken)
    monkeypatch.delenv("ETVOUS_DEBUG", raising=False)
    assert bot.cli.main(["db", "upgrade", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: unexpected RuntimeError: ") and "Background" in err
    assert "hunter2" not in err


def test_demo_into_a_file_says_so(tmp_path: Path) -> None:
    """Before: "unexpected FileExistsError (a bug)"."""
    taken = tmp_path / "notes.txt"
    taken.write_text("mine\n", encoding="utf-8")
    done = cli_en("demo", "--output", str(taken), cwd=tmp_path)
    assert_one_line_error(done, str(taken), "not a folder")
    assert taken.read_text(encoding="utf-8") == "mine\n"


def test_demo_into_a_folder_it_cannot_write_says_so(tmp_path: Path) -> None:
    """A demo-output/ left by a ``sudo python -m bot demo``: before, « unexpected
    OperationalError: unable to open database file (a bug: please report it) »."""
    import shutil
    import subprocess

    folder = tmp_path / "demo-output"
    folder.mkdir()
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("no chattr here to make a folder read-only for every user")
    locked = subprocess.run([chattr, "+i", str(folder)], capture_output=True, check=False)
    if locked.returncode != 0:
        pytest.skip(f"chattr +i refused here: {locked.stderr.decode().strip()}")
    try:
        done = cli_en("demo", "--output", str(folder), cwd=tmp_path)
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=False)
    line = assert_one_line_error(done, f"cannot write {folder}")
    assert "unexpected" not in line


async def test_export_of_a_discussion_the_server_does_not_have_says_so(
    sqlite_url: str, tmp_path: Path
) -> None:
    """Before: an empty export and exit 0, for a mistyped id or another server's."""
    from datetime import UTC, datetime, timedelta

    from db.engine import open_engine, session_factory
    from db.models import Discussion
    from db.repositories import discussions, guilds, questions

    url = sqlite_url  # migrated: the child finds it at head
    t0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    engine = open_engine(url)
    async with session_factory(engine).begin() as session:
        made = {}
        for guild_id in (1, 2):
            await guilds.ensure_guild(session, guild_id, now=t0, timezone="UTC", language="fr")
            [question] = await questions.add_questions(
                session, guild_id, [("Q ?", "fr", ["Oui", "Non"], None)], now=t0
            )
            made[guild_id] = await discussions.create_discussion(
                session,
                Discussion(
                    guild_id=guild_id, question_id=question.id, question_text="Q ?",
                    options=["Oui", "Non"], language="fr", channel_id=1, opened_at=t0,
                    closes_at=t0 + timedelta(days=3),
                ),
            )  # fmt: skip
    await engine.dispose()
    common = ["--guild", "1", "--database-url", url]
    output = tmp_path / "out.jsonl"
    for other in (str(made[2].id), "999"):
        done = cli_en(
            "export", *common, "--discussion", other, "--output", str(output), cwd=tmp_path
        )
        assert_one_line_error(done, f"discussion {other}", "server 1")
        assert not output.exists()
    done = cli_en("export", *common, "--discussion", str(made[1].id), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert '"type":"discussion"' in done.stdout.replace(" ", "")


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--guild", "1"],
        ["questions", "list", "--guild", "1"],
        ["forget", "--guild", "1", "--user", "2"],
        ["web", "--guild", "1"],
    ],
    ids=["export", "questions-list", "forget", "web"],
)
def test_a_mistyped_sqlite_path_is_said_and_no_file_is_made(
    command: list[str], tmp_path: Path
) -> None:
    """Commands about a server need its database: a path with a typo made a new empty
    database there and answered "unknown server 1: run /setup there first"."""
    typo = tmp_path / "etvuos.db"
    done = cli_en(*command, cwd=tmp_path, DATABASE_URL=f"sqlite+aiosqlite:///{typo}")
    assert_one_line_error(done, "DATABASE_URL", str(typo), "no such file")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["db", "upgrade"], ["export", "--guild", "1"]])
def test_a_sqlite_url_naming_a_folder_says_so(command: list[str], tmp_path: Path) -> None:
    """``DATABASE_URL=sqlite+aiosqlite:///data`` where data is the bot's folder: SQLite's
    own words came out, in English whatever the CLI's language ("unable to open database
    file"), naming no folder."""
    (tmp_path / "data").mkdir()
    done = cli_en(*command, cwd=tmp_path, DATABASE_URL="sqlite+aiosqlite:///data")
    assert_one_line_error(done, "DATABASE_URL", "folder data", "sqlite+aiosqlite:///data/etvous.db")
    assert list((tmp_path / "data").iterdir()) == []


@pytest.mark.parametrize(
    "env",
    [{"DEFAULT_LANGUAGE": "EN"}, {"DEFAULT_LANGUAGE": "Fr"}, {"LOG_LEVEL": "debug"},
     {"WEB_ENABLED": "OFF"}, {"DEFAULT_TIMEZONE": "europe/paris"}],
    ids=["language-EN", "language-Fr", "log-level", "web-enabled", "timezone"],
)  # fmt: skip
def test_named_values_of_settings_are_read_in_any_case(
    env: dict[str, str], sqlite_url: str, tmp_path: Path
) -> None:
    """DEFAULT_LANGUAGE=EN stopped every command (« DEFAULT_LANGUAGE must be one of fr, en »)
    where LOG_LEVEL, WEB_ENABLED, DEFAULT_TIMEZONE and --lang take any case."""
    from bot.config import Settings

    done = cli_en("db", "upgrade", cwd=tmp_path, DATABASE_URL=sqlite_url, **env)
    assert done.returncode == 0, done.stderr
    if "DEFAULT_LANGUAGE" in env:
        expected = env["DEFAULT_LANGUAGE"].lower()
        assert Settings.from_env(env).default_language == expected


@pytest.mark.parametrize("seconds", ["2.5", "0.5", "30"])
def test_stop_flush_seconds_takes_a_decimal_number(
    seconds: str, sqlite_url: str, tmp_path: Path
) -> None:
    """STOP_FLUSH_SECONDS=2.5 was refused, « must be an integer », though a stop waits that
    long to the fraction of a second."""
    from bot.config import Settings

    done = cli_en(
        "db", "upgrade", cwd=tmp_path, DATABASE_URL=sqlite_url, STOP_FLUSH_SECONDS=seconds
    )
    assert done.returncode == 0, done.stderr
    assert Settings.from_env({"STOP_FLUSH_SECONDS": seconds}).stop_flush_seconds == float(seconds)


@pytest.mark.parametrize(("seconds", "expected"), [("2,5", 2.5), (" 0,5 ", 0.5), ("30", 30.0)])
def test_stop_flush_seconds_takes_a_french_decimal_comma(seconds: str, expected: float) -> None:
    """« 2,5 », as a French operator writes two and a half, was refused as no number."""
    from bot.config import Settings

    assert Settings.from_env({"STOP_FLUSH_SECONDS": seconds}).stop_flush_seconds == expected


@pytest.mark.parametrize(
    ("value", "said"),
    [("0", "more than 0"), ("-3", "more than 0"), ("nan", "more than 0"),
     ("86400", "at most 600"), ("soon", "a number of seconds")],
    ids=["zero", "negative", "nan", "a-day", "word"],
)  # fmt: skip
def test_database_lock_wait_out_of_range_is_one_line_naming_it(
    value: str, said: str, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}"
    done = cli_en("db", "upgrade", cwd=tmp_path, DATABASE_URL=url, DATABASE_LOCK_WAIT_SECONDS=value)
    assert_one_line_error(done, "DATABASE_LOCK_WAIT_SECONDS", said)
    assert not (tmp_path / "etvous.db").exists()


def test_database_lock_wait_is_read_in_seconds() -> None:
    from bot.config import Settings

    assert Settings.from_env({}).lock_wait_seconds == 10.0
    assert Settings.from_env({"DATABASE_LOCK_WAIT_SECONDS": "2,5"}).lock_wait_seconds == 2.5


@pytest.mark.parametrize("value", ["1,000,5", "2,5.0", ","])
def test_stop_flush_seconds_with_commas_that_are_no_decimal_is_refused(value: str) -> None:
    from bot.config import Settings, SettingsError

    with pytest.raises(SettingsError):
        Settings.from_env({"STOP_FLUSH_SECONDS": value})


@pytest.mark.parametrize(
    ("value", "said"),
    [("-1", "more than 0"), ("0", "more than 0"), ("forever", "a number of seconds"),
     ("nan", "more than 0"), ("1000000000", "at most 3600")],
    ids=["negative", "zero", "word", "nan", "absurd"],
)  # fmt: skip
def test_stop_flush_seconds_out_of_range_is_one_line_naming_it(
    value: str, said: str, tmp_path: Path
) -> None:
    """Before: « must be an integer » for a decimal, « must be 1 or more » though 0.5 was
    taken, and 1000000000 (a stop waiting thirty years) taken as it came."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}"
    done = cli_en("db", "upgrade", cwd=tmp_path, DATABASE_URL=url, STOP_FLUSH_SECONDS=value)
    assert_one_line_error(done, "STOP_FLUSH_SECONDS", said)
    assert not (tmp_path / "etvous.db").exists()


@pytest.mark.parametrize(
    "value", ["-5", "0", "18446744073709551616"], ids=["negative", "zero", "2^64"]
)
def test_a_dev_guild_id_that_is_no_server_id_is_one_line_naming_it(
    value: str, tmp_path: Path
) -> None:
    """DEV_GUILD_ID=-5 or 0 was taken, to fail at the first sync of the commands."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}"
    done = cli_en("db", "upgrade", cwd=tmp_path, DATABASE_URL=url, DEV_GUILD_ID=value)
    assert_one_line_error(done, "DEV_GUILD_ID", "server id", value)
    assert not (tmp_path / "etvous.db").exists()


@pytest.mark.parametrize(
    ("value", "said"),
    [("-1", "from 0 (never forget) to 3650 days"), ("99999", "from 0 (never forget) to 3650"),
     ("a month", "must be an integer")],
    ids=["negative", "centuries", "words"],
)  # fmt: skip
def test_forget_removed_servers_days_out_of_range_is_one_line_naming_it(
    value: str, said: str, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}"
    done = cli_en(
        "db", "upgrade", cwd=tmp_path, DATABASE_URL=url, FORGET_REMOVED_SERVERS_DAYS=value
    )
    assert_one_line_error(done, "FORGET_REMOVED_SERVERS_DAYS", said)
    assert not (tmp_path / "etvous.db").exists()


def test_forget_removed_servers_days_is_30_by_default_and_0_keeps_them() -> None:
    from bot.config import Settings

    assert Settings.from_env({}).forget_removed_servers_days == 30
    assert Settings.from_env({"FORGET_REMOVED_SERVERS_DAYS": "0"}).forget_removed_servers_days == 0
    assert (
        Settings.from_env({"FORGET_REMOVED_SERVERS_DAYS": " 7 "}).forget_removed_servers_days == 7
    )


BLANK_REFUSALS = {
    "category": (
        "argument --category\u00a0: la catégorie est vide\u00a0: donnez son nom",
        "argument --category: the category is empty: give its name",
    ),
    "options": (
        "argument --options\u00a0: les options sont vides\u00a0: donnez-les séparées par |",
        "argument --options: the options are empty: give them separated by |",
    ),
}


@pytest.mark.parametrize("option", sorted(BLANK_REFUSALS))
@pytest.mark.parametrize("blank", ["", "   ", "\u200b\u00a0"], ids=["empty", "spaces", "invisible"])
def test_a_blank_category_or_options_is_refused_not_taken_for_none(
    option: str, blank: str, tmp_path: Path
) -> None:
    """``questions import --category ""`` imported the questions without a category, and
    ``--options ""`` with options chosen from each wording, as if the option were left out;
    each is refused before anything is read, in the CLI's language."""
    article = tmp_path / "article.txt"
    article.write_text("Un article.\nEt vous ?\n- Faut-il doubler les films ?\n", "utf-8")
    url = f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}"
    args = ["questions", "import", str(article), "--guild", "1", f"--{option}", blank]
    for run, words in zip((cli, cli_en), BLANK_REFUSALS[option], strict=True):
        done = run(*args, "--database-url", url, cwd=tmp_path)
        assert done.returncode == 2, done
        assert "Traceback" not in done.stderr
        assert words in done.stderr.strip().splitlines()[-1], done.stderr
    assert not (tmp_path / "etvous.db").exists()


def test_the_import_help_says_what_leaving_the_options_out_does(tmp_path: Path) -> None:
    helped = cli_en("questions", "import", "--help", cwd=tmp_path)
    assert "default: chosen from each question's wording" in " ".join(helped.stdout.split())
