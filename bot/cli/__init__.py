"""The admin CLI. Every command takes ``--database-url`` over the setting.

Errors are one clear line on stderr and a non-zero exit, never a traceback.
What it writes for a person is in its language (``--lang``, ``ETVOUS_LANG``,
the locale; French first: :mod:`bot.cli_language`); what it writes for a
program (exports, ``analyze --format json``, ``questions list``) never changes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from bot.cli import language as cli_language
from bot.cli import output as cli_output
from bot.cli.parser import build_parser
from bot.cli.runtime import EXIT_ERROR, EXIT_USAGE
from bot.cli.serve import cmd_run
from bot.errors import CliError
from bot.i18n import os_reason, t


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
    if getattr(args, "changes_data", False) and cli_output.closed():
        # Refused before the change: an exit of 1 after it would say it failed.
        unchanged = t("cli-output-closed-unchanged", args.lang)
        said = t("cli-cannot-write-output", args.lang, reason=unchanged)
        cli_output.say(t("cli-error", args.lang, message=said))
        return EXIT_ERROR
    try:
        with cli_output.guarded():
            return int(handler(args))
    except cli_output.OutputFailed as failed:
        cli_output.abandon()
        if isinstance(failed.error, BrokenPipeError):
            return cli_output.READER_GONE
        reason = (
            t("cli-output-closed", args.lang) if failed.error is None else os_reason(failed.error)
        )
        said = t("cli-cannot-write-output", args.lang, reason=reason)
        cli_output.say(t("cli-error", args.lang, message=said))
        return EXIT_ERROR
    except CliError as error:
        said = t(error.key, args.lang, **error.args_)
        cli_output.say(t("cli-error", args.lang, message=said))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: one line, the traceback only when asked for
        if os.environ.get("ETVOUS_DEBUG"):
            raise
        from bot.logs import redact

        kind, detail = type(error).__name__, redact(" ".join(str(error).split()))[:200]
        said = t("cli-unexpected", args.lang, kind=kind, detail=detail)
        cli_output.say(t("cli-error", args.lang, message=said))
        return EXIT_ERROR
