"""The commands that serve until stopped (``run``, ``web``, ``demo``) and ``db upgrade``."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Any

from bot.cli.runtime import (
    EXIT_OK,
    ready,
    settings_of,
    start_logging,
    with_sessions,
)
from bot.config import SettingsError, check_bot_token, redact_url
from bot.errors import CliError
from bot.i18n import t


def cmd_run(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    if not settings.discord_token:
        raise CliError("cli-token-missing")
    try:
        check_bot_token(settings.discord_token)
    except SettingsError as error:
        raise CliError(error.key, **error.args_) from None
    start_logging(settings)
    # The database answers and has the latest schema before Discord is asked anything.
    asyncio.run(with_sessions(settings, ready, writable=True, existing=False))
    from bot.runner import run_bot

    return run_bot(settings)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    settings = settings_of(args)

    async def done(_: Any) -> int:
        print(t("cli-db-up-to-date", args.lang, url=redact_url(settings.database_url)))
        return EXIT_OK

    return asyncio.run(with_sessions(settings, done, existing=False))


def cmd_web(args: argparse.Namespace) -> int:
    from bot.web_cli import serve

    settings = settings_of(args)
    start_logging(settings)
    # the database answers, at the latest schema, and takes writes (sessions, the audit log)
    asyncio.run(with_sessions(settings, ready, writable=True))
    return serve(settings, args.guild, args.port, args.lang)


def cmd_demo(args: argparse.Namespace) -> int:
    from bot.demo.driver import run_demo

    return run_demo(Path(args.output), members=args.members, language=args.lang)
