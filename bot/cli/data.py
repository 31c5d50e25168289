"""``export`` (to the standard output or a file replaced whole) and ``forget``."""

from __future__ import annotations

import argparse
import asyncio
import os
import stat
import sys
from pathlib import Path
from typing import Any

from bot.cli.runtime import (
    EXIT_OK,
    settings_of,
    with_sessions,
)
from bot.errors import CliError
from bot.export_format import DEFAULT_CSV_DIALECT
from bot.i18n import os_reason, t


def cmd_export(args: argparse.Namespace) -> int:
    from bot.services import cli_ops

    if args.csv_dialect is not None and args.format != "csv":
        raise CliError("cli-csv-dialect-not-csv", dialect=args.csv_dialect)
    dialect = args.csv_dialect or DEFAULT_CSV_DIALECT
    settings = settings_of(args)
    target = Path(args.output) if args.output else None
    if target is not None and target.is_dir():
        raise CliError("cli-is-a-folder", path=args.output)

    async def work(sessions: Any) -> int:
        if target is None:
            await cli_ops.export(
                sessions, args.guild, args.discussion, args.format, sys.stdout, dialect
            )
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
                    sessions, args.guild, args.discussion, args.format, out, dialect
                )
            if not in_place:
                written.chmod(_mode_for(final))
                written.replace(final)
        except OSError as error:
            reason = os_reason(error)
            raise CliError("cli-cannot-write", path=args.output, reason=reason) from None
        finally:
            if not in_place:
                written.unlink(missing_ok=True)
        print(t("cli-export-written", args.lang, count=count, path=args.output), file=sys.stderr)
        return EXIT_OK

    return asyncio.run(with_sessions(settings, work))


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

    settings = settings_of(args)

    async def work(sessions: Any) -> int:
        erased = await cli_ops.forget(sessions, args.guild, args.user)
        counts = {"replies": erased.replies, "suggestions": erased.suggestions}
        print(t("cli-forget-done", args.lang, user=args.user, guild=args.guild, **counts))
        if erased.cards:
            print(t("cli-forget-cards", args.lang, cards=erased.cards))
        return EXIT_OK

    return asyncio.run(with_sessions(settings, work, writable=True))
