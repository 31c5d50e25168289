"""The CLI never prints a traceback, whatever file it is given.

Bad lines are reported with their number and skipped (nesting depth, size,
encoding) by every command that reads a file: ``analyze``, ``questions
import`` and the ``--env-file`` every command takes. The property tests call
``main`` in this process: an exception escaping it fails the test, and the
catch-all's "unexpected" line (kept for production) must never be reached.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.jsonl import MAX_LINE_BYTES
from bot.cli import main
from bot.importer import MAX_ARTICLE_BYTES
from db.engine import open_engine, session_factory
from db.repositories import guilds, questions
from tests.cli_run import cli_en
from tests.conftest import MigratedTemplates

GUILD = 1_100_000_000_000_000_001
DISCUSSION = {"type": "discussion", "id": "1", "question": "Q ?", "options": ["Oui", "Non"]}
REPLY = {"type": "reply", "id": "10", "discussion_id": "1", "author_id": "5", "text": "Oui !"}


def _jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def test_analyze_reports_bad_lines_and_reads_the_rest(tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    export.write_bytes(
        _jsonl(DISCUSSION)
        + b"[" * 100_000 + b"\n"  # line 2: nested far too deep
        + b'{"type": "reply", "text": "' + b"x" * (MAX_LINE_BYTES + 10) + b'"}\n'  # line 3
        + b'{"type": "reply", "text": "\xff\xfe"}\n'  # line 4: not UTF-8
        + b'{"a": ' * 500 + b"1" + b"}" * 500 + b"\n"  # line 5: deep, yet parsed: no type
        + _jsonl(REPLY)
    )  # fmt: skip
    done = cli_en("analyze", str(export), "--jobs", "1", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"{export}: line 2: nested too deeply",
        f"{export}: line 3: longer than {MAX_LINE_BYTES:,} bytes",
        f"{export}: line 4: not UTF-8 text",
        f"{export}: line 5: unknown type None",
    ]
    (report,) = json.loads(done.stdout)["discussions"]
    assert report["replies"] == 1


def test_an_export_joined_to_itself_counts_each_reply_once(tmp_path: Path) -> None:
    """``cat week1.jsonl week1.jsonl``: the second discussion line was reported and
    skipped, yet every reply was counted twice (42 replies of 21)."""
    export = tmp_path / "export.jsonl"
    once = _jsonl(DISCUSSION, REPLY, {**REPLY, "id": "11", "author_id": "6", "text": "Non."})
    export.write_bytes(once + once)
    done = cli_en("analyze", str(export), "--jobs", "1", "--format", "json", "--no-themes",
                  cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.splitlines() == [
        f"{export}: line 4: discussion 1 appears twice",
        f"{export}: line 5: reply 10 appears twice",
        f"{export}: line 6: reply 11 appears twice",
    ]
    (report,) = json.loads(done.stdout)["discussions"]
    assert (report["participants"], report["replies"]) == (2, 2)
    french = cli_en("analyze", str(export), "--jobs", "1", "--no-themes", "--lang", "fr",
                    cwd=tmp_path)  # fmt: skip
    assert f"{export}\u00a0: ligne 5\u00a0: la réponse 10 apparaît deux fois" in french.stderr, (
        french.stderr
    )


@pytest.fixture
def guild_db(tmp_path: Path, migrated_templates: MigratedTemplates) -> str:
    """A migrated SQLite database (a copy of the template) where GUILD is set up."""
    url = migrated_templates.sqlite(tmp_path / "etvous.db")

    async def prepare() -> None:
        engine = open_engine(url)
        async with session_factory(engine).begin() as session:
            now = datetime(2026, 11, 23, tzinfo=UTC)
            await guilds.ensure_guild(session, GUILD, now=now, timezone="UTC", language="fr")
        await engine.dispose()

    asyncio.run(prepare())
    return url


def _bank(url: str) -> list[str]:
    async def read() -> list[str]:
        engine = open_engine(url)
        async with session_factory(engine)() as session:
            texts = await questions.texts_ever_held(session, GUILD)
        await engine.dispose()
        return texts

    return asyncio.run(read())


def test_import_reports_bad_lines_by_number_and_adds_the_rest(
    tmp_path: Path, guild_db: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(
        b"Un article.\n\nEt vous ?\n"
        b"Faut-il taxer les robots ?\n"  # line 4
        b"Faut-il \xff\xfe interdire ?\n"  # line 5: not UTF-8
        + b"Pourquoi a" + b"?" * 50_000 + b"\n"  # line 6: far too long a line
        + b"Quel avenir pour le cin\xc3\xa9ma ?\n"  # line 7
    )  # fmt: skip
    done = cli_en(
        "questions", "import", str(article), "--guild", str(GUILD), "--database-url", guild_db,
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"{article}: line 5: not UTF-8 text, skipped",
        f"{article}: line 6: too long, skipped",
    ]
    assert "2 added" in done.stdout
    assert sorted(_bank(guild_db)) == [
        "Faut-il taxer les robots\u202f?",
        "Quel avenir pour le cinéma\u202f?",
    ]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (("Et vous ?\n" + "".join(f"Question {i} ?\n" for i in range(101))).encode(), ["100"]),
        (b"x" * (MAX_ARTICLE_BYTES + 1), ["larger than 1,000,000 bytes"]),
        (bytes(range(256)) * 100, ["UTF-8"]),
    ],
    ids=["too-many", "too-large", "binary"],
)
def test_import_refusals_are_one_line(
    content: bytes, words: list[str], tmp_path: Path, guild_db: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    done = cli_en(
        "questions", "import", str(article), "--guild", str(GUILD), "--database-url", guild_db,
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("error:") and all(w in line for w in words), line
    assert _bank(guild_db) == []


def test_an_env_file_with_a_bad_line_is_read_around_it(tmp_path: Path, guild_db: str) -> None:
    env = tmp_path / "prod.env"
    env.write_bytes(b"LOG_LEVEL=\xff\xfe\nDATABASE_URL=" + guild_db.encode() + b"\n")
    done = cli_en("questions", "list", "--guild", str(GUILD), "--env-file", str(env), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [f"{env}: line 1: not UTF-8 text, skipped"]
    missing = cli_en("questions", "list", "--guild", "1", "--env-file", "nope.env", cwd=tmp_path)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stderr.strip() == "error: nope.env: no such file"


# --- any file at all -------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
KEYS = ("id", "discussion_id", "author_id", "reply_id", "user_id", "text", "question",
        "options", "value", "option", "language", "author_name")  # fmt: skip
records = st.one_of(
    st.fixed_dictionaries(
        {"type": st.sampled_from(["discussion", "reply", "stance", "reaction", "x"])},
        optional=dict.fromkeys(KEYS, json_values),
    ),
    json_values,
).map(lambda r: json.dumps(r).encode())
lines = st.one_of(
    records,
    records.map(lambda line: line[: len(line) // 2]),  # truncated
    st.binary(max_size=60),
    st.integers(1, 3000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.just(_jsonl(DISCUSSION).strip()),
)
files = st.lists(lines, max_size=12).map(lambda ls: b"\n".join(ls))
CASES = settings(
    max_examples=60, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)  # fmt: skip


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "input"


@CASES
@given(content=files)
def test_analyze_any_file(
    content: bytes, scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scratch.write_bytes(content)
    code = main(["analyze", str(scratch), "--jobs", "1", "--format", "json", "--lang", "en"])
    err = capsys.readouterr().err
    assert code in (0, 1) and "unexpected" not in err, err
    for line in err.splitlines():
        assert line.startswith((f"{scratch}: line ", f"{scratch}: discussion ", "error: ")), line


articles = st.lists(
    st.one_of(
        st.sampled_from(
            ["Et vous ?", "And you?", "Voir aussi", "", "- Faut-il ?", "1. Pourquoi ?"]
        ),
        st.text(alphabet="?! «»\"'*_#-.Pourquoiaé\u00a0\t", max_size=80),
        st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
    ),
    max_size=30,
)


@CASES
@given(lines_=articles, raw=st.binary(max_size=30))
def test_import_any_file(
    lines_: list[str], raw: bytes, scratch: Path, guild_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    scratch.write_bytes("\n".join(lines_).encode("utf-8", "surrogatepass") + raw)
    code = main(
        [
            "questions",
            "import",
            str(scratch),
            "--guild",
            str(GUILD),
            "--database-url",
            guild_db,
            "--lang",
            "en",
        ]
    )
    err = capsys.readouterr().err
    assert code in (0, 1) and "unexpected" not in err, err
    for line in err.splitlines():
        assert line.startswith((f"{scratch}: line ", "error: ")), line


async def _sources(url: str) -> list[str | None]:
    engine = open_engine(url)
    try:
        async with session_factory(engine)() as session:
            return [q.source for q in await questions.list_questions(session, GUILD, limit=10)]
    finally:
        await engine.dispose()


async def _guild(url: str) -> None:
    engine = open_engine(url)
    try:  # database_url is migrated
        async with session_factory(engine).begin() as session:
            now = datetime(2026, 11, 23, tzinfo=UTC)
            await guilds.ensure_guild(session, GUILD, now=now, timezone="UTC", language="fr")
    finally:
        await engine.dispose()


def test_an_article_named_longer_than_the_column_or_not_in_utf8_is_imported(
    database_url: str, tmp_path: Path
) -> None:
    """The file's name is kept as each question's source: a name of 230 characters
    (PostgreSQL refused it, ``questions.source`` holds 200; SQLite kept it) and one
    written in Latin-1 on a UTF-8 system (its undecodable byte reached the database
    as a lone surrogate, which neither backend encodes) import like any other."""
    asyncio.run(_guild(database_url))
    article = b"Un article.\n\nEt vous ?\nFaut-il taxer les robots ?\n"
    long_name = tmp_path / ("debat-" * 38 + ".txt")
    latin = Path(os.fsdecode(bytes(tmp_path) + b"/d\xe9bat.txt"))
    for path in (long_name, latin):
        path.write_bytes(article.replace(b"robots", path.name[:6].encode("utf-8", "replace")))
        done = cli_en("questions", "import", os.fsdecode(path), "--guild", str(GUILD),
                      "--database-url", database_url, cwd=tmp_path)  # fmt: skip
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        assert done.stdout.splitlines()[-1] == "1 added, 0 skipped", done.stdout
    sources = asyncio.run(_sources(database_url))
    assert sources == [long_name.name[:200], "d\ufffdbat.txt"], sources


async def _options(url: str) -> list[list[str]]:
    engine = open_engine(url)
    try:
        async with session_factory(engine)() as session:
            return [q.options for q in await questions.list_questions(session, GUILD, limit=10)]
    finally:
        await engine.dispose()


def test_options_typed_in_another_encoding_than_the_systems_are_imported(
    database_url: str, tmp_path: Path
) -> None:
    """``--options "Oui|Non|Peut-être"`` typed in a Latin-1 terminal on a UTF-8 system: the
    ``ê`` reaches Python as a lone surrogate. PostgreSQL's JSON refused it (SQLite kept it,
    for every echo of the options to fail); it is stored as U+FFFD, on both."""
    asyncio.run(_guild(database_url))
    article = tmp_path / "article.txt"
    article.write_bytes(b"Un article.\n\nEt vous ?\nFaut-il taxer les robots ?\n")
    typed = os.fsdecode(b"Oui|Non|Peut-\xeatre")
    done = cli_en("questions", "import", str(article), "--guild", str(GUILD), "--options", typed,
                  "--database-url", database_url, cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert asyncio.run(_options(database_url)) == [["Oui", "Non", "Peut-\ufffdtre"]]


@pytest.mark.parametrize(
    ("lang", "missing", "folder"),
    [
        ("fr", "fichier ou dossier introuvable", "c’est un dossier"),
        ("en", "no such file or folder", "it is a folder"),
    ],
)
def test_a_file_the_system_cannot_open_is_said_in_the_clis_language(
    lang: str, missing: str, folder: str, tmp_path: Path, guild_db: str
) -> None:
    """The C library words its reasons in English whatever ``--lang`` says: a French
    operator read « impossible de lire x : No such file or directory »."""
    (tmp_path / "folder").mkdir()
    said = {}
    for name, args in {
        "missing": ("questions", "import", "missing.txt"),
        "folder": ("questions", "import", "folder"),
        "export": ("export", "--output", "no/such/folder/replies.jsonl"),
    }.items():
        done = cli_en(*args, "--guild", str(GUILD), "--database-url", guild_db, "--lang", lang,
                      cwd=tmp_path)  # fmt: skip
        assert done.returncode == 1 and "Traceback" not in done.stderr
        (said[name],) = done.stderr.splitlines()
    assert said["missing"].endswith(missing), said
    assert said["folder"].endswith(folder), said
    assert said["export"].endswith(missing), said
    assert not (tmp_path / "no").exists()
    assert _bank(guild_db) == []


@pytest.mark.parametrize("link", ["ftp://example.org/article.txt", "htps://example.org/article"])
def test_an_address_the_import_does_not_read_says_which_it_reads(
    link: str, tmp_path: Path, guild_db: str
) -> None:
    """It said "cannot read ftp://…: No such file or directory", as if a file were meant."""
    done = cli_en("questions", "import", link, "--guild", str(GUILD), "--database-url", guild_db,
                  cwd=tmp_path)  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"error: {link}: no such file, and only http:// and https:// addresses are read"
    ]
    assert _bank(guild_db) == []
