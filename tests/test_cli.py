"""The admin CLI as an operator runs it: ``python -m bot ...`` in a fresh folder."""

from __future__ import annotations

import os
import subprocess
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot import importer
from db.engine import SessionFactory, open_engine, session_factory
from db.models import AuditEntry, Discussion, Question, Reply, Stance, StanceChange, Vote
from db.repositories import discussions, guilds, questions
from db.repositories.events import ReplySeen, StanceSet, VoteSet, apply_batch
from tests.cli_run import REPO, cli, cli_en

GUILD = 1_100_000_000_000_000_001
OTHER = 1_100_000_000_000_000_002
ALICE, BRUNO = 900_000_000_000_000_001, 900_000_000_000_000_002
T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
ARTICLE = "Un article.\n\nEt vous ?\nFaut-il taxer les robots ?\nQuel avenir pour le cinéma ?\n"


def assert_one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> str:
    assert done.returncode != 0, done
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


@pytest.fixture
async def db(sqlite_url: str) -> AsyncIterator[SessionFactory]:
    """The test's SQLite database, migrated, with GUILD set up (OTHER is unknown)."""
    engine = open_engine(sqlite_url)  # a migrated copy: the children find it at head
    sessions = session_factory(engine)
    async with sessions.begin() as session:
        await guilds.ensure_guild(session, GUILD, now=T0, timezone="Europe/Paris", language="fr")
    try:
        yield sessions
    finally:
        await engine.dispose()


async def count(sessions: SessionFactory, model: Any, *where: Any) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


# --- help and start-up errors ------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["run"],
        ["db"],
        ["db", "upgrade"],
        ["questions"],
        ["questions", "import"],
        ["questions", "list"],
        ["export"],
        ["analyze"],
        ["forget"],
        ["web"],
        ["demo"],
    ],
    ids=lambda c: "-".join(c) or "top",
)
@pytest.mark.parametrize(
    ("env", "usage", "help_line"),
    [
        ({}, "utilisation\u00a0: python -m bot", "-h, --help            afficher cette aide et quitter"),
        ({"ETVOUS_LANG": "en"}, "usage: python -m bot", "-h, --help            show this help message and exit"),
    ],
    ids=["fr", "en"],
)  # fmt: skip
def test_help_on_every_level(
    command: list[str], env: dict[str, str], usage: str, help_line: str, tmp_path: Path
) -> None:
    done = cli(*command, "--help", cwd=tmp_path, **env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(usage)
    assert " ".join(["python -m bot", *command]) in done.stdout.splitlines()[0]
    assert help_line in [line.strip() for line in done.stdout.splitlines()]
    assert done.stderr == ""


@pytest.mark.parametrize("jobs", ["0", "-3", "two"])
def test_analyze_refuses_a_bad_number_of_jobs(jobs: str, tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text("", encoding="utf-8")
    done = cli_en("analyze", str(export), "--jobs", jobs, cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "--jobs" in done.stderr and "positive whole number" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("command", [["run"], []], ids=["run", "default"])
def test_run_without_a_token_says_what_to_do(command: list[str], tmp_path: Path) -> None:
    done = cli_en(*command, cwd=tmp_path)
    assert_one_line_error(done, "DISCORD_TOKEN", ".env")
    assert done.stdout == ""
    assert list(tmp_path.iterdir()) == []  # no database file made


def test_run_with_an_empty_token_in_dot_env_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DISCORD_TOKEN=\nLOG_LEVEL=INFO\n", encoding="utf-8")
    assert_one_line_error(cli_en("run", cwd=tmp_path), "DISCORD_TOKEN")


@pytest.mark.parametrize(
    ("env", "args", "words"),
    [
        ({"DATABASE_URL": "mysql://bot:hunter2@db/etvous"}, ["db", "upgrade"], ["DATABASE_URL"]),
        (
            {"DATABASE_URL": "mysql://bot:hunter2@db/etvous", "DISCORD_TOKEN": "x"},
            ["run"],
            ["DATABASE_URL"],
        ),
        ({}, ["db", "upgrade", "--database-url", "etvous.db"], ["DATABASE_URL"]),
        (
            {},
            ["db", "upgrade", "--database-url", "postgresql+asyncpg://bot:hunter2@127.0.0.1:1/x"],
            ["cannot reach the database", "DATABASE_URL"],
        ),
        (
            {},
            ["db", "upgrade", "--database-url", "sqlite+aiosqlite:////nonexistent/dir/etvous.db"],
            ["DATABASE_URL"],
        ),
        ({"LOG_LEVEL": "LOUD"}, ["db", "upgrade"], ["LOG_LEVEL"]),
    ],
    ids=["scheme", "scheme-run", "not-a-url", "unreachable", "no-folder", "log-level"],
)
def test_bad_settings_are_one_line(
    env: dict[str, str], args: list[str], words: list[str], tmp_path: Path
) -> None:
    line = assert_one_line_error(cli_en(*args, cwd=tmp_path, **env), *words)
    assert "hunter2" not in line


# --- questions ---------------------------------------------------------------------


def seed_article() -> Path:
    shared = Path(os.environ.get("ETVOUS_SHARED") or REPO.parent / "shared")
    path = shared / "seed" / "article-ia-cinema.fr.txt"
    if not path.is_file():
        pytest.skip(f"seed article {path} is absent")
    return path


async def test_import_the_seed_article_then_list(
    db: SessionFactory, sqlite_url: str, tmp_path: Path
) -> None:
    article = seed_article()
    parsed = importer.parse_article_bytes(article.read_bytes())
    expected = parsed.questions
    assert expected

    import_article = ("questions", "import", str(article), "--guild", str(GUILD))
    done = cli_en(*import_article, "--database-url", sqlite_url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"{len(expected)} added, 0 skipped"
    async with db() as session:
        stored = await questions.list_questions(session, GUILD, limit=100)
    assert [q.text for q in stored] == [
        importer.typeset_question(q.text, parsed.language) for q in expected
    ]
    assert [q.position for q in stored] == list(range(1, len(expected) + 1))
    assert [q.options for q in stored] == [list(q.options) for q in expected]
    assert {q.source for q in stored} == {article.name}
    assert {q.language for q in stored} == {"fr"}
    assert await count(db, AuditEntry, AuditEntry.action == "question_import") == 1

    # importing the same article again adds nothing
    again = cli_en(*import_article, "--database-url", sqlite_url, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == f"0 added, {len(expected)} skipped"
    assert await count(db, Question) == len(expected)

    listed = cli_en(
        "questions", "list", "--guild", str(GUILD), "--database-url", sqlite_url, cwd=tmp_path
    )
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == len(expected)
    for line, question in zip(lines, stored, strict=True):
        assert line.startswith(f"#{question.id}\t{question.position}\tready\t{question.text}\t")


async def test_import_with_explicit_options(
    db: SessionFactory, sqlite_url: str, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    done = cli_en(
        "questions", "import", "a.txt", "--guild", str(GUILD), "--options", " Pour | Contre |Sans avis",
        "--database-url", sqlite_url, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    async with db() as session:
        stored = await questions.list_questions(session, GUILD)
    assert [q.options for q in stored] == [["Pour", "Contre", "Sans avis"]] * 2


async def test_import_with_a_category(db: SessionFactory, sqlite_url: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    base = ("questions", "import", "a.txt", "--guild", str(GUILD), "--database-url", sqlite_url)
    bad = cli_en(*base, "--category", "**gras**", cwd=tmp_path)
    assert bad.returncode != 0 and "invalid category" in bad.stderr
    assert "Traceback" not in bad.stderr
    done = cli_en(*base, "--category", " Cinéma ", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    async with db() as session:
        stored = await questions.list_questions(session, GUILD)
    assert [q.category for q in stored] == ["cinéma", "cinéma"]


async def test_import_outside_the_categories_posted_says_the_schedule_will_not_post_them(
    db: SessionFactory, sqlite_url: str, tmp_path: Path
) -> None:
    """A server that posts only « cinéma » (/setup categories): an import with no category,
    or another, stored questions the schedule never reaches, without a word."""
    from sqlalchemy import update

    from db.models import Guild

    async with db.begin() as session:
        await session.execute(update(Guild).where(Guild.id == GUILD).values(categories=["cinéma"]))
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    base = ("questions", "import", "a.txt", "--guild", str(GUILD), "--database-url", sqlite_url)
    done = cli_en(*base, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "2 added, 0 skipped"  # stored all the same
    assert done.stderr.strip() == (
        "a.txt: the questions imported are outside the categories the server posts (cinéma): "
        "the schedule will not post them. Put them in one of them on Discord (/question edit), "
        "or post them with /question post."
    ), done.stderr
    french = cli(*base, "--category", "société", cwd=tmp_path)
    assert french.returncode == 0, french.stderr
    assert french.stderr.strip() == "", french.stderr  # nothing added: nothing to say
    (tmp_path / "b.txt").write_text(ARTICLE.replace("robots", "drones"), encoding="utf-8")
    other = cli(*base[:2], "b.txt", *base[3:], "--category", "société", cwd=tmp_path)
    assert other.stderr.strip() == (
        "b.txt\u00a0: la question importée est hors des catégories que le serveur publie "
        "(cinéma)\u00a0: le programme ne la publiera pas. Rangez-la dans l’une d’elles sur "
        "Discord (/question modifier), ou publiez-la avec /question publier."
    ), other.stderr
    (tmp_path / "c.txt").write_text(ARTICLE.replace("robots", "avions"), encoding="utf-8")
    inside = cli_en(*base[:2], "c.txt", *base[3:], "--category", "Cinéma", cwd=tmp_path)
    assert inside.returncode == 0 and inside.stdout.splitlines()[-1] == "1 added, 1 skipped"
    assert inside.stderr.strip() == "", inside.stderr


@pytest.mark.parametrize(
    ("content", "extra", "words"),
    [
        (b"\xff\xfeEt vous ?\nFaut-il ?\n", [], ["UTF-8"]),
        (("Et vous ?\nFaut-il taxer les robots ?\n" + "x" * 1_000_000).encode(), [], ["1,000,000"]),
        (b"Un article sans section de questions.\n", [], ["section"]),
        (b"Et vous ?\nCeci n'est pas une question.\n", [], ["question"]),
        (ARTICLE.encode(), ["--options", "Oui"], ["option"]),
        (ARTICLE.encode(), ["--guild-is", "OTHER"], ["unknown server", str(OTHER)]),
        (None, [], ["cannot read"]),
    ],
    ids=["not-utf8", "too-large", "no-section", "no-question", "one-option", "unknown-guild",
         "missing-file"],
)  # fmt: skip
async def test_bad_imports_write_nothing(
    content: bytes | None,
    extra: list[str],
    words: list[str],
    db: SessionFactory,
    sqlite_url: str,
    tmp_path: Path,
) -> None:
    guild = GUILD
    if extra == ["--guild-is", "OTHER"]:
        guild, extra = OTHER, []
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    done = cli_en(
        "questions", "import", str(path), "--guild", str(guild), *extra, "--database-url", sqlite_url,
        cwd=tmp_path,
    )  # fmt: skip
    assert_one_line_error(done, "error:", *words)
    assert done.stdout == ""
    assert await count(db, Question) == 0
    assert await count(db, AuditEntry) == 0


SPACED = "Faut-il" + "; vraiment" * 98 + ", réguler?"
"""997 characters as typed, 1,096 once set with French spacing."""


async def test_an_import_says_french_spacing_took_its_questions_over_the_limit(
    db: SessionFactory, sqlite_url: str, tmp_path: Path
) -> None:
    """Not "longer than 1000 characters" for a question of 997: why it is, in both languages."""
    (tmp_path / "alone.txt").write_text(f"Et vous ?\n{SPACED}\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text(f"Et vous ?\n{SPACED}\nQuel rôle ?\n", encoding="utf-8")
    base = ("questions", "import", "--guild", str(GUILD), "--database-url", sqlite_url)
    refused = cli_en(*base[:2], "alone.txt", *base[2:], cwd=tmp_path)
    assert_one_line_error(
        refused, "With the no-break spaces French puts before", "over 1000 characters", "1096"
    )
    refused_fr = cli(*base[:2], "alone.txt", *base[2:], cwd=tmp_path, ETVOUS_LANG="fr")
    assert_one_line_error(
        refused_fr, "Avec les espaces insécables que le français met", "dépassent 1000", "1096"
    )
    done = cli_en(*base[:2], "two.txt", *base[2:], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "line 2: 1096 characters with the no-break spaces French puts before" in done.stderr
    assert "over 1000, skipped" in done.stderr
    done_fr = cli(*base[:2], "two.txt", *base[2:], cwd=tmp_path, ETVOUS_LANG="fr")
    assert "ligne 2\u00a0: 1096 caractères avec les espaces insécables" in done_fr.stderr
    assert await count(db, Question) == 1


async def test_forget_in_an_unknown_server_fails_cleanly(
    db: SessionFactory, sqlite_url: str, tmp_path: Path
) -> None:
    done = cli_en(
        "forget", "--guild", str(OTHER), "--user", str(ALICE), "--database-url", sqlite_url,
        cwd=tmp_path,
    )  # fmt: skip
    assert_one_line_error(done, "unknown server", str(OTHER))
    assert await count(db, AuditEntry) == 0


# --- forget ------------------------------------------------------------------------


async def test_forget_erases_a_member_in_one_server(
    db: SessionFactory, sqlite_url: str, tmp_path: Path
) -> None:
    async with db.begin() as session:
        await guilds.ensure_guild(session, OTHER, now=T0, timezone="Europe/Paris", language="fr")
        made = []
        for guild_id in (GUILD, OTHER):
            [question] = await questions.add_questions(
                session, guild_id, [("Q ?", "fr", ["Oui", "Non"], None)], now=T0
            )
            made.append(
                await discussions.create_discussion(
                    session,
                    Discussion(
                        guild_id=guild_id,
                        question_id=question.id,
                        question_text="Q ?",
                        options=["Oui", "Non"],
                        language="fr",
                        channel_id=1,
                        opened_at=T0,
                        closes_at=T0 + timedelta(days=3),
                    ),
                )
            )
    here, there = made
    events: list[Any] = []
    for n, (d, author) in enumerate(
        [(here, ALICE), (here, ALICE), (here, BRUNO), (there, ALICE)], start=1
    ):
        events.append(ReplySeen(n, d.id, d.guild_id, author, "nom", f"texte {n}", T0))
    for n, d in enumerate((here, there), start=1):
        events.append(StanceSet(100 + n, d.id, d.guild_id, ALICE, 0, T0))
    events += [VoteSet(3, ALICE, here.id, GUILD, 1, T0), VoteSet(4, BRUNO, there.id, OTHER, -1, T0)]
    events.append(VoteSet(1, BRUNO, here.id, GUILD, 1, T0))
    async with db.begin() as session:
        await apply_batch(session, events)

    done = cli_en(
        "forget",
        "--guild",
        str(GUILD),
        "--user",
        str(ALICE),
        "--database-url",
        sqlite_url,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert f"member {ALICE}" in done.stdout and "(2 replies, 0 suggestions)" in done.stdout

    async with db() as session:
        texts = {r.id: r.text for r in await session.scalars(select(Reply))}
    assert texts == {1: "", 2: "", 3: "texte 3", 4: "texte 4"}
    assert await count(db, Stance, Stance.user_id == ALICE) == 1
    assert await count(db, Stance, Stance.user_id == ALICE, Stance.guild_id == OTHER) == 1
    assert (
        await count(db, StanceChange, StanceChange.user_id == ALICE, StanceChange.guild_id == GUILD)
        == 0
    )
    assert await count(db, Vote, Vote.voter_id == ALICE) == 0
    assert await count(db, Vote, Vote.voter_id == BRUNO) == 1  # his vote on Alice's reply 1 goes
    assert await count(db, Vote, Vote.voter_id == BRUNO, Vote.guild_id == OTHER) == 1
    assert (
        await count(
            db, AuditEntry, AuditEntry.action == "member_data_erased", AuditEntry.guild_id == GUILD
        )
        == 1
    )


# --- an article's address ----------------------------------------------------------


async def test_import_an_article_from_its_address(
    db: SessionFactory, sqlite_url: str, tmp_path: Path
) -> None:
    """The operator gives the page's address, as a moderator does with ``url:``: fetched
    with the same guards, its questions stored under the address without its query."""
    from tests.article_server import ARTICLE_QUESTIONS, STORED_QUESTIONS, ArticleSite

    with ArticleSite() as site:
        link = site.url("/article?utm_source=lettre&token=secret")
        base = ("questions", "import", link, "--guild", str(GUILD), "--database-url", sqlite_url)
        refused = cli_en(*base, cwd=tmp_path)  # loopback: refused unless the setting opens it
        line = assert_one_line_error(refused)
        assert "secret" not in line and site.hits["/article"] == 0
        done = cli_en(*base, cwd=tmp_path, IMPORT_ALLOW_LOOPBACK="1")
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1] == f"{len(ARTICLE_QUESTIONS)} added, 0 skipped"
        gone = cli(*base[:2], site.url("/gone"), *base[3:], cwd=tmp_path, IMPORT_ALLOW_LOOPBACK="1")
        assert_one_line_error(gone, "404", "127.0.0.1")
    async with db() as session:
        stored = await questions.list_questions(session, GUILD, limit=100)
    assert {q.text for q in stored} == STORED_QUESTIONS
    assert {q.source for q in stored} == {site.url("/article")}
