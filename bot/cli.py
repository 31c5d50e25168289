"""The admin CLI. Every command takes ``--database-url`` over the setting.

Errors are one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from bot.config import Settings, SettingsError, load_env, redact_url
from bot.errors import CliError

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
MAX_WARNINGS = 20
"""Bad input lines reported one by one; the rest are counted (a wrong file has thousands)."""


def _settings(args: argparse.Namespace) -> Settings:
    try:
        for warning in load_env(getattr(args, "env_file", None)):
            print(f"{getattr(args, 'env_file', None) or '.env'}: {warning}", file=sys.stderr)
        return Settings.from_env(database_url=getattr(args, "database_url", None))
    except SettingsError as error:
        raise CliError(str(error)) from None


async def _with_sessions(settings: Settings, work: Callable[[Any], Awaitable[int]]) -> int:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from db.engine import is_sqlite, open_engine, session_factory
    from db.migrate import upgrade

    if is_sqlite(settings.database_url):
        # A failed aiosqlite connect leaves a worker thread that prints a
        # traceback once the loop is closed: catch the usual cause first.
        database = make_url(settings.database_url).database or ""
        folder = Path(database).parent
        if database not in ("", ":memory:") and not folder.is_dir():
            raise CliError(f"DATABASE_URL points into {folder}, which is not a folder")
    try:
        engine = open_engine(settings.database_url)
    except Exception as error:  # a malformed URL or a missing driver
        raise CliError(f"DATABASE_URL cannot be used ({type(error).__name__})") from None
    try:
        try:
            await upgrade(engine)
        except (SQLAlchemyError, OSError) as error:
            raise CliError(
                f"cannot reach the database at {redact_url(settings.database_url)} "
                f"({type(error).__name__}); check DATABASE_URL"
            ) from None
        return await work(session_factory(engine))
    finally:
        await engine.dispose()


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if not settings.discord_token:
        raise CliError(
            "DISCORD_TOKEN is not set: put it in .env (see .env.example) or the environment"
        )
    from bot.logs import setup_logging

    setup_logging(
        settings.log_level, secrets=[settings.discord_token.get()], file=settings.log_file
    )
    from bot.runner import run_bot

    return run_bot(settings)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    settings = _settings(args)

    async def done(_: Any) -> int:
        print(f"database at {redact_url(settings.database_url)} is up to date")
        return EXIT_OK

    return asyncio.run(_with_sessions(settings, done))


def _read_article(path: str) -> bytes:
    """The article's bytes, read no further than the import's limit."""
    from bot.importer import MAX_ARTICLE_BYTES

    try:
        with Path(path).open("rb") as fh:
            data = fh.read(MAX_ARTICLE_BYTES + 1)
    except OSError as error:
        raise CliError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise CliError(f"{path}: larger than {MAX_ARTICLE_BYTES:,} bytes")
    return data


def cmd_questions_import(args: argparse.Namespace) -> int:
    from bot.services import cli_ops

    settings = _settings(args)
    data = _read_article(args.file)

    async def work(sessions: Any) -> int:
        outcome = await cli_ops.import_questions(
            sessions,
            settings,
            args.guild,
            data,
            options=args.options,
            source=Path(args.file).name,
            category=args.category,
        )
        for line in outcome.left_out:
            why = "not UTF-8 text" if line.reason == "not_utf8" else "too long"
            print(f"{args.file}: line {line.line_number}: {why}, skipped", file=sys.stderr)
        for question in outcome.added:
            print(f"added #{question.id}: {question.text}  [{' | '.join(question.options)}]")
        for text in outcome.skipped:
            print(f"skipped (already in the bank): {text}")
        print(f"{len(outcome.added)} added, {len(outcome.skipped)} skipped")
        return EXIT_OK

    return asyncio.run(_with_sessions(settings, work))


def cmd_questions_list(args: argparse.Namespace) -> int:
    from bot.services import cli_ops

    settings = _settings(args)

    async def work(sessions: Any) -> int:
        rows = await cli_ops.list_questions(sessions, args.guild)
        for q in rows:
            category = f"\t{q.category}" if q.category else ""
            print(
                f"#{q.id}\t{q.position}\t{q.status}\t{q.text}\t[{' | '.join(q.options)}]{category}"
            )
        return EXIT_OK

    return asyncio.run(_with_sessions(settings, work))


def cmd_export(args: argparse.Namespace) -> int:
    from bot.services import cli_ops

    settings = _settings(args)
    target = Path(args.output) if args.output else None
    if target is not None and target.is_dir():
        raise CliError(f"cannot write {args.output}: it is a folder")

    async def work(sessions: Any) -> int:
        if target is None:
            await cli_ops.export(sessions, args.guild, args.discussion, args.format, sys.stdout)
            return EXIT_OK
        # Written beside the target and moved over it once complete: a database that
        # does not answer, or fails halfway, never empties last week's export.
        partial = target.with_name(target.name + ".part")
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                count = await cli_ops.export(
                    sessions, args.guild, args.discussion, args.format, out
                )
            partial.replace(target)
        except OSError as error:
            raise CliError(f"cannot write {args.output}: {error.strerror or error}") from None
        finally:
            partial.unlink(missing_ok=True)
        print(f"{count} lines written to {args.output}", file=sys.stderr)
        return EXIT_OK

    return asyncio.run(_with_sessions(settings, work))


def cmd_forget(args: argparse.Namespace) -> int:
    from bot.services import cli_ops

    settings = _settings(args)

    async def work(sessions: Any) -> int:
        erased = await cli_ops.forget(sessions, args.guild, args.user)
        print(
            f"erased the data of user {args.user} in guild {args.guild}"
            f" ({erased.replies} replies, {erased.suggestions} suggestions)"
        )
        if erased.cards:
            print(f"its {erased.cards} review cards go from Discord at the bot's next tick")
        return EXIT_OK

    return asyncio.run(_with_sessions(settings, work))


def cmd_analyze(args: argparse.Namespace) -> int:
    from bot.analysis.batch import analyze
    from bot.analysis.jsonl import EmptyExportError, read_export
    from bot.analysis.summary_json import report_json

    path = Path(args.file)
    if not path.is_file():
        raise CliError(
            f"{args.file}: no such file" if not path.exists() else f"{args.file}: not a file"
        )
    try:
        read = read_export(path)
    except EmptyExportError as error:
        raise CliError(f"{args.file}: {error}") from None
    except OSError as error:
        raise CliError(f"cannot read {args.file}: {error.strerror or error}") from None
    if not read.discussions and read.warnings:
        raise CliError(
            f"{args.file}: not an export: no discussion in it "
            f"({len(read.warnings):,} lines skipped, first {read.warnings[0]})"
        )
    for warning in read.warnings[:MAX_WARNINGS]:
        print(f"{args.file}: {warning}", file=sys.stderr)
    if len(read.warnings) > MAX_WARNINGS:
        more = len(read.warnings) - MAX_WARNINGS
        print(f"{args.file}: {more:,} more bad lines skipped", file=sys.stderr)
    vectors = None if args.no_themes else _reply_vectors(read.discussions, args)
    summaries = analyze(read.discussions, workers=args.jobs or os.cpu_count() or 1, vectors=vectors)
    if args.format == "json":
        # dumps, not dump: dump streams through the pure-Python encoder (4x slower);
        # the report is plain data just built, so there is no cycle to look for
        report = report_json(summaries)
        sys.stdout.write(json.dumps(report, ensure_ascii=False, check_circular=False) + "\n")
    else:
        from bot.analysis.text_report import render_text  # Fluent: only for the text report

        languages = [d.language for d in read.discussions] or ["fr"]
        sys.stdout.write(render_text(summaries, languages[0]))
    return EXIT_OK


def _reply_vectors(discussions: Sequence[Any], args: argparse.Namespace) -> dict[str, Any]:
    """Every reply's vector, from the cache or encoded, a progress bar on a terminal."""
    from bot.analysis.embeddings import default_encoder
    from bot.vector_cache import default_cache_dir, vectors_for

    texts = {r.id: r.text for d in discussions for r in d.replies}
    cache = None if args.no_cache else Path(args.cache_dir or default_cache_dir())
    progress = _progress_bar if sys.stderr.isatty() else None
    vectors = vectors_for(texts, default_encoder(), cache_dir=cache, progress=progress)
    if progress is not None:
        print(file=sys.stderr)
    return vectors


def _progress_bar(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    bar = "#" * filled + "-" * (width - filled)
    print(f"\rencoding replies [{bar}] {done}/{total}", end="", file=sys.stderr, flush=True)


def cmd_demo(args: argparse.Namespace) -> int:
    from bot.demo.driver import run_demo

    return run_demo(Path(args.output), members=args.members)


def cmd_web(args: argparse.Namespace) -> int:
    from bot.web_cli import serve

    return serve(_settings(args), args.guild, args.port)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


MAX_ID = 2**63 - 1
"""The largest id a database column holds (Discord's snowflakes and ours are below it)."""


def _id(text: str) -> int:
    value = _positive_int(text)
    if value > MAX_ID:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (too large)")
    return value


def _port(text: str) -> int:
    value = _positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (1-65535)")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", help="overrides DATABASE_URL")
    common.add_argument("--env-file", help="read settings from this file instead of ./.env")
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Et vous ? — Discord debate bot and its admin tools.",
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser("run", parents=[common], help="run the bot (the default)")
    run.set_defaults(handler=cmd_run)
    _add_database_commands(commands, common)
    _add_data_commands(commands, common)
    return parser


def _add_database_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """``db upgrade`` and ``questions import|list``."""
    db = commands.add_parser("db", parents=[common], help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    upgrade = db_commands.add_parser(
        "upgrade", parents=[common], help="migrate to the latest schema"
    )
    upgrade.set_defaults(handler=cmd_db_upgrade)

    questions = commands.add_parser("questions", parents=[common], help="a server's question bank")
    q_commands = questions.add_subparsers(dest="q_command", metavar="COMMAND", required=True)
    imp = q_commands.add_parser("import", parents=[common], help="import an article's questions")
    imp.add_argument("file", help="a UTF-8 article with an 'Et vous ?' section")
    imp.add_argument("--guild", type=_id, required=True, help="server id")
    imp.add_argument("--options", help='answer options for every question, e.g. "A|B|C"')
    imp.add_argument("--category", help="the category of every imported question, e.g. cinéma")
    imp.set_defaults(handler=cmd_questions_import)
    lst = q_commands.add_parser("list", parents=[common], help="list a server's questions")
    lst.add_argument("--guild", type=_id, required=True, help="server id")
    lst.set_defaults(handler=cmd_questions_list)


def _add_data_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """``export``, ``analyze`` (an export file), ``forget`` and ``demo``."""
    export = commands.add_parser("export", parents=[common], help="export stored answers")
    export.add_argument("--guild", type=_id, required=True, help="server id")
    export.add_argument("--discussion", type=_id, help="one discussion only")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--output", help="file to write (default: standard output)")
    export.set_defaults(handler=cmd_export)

    analyze = commands.add_parser("analyze", parents=[common], help="analyse an export file")
    analyze.add_argument("file", help="a JSONL export")
    analyze.add_argument("--format", choices=("json", "text"), default="text")
    analyze.add_argument(
        "--jobs",
        type=_positive_int,
        help="processes for the per-discussion analysis (default: one per CPU)",
    )
    analyze.add_argument(
        "--no-themes", action="store_true", help="skip the themes (no sentence vectors)"
    )
    analyze.add_argument("--cache-dir", help="where reply vectors are cached (~/.cache/etvous)")
    analyze.add_argument("--no-cache", action="store_true", help="keep no vector cache")
    analyze.set_defaults(handler=cmd_analyze)

    forget = commands.add_parser(
        "forget", parents=[common], help="erase a member's data in one server"
    )
    forget.add_argument("--guild", type=_id, required=True, help="server id")
    forget.add_argument("--user", type=_id, required=True, help="user id")
    forget.set_defaults(handler=cmd_forget)

    web = commands.add_parser(
        "web", parents=[common], help="serve the review room alone on 127.0.0.1 for one server"
    )
    web.add_argument("--guild", type=_id, required=True, help="server id")
    web.add_argument("--port", type=_port, help="port (default: WEB_PORT, 8080)")
    web.set_defaults(handler=cmd_web)

    demo = commands.add_parser(
        "demo", parents=[common], help="run the bot against a simulated Discord, offline"
    )
    demo.add_argument("--output", default="demo-output", help="folder for the database and export")
    demo.add_argument(
        "--members", type=_positive_int, default=12, help="how many members take part"
    )
    demo.set_defaults(handler=cmd_demo)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", cmd_run)
    try:
        return int(handler(args))
    except CliError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: one line, the traceback only when asked for
        if os.environ.get("ETVOUS_DEBUG"):
            raise
        print(
            f"error: unexpected {type(error).__name__}: {str(error)[:200]} "
            "(a bug: please report it; ETVOUS_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return EXIT_ERROR
