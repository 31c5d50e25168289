"""The CLI's commands and options, worded in one language."""

from __future__ import annotations

import argparse
import functools
from typing import Any

from bot.cli import language as cli_language
from bot.cli.analyze import cmd_analyze
from bot.cli.data import cmd_export, cmd_forget
from bot.cli.localized_argparse import LocalizedParser
from bot.cli.questions import cmd_questions_import, cmd_questions_list
from bot.cli.serve import cmd_db_upgrade, cmd_demo, cmd_run, cmd_web
from bot.discord_text import visible
from bot.export_format import CSV_DIALECTS
from bot.i18n import LANGUAGES, t


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


def _category(language: str, text: str) -> str:
    """A category as typed: an empty one (``--category ""``, spaces, invisible characters)
    is refused, not taken for none (the option left out means none)."""
    if not visible(text):
        raise argparse.ArgumentTypeError(t("cli-empty-category", language))
    return text


def _options(language: str, text: str) -> str:
    """Options as typed: empty ones (``--options ""``, spaces, invisible characters) are
    refused, not taken for the default (the option left out means that)."""
    if not visible(text):
        raise argparse.ArgumentTypeError(t("cli-empty-options", language))
    return text


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
        self.category = functools.partial(_category, language)
        self.options = functools.partial(_options, language)
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
    upgrade.set_defaults(handler=cmd_db_upgrade, changes_data=True)

    questions = commands.add_parser("questions", parents=[common], help=words.help("questions"))
    q_commands = questions.add_subparsers(dest="q_command", required=True)
    imp = q_commands.add_parser("import", parents=[common], help=words.help("questions-import"))
    imp.add_argument("file", metavar=words.file, help=words.help("import-file"))
    imp.add_argument("--guild", **words.guild)
    imp.add_argument("--options", type=words.options, help=words.help("import-options"))
    imp.add_argument(
        "--category",
        type=words.category,
        metavar=words.metavar("category"),
        help=words.help("import-category"),
    )
    imp.set_defaults(handler=cmd_questions_import, changes_data=True)
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
        "--csv-dialect",
        choices=tuple(CSV_DIALECTS),
        help=words.help("export-csv-dialect"),
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
    forget.set_defaults(handler=cmd_forget, changes_data=True)


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
