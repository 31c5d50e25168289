"""What every command stands on: its settings, its log, the database migrated to head,
and the exit codes."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.config import Settings, SettingsError, load_env, redact_url
from bot.errors import CliError
from bot.i18n import Listed, os_reason, t
from bot.net_reasons import unreachable

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


MIN_MASKED_PASSWORD = 6
"""The database's password is masked in the logs wherever it shows from this length on."""


MAX_WARNINGS = 20
"""Bad input lines reported one by one; the rest are counted (a wrong file has thousands)."""


def warn(args: argparse.Namespace, file: str, message: str) -> None:
    print(t("cli-in-file", args.lang, file=file, message=message), file=sys.stderr)


def settings_of(args: argparse.Namespace) -> Settings:
    env_file = getattr(args, "env_file", None)
    try:
        for skipped in load_env(env_file):
            key = "cli-env-not-utf8" if skipped.reason == "not_utf8" else "cli-env-not-name-value"
            warn(args, env_file or ".env", t(key, args.lang, line=skipped.line))
        return Settings.from_env(database_url=getattr(args, "database_url", None))
    except SettingsError as error:
        raise CliError(error.key, **error.args_) from None


_PASSWORD_REFUSED = "28P01"
"""PostgreSQL's SQLSTATE for a password it refused (``invalid_password``)."""


def _database_said(error: BaseException) -> Listed | str | None:
    """What the database itself answered (a database name it does not have, a role it
    refused, a file that is not a database), or ``None`` when it was never reached; a
    password refused in the CLI's words (the server names the user, whom the URL shows)."""
    from bot.logs import redact

    orig = getattr(error, "orig", None)
    if orig is None or isinstance(orig, OSError):
        return None
    if getattr(orig, "sqlstate", None) == _PASSWORD_REFUSED:
        return Listed(("cli-net-password-refused",))
    said = str(orig).strip().splitlines()
    return redact(said[0])[:200] if said else None


def _what(error: BaseException) -> Listed | str:
    """Why the database could not be reached (:func:`bot.net_reasons.unreachable`)."""
    return unreachable(error)


async def with_sessions(
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
        if await asyncio.to_thread(Path(database).is_dir):  # SQLite: "unable to open database file"
            raise CliError("cli-database-is-folder", path=database)
        if existing and not await asyncio.to_thread(Path(database).exists):
            raise CliError("cli-database-no-file", path=database)
    try:
        engine = open_engine(settings.database_url, lock_wait=settings.lock_wait_seconds)
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


async def ready(_: Any) -> int:
    return EXIT_OK


def start_logging(settings: Settings) -> None:
    """The log of a command that serves (``run``, ``web``): LOG_LEVEL, LOG_FILE, secrets masked."""
    from bot.logs import setup_logging

    try:
        setup_logging(settings.log_level, secrets=_secrets(settings), file=settings.log_file)
    except OSError as error:  # LOG_FILE in a folder that does not exist, or a folder itself
        reason = os_reason(error)
        raise CliError("settings-log-file", file=str(settings.log_file), reason=reason) from None
