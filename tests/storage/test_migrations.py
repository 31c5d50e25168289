"""Migrations on each backend: head matches the models, down and up again work."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from db.engine import open_engine
from db.migrate import downgrade, upgrade
from db.models import Base
from tests.cli_run import cli

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def _diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_head_matches_models_then_down_and_up_again(empty_database_url: str) -> None:
    engine = open_engine(empty_database_url)
    try:
        await upgrade(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
            tables = await connection.run_sync(_tables)
        assert tables == set(Base.metadata.tables) | {"alembic_version"}

        await downgrade(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) == {"alembic_version"}

        await upgrade(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
    finally:
        await engine.dispose()


async def test_upgrade_twice_is_a_no_op(empty_database_url: str) -> None:
    engine = open_engine(empty_database_url)
    try:
        await upgrade(engine)
        await upgrade(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
    finally:
        await engine.dispose()


def test_the_migration_files_names_give_alembics_revisions_and_head() -> None:
    """``upgrade`` tells a database at head without Alembic, by the migration files' names:
    every file there is named by its revision, each revises the number before it (one line
    of history), and the newest is the head Alembic reads."""
    from alembic.script import ScriptDirectory

    from db.migrate import MIGRATION_FILE, alembic_config, head_revision

    directory = ScriptDirectory.from_config(alembic_config())
    scripts = sorted(directory.walk_revisions(), key=lambda script: script.revision)
    files = {path.name for path in Path(directory.versions).glob("*.py")}
    assert files == {Path(str(script.path)).name for script in scripts}
    for script in scripts:
        named = MIGRATION_FILE.fullmatch(Path(str(script.path)).name)
        assert named and named.group(1) == script.revision, script.path
    revisions = [script.revision for script in scripts]
    assert [script.down_revision for script in scripts] == [None, *revisions[:-1]]
    assert head_revision() == directory.get_current_head() == revisions[-1]


async def test_a_database_at_head_is_told_without_alembic(
    database_url: str, monkeypatch: Any
) -> None:
    """At head (every start but the first after an update), ``upgrade`` reads the revision
    stored and leaves Alembic alone: importing it and reading every migration cost each
    CLI command 0.35 s of CPU. One revision behind, Alembic brings the database to head;
    at a revision newer than this code's, it is refused, nothing changed."""
    import pytest
    from sqlalchemy import text

    import db.migrate
    from db.migrate import UnknownRevision, head_revision

    alembic_ran: list[tuple[str, str]] = []
    run = db.migrate._run

    def recorded(connection: Connection, action: str, revision: str) -> None:
        alembic_ran.append((action, revision))
        run(connection, action, revision)

    monkeypatch.setattr(db.migrate, "_run", recorded)
    head = head_revision()
    engine = open_engine(database_url)
    try:
        await upgrade(engine)
        assert alembic_ran == []
        await downgrade(engine, f"{int(head) - 1:04d}")
        await upgrade(engine)
        assert alembic_ran[1:] == [("upgrade", "head")]
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
        async with engine.begin() as connection:
            await connection.execute(
                text("UPDATE alembic_version SET version_num = :r"), {"r": f"{int(head) + 1:04d}"}
            )
        with pytest.raises(UnknownRevision):
            await upgrade(engine)
    finally:
        await engine.dispose()


def test_cli_db_upgrade(empty_database_url: str, tmp_path: Path) -> None:
    done = cli("db", "upgrade", "--database-url", empty_database_url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "est à jour" in done.stdout  # French, the CLI's default
    assert "Traceback" not in done.stderr

    async def check() -> None:
        engine = open_engine(empty_database_url)
        try:
            async with engine.connect() as connection:
                assert await connection.run_sync(_diff) == []
                assert await connection.run_sync(_tables) == set(Base.metadata.tables) | {
                    "alembic_version"
                }
        finally:
            await engine.dispose()

    asyncio.run(check())


async def test_0002_erases_authors_of_erased_replies_and_opens_opt_out_intervals(
    empty_database_url: str,
) -> None:
    """Data stored before 0002: erased replies lose their author; members opted out
    then get an open interval from their choice on, so catch-up keeps honouring it."""
    from sqlalchemy import text

    engine = open_engine(empty_database_url)
    try:
        await upgrade(engine, "0001")
        async with engine.begin() as connection:
            for statement, values in (
                (
                    "INSERT INTO guilds (id, cron, timezone, duration_hours, language, paused,"
                    " present, created_at, updated_at) VALUES (1, '0 18 * * 1', 'UTC', 72, 'fr',"
                    " false, true, :t, :t)",
                    {},
                ),
                (
                    "INSERT INTO questions (id, guild_id, position, text, language, options,"
                    " status, created_at) VALUES (1, 1, 1, 'Q ?', 'fr', '[]', 'posted', :t)",
                    {},
                ),
                (
                    "INSERT INTO discussions (id, guild_id, question_id, question_text, options,"
                    " language, channel_id, opened_at, closes_at) VALUES (1, 1, 1, 'Q ?', '[]',"
                    " 'fr', 5, :t, :t)",
                    {},
                ),
                (
                    "INSERT INTO replies (id, discussion_id, guild_id, author_id, author_name,"
                    " text, created_at, deleted, via_modal) VALUES"
                    " (10, 1, 1, 77, '', '', :t, true, false),"
                    " (11, 1, 1, 78, 'bruno', 'gardé', :t, false, false)",
                    {},
                ),
                (
                    "INSERT INTO member_preferences (guild_id, user_id, opted_out, updated_at)"
                    " VALUES (1, 77, true, :t), (1, 78, false, :t)",
                    {},
                ),
            ):
                await connection.execute(text(statement), {"t": T0, **values})
        await upgrade(engine)
        async with engine.connect() as connection:
            authors = dict(
                (await connection.execute(text("SELECT id, author_id FROM replies"))).all()
            )
            spans = (
                await connection.execute(
                    text(
                        "SELECT guild_id, user_id, reason, starts_at, ends_at FROM privacy_intervals"
                    )
                )
            ).all()
        assert authors == {10: 0, 11: 78}
        assert [(g, u, r, e) for g, u, r, _, e in spans] == [(1, 77, "opted_out", None)]
        assert spans[0][3] is not None
    finally:
        await engine.dispose()


async def test_0004_keeps_every_row_and_gives_the_new_settings_their_defaults(
    empty_database_url: str,
) -> None:
    """A server set up before 0004: upgrading adds columns in place (SQLite would
    otherwise copy and drop ``guilds``, cascading into every discussion and reply),
    the settings get their defaults, and going down and up again keeps the rows."""
    from sqlalchemy import text

    engine = open_engine(empty_database_url)
    try:
        await upgrade(engine, "0002")
        async with engine.begin() as connection:
            for statement in (
                "INSERT INTO guilds (id, cron, timezone, duration_hours, language, paused,"
                " present, created_at, updated_at) VALUES (1, '0 18 * * 1', 'UTC', 72, 'fr',"
                " false, true, :t, :t)",
                "INSERT INTO questions (id, guild_id, position, text, language, options,"
                " status, created_at) VALUES (1, 1, 1, 'Q ?', 'fr', '[]', 'posted', :t)",
                "INSERT INTO discussions (id, guild_id, question_id, question_text, options,"
                " language, channel_id, opened_at, closes_at) VALUES (1, 1, 1, 'Q ?', '[]',"
                " 'fr', 5, :t, :t)",
                "INSERT INTO replies (id, discussion_id, guild_id, author_id, author_name,"
                " text, created_at, deleted, via_modal) VALUES"
                " (11, 1, 1, 78, 'bruno', 'gardé', :t, false, false)",
                "INSERT INTO member_preferences (guild_id, user_id, opted_out, updated_at)"
                " VALUES (1, 78, false, :t)",
            ):
                await connection.execute(text(statement), {"t": T0})
        for step in ("head", "0002", "head"):
            if step == "0002":
                await downgrade(engine, "0002")
            else:
                await upgrade(engine)
            async with engine.connect() as connection:
                count = (await connection.execute(text("SELECT count(*) FROM replies"))).scalar()
                assert count == 1, step
        async with engine.connect() as connection:
            guild = (
                await connection.execute(
                    text(
                        "SELECT credit_suggesters, leaderboard, hide_counts, reminder_hours,"
                        " categories FROM guilds"
                    )
                )
            ).one()
            assert [bool(v) for v in guild[:3]] == [True, False, False]  # SQLite: 1 and 0
            assert tuple(guild[3:]) == (None, None)
            question = (
                await connection.execute(
                    text("SELECT category, suggested_by, up_next FROM questions")
                )
            ).one()
            assert tuple(question[:2]) == (None, None) and not question[2]
            hidden = (
                await connection.execute(
                    text("SELECT hidden_from_leaderboard FROM member_preferences")
                )
            ).scalar()
            assert hidden in (False, 0)
            assert await connection.run_sync(_diff) == []
    finally:
        await engine.dispose()


async def test_0006_adds_its_tables_beside_the_rows_and_goes_down_cleanly(
    empty_database_url: str,
) -> None:
    """0006 only creates tables: a server's rows stay through up, down and up again;
    its tables hold their rows, an unposted summary goes with its discussion."""
    from sqlalchemy import text

    engine = open_engine(empty_database_url)
    try:
        await upgrade(engine, "0005")
        async with engine.begin() as connection:
            for statement in (
                "INSERT INTO guilds (id, cron, timezone, duration_hours, language, paused,"
                " present, created_at, updated_at) VALUES (1, '0 18 * * 1', 'UTC', 72, 'fr',"
                " false, true, :t, :t)",
                "INSERT INTO questions (id, guild_id, position, text, language, options,"
                " status, created_at) VALUES (1, 1, 1, 'Q ?', 'fr', '[]', 'posted', :t)",
                "INSERT INTO discussions (id, guild_id, question_id, question_text, options,"
                " language, channel_id, opened_at, closes_at) VALUES (1, 1, 1, 'Q ?', '[]',"
                " 'fr', 5, :t, :t), (2, 1, 1, 'Q ?', '[]', 'fr', 5, :t, :t)",
                "INSERT INTO replies (id, discussion_id, guild_id, author_id, author_name,"
                " text, created_at, deleted, via_modal) VALUES"
                " (11, 1, 1, 78, 'bruno', 'gardé', :t, false, false)",
            ):
                await connection.execute(text(statement), {"t": T0})
        await upgrade(engine)
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO unposted_summaries (discussion_id, guild_id, attempts, posted,"
                    " failed_at) VALUES (1, 1, 2, 1, :t), (2, 1, 1, 0, :t)"
                ),
                {"t": T0},
            )
            await connection.execute(
                text(
                    "INSERT INTO erased_review_cards (message_id, channel_id, guild_id)"
                    " VALUES (9000000000000000001, 9000000000000000002, 1)"
                )
            )
            await connection.execute(text("DELETE FROM discussions WHERE id = 2"))
        async with engine.connect() as connection:
            rows = (
                await connection.execute(
                    text("SELECT discussion_id, attempts, posted FROM unposted_summaries")
                )
            ).all()
            assert [tuple(r) for r in rows] == [(1, 2, 1)]
            card = (await connection.execute(text("SELECT * FROM erased_review_cards"))).one()
            assert card.message_id == 9000000000000000001
        await downgrade(engine, "0005")
        async with engine.connect() as connection:
            tables = await connection.run_sync(_tables)
            assert not {"unposted_summaries", "erased_review_cards", "erased_credits"} & tables
            count = (await connection.execute(text("SELECT count(*) FROM replies"))).scalar()
            assert count == 1
        await upgrade(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
            count = (await connection.execute(text("SELECT count(*) FROM discussions"))).scalar()
            assert count == 1
    finally:
        await engine.dispose()


async def test_0010_gives_held_discussions_their_questions_category(
    empty_database_url: str,
) -> None:
    """Discussions held before 0010 take their question's category (none where it has
    none); a discussion's category is its own afterwards: the question sorted elsewhere
    leaves it; down and up again keeps every row."""
    from sqlalchemy import text

    engine = open_engine(empty_database_url)
    try:
        await upgrade(engine, "0009")
        async with engine.begin() as connection:
            for statement in (
                "INSERT INTO guilds (id, cron, timezone, duration_hours, language, paused,"
                " present, created_at, updated_at) VALUES (1, '0 18 * * 1', 'UTC', 72, 'fr',"
                " false, true, :t, :t)",
                "INSERT INTO questions (id, guild_id, position, text, language, options,"
                " status, created_at, category) VALUES (1, 1, 1, 'Q ?', 'fr', '[]', 'posted',"
                " :t, 'cinéma'), (2, 1, 2, 'R ?', 'fr', '[]', 'posted', :t, NULL)",
                "INSERT INTO discussions (id, guild_id, question_id, question_text, options,"
                " language, channel_id, opened_at, closes_at) VALUES (1, 1, 1, 'Q ?', '[]',"
                " 'fr', 5, :t, :t), (2, 1, 2, 'R ?', '[]', 'fr', 5, :t, :t),"
                " (3, 1, 1, 'Q ?', '[]', 'fr', 5, :t, :t)",
                "INSERT INTO replies (id, discussion_id, guild_id, author_id, author_name,"
                " text, created_at, deleted, via_modal) VALUES"
                " (11, 1, 1, 78, 'bruno', 'gardé', :t, false, false)",
            ):
                await connection.execute(text(statement), {"t": T0})
        await upgrade(engine)

        async def categories() -> list[tuple[int, str | None]]:
            async with engine.connect() as connection:
                rows = await connection.execute(
                    text("SELECT id, category FROM discussions ORDER BY id")
                )
                return [(int(r[0]), r[1]) for r in rows]

        assert await categories() == [(1, "cinéma"), (2, None), (3, "cinéma")]
        async with engine.begin() as connection:
            await connection.execute(text("UPDATE questions SET category = 'société'"))
        assert await categories() == [(1, "cinéma"), (2, None), (3, "cinéma")]
        await downgrade(engine, "0009")
        assert await _counts(engine, ["discussions", "replies"]) == {
            "discussions": 3,
            "replies": 1,
        }
        await upgrade(engine)
        assert await categories() == [(1, "société"), (2, "société"), (3, "société")]
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
    finally:
        await engine.dispose()


async def test_0013_dates_removals_and_0014_never_gives_an_id_twice(
    empty_database_url: str,
) -> None:
    """A server already removed at 0013 counts its removal from its last change, one the
    bot is in has none; 0014 copies discussions and suggestions with every row and what
    hangs from them, and an id deleted (a forgotten server's) is never given again."""
    from sqlalchemy import text

    later = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    engine = open_engine(empty_database_url)
    try:
        await upgrade(engine, "0012")
        async with engine.begin() as connection:
            for statement, when in (
                (
                    "INSERT INTO guilds (id, cron, timezone, duration_hours, language, paused,"
                    " present, created_at, updated_at) VALUES (1, '0 18 * * 1', 'UTC', 72,"
                    " 'fr', false, true, :t, :t), (2, '0 18 * * 1', 'UTC', 72, 'fr', true,"
                    " false, :t, :t)",
                    T0,
                ),
                ("UPDATE guilds SET updated_at = :t WHERE id = 2", later),
                (
                    "INSERT INTO questions (id, guild_id, position, text, language, options,"
                    " status, created_at) VALUES (1, 1, 1, 'Q ?', 'fr', '[]', 'posted', :t)",
                    T0,
                ),
                (
                    "INSERT INTO discussions (id, guild_id, question_id, question_text,"
                    " options, language, channel_id, opened_at, closes_at) VALUES"
                    " (5, 1, 1, 'Q ?', '[]', 'fr', 5, :t, :t)",
                    T0,
                ),
                (
                    "INSERT INTO replies (id, discussion_id, guild_id, author_id, author_name,"
                    " text, created_at, deleted, via_modal) VALUES"
                    " (11, 5, 1, 78, 'bruno', 'gardé', :t, false, false)",
                    T0,
                ),
                (
                    "INSERT INTO suggestions (guild_id, author_id, author_name, text,"
                    " options, language, status, created_at) VALUES"
                    " (1, 78, 'bruno', 'S ?', '[]', 'fr', 'pending', :t)",
                    T0,
                ),
            ):
                await connection.execute(text(statement), {"t": when})
        await upgrade(engine)
        async with engine.connect() as connection:
            rows = await connection.execute(text("SELECT id, left_at FROM guilds ORDER BY id"))
            left = {int(r[0]): r[1] for r in rows}
        assert left[1] is None and left[2] is not None
        assert str(later.replace(tzinfo=None)) in str(left[2])
        assert await _counts(engine, ["discussions", "replies", "suggestions"]) == {
            "discussions": 1,
            "replies": 1,
            "suggestions": 1,
        }
        async with engine.begin() as connection:
            (first,) = (await connection.execute(text("SELECT id FROM suggestions"))).scalars()
            await connection.execute(text("DELETE FROM suggestions"))
            await connection.execute(
                text(
                    "INSERT INTO suggestions (guild_id, author_id, author_name, text, options,"
                    " language, status, created_at) VALUES"
                    " (1, 78, 'bruno', 'T ?', '[]', 'fr', 'pending', :t)"
                ),
                {"t": T0},
            )
            (given,) = (await connection.execute(text("SELECT id FROM suggestions"))).scalars()
        assert given > first  # the database chose both: the first is never given again
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
    finally:
        await engine.dispose()


async def _set_revision(url: str, revision: str) -> None:
    from sqlalchemy import text

    engine = open_engine(url)
    try:
        await upgrade(engine)
        async with engine.begin() as connection:
            await connection.execute(
                text("UPDATE alembic_version SET version_num = :r"), {"r": revision}
            )
    finally:
        await engine.dispose()


def test_a_database_from_a_newer_version_is_refused_in_one_line(
    empty_database_url: str, tmp_path: Path
) -> None:
    """The bot rolled back after a newer one migrated its database (or a database another
    Alembic program made): before, "unexpected CommandError ... (a bug)"."""
    asyncio.run(_set_revision(empty_database_url, "0099"))
    token = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"
    for command in (["db", "upgrade"], ["questions", "list", "--guild", "1"], ["run"]):
        done = cli(
            *command,
            cwd=tmp_path,
            DATABASE_URL=empty_database_url,
            DISCORD_TOKEN=token,
            ETVOUS_LANG="en",
        )
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        # ``run`` logs as it starts (alembic's context lines); the error is one line
        (line,) = [line for line in done.stderr.splitlines() if " level=" not in line]
        assert line.startswith("error: ")
        assert "0099" in line and "newer version" in line, line
        assert "unexpected" not in line


def test_a_file_that_is_not_a_database_says_so(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database, some notes\n" * 200, encoding="utf-8")
    done = cli(
        "db", "upgrade", cwd=tmp_path, DATABASE_URL=f"sqlite+aiosqlite:///{path}", ETVOUS_LANG="en"
    )
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert "not a database" in line, line


def test_a_database_name_the_server_does_not_have_says_so(tmp_path: Path) -> None:
    from tests.conftest import pg_reason, pg_url

    reason = pg_reason()
    if reason:
        import pytest

        pytest.skip(reason)
    from sqlalchemy.engine import make_url

    url = make_url(pg_url()).set(database="etvous_no_such_database", password="hunter2")
    rendered = url.render_as_string(hide_password=False)
    done = cli("db", "upgrade", cwd=tmp_path, DATABASE_URL=rendered, ETVOUS_LANG="en")
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert 'database "etvous_no_such_database" does not exist' in line, line
    assert "hunter2" not in done.stderr


ROWS_OF_0001 = (
    "INSERT INTO guilds (id, cron, timezone, duration_hours, language, paused, present,"
    " created_at, updated_at) VALUES (1, '0 18 * * 1', 'UTC', 72, 'fr', false, true, :t, :t)",
    "INSERT INTO questions (id, guild_id, position, text, language, options, status, created_at)"
    " VALUES (1, 1, 1, 'Q ?', 'fr', '[]', 'posted', :t)",
    "INSERT INTO discussions (id, guild_id, question_id, question_text, options, language,"
    " channel_id, opened_at, closes_at) VALUES (1, 1, 1, 'Q ?', '[]', 'fr', 5, :t, :t)",
    "INSERT INTO replies (id, discussion_id, guild_id, author_id, author_name, text, created_at,"
    " deleted, via_modal) VALUES (10, 1, 1, 77, 'alice', 'oui', :t, false, false),"
    " (11, 1, 1, 78, 'bruno', 'non', :t, false, false)",
    "INSERT INTO reply_revisions (reply_id, text, edited_at) VALUES (10, 'ouii', :t)",
    "INSERT INTO votes (reply_id, voter_id, discussion_id, guild_id, value, at) VALUES"
    " (10, 78, 1, 1, 1, :t), (11, 77, 1, 1, -1, :t)",
    "INSERT INTO stances (discussion_id, user_id, guild_id, option, at) VALUES (1, 77, 1, 0, :t)",
    "INSERT INTO stance_changes (discussion_id, guild_id, user_id, option, at)"
    " VALUES (1, 1, 77, 0, :t)",
)


async def _counts(engine: Any, tables: list[str]) -> dict[str, int]:
    from sqlalchemy import text

    async with engine.connect() as connection:
        return {
            table: int((await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar())
            for table in tables
        }


async def test_every_step_down_and_up_keeps_the_rows_that_step_does_not_own(
    empty_database_url: str,
) -> None:
    """Rows stored at 0001 (a reply with its votes and an earlier version) survive each
    migration down to 0001 and back up, one step at a time. Before, on SQLite, 0002's
    downgrade copied ``replies`` into a new table and dropped the old one with foreign
    keys on: every vote and reply revision went with it (ON DELETE CASCADE)."""
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from db.migrate import alembic_config

    steps = [
        s.revision
        for s in reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))
    ]
    tables = ["guilds", "questions", "discussions", "replies", "reply_revisions", "votes"]
    tables += ["stances", "stance_changes"]
    engine = open_engine(empty_database_url)
    try:
        await upgrade(engine, steps[0])
        async with engine.begin() as connection:
            for statement in ROWS_OF_0001:
                await connection.execute(text(statement), {"t": T0})
        stored = await _counts(engine, tables)
        assert all(stored.values()), stored
        for revision in steps[1:]:
            await upgrade(engine, revision)
            assert await _counts(engine, tables) == stored, f"up to {revision}"
        for revision in reversed(steps[:-1]):
            await downgrade(engine, revision)
            assert await _counts(engine, tables) == stored, f"down to {revision}"
        await upgrade(engine)
        assert await _counts(engine, tables) == stored
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
    finally:
        await engine.dispose()


async def test_a_migration_that_fails_halfway_changes_nothing(empty_database_url: str) -> None:
    """0004 meets a table in its way after it has added its columns to ``guilds``: the
    upgrade fails, and the database must be left as it was, at 0003, so that once the
    obstacle is gone the next start completes it. Before, on SQLite (whose driver runs
    DDL outside any transaction), the columns stayed without their revision: every later
    start failed on "duplicate column name" until someone repaired the file by hand."""
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    engine = open_engine(empty_database_url)
    try:
        await upgrade(engine, "0003")
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE reminders (x INTEGER)"))
        with pytest.raises(SQLAlchemyError):
            await upgrade(engine)

        def guild_columns(connection: Connection) -> set[str]:
            return {c["name"] for c in inspect(connection).get_columns("guilds")}

        async with engine.connect() as connection:
            revision = (
                await connection.execute(text("SELECT version_num FROM alembic_version"))
            ).scalar()
            assert revision == "0003"
            assert "review_channel_id" not in await connection.run_sync(guild_columns)
            assert "suggestions" not in await connection.run_sync(_tables)
        async with engine.begin() as connection:
            await connection.execute(text("DROP TABLE reminders"))
        await upgrade(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
    finally:
        await engine.dispose()


async def test_two_processes_migrating_at_once_both_start(empty_database_url: str) -> None:
    """Two processes (a deploy, ``db upgrade`` run beside a starting bot) migrate the same
    database at once: one migrates, the other waits for it and finds the schema at
    head. PostgreSQL takes an advisory lock; SQLite takes its write lock before it reads
    the revision. Before, on SQLite, the second read the old revision, then failed."""
    engines = [open_engine(empty_database_url) for _ in range(2)]
    try:
        # an existing database (made at 0001): two processes creating the very same file
        # at the same instant is not the case here, a deploy upgrading one is
        await upgrade(engines[0], "0001")
        await engines[0].dispose()
        await asyncio.gather(*(upgrade(engine) for engine in engines))
        async with engines[0].connect() as connection:
            assert await connection.run_sync(_diff) == []
    finally:
        for engine in engines:
            await engine.dispose()
