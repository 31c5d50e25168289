"""The admin CLI. Every command takes ``--database-url`` over the setting.

Errors are one clear line on stderr and a non-zero exit, never a traceback.
What it writes for a person is in its language (``--lang``, ``ETVOUS_LANG``,
the locale; French first: :mod:`bot.cli_language`); what it writes for a
program (exports, ``analyze --format json``, ``questions list``) never changes.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import cli_language, cli_output
from bot.cli_argparse import LocalizedParser
from bot.config import Settings, SettingsError, check_bot_token, load_env, redact_url
from bot.errors import CliError
from bot.i18n import LANGUAGES, t

if TYPE_CHECKING:
    from bot.analysis.jsonl import ExportWarning

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
MIN_MASKED_PASSWORD = 6
"""The database's password is masked in the logs wherever it shows from this length on."""
MAX_WARNINGS = 20
"""Bad input lines reported one by one; the rest are counted (a wrong file has thousands)."""


def _warn(args: argparse.Namespace, file: str, message: str) -> None:
    print(t("cli-in-file", args.lang, file=file, message=message), file=sys.stderr)


def _settings(args: argparse.Namespace) -> Settings:
    env_file = getattr(args, "env_file", None)
    try:
        for skipped in load_env(env_file):
            key = "cli-env-not-utf8" if skipped.reason == "not_utf8" else "cli-env-not-name-value"
            _warn(args, env_file or ".env", t(key, args.lang, line=skipped.line))
        return Settings.from_env(database_url=getattr(args, "database_url", None))
    except SettingsError as error:
        raise CliError(error.key, **error.args_) from None


def _database_said(error: BaseException) -> str | None:
    """What the database itself answered (a database name it does not have, a role it
    refused, a file that is not a database), or ``None`` when it was never reached."""
    from bot.logs import redact

    orig = getattr(error, "orig", None)
    if orig is None or isinstance(orig, OSError):
        return None
    said = str(orig).strip().splitlines()
    return redact(said[0])[:200] if said else None


def _what(error: BaseException) -> str:
    """The error's class, and the system's words when it has any (a host unknown, SSL refused)."""
    from bot.logs import redact

    cause = getattr(error, "orig", None) or error
    words = " ".join(str(cause).split())
    kind = type(cause).__name__
    return f"{kind}: {redact(words)[:200]}" if words else kind


async def _with_sessions(
    settings: Settings,
    work: Callable[[Any], Awaitable[int]],
    *,
    writable: bool = False,
    existing: bool = True,
) -> int:
    """``work`` on the database migrated to head; with ``writable``, once a write was
    tried; a SQLite file is made only when not ``existing`` (``run``, ``db upgrade``: the
    commands about a server need the database that has it, not a new one at a typo)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from db.engine import is_locked, is_sqlite, open_engine, session_factory
    from db.migrate import NotWritable, UnknownRevision, check_writable, upgrade

    if is_sqlite(settings.database_url):
        # A failed aiosqlite connect leaves a worker thread that prints a
        # traceback once the loop is closed: catch the usual cause first.
        database = make_url(settings.database_url).database or ""
        if database in ("", ":memory:"):
            raise CliError("cli-database-in-memory")  # gone at exit, with all it stored
        folder = Path(database).parent
        if not folder.is_dir():
            raise CliError("cli-database-folder", folder=str(folder))
        if existing and not await asyncio.to_thread(Path(database).exists):
            raise CliError("cli-database-no-file", path=database)
    try:
        engine = open_engine(settings.database_url)
    except Exception as error:  # a malformed URL or a missing driver
        raise CliError("cli-database-unusable", kind=type(error).__name__) from None
    url = redact_url(settings.database_url)
    try:
        try:
            await upgrade(engine)
            if writable:
                await check_writable(engine)
        except NotWritable as refused:
            raise CliError("cli-database-read-only", url=url, reason=refused.reason) from None
        except UnknownRevision as unknown:
            raise CliError("cli-database-newer", url=url, revision=unknown.revision) from None
        except (SQLAlchemyError, OSError) as error:
            if is_locked(error):
                raise CliError("cli-database-locked", url=url) from None
            said = _database_said(error)
            if said:
                raise CliError("cli-database-refused", url=url, reason=said) from None
            raise CliError("cli-database-unreachable", url=url, kind=_what(error)) from None
        try:
            return await work(session_factory(engine))
        except SQLAlchemyError as error:
            if is_locked(error):
                raise CliError("cli-database-locked", url=url) from None
            raise
    finally:
        await engine.dispose()


def _secrets(settings: Settings) -> list[str]:
    """What the logs mask wherever it shows: the token, the web secret, the database's password."""
    from sqlalchemy.engine import make_url

    password = str(make_url(settings.database_url).password or "")
    # URLs have their password masked by shape; a short one, masked wherever it shows,
    # would garble every log line holding those few letters
    database = [password] if len(password) >= MIN_MASKED_PASSWORD else []
    return [settings.discord_token.get(), settings.web_secret.get(), *database]


async def _ready(_: Any) -> int:
    return EXIT_OK


def _start_logging(settings: Settings) -> None:
    """The log of a command that serves (``run``, ``web``): LOG_LEVEL, LOG_FILE, secrets masked."""
    from bot.logs import setup_logging

    try:
        setup_logging(settings.log_level, secrets=_secrets(settings), file=settings.log_file)
    except OSError as error:  # LOG_FILE in a folder that does not exist, or a folder itself
        reason = str(error.strerror or error)
        raise CliError("settings-log-file", file=str(settings.log_file), reason=reason) from None


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if not settings.discord_token:
        raise CliError("cli-token-missing")
    try:
        check_bot_token(settings.discord_token)
    except SettingsError as error:
        raise CliError(error.key, **error.args_) from None
    _start_logging(settings)
    # The database answers and has the latest schema before Discord is asked anything.
    asyncio.run(_with_sessions(settings, _ready, writable=True, existing=False))
    from bot.runner import run_bot

    return run_bot(settings)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    settings = _settings(args)

    async def done(_: Any) -> int:
        print(t("cli-db-up-to-date", args.lang, url=redact_url(settings.database_url)))
        return EXIT_OK

    return asyncio.run(_with_sessions(settings, done, existing=False))


def _read_article(path: str) -> bytes:
    """The article's bytes, read no further than the import's limit."""
    from bot.importer import MAX_ARTICLE_BYTES

    try:
        with Path(path).open("rb") as fh:
            data = fh.read(MAX_ARTICLE_BYTES + 1)
    except OSError as error:
        raise CliError("cli-cannot-read", path=path, reason=str(error.strerror or error)) from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise CliError("cli-file-too-large", path=path, max=MAX_ARTICLE_BYTES)
    return data


def _fetch_article(url: str, settings: Any) -> tuple[bytes, str]:
    """The article at ``url`` (fetched as ``/question import url:`` fetches it: public
    addresses only, every guard on) and the source it is kept under."""
    from bot.errors import UserError
    from bot.services import article_fetch

    async def fetch() -> Any:
        return await article_fetch.fetch_article(url, allow_loopback=settings.import_allow_loopback)

    try:
        page = asyncio.run(fetch())
    except UserError as error:  # the bot's own words for what went wrong, on one line
        raise CliError(error.key, **{k: _unescaped(v) for k, v in error.args_.items()}) from None
    return page.data, article_fetch.source_of(page.url)


def _unescaped(value: Any) -> Any:
    """A value the bot made inert for Discord (``127\\.0.0.1``), as a terminal shows it."""
    if not isinstance(value, str):
        return value
    return re.sub(r"\\([^\w\s])", r"\1", value).replace("\u200b", "")


def _is_link(argument: str) -> bool:
    return argument.lower().startswith(("http://", "https://"))


def cmd_questions_import(args: argparse.Namespace) -> int:
    from bot.services import cli_ops

    settings = _settings(args)
    if _is_link(args.file):
        data, source = _fetch_article(args.file, settings)
    else:
        data, source = _read_article(args.file), Path(args.file).name

    async def work(sessions: Any) -> int:
        outcome = await cli_ops.import_questions(
            sessions,
            settings,
            args.guild,
            data,
            options=args.options,
            source=source,
            category=args.category,
        )
        for line in outcome.left_out:
            why = "not-utf8" if line.reason == "not_utf8" else "too-long"
            _warn(args, args.file, t(f"cli-import-line-{why}", args.lang, line=line.line_number))
        for question in outcome.added:
            shown = {
                "id": question.id,
                "text": question.text,
                "options": " | ".join(question.options),
            }
            print(t("cli-import-added", args.lang, **shown))
        for text in outcome.skipped:
            print(t("cli-import-duplicate", args.lang, text=text))
        added, skipped = len(outcome.added), len(outcome.skipped)
        print(t("cli-import-total", args.lang, added=added, skipped=skipped))
        return EXIT_OK

    return asyncio.run(_with_sessions(settings, work, writable=True))


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
        raise CliError("cli-is-a-folder", path=args.output)

    async def work(sessions: Any) -> int:
        if target is None:
            await cli_ops.export(sessions, args.guild, args.discussion, args.format, sys.stdout)
            return EXIT_OK
        # A file is written beside itself (beside the file a link names, not the link),
        # readable by its owner alone, and moved over it once complete with the permissions
        # of the file it replaces (an operator may have made members' replies private): a
        # database that does not answer, or fails halfway, never empties last week's export.
        # What is no file (a pipe, /dev/null, a terminal) is written as it is: nothing to
        # keep, nothing to replace in /dev.
        in_place = target.exists() and not target.is_file()
        final = target if in_place else target.resolve()
        written = final if in_place else final.with_name(final.name + ".part")
        try:
            if not in_place:
                written.unlink(missing_ok=True)  # one a killed export left, with its mode
                written.touch(mode=0o600)
            with written.open("w", encoding="utf-8", newline="") as out:
                count = await cli_ops.export(
                    sessions, args.guild, args.discussion, args.format, out
                )
            if not in_place:
                written.chmod(_mode_for(final))
                written.replace(final)
        except OSError as error:
            reason = str(error.strerror or error)
            raise CliError("cli-cannot-write", path=args.output, reason=reason) from None
        finally:
            if not in_place:
                written.unlink(missing_ok=True)
        print(t("cli-export-written", args.lang, count=count, path=args.output), file=sys.stderr)
        return EXIT_OK

    return asyncio.run(_with_sessions(settings, work))


def _mode_for(final: Path) -> int:
    """The permissions of a file replacing ``final``: its own, else those of a new file."""
    try:
        return stat.S_IMODE(final.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def cmd_forget(args: argparse.Namespace) -> int:
    from bot.services import cli_ops

    settings = _settings(args)

    async def work(sessions: Any) -> int:
        erased = await cli_ops.forget(sessions, args.guild, args.user)
        counts = {"replies": erased.replies, "suggestions": erased.suggestions}
        print(t("cli-forget-done", args.lang, user=args.user, guild=args.guild, **counts))
        if erased.cards:
            print(t("cli-forget-cards", args.lang, cards=erased.cards))
        return EXIT_OK

    return asyncio.run(_with_sessions(settings, work, writable=True))


def cmd_analyze(args: argparse.Namespace) -> int:
    from bot.analysis.batch import analyze
    from bot.analysis.jsonl import EmptyExportError, read_export
    from bot.analysis.summary_json import report_json

    path = Path(args.file)
    if not path.is_file():
        raise CliError(
            "cli-no-such-file" if not path.exists() else "cli-not-a-file", path=args.file
        )
    try:
        read = read_export(path)
    except EmptyExportError:
        raise CliError("cli-export-empty", path=args.file) from None
    except OSError as error:
        reason = str(error.strerror or error)
        raise CliError("cli-cannot-read", path=args.file, reason=reason) from None
    if not read.discussions and read.warnings:
        first = _export_warning(read.warnings[0], args.lang)
        raise CliError("cli-not-an-export", path=args.file, skipped=len(read.warnings), first=first)
    for warning in read.warnings[:MAX_WARNINGS]:
        _warn(args, args.file, _export_warning(warning, args.lang))
    if len(read.warnings) > MAX_WARNINGS:
        more = len(read.warnings) - MAX_WARNINGS
        print(t("cli-bad-lines-more", args.lang, file=args.file, more=more), file=sys.stderr)
    vectors = None if args.no_themes else _reply_vectors(read.discussions, args)
    summaries = analyze(read.discussions, workers=args.jobs or os.cpu_count() or 1, vectors=vectors)
    if args.format == "json":
        # dumps, not dump: dump streams through the pure-Python encoder (4x slower);
        # the report is plain data just built, so there is no cycle to look for
        report = report_json(summaries)
        sys.stdout.write(json.dumps(report, ensure_ascii=False, check_circular=False) + "\n")
    else:
        from bot.analysis.text_report import render_text  # Fluent: only for the text report

        # each discussion in its own language (a server may have switched between two)
        blocks = [render_text([summary], summary.language) for summary in summaries]
        sys.stdout.write("\n\n".join(blocks) if blocks else render_text([], args.lang))
    return EXIT_OK


def _export_warning(warning: ExportWarning, language: str) -> str:
    """What of an export was skipped, in ``language``."""
    reason = t("cli-jsonl-" + warning.code, language, **warning.values)
    if warning.line is None:
        return reason
    return t("cli-line", language, line=warning.line, reason=reason)


def _reply_vectors(discussions: Sequence[Any], args: argparse.Namespace) -> dict[str, Any]:
    """Every reply's vector, from the cache or encoded, a progress bar on a terminal."""
    from bot.analysis.embeddings import default_encoder
    from bot.vector_cache import default_cache_dir, vectors_for

    texts = {r.id: r.text for d in discussions for r in d.replies}
    cache = None if args.no_cache else Path(args.cache_dir or default_cache_dir())
    if cache is not None:
        try:
            _usable_folder(cache)
        except CliError as error:
            if args.cache_dir:  # asked for by name: say so and stop
                raise
            said = t(error.key, args.lang, **error.args_)
            print(t("cli-cache-skipped", args.lang, reason=said), file=sys.stderr)
            cache = None
    progress = (
        functools.partial(_progress_bar, t("cli-progress", args.lang))
        if sys.stderr.isatty()
        else None
    )
    vectors = vectors_for(texts, default_encoder(), cache_dir=cache, progress=progress)
    if progress is not None:
        print(file=sys.stderr)
    return vectors


def _usable_folder(folder: Path) -> None:
    """Make ``folder`` (and its parents) if missing; :class:`CliError` when it cannot be."""
    if folder.exists() and not folder.is_dir():
        raise CliError("cli-not-a-folder", path=str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CliError("cli-cannot-write", path=str(folder), reason=str(error.strerror)) from None
    if not os.access(folder, os.W_OK):
        raise CliError("cli-cannot-write", path=str(folder), reason=os.strerror(13))


def _progress_bar(label: str, done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    bar = "#" * filled + "-" * (width - filled)
    print(f"\r{label} [{bar}] {done}/{total}", end="", file=sys.stderr, flush=True)


def cmd_demo(args: argparse.Namespace) -> int:
    from bot.demo.driver import run_demo

    return run_demo(Path(args.output), members=args.members, language=args.lang)


def cmd_web(args: argparse.Namespace) -> int:
    from bot.web_cli import serve

    settings = _settings(args)
    _start_logging(settings)
    # the database answers, at the latest schema, and takes writes (sessions, the audit log)
    asyncio.run(_with_sessions(settings, _ready, writable=True))
    return serve(settings, args.guild, args.port, args.lang)


def _positive_int(language: str, text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(t("cli-not-positive", language, value=text))
    return value


MAX_ID = 2**63 - 1
"""The largest id a database column holds (Discord's snowflakes and ours are below it)."""


def _id(language: str, text: str) -> int:
    value = _positive_int(language, text)
    if value > MAX_ID:
        raise argparse.ArgumentTypeError(t("cli-not-an-id", language, value=text))
    return value


def _port(language: str, text: str) -> int:
    value = _positive_int(language, text)
    if value > 65535:
        raise argparse.ArgumentTypeError(t("cli-not-a-port", language, value=text))
    return value


class _Words:
    """What a parser needs in one language: help texts and the argument types."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.id = functools.partial(_id, language)
        self.positive = functools.partial(_positive_int, language)
        self.port = functools.partial(_port, language)
        self.file = t("cli-metavar-file", language)

    def help(self, what: str) -> str:
        return t("cli-help-" + what, self.language)

    def metavar(self, what: str) -> str:
        return t("cli-metavar-" + what, self.language)

    @property
    def guild(self) -> dict[str, Any]:
        """``--guild``, which every command but ``analyze`` and ``demo`` requires."""
        return {
            "type": self.id,
            "required": True,
            "metavar": self.metavar("guild"),
            "help": self.help("guild"),
        }


def build_parser(language: str = "fr") -> argparse.ArgumentParser:
    words = _Words(language)
    common = LocalizedParser(add_help=False, language=language)
    # Unset, these are left out (SUPPRESS): given before the command, the
    # sub-command's own default would otherwise overwrite them.
    common.add_argument(
        "--database-url", default=argparse.SUPPRESS, help=words.help("database-url")
    )
    common.add_argument(
        "--env-file",
        default=argparse.SUPPRESS,
        metavar=words.metavar("env-file"),
        help=words.help("env-file"),
    )
    common.add_argument(
        cli_language.OPTION,
        dest="lang",
        type=str.lower,
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=words.help("lang"),
    )
    parser = LocalizedParser(
        prog="python -m bot",
        description=t("cli-description", language),
        parents=[common],
        language=language,
    )
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", parents=[common], help=words.help("run"))
    run.set_defaults(handler=cmd_run)
    _add_database_commands(commands, common, words)
    _add_data_commands(commands, common, words)
    _add_server_commands(commands, common, words)
    return parser


def _add_database_commands(commands: Any, common: argparse.ArgumentParser, words: _Words) -> None:
    """``db upgrade`` and ``questions import|list``."""
    db = commands.add_parser("db", parents=[common], help=words.help("db"))
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", parents=[common], help=words.help("db-upgrade"))
    upgrade.set_defaults(handler=cmd_db_upgrade)

    questions = commands.add_parser("questions", parents=[common], help=words.help("questions"))
    q_commands = questions.add_subparsers(dest="q_command", required=True)
    imp = q_commands.add_parser("import", parents=[common], help=words.help("questions-import"))
    imp.add_argument("file", metavar=words.file, help=words.help("import-file"))
    imp.add_argument("--guild", **words.guild)
    imp.add_argument("--options", help=words.help("import-options"))
    imp.add_argument(
        "--category", metavar=words.metavar("category"), help=words.help("import-category")
    )
    imp.set_defaults(handler=cmd_questions_import)
    lst = q_commands.add_parser("list", parents=[common], help=words.help("questions-list"))
    lst.add_argument("--guild", **words.guild)
    lst.set_defaults(handler=cmd_questions_list)


def _add_data_commands(commands: Any, common: argparse.ArgumentParser, words: _Words) -> None:
    """``export``, ``analyze`` (an export file) and ``forget``."""
    export = commands.add_parser("export", parents=[common], help=words.help("export"))
    export.add_argument("--guild", **words.guild)
    export.add_argument("--discussion", type=words.id, help=words.help("export-discussion"))
    export.add_argument(
        "--format", choices=("jsonl", "csv"), default="jsonl", help=words.help("export-format")
    )
    export.add_argument(
        "--output", metavar=words.metavar("output-file"), help=words.help("export-output")
    )
    export.set_defaults(handler=cmd_export)

    analyze = commands.add_parser("analyze", parents=[common], help=words.help("analyze"))
    analyze.add_argument("file", metavar=words.file, help=words.help("analyze-file"))
    analyze.add_argument(
        "--format", choices=("json", "text"), default="text", help=words.help("analyze-format")
    )
    analyze.add_argument(
        "--jobs",
        type=words.positive,
        metavar=words.metavar("jobs"),
        help=words.help("analyze-jobs"),
    )
    analyze.add_argument("--no-themes", action="store_true", help=words.help("analyze-no-themes"))
    analyze.add_argument(
        "--cache-dir", metavar=words.metavar("cache-dir"), help=words.help("analyze-cache-dir")
    )
    analyze.add_argument("--no-cache", action="store_true", help=words.help("analyze-no-cache"))
    analyze.set_defaults(handler=cmd_analyze)

    forget = commands.add_parser("forget", parents=[common], help=words.help("forget"))
    forget.add_argument("--guild", **words.guild)
    forget.add_argument(
        "--user",
        type=words.id,
        required=True,
        metavar=words.metavar("user"),
        help=words.help("user"),
    )
    forget.set_defaults(handler=cmd_forget)


def _add_server_commands(commands: Any, common: argparse.ArgumentParser, words: _Words) -> None:
    """``web`` (the review room alone) and ``demo``."""
    web = commands.add_parser("web", parents=[common], help=words.help("web"))
    web.add_argument("--guild", **words.guild)
    web.add_argument("--port", type=words.port, help=words.help("web-port"))
    web.set_defaults(handler=cmd_web)

    demo = commands.add_parser("demo", parents=[common], help=words.help("demo"))
    demo.add_argument(
        "--output",
        default="demo-output",
        metavar=words.metavar("output-folder"),
        help=words.help("demo-output"),
    )
    demo.add_argument(
        "--members",
        type=words.positive,
        default=12,
        metavar=words.metavar("members"),
        help=words.help("demo-members"),
    )
    demo.set_defaults(handler=cmd_demo)


def _language(argv: Sequence[str]) -> str | None:
    """The CLI's language, or ``None`` once it has said, in one line, that it knows no other."""
    try:
        return cli_language.choose(cli_language.requested(argv), os.environ)
    except cli_language.UnknownLanguage as unknown:
        said = t("cli-unknown-language", unknown.speak, source=unknown.source, value=unknown.value)
        print(t("cli-error", unknown.speak, message=said), file=sys.stderr)
        return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    language = _language(arguments)
    if language is None:
        return EXIT_USAGE
    args = build_parser(language).parse_args(arguments)
    args.lang = getattr(args, "lang", language)
    handler = getattr(args, "handler", cmd_run)
    try:
        with cli_output.guarded():
            return int(handler(args))
    except cli_output.OutputFailed as failed:
        cli_output.abandon()
        if isinstance(failed.error, BrokenPipeError):
            return cli_output.READER_GONE
        if failed.error is None:
            reason = t("cli-output-closed", args.lang)
        else:
            reason = str(failed.error.strerror or failed.error)
        said = t("cli-cannot-write-output", args.lang, reason=reason)
        print(t("cli-error", args.lang, message=said), file=sys.stderr)
        return EXIT_ERROR
    except CliError as error:
        said = t(error.key, args.lang, **error.args_)
        print(t("cli-error", args.lang, message=said), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: one line, the traceback only when asked for
        if os.environ.get("ETVOUS_DEBUG"):
            raise
        from bot.logs import redact

        kind, detail = type(error).__name__, redact(" ".join(str(error).split()))[:200]
        said = t("cli-unexpected", args.lang, kind=kind, detail=detail)
        print(t("cli-error", args.lang, message=said), file=sys.stderr)
        return EXIT_ERROR
